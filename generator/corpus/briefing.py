"""The only cross-article stage: unique slugs, copies and stories, entity merge, speakers,
the timeline's events and topics, put together as the `Briefing` (with its index facts)."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from typing import Mapping

from generator.corpus.lookup import AliasIndex
from generator.corpus.merge import merge_entities
from generator.corpus.duplicates import find_copies
from generator.corpus.facts import choose_pages, entity_facts, event_order, quotes_by_speaker, topic_facts
from generator.model import (Article, Briefing, CopyGroup, Enriched, Entity, Event, Mention, Quote, Related, Speaker,
                             Topic)
from generator.corpus.stories import find_stories
from generator.ingest.structure import slugify
from generator.corpus.topics import select_topics
from generator.nlp.date_labels import starts_after


def assign_slugs(articles: tuple[Article, ...]) -> tuple[Article, ...]:
    """Give two articles whose titles slugify alike distinct slugs: the later id (in sorted
    order) gets its id appended. A slug depends on the seeds alone, never on what an earlier
    build wrote (a cached and a cold build must agree), so a new twin whose id sorts first
    takes the plain slug from the page that had it; a twin added later in order renames
    nothing. The
    suffix is the id slugified (a file name may hold `)`, `<` or a URL, and the slug is a
    link target), and a number when that is taken too or has no slug characters."""
    seen: Counter[str] = Counter(a.slug for a in articles)
    taken: set[str] = set()
    out = []
    for article in sorted(articles, key=lambda a: a.id):
        slug = article.slug
        if seen[slug] > 1 and slug in taken:
            base = "-".join(filter(None, (slug, slugify(article.id))))
            slug, number = base, 1
            while slug in taken or slug in seen:
                number += 1
                slug = f"{base}-{number}"
        taken.add(slug)
        out.append(dataclasses.replace(article, slug=slug) if slug != article.slug else article)
    return tuple(out)


def resolve_speakers(quotes: tuple[Quote, ...], entities: tuple[Entity, ...]) -> tuple[Speaker, ...]:
    """Point each named quote at its entity (its fullest name first, preferring an entity
    of the same article). A name that resolves to nothing has no `Speaker` (it stays a
    name); unknown stays unknown."""
    out = []
    index = AliasIndex(entities)
    for quote in quotes:
        entity = None
        for name in (quote.speaker_name, quote.speaker):
            if name and (entity := index.resolve(name, quote.article)) is not None:
                break
        if entity is not None:
            out.append(Speaker(quote=quote, entity=entity.key))
    return tuple(out)


def mark_ahead(events: tuple[Event, ...], latest_published: str | None) -> tuple[Event, ...]:
    """An event dated after every article of the briefing is a plan or a forecast, even
    where its own article's date is unknown (the per-article stage already marked those
    its parse or its article's date puts ahead)."""
    return tuple(dataclasses.replace(ev, ahead=True) if not ev.ahead and starts_after(ev.date, latest_published)
                 else ev for ev in events)


def build_briefing(enriched: tuple[Enriched, ...], copies: tuple[CopyGroup, ...] | None = None,
                   texts: Mapping[str, str] | None = None,
                   leads: Mapping[str, frozenset[str]] | None = None) -> Briefing:
    """Find copies of one text, then, over the distinct articles only (a copy would count
    its statements, names and events again): merge entities, attach speakers, gather
    events (plans and forecasts marked), choose topics, group stories, gather what the
    index pages list (corpus/facts.py). Copies keep their place in `articles`. `copies`:
    the articles' `find_copies` (it reads their text alone, so the build finds them while
    the NLP stage still parses), `texts` their folded words for the topics
    (`topics.fold_articles`), `leads` their lead words for the stories
    (`stories.lead_words`), else they are made here."""
    if copies is None:
        copies = find_copies(tuple(e.article for e in enriched))
    copy_ids = {c.article for group in copies for c in group.copies}
    distinct = tuple(e for e in enriched if e.article.id not in copy_ids)
    entities = choose_pages(merge_entities(tuple(m for e in distinct for m in e.mentions)))
    quotes = tuple(q for e in distinct for q in e.quotes)
    speakers = resolve_speakers(quotes, entities)
    latest = max((e.article.meta.published for e in distinct if e.article.meta and e.article.meta.published),
                 default=None)
    events = tuple(sorted(mark_ahead(tuple(ev for e in distinct for ev in e.events), latest),
                          key=event_order))
    topics = select_topics((e.article for e in distinct), {e.article.id: e.phrases for e in distinct},
                           {e.article.id: tuple(m.description for m in e.mentions if m.description) for e in distinct},
                           texts)
    article_ids = {e.article.id for e in enriched}
    return Briefing(articles=enriched, entities=entities, quotes=quotes, events=events, topics=topics,
                    copies=copies, stories=find_stories(distinct, entities, leads), speakers=speakers,
                    entity_facts=entity_facts(article_ids, entities, speakers, events),
                    topic_facts=topic_facts(topics, entities, events),
                    speaker_quotes=quotes_by_speaker(quotes, speakers, entities))


def article_topics(briefing: Briefing) -> dict[str, tuple[Topic, ...]]:
    """Each article's topics, in the briefing's topic order: they become its tags."""
    out: dict[str, list[Topic]] = defaultdict(list)
    for topic in briefing.topics:
        for article_id in topic.articles:
            out[article_id].append(topic)
    return {k: tuple(v) for k, v in out.items()}


def article_mentions(briefing: Briefing) -> dict[str, tuple[tuple[Mention, Entity], ...]]:
    """Each article's mentions, with the entity each belongs to, in one pass over all
    entities (for the article pages' entity links)."""
    out: dict[str, list[tuple[Mention, Entity]]] = defaultdict(list)
    for entity in briefing.entities:
        for mention in entity.mentions:
            out[mention.article].append((mention, entity))
    return {k: tuple(v) for k, v in out.items()}


def story_units(briefing: Briefing) -> tuple[tuple[str, ...], ...]:
    """What the briefing reports, once each: every story (its articles, most central first)
    and every distinct article in no story, in the order of `briefing.articles` (a story
    where its first article is); copies are left out, their original stands for them."""
    copies = set(briefing.original_of())
    story_of = {a: s for s in briefing.stories for a in s.articles}
    units, seen = [], set()
    for enriched in briefing.articles:
        article_id = enriched.article.id
        if article_id in copies:
            continue
        story = story_of.get(article_id)
        if story is None:
            units.append((article_id,))
        elif story.key not in seen:
            seen.add(story.key)
            units.append(story.articles)
    return tuple(units)


def article_related(briefing: Briefing) -> dict[str, Related]:
    """Each article's copies, original and story companions, for its page (articles with
    none are left out)."""
    by_id = {e.article.id: e.article for e in briefing.articles}
    original_of = briefing.original_of()
    overlap = {c.article: c.overlap for g in briefing.copies for c in g.copies}
    story_of = {a: s for s in briefing.stories for a in s.articles}
    out = {}
    for group in briefing.copies:
        out[group.original] = Related(copies=tuple((by_id[c.article], c.overlap) for c in group.copies))
    for article_id in by_id:
        original = original_of.get(article_id)
        story = story_of.get(original or article_id)
        others = tuple(by_id[a] for a in (story.articles if story else ()) if a not in (article_id, original))
        if original or others:
            out[article_id] = Related(original=(by_id[original], overlap[article_id]) if original else None,
                                      copies=out.get(article_id, Related()).copies, story=others)
    return out
