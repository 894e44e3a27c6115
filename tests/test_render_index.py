"""Entity and topic pages stay readable, and bounded, when a name or a topic runs through
hundreds of articles: one line per article (its most telling mention); the latest
events, with a pointer to the timeline for the rest."""

from __future__ import annotations

import dataclasses
import re

from hypothesis import given, settings, strategies as st

from conftest import make_article
from generator.model import Entity, EntityType, Event, Mention
from generator.render.indexes import (MAX_PAGE_EVENTS, Item, elsewhere_item, latest_events, mentioned_in,
                                    render_listing, roles, surname_first, wrote)


def mention(article: str, paragraph: int) -> Mention:
    return Mention(surface="Ada", type=EntityType.PERSON, article=article, paragraph=paragraph,
                   sentence=f"Ada spoke in {article} paragraph {paragraph}.")


def articles(n: int) -> dict:
    return {f"a{i}": make_article("x", id=f"a{i}") for i in range(n)}


def test_one_line_per_article_with_its_most_telling_mention_and_how_many_more():
    found = [mention("a1", 3), mention("a0", 2), mention("a0", 5), mention("a0", 5),
             dataclasses.replace(mention("a0", 7), description="the mayor")]
    lines = mentioned_in(found, articles(2))
    assert lines == (
        '<li><a href="../articles/a0.html#p7">T</a>: Ada spoke in a0 paragraph 7. (and 3 more mentions)</li>',
        '<li><a href="../articles/a1.html#p3">T</a>: Ada spoke in a1 paragraph 3.</li>',
    )


def test_a_name_in_many_paragraphs_gets_one_line_per_article():
    many = [mention(f"a{i}", p) for i in range(40) for p in (1, 4, 9)]
    lines = mentioned_in(many, articles(40))
    assert len(lines) == 40
    assert lines[0] == ('<li><a href="../articles/a0.html#p1">T</a>: Ada spoke in a0 paragraph 1. '
                        "(and 2 more mentions)</li>")


def test_the_fuller_name_tells_more_than_the_short_one():
    short = mention("a0", 1)
    full = dataclasses.replace(mention("a0", 4), surface="Ada Lovelace")
    assert mentioned_in([short, full], articles(1))[0].startswith('<li><a href="../articles/a0.html#p4">')


def test_a_byline_is_writing_not_a_mention():
    byline = dataclasses.replace(mention("a0", 0), part="byline")
    assert mentioned_in([byline, mention("a1", 2)], articles(2)) == (
        '<li><a href="../articles/a1.html#p2">T</a>: Ada spoke in a1 paragraph 2.</li>',)
    assert wrote([byline, mention("a1", 2)], articles(2)) == ('<li><a href="../articles/a0.html">T</a></li>',)
    author = Entity(key="ada", name="Ada", type=EntityType.PERSON, aliases=(), descriptions=(), mentions=(byline,))
    assert elsewhere_item(author, articles(1)).blurb == "wrote <em>T</em>"


def test_a_name_without_a_page_links_every_article_that_names_it():
    ada = Entity(key="ada", name="Ada", type=EntityType.PERSON, aliases=(), descriptions=(("a2", "the mayor"),),
                 mentions=(mention("a2", 4), mention("a2", 1), dataclasses.replace(mention("a0", 0), part="byline"),
                           mention("a1", 6)))
    item = elsewhere_item(ada, articles(3))
    assert item.count == 3 and item.elsewhere == ("articles/a0.md", 0)
    assert item.blurb == ('the mayor, 3 articles: wrote <a href="../articles/a0.html">T</a>; '
                          '<a href="../articles/a1.html#p6">T</a>; <a href="../articles/a2.html#p1">T</a>')


def test_roles_are_listed_once_with_every_article_that_gives_them():
    ada = Entity(key="ada", name="Ada", type=EntityType.PERSON, aliases=(), mentions=(mention("a0", 1),),
                 descriptions=(("a0", "House Speaker"), ("a1", "House speaker"), ("a1", "Mayor"),
                               ("a0", "House Speaker")))
    assert roles(ada, articles(2)) == (
        '<li>House Speaker (<a href="../articles/a0.html">T</a>, <a href="../articles/a1.html">T</a>)</li>',
        '<li>Mayor (<a href="../articles/a1.html">T</a>)</li>')


