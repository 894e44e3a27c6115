"""The briefing as data: one plain dict per article (gold field names) and `briefing.json`.

The schema is documented in `generator/briefing.schema.json` and checked by a test.
"""

from __future__ import annotations

import json

import orjson

from generator import __version__
from generator.corpus.briefing import article_topics
from generator.model import Article, Briefing, Enriched, Entity, Event, Image, Quote
from generator.nlp.date_labels import date_span, readable_date


def image_record(image: Image | None) -> dict | None:
    return None if image is None else {"caption": image.caption, "credit": image.credit}


def article_record(article: Article) -> dict:
    """Every field of an article under the gold's names, plus id, slug and provenance."""
    meta = article.meta
    return {
        "id": article.id,
        "seed": article.seed,
        "sha256": article.sha256,
        "slug": article.slug,
        "title": article.title,
        "title_derived": article.title_derived,
        "kind": article.kind.value,
        "section": article.section,
        "column": article.column,
        "authors": list(article.authors),
        "agency": article.agency,
        "contributors": list(article.contributors),
        "standfirst": list(article.standfirst),
        "lead_image": image_record(article.lead_image),
        "images": [image_record(i) for i in article.images],
        "videos": [{"title": v.title, "duration": v.duration} for v in article.videos],
        "related_headlines": list(article.related_headlines),
        "comment_count": article.comment_count,
        "author_bio": article.author_bio,
        "removed_lines": list(article.removed_lines),
        "body": [p.text for p in article.body],
        "word_count": article.words,
        "published": meta.published if meta else None,
        "outlet": meta.outlet if meta else None,
        "url": meta.url if meta else None,
    }


def dumps_json(data: object) -> str:
    """Stable JSON text, indented: sorted nowhere we chose an order, UTF-8 kept, one final
    newline (`convert --format json`)."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def compact_json(data: object) -> bytes:
    """briefing.json's bytes: `dumps_json`'s JSON without indentation, written by orjson,
    and kept as the UTF-8 bytes it writes. The indented briefing of 1,000 articles took
    1.9 s with json, the compact one 0.3-0.9 s with json's C encoder and 0.07 s with orjson;
    decoding orjson's bytes to text and encoding them again to write them took 0.7-2 s more
    at 5,000 articles (98 MB, held as a 400 MB string: the text is not all ASCII). On
    strings, integers, booleans, None, lists and dicts with string keys, which is all
    briefing.json holds (its schema has no fractional number), orjson writes the bytes
    `json.dumps(..., ensure_ascii=False, separators=(",", ":"))` writes
    (tests/test_export.py: Hypothesis, and the built briefing of the seeds); floats it
    spells otherwise ("1e-05" as 0.00001, NaN as null)."""
    return orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE)


# briefing.json's own version: raised when a field changes meaning or goes away (a new
# field only adds). 2: `meta`, entity `url`, event `start`/`end`/`label`/`ahead`.
SCHEMA_VERSION = 2


def entity_record(entity: Entity, url: str | None = None) -> dict:
    mentions = sorted({(m.article, m.paragraph, m.surface) for m in entity.mentions})
    return {
        "id": entity.key,
        "type": entity.type.value,
        "name": entity.name,
        "url": url,
        "aliases": list(entity.aliases),
        "descriptions": [{"article": a, "text": t} for a, t in entity.descriptions],
        "articles": list(entity.articles),
        "mentions": [{"article": a, "paragraph": p, "text": s} for a, p, s in mentions],
    }


def quote_record(quote: Quote, speaker: str | None = None) -> dict:
    """`speaker`: the key of the entity the corpus stage found the speaker to be."""
    return {"text": quote.text, "speaker": speaker,
            "speaker_name": quote.speaker_name or quote.speaker,
            "described_as": quote.described_as, "article": quote.article, "paragraph": quote.paragraph}


def event_record(event: Event) -> dict:
    """`date` as the article gave it, `start`/`end` the ISO days it covers (for sorting and
    comparing), `label` the words the pages show, `ahead` for plans and forecasts."""
    start, end = date_span(event.date) or (None, None)
    return {"date": event.date, "start": start, "end": end, "label": readable_date(event.date),
            "ahead": event.ahead, "text": event.text, "article": event.article,
            "paragraph": event.paragraph, "resolved_from": event.resolved_from}


def briefing_record(briefing: Briefing, site_name: str = "", urls: dict[str, str] | None = None) -> dict:
    """The whole briefing: what made it, the articles and the cross-article indexes
    (schema: briefing.schema.json). `urls`: entity id → its page in the site (the render
    stage decides which entities have one)."""
    topics_of = {a: [t.key for t in topics] for a, topics in article_topics(briefing).items()}
    urls = urls or {}
    original_of = briefing.original_of()
    story_of = {a: s.key for s in briefing.stories for a in s.articles}
    speaker_of = briefing.speaker_of()
    return {
        "meta": {"schema_version": SCHEMA_VERSION, "generator": "briefing", "generator_version": __version__,
                 "site_name": site_name, "article_count": len(briefing.articles)},
        "articles": [{**article_record(e.article), "topics": topics_of.get(e.article.id, []),
                      "duplicate_of": original_of.get(e.article.id),
                      "story": story_of.get(original_of.get(e.article.id, e.article.id))}
                     for e in briefing.articles],
        "entities": [entity_record(e, urls.get(e.key)) for e in briefing.entities],
        "quotes": [quote_record(q, speaker_of.get(q)) for q in briefing.quotes],
        "events": [event_record(e) for e in briefing.events],
        "topics": [{"id": t.key, "name": t.name, "articles": list(t.articles)} for t in briefing.topics],
        "stories": [{"id": s.key, "articles": list(s.articles)} for s in briefing.stories],
    }


def enriched_record(enriched: Enriched) -> dict:
    """`convert --format json`: the article's fields plus what the NLP stage found in it."""
    return {
        **article_record(enriched.article),
        "mentions": [{"text": m.surface, "type": m.type.value, "paragraph": m.paragraph,
                      "description": m.description} for m in enriched.mentions],
        "quotes": [quote_record(q) for q in enriched.quotes],
        "events": [event_record(e) for e in enriched.events],
    }
