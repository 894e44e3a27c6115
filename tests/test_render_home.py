"""The home page renderer on a small hand-built briefing: every section, in order, with the
lines a reader sees (expected text written by hand, not taken from a build)."""

from __future__ import annotations

import dataclasses

from conftest import make_article
from generator.corpus.facts import choose_pages
from generator.model import (Briefing, Enriched, Entity, EntityType, Event, Figure, Mention, Quote, Speaker,
                             Topic)
from generator.render.home import render_home

QUOTE = Quote(text="We built this mill for the whole town and its workers", speaker="Lovelace",
              described_as=None, article="a", paragraph=2, speaker_name="Ada Lovelace")
# Named, long enough, but its name resolves to no entity: not a notable quote.
UNRESOLVED = Quote(text="The dockers have been the heart of this port for a century", speaker="Bob Hale",
                   described_as=None, article="b", paragraph=1)


def small_briefing() -> Briefing:
    mill = dataclasses.replace(
        make_article("Ada Lovelace opened the mill in Leeds. The mill employs 300 workers.",
                     "“We built this mill for the whole town and its workers,” Lovelace said.", id="a"),
        title="Mill opens", standfirst=("The mill opened on Monday.",))
    port = dataclasses.replace(
        make_article("Ada Lovelace visited the port on Tuesday and praised the dockers. It was busy.", id="b"),
        title="Port visit")
    ada = Entity(key="ada-lovelace", name="Ada Lovelace", type=EntityType.PERSON, aliases=("Lovelace",),
                 descriptions=(("a", "the engineer"),),
                 mentions=(Mention("Ada Lovelace", EntityType.PERSON, "a", 1, "Ada Lovelace opened the mill."),
                           Mention("Ada Lovelace", EntityType.PERSON, "b", 1, "Ada Lovelace visited the port.")))
    leeds = Entity(key="leeds", name="Leeds", type=EntityType.PLACE, aliases=(), descriptions=(),
                   mentions=(Mention("Leeds", EntityType.PLACE, "a", 1, "Ada Lovelace opened the mill in Leeds."),))
    figure = Figure(value="300", counts="300 workers", sentence="The mill employs 300 workers.", article="a",
                    paragraph=1)
    events = (Event(date="2021", text="The old mill closed in 2021.", article="a", paragraph=1),
              Event(date="2022-08", text="The port reopened in August 2022.", article="b", paragraph=1),
              Event(date="2030", text="A second mill will open by 2030.", article="a", paragraph=2, ahead=True))
    return Briefing(articles=(Enriched(article=mill, figures=(figure,)), Enriched(article=port)),
                    entities=choose_pages((ada, leeds)), quotes=(QUOTE, UNRESOLVED), events=events,
                    topics=(Topic(key="mills", name="Mills", articles=("a", "b")),),
                    speakers=(Speaker(quote=QUOTE, entity="ada-lovelace"),))


def test_home_page_of_a_small_briefing():
    page = render_home(small_briefing(), "Mill town")
    assert page.path == "index.md"
    assert page.text == """---
description: 'Mill town: 2 articles on Mills, naming Ada Lovelace.'
search:
  exclude: true
generated_by: briefing
---

# Mill town

This briefing gathers 2 articles (2 news). The events they date run from 2021 to August 2022; \
they name 1 person and 1 organisation or place.

## Key points

- The mill opened on Monday. — [Mill opens](articles/a.md)
- Ada Lovelace visited the port on Tuesday and praised the dockers. — [Port visit](articles/b.md)

## Who's who

- [Ada Lovelace](people/ada-lovelace.md): the engineer (2 articles)

## Key figures

- **300 workers**: The mill employs 300 workers. — [Mill opens](articles/a.md#p1)

## Latest events

- **August 2022**: The port reopened in August 2022. — [Port visit](articles/b.md#p1)
- **2021**: The old mill closed in 2021. — [Mill opens](articles/a.md#p1)

## Ahead

- **2030**: A second mill will open by 2030. — [Mill opens](articles/a.md#p2)

## Notable quotes

- “We built this mill for the whole town and its workers” — [Ada Lovelace](people/ada-lovelace.md), \
[in context](articles/a.md#p2)

[All articles](articles/index.md) · [Topics](topics/index.md) · [People](people/index.md) · \
[Organisations](organisations/index.md) · [Places](places/index.md) · [Quotes](quotes.md) · [Timeline](timeline.md)
"""


def test_a_name_in_one_article_is_not_linked_and_markup_in_text_is_escaped():
    """Who's who links a person only when they have a page (two articles); a title's
    Markdown characters stay text."""
    briefing = small_briefing()
    ada = dataclasses.replace(briefing.entities[0], mentions=briefing.entities[0].mentions[:1])
    port = dataclasses.replace(briefing.articles[1].article, title="Port *visit* [live]")
    briefing = dataclasses.replace(briefing, entities=choose_pages((ada, briefing.entities[1])),
                                   articles=(briefing.articles[0], Enriched(article=port)))
    text = render_home(briefing, "Mill town").text
    assert "- Ada Lovelace: the engineer (1 article)\n" in text
    assert "— Ada Lovelace, [in context](articles/a.md#p2)" in text
    assert "— [Port \\*visit\\* \\[live\\]](articles/b.md)\n" in text