def person(name: str, *aliases: str) -> Entity:
    return Entity(key=name.lower().replace(" ", "-"), name=name, type=EntityType.PERSON, aliases=aliases,
                  descriptions=(), mentions=(mention("a0", 1),))


def test_people_sort_by_surname_as_the_articles_use_it():
    assert surname_first(person("Antony J. Blinken", "Blinken")) == "Blinken Antony J."
    assert surname_first(person("Xi Jinping", "Xi")) == "Xi Jinping"  # family name first
    assert surname_first(person("Martin Luther King Jr.")) == "King Martin Luther Jr."
    index = render_listing("people", "People", "People.", tuple(
        Item(key=p.key, name=p.name, count=n, blurb="", sort_name=surname_first(p))
        for p, n in ((person("Zoe Adams"), 1), (person("Al Brown"), 9), (person("Xi Jinping", "Xi"), 4))),
        alphabetical=True)[0].text
    assert index.index("Zoe Adams") < index.index("Al Brown") < index.index("Xi Jinping")


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


def test_timeline_shows_dates_in_words_and_keeps_plans_apart_under_ahead():
    from generator.corpus.briefing import build_briefing
    from generator.model import Enriched
    from generator.render.timeline import render_timeline
    a0 = make_article("x", id="a0")
    events = (Event(date="2022-08", text="Talks froze.", article="a0", paragraph=1),
              Event(date="1800s", text="Opium came.", article="a0", paragraph=1),
              Event(date="2030s", text="Use will peak.", article="a0", paragraph=1, ahead=True))
    briefing = build_briefing((Enriched(article=a0, events=events),))  # sorts them, as every build
    assert briefing.events == (events[1], events[0], events[2])
    (timeline,) = render_timeline(briefing)
    text = timeline.text
    happened, ahead = text.split("## Ahead")
    assert "2 events the articles date explicitly, and 1 plan or forecast ahead." in happened
    assert happened.index("<strong>19th century</strong>") < happened.index("<strong>August 2022</strong>")
    assert "2022-08" not in text and "Use will peak" not in happened
    assert "<strong>the 2030s</strong> <em>(ahead)</em>: Use will peak." in ahead


def test_an_event_after_every_articles_date_is_marked_ahead():
    from generator.corpus.briefing import mark_ahead
    events = (Event(date="2025", text="a", article="a0", paragraph=1), Event(date="2024", text="b", article="a0", paragraph=1))
    assert [e.ahead for e in mark_ahead(events, "2024-03-01")] == [True, False]
    assert [e.ahead for e in mark_ahead(events, None)] == [False, False]


def test_a_long_timeline_is_an_index_of_pages_of_consecutive_years_none_over_the_limit():
    """No page grows with the briefing (issue 19): past TIMELINE_PAGE_MAX_EVENTS the timeline
    lists pages of whole years packed together, a crowded year cut into parts."""
    import frontmatter

    from generator.corpus.facts import event_order
    from generator.model import Briefing, Enriched
    from generator.render.timeline import TIMELINE_PAGE_MAX_EVENTS as LIMIT, render_timeline
    a0 = make_article("x", id="a0")
    counts = {1990: 30, 1991: 40, 2019: LIMIT - 80, 2020: 2 * LIMIT + 5, 2021: 3}
    events = tuple(Event(date=f"{year}-0{1 + i % 9}", text=f"Event {year} {i}.", article="a0", paragraph=1)
                   for year, n in counts.items() for i in range(n))
    events += (Event(date="2031", text="Plan.", article="a0", paragraph=1, ahead=True),)
    events = tuple(sorted(events, key=event_order))  # as the briefing holds them
    pages = render_timeline(Briefing(articles=(Enriched(article=a0),), events=events))
    index, parts = pages[0], pages[1:]
    assert index.path == "timeline.md"
    assert [p.path for p in parts] == ["timeline/1990-2019.md", "timeline/2020.md", "timeline/2020-2.md",
                                       "timeline/2020-3.md", "timeline/2021.md", "timeline/ahead-2031.md"]
    listed = [p.text.count("<li>") for p in parts]
    assert max(listed) <= LIMIT and sum(listed) == len(events)
    assert frontmatter.loads(parts[1].text)["title"] == "Timeline: 2020 (part 1 of 3)"
    for part in parts:  # the index links every part, with its count
        assert f'href="{part.path.removesuffix(".md")}.html"' in index.text
    assert f"1990–2019</a>: {30 + 40 + LIMIT - 80} events" in index.text
    assert "## Ahead" in index.text and "Plan." not in index.text


