"""Entity and topic pages stay readable, and bounded, when a name or a topic runs through
hundreds of articles: every mention while it fits, then one line per article; the latest
events, with a pointer to the timeline for the rest."""

from __future__ import annotations

import dataclasses

from conftest import make_article
from generator.model import EntityType, Event, Mention
from generator.render_index import MAX_MENTION_LINES, MAX_PAGE_EVENTS, latest_events, mentioned_in


def mention(article: str, paragraph: int) -> Mention:
    return Mention(surface="Ada", type=EntityType.PERSON, article=article, paragraph=paragraph,
                   sentence=f"Ada spoke in {article} paragraph {paragraph}.")


def articles(n: int) -> dict:
    return {f"a{i}": make_article("x", id=f"a{i}") for i in range(n)}


def test_a_few_mentions_are_all_listed_with_their_sentences():
    lines = mentioned_in([mention("a1", 3), mention("a0", 2), mention("a0", 5), mention("a0", 5)], articles(2))
    assert lines == (
        '<li><a href="../articles/a0.html#p2">T</a>: Ada spoke in a0 paragraph 2.</li>',
        '<li><a href="../articles/a0.html#p5">T</a>: Ada spoke in a0 paragraph 5.</li>',
        '<li><a href="../articles/a1.html#p3">T</a>: Ada spoke in a1 paragraph 3.</li>',
    )


def test_a_name_in_many_paragraphs_gets_one_line_per_article():
    many = [mention(f"a{i}", p) for i in range(40) for p in (1, 4, 9)]
    assert len(many) > MAX_MENTION_LINES
    lines = mentioned_in(many, articles(40))
    assert len(lines) == 40
    assert lines[0] == ('<li><a href="../articles/a0.html#p1">T</a>: Ada spoke in a0 paragraph 1. '
                        "(and 2 more paragraphs)</li>")


def test_pages_list_the_latest_events_and_count_the_rest():
    events = [Event(date=str(1900 + i), text=f"Event {i}.", article="a0", paragraph=1) for i in range(45)]
    lines = latest_events(events, articles(1))
    assert len(lines) == MAX_PAGE_EVENTS + 1
    assert lines[0] == '<li>…and 15 earlier events on the <a href="../timeline.html">timeline</a></li>'
    assert lines[1].startswith("<li><strong>1915</strong>: Event 15.")
    assert lines[-1].startswith("<li><strong>1944</strong>: Event 44.")
    assert latest_events(events[:3], articles(1))[0].startswith("<li><strong>1900</strong>")


def test_list_text_is_escaped_html():
    hostile = dataclasses.replace(make_article("x", id="a0"), title='<b onclick="x">&')
    line = mentioned_in([Mention(surface="Ada", type=EntityType.PERSON, article="a0", paragraph=1,
                                 sentence="<script>alert(1)</script> & *not em*")], {"a0": hostile})[0]
    assert line == ('<li><a href="../articles/a0.html#p1">&lt;b onclick=&quot;x&quot;&gt;&amp;</a>: '
                    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; *not em*</li>")
