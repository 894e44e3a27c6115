"""Index facts: what the index pages list about each entity, topic and source, found
across the briefing (co-mentions, quotes by speaker, events by the paragraphs that name an
entity, the entities of a topic), so the render stage only formats them.
"""

from __future__ import annotations

import dataclasses
import heapq
from collections import Counter, defaultdict

from generator.model import Entity, EntityFacts, EntityType, Event, Quote, Speaker, SpeakerQuotes, Topic, TopicFacts

# An entity gets a page of its own when at least this many articles name it. A page for a
# name in one article only repeats that article (its roles, quotes, events and companions
# are all there) and, at 1,000 articles, 1,456 such pages were a quarter of the site and of
# MkDocs' time (benchmarks/bench_build.py). Such a name links to where its article names it.
ENTITY_PAGE_MIN_ARTICLES = 2
# At most this many pages per type (people, organisations, places): the names in the most
# articles. Without a bound the site grew by 3.6 entity pages per article (1,000 synthetic
# articles: 3,635 entity pages beside 1,000 article pages, 23 s of MkDocs' 30 s at ~6.3 ms a
# page, benchmarks/bench_build.py); a reader browses the most-named, and the index line of
# every other name links each article that names it, so nothing is more than a click away.
ENTITY_PAGES_PER_TYPE = 100


def has_page(entity: Entity) -> bool:
    return entity.page