def test_a_summary_line_is_the_lead_sentence_never_cut_at_an_abbreviation():
    from generator.render.links import summary_line
    lead = ("Mr. Smith of the U.S. Treasury met Walt Disney Co. executives on Oct. 9 in Washington. "
            "They spoke for an hour.")
    assert summary_line(make_article(lead)) == (
        "Mr. Smith of the U.S. Treasury met Walt Disney Co. executives on Oct. 9 in Washington.")


def test_a_long_listing_goes_on_in_pages_of_bounded_length(monkeypatch):
    from generator.render import indexes

    monkeypatch.setattr(indexes, "LISTING_PAGE_MAX", 3)
    items = tuple(Item(key=f"k{n}", name=f"Name {n:02d}", count=20 - n, blurb="b", elsewhere=("articles/a0.md", 1))
                  for n in range(8))
    pages = render_listing("people", "People", "Intro.", items, alphabetical=True)
    assert [p.path for p in pages] == ["people/index.md", "people/index_2.md", "people/index_3.md"]
    names = [re.findall(r">(Name \d+)</a> —", p.text) for p in pages]
    assert names == [["Name 00", "Name 01", "Name 02"], ["Name 03", "Name 04", "Name 05"], ["Name 06", "Name 07"]]
    assert '<a href="../people/index_2.html">Name 03 … Name 05</a>' in pages[0].text
    assert "[All pages](index.md)" in pages[2].text
    ranked = render_listing("places", "Places", "Intro.", items)
    assert '<a href="../places/index_3.html">7–8</a>' in ranked[0].text


def test_a_long_item_page_goes_on_in_pages_with_its_sections_continued(monkeypatch):
    from generator.render import indexes
    from generator.render.indexes import Section

    monkeypatch.setattr(indexes, "LISTING_PAGE_MAX", 4)
    item = Item(key="cooperation", name="Cooperation", count=6, blurb="b",
                sections=(Section("Articles", tuple(f"<li>a{n}</li>" for n in range(6))),
                          Section("Events", ("<li>e0</li>",)), Section("Empty", ())))
    pages = render_listing("topics", "Topics", "Intro.", (item,))[1:]
    assert [p.path for p in pages] == ["topics/cooperation.md", "topics/cooperation_2.md"]
    assert re.findall(r"<li>(\w+)</li>", pages[0].text) == ["a0", "a1", "a2", "a3"]
    assert re.findall(r"<li>(\w+)</li>", pages[1].text) == ["a4", "a5", "e0"]
    assert "Articles (continued)" in pages[1].text and "Events" in pages[1].text and "Empty" not in pages[1].text
    assert "[next page](cooperation_2.md)" in pages[0].text and "[previous page](cooperation.md)" in pages[1].text


def test_groups_are_packed_whole_while_they_fit_and_a_larger_one_cut():
    from generator.render.links import pack_groups

    pages = pack_groups([("a", [1, 2]), ("b", [3]), ("c", [4, 5, 6, 7, 8]), ("d", [9, 10]), ("e", [11])], 3)
    assert pages == [[("a", (1, 2), 0, 0), ("b", (3,), 0, 0)], [("c", (4, 5, 6), 1, 2)], [("c", (7, 8), 2, 2)],
                     [("d", (9, 10), 0, 0), ("e", (11,), 0, 0)]]


MENTIONS = st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from(["title", "body", "byline", "caption"]),
                              st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(MENTIONS, st.sets(st.sampled_from(["a", "b", "c"]), min_size=1))
def test_first_naming_is_the_first_of_the_namings(found, present):
    """`first_naming` (briefing.json's link for a name without a page) finds its article
    and paragraph alone: they are those of the first `Naming` the index line lists."""
    from generator.render.links import first_naming, namings
    mentions = tuple(Mention("Ada", EntityType.PERSON, article, paragraph, "Ada spoke.", part=part, start=start)
                     for article, part, paragraph, start in found)
    entity = Entity("ada", "Ada", EntityType.PERSON, (), (), mentions)
    articles = {a: make_article("Text.", id=a) for a in present | {m.article for m in mentions[:1]}}
    first = namings(entity, articles)[0]
    assert first_naming(entity, articles) == (first.article, first.paragraph)
