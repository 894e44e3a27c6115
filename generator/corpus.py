"""The only cross-article stage: unique slugs, entity merge, index data and the timeline."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict

from generator.aliases import AliasIndex, merge_entities
from generator.model import Article, Briefing, Enriched, Entity, Event, Quote, Topic
from generator.topics import select_topics
from generator.when import starts_after


def assign_slugs(articles: tuple[Article, ...]) -> tuple[Article, ...]:
    """Give two articles whose titles slugify alike distinct slugs: the later id (in sorted
    order) gets its id appended, so adding an article never renames an existing page."""
    seen: Counter[str] = Counter(a.slug for a in articles)
    taken: set[str] = set()
    out = []
    for article in sorted(articles, key=lambda a: a.id):
        slug = article.slug
        if seen[slug] > 1 and slug in taken:
            slug = f"{slug}-{article.id}".lower()
        taken.add(slug)
        out.append(dataclasses.replace(article, slug=slug) if slug != article.slug else article)
    return tuple(out)


def resolve_speakers(quotes: tuple[Quote, ...], entities: tuple[Entity, ...]) -> tuple[Quote, ...]:
    """Point each named quote at its entity (its fullest name first, preferring an entity
    of the same article). A name that resolves to nothing stays a name; unknown stays unknown."""
    out = []
    index = AliasIndex(entities)
    for quote in quotes:
        entity = None
        for name in (quote.speaker_name, quote.speaker):
            if name and (entity := index.resolve(name, quote.article)) is not None:
                break
        out.append(dataclasses.replace(quote, speaker_key=entity.key if entity else None))
    return tuple(out)


def mark_ahead(events: tuple[Event, ...], latest_published: str | None) -> tuple[Event, ...]:
    """An event dated after every article of the briefing is a plan or a forecast, even
    where its own article's date is unknown (the per-article stage already marked those
    its parse or its article's date puts ahead)."""
    return tuple(dataclasses.replace(ev, ahead=True) if not ev.ahead and starts_after(ev.date, latest_published)
                 else ev for ev in events)


def build_briefing(enriched: tuple[Enriched, ...]) -> Briefing:
    """Merge entities across articles, attach speakers, gather events, choose topics."""
    entities = merge_entities(tuple(m for e in enriched for m in e.mentions))
    quotes = resolve_speakers(tuple(q for e in enriched for q in e.quotes), entities)
    events = tuple(sorted(mark_ahead(tuple(ev for e in enriched for ev in e.events),
                                     max((a.meta.published for a in (e.article for e in enriched)
                                          if a.meta and a.meta.published), default=None)),
                          key=lambda ev: (ev.date, ev.article, ev.paragraph, ev.text)))
    topics = select_topics((e.article for e in enriched), {e.article.id: e.phrases for e in enriched},
                           {e.article.id: tuple(m.description for m in e.mentions if m.description) for e in enriched})
    return Briefing(articles=enriched, entities=entities, quotes=quotes, events=events, topics=topics)


def article_topics(briefing: Briefing) -> dict[str, tuple[Topic, ...]]:
    """Each article's topics, in the briefing's topic order: they become its tags."""
    out: dict[str, list[Topic]] = defaultdict(list)
    for topic in briefing.topics:
        for article_id in topic.articles:
            out[article_id].append(topic)
    return {k: tuple(v) for k, v in out.items()}


def article_entities(briefing: Briefing) -> dict[str, tuple[Entity, ...]]:
    """The entities each article mentions, in the briefing's order: an article page links
    only its own entities (looking through all of them per article grows with N²)."""
    out: dict[str, list[Entity]] = defaultdict(list)
    for entity in briefing.entities:
        for article_id in entity.articles:
            out[article_id].append(entity)
    return {k: tuple(v) for k, v in out.items()}