def choose_pages(entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """`entities` with `page` set: those in at least `ENTITY_PAGE_MIN_ARTICLES` articles, the
    most articles first, up to `ENTITY_PAGES_PER_TYPE` of each type. Names tied at the bound
    are all left out rather than cut by name: whether a name has a page depends on how many
    articles name it and never on how it is spelt."""
    counts: dict[EntityType, list[int]] = defaultdict(list)  # per type, of the names in enough articles
    for e in entities:
        if len(e.articles) >= ENTITY_PAGE_MIN_ARTICLES:
            counts[e.type].append(len(e.articles))
    least: dict[EntityType, int] = {}  # per type, the fewest articles that still earn a page
    for type_, found in counts.items():
        found.sort(reverse=True)
        fits = min(len(found), ENTITY_PAGES_PER_TYPE)
        while 0 < fits < len(found) and found[fits] == found[fits - 1]:
            fits -= 1  # a tie across the bound: the whole tied group stays out
        if fits:
            least[type_] = found[fits - 1]
    out = []
    for e in entities:  # replace() runs Entity.__post_init__ again: only where `page` changes
        page = e.type in least and len(e.articles) >= least[e.type]
        out.append(e if e.page == page else dataclasses.replace(e, page=page))
    return tuple(out)


# How many co-mentioned entities an entity page lists.
MAX_COMPANIONS = 12
# How many entities a topic page lists.
MAX_TOPIC_ENTITIES = 15


def event_year(date: str) -> int:
    """The year an event's date sorts by: a decade ("1990s") or century ("1800s") at its start."""
    year = date[:4].replace("s", "0") if not date.endswith("s") else date[:-1]
    return int(year[:4])


def event_order(event: Event) -> tuple:
    """Chronological: a decade sorts at its start, a year before its months."""
    date = event.date
    return (event_year(date), len(date.rstrip("s")), date, event.article, event.paragraph, event.text)


def entity_keys_by_article(entities: tuple[Entity, ...]) -> dict[str, set[str]]:
    """The keys of the entities each article names."""
    out: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        for article_id in entity.articles:
            out[article_id].add(entity.key)
    return dict(out)


def entity_facts(article_ids: set[str], entities: tuple[Entity, ...], speakers: tuple[Speaker, ...],
                 events: tuple[Event, ...]) -> tuple[EntityFacts, ...]:
    """For each entity with a page of its own: its quotes, the events of the paragraphs that
    name it, and the entities with a page its articles also name (at most `MAX_COMPANIONS`).
    `events` come in `event_order`, as the briefing holds them (sorted once there)."""
    by_key = {e.key: e for e in entities}
    folded = {e.key: e.name.casefold() for e in entities}
    with_page = {a: [k for k in keys if has_page(by_key[k])] for a, keys in entity_keys_by_article(entities).items()}
    # Grouped once: scanning every quote and event for every entity grows with N².
    quotes_by: dict[str, list[Quote]] = defaultdict(list)
    for speaker in speakers:
        quotes_by[speaker.entity].append(speaker.quote)
    events_at: dict[tuple[str, int], list[int]] = defaultdict(list)  # positions in `events`
    for position, event in enumerate(events):
        events_at[(event.article, event.paragraph)].append(position)
    out = []
    for entity in (e for e in entities if has_page(e)):
        companions = Counter(k for a in entity.articles for k in with_page[a] if k != entity.key)
        # the first MAX_COMPANIONS of the sorted order (a country has thousands of companions)
        ranked = heapq.nsmallest(MAX_COMPANIONS, companions, key=lambda k: (-companions[k], folded[k], k))
        paragraphs = {(m.article, m.paragraph) for m in entity.mentions if m.article in article_ids}
        events_of = sorted(i for p in paragraphs for i in events_at.get(p, ()))
        out.append(EntityFacts(entity=entity.key, quotes=tuple(quotes_by.get(entity.key, ())),
                               events=tuple(events[i] for i in events_of),
                               companions=tuple((k, companions[k]) for k in ranked)))
    return tuple(out)


def topic_facts(topics: tuple[Topic, ...], entities: tuple[Entity, ...],
                events: tuple[Event, ...]) -> tuple[TopicFacts, ...]:
    """For each topic: the entities named in at least two of its articles (in all, for a
    topic of one), most named first (at most `MAX_TOPIC_ENTITIES`), and its articles' events
    (`events` in `event_order`, as for `entity_facts`)."""
    by_key = {e.key: e for e in entities}
    named_in = entity_keys_by_article(entities)
    events_in: dict[str, list[int]] = defaultdict(list)  # positions in `events`: no scan of all events per topic
    for position, event in enumerate(events):
        events_in[event.article].append(position)
    out = []
    for topic in topics:
        members = set(topic.articles)
        counts = Counter(k for a in members for k in named_in.get(a, ()))
        # the first MAX_TOPIC_ENTITIES of the sorted order (a big topic names thousands)
        shared = (by_key[k] for k, n in counts.items() if n >= min(2, len(members)))
        named = heapq.nsmallest(MAX_TOPIC_ENTITIES, shared, key=lambda e: (-counts[e.key], e.name.casefold(), e.key))
        out.append(TopicFacts(topic=topic.key, entities=tuple(e.key for e in named),
                              events=tuple(events[i] for i in sorted(i for a in members for i in events_in.get(a, ())))))
    return tuple(out)


def quotes_by_speaker(quotes: tuple[Quote, ...], speakers: tuple[Speaker, ...],
                      entities: tuple[Entity, ...]) -> tuple[SpeakerQuotes, ...]:
    """The quotes grouped by source, sources in the order they are first quoted: an entity
    with a page by its key; a name without a page (an entity of one article, or a name that
    resolves to none) by the name, so quotes of one name stay together either way; unnamed
    sources by how they are described."""
    speaker_of = {s.quote: s.entity for s in speakers}
    by_key = {e.key: e for e in entities}
    groups: dict[tuple[str | None, str | None, str | None], list[Quote]] = defaultdict(list)
    for quote in quotes:
        key = speaker_of.get(quote)
        if key is not None and has_page(by_key[key]):
            source = (key, None, None)
        elif key is not None:
            source = (None, by_key[key].name, None)
        elif quote.speaker:
            source = (None, quote.speaker_name or quote.speaker, None)
        else:
            source = (None, None, quote.described_as or None)
        groups[source].append(quote)
    return tuple(SpeakerQuotes(quotes=tuple(group), entity=entity, name=name, described_as=described)
                 for (entity, name, described), group in groups.items())
