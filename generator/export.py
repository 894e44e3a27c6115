"""The briefing as data: one plain dict per article (gold field names) and `briefing.json`.

The schema is documented in `generator/briefing.schema.json` and checked by a test.
"""

from __future__ import annotations

import json

from generator.model import Article, Briefing, Image


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
    """Stable JSON text: sorted nowhere we chose an order, UTF-8 kept, one final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def briefing_record(briefing: Briefing) -> dict:
    """The whole briefing: articles and the cross-article indexes (schema: briefing.schema.json)."""
    return {
        "articles": [article_record(e.article) for e in briefing.articles],
        "entities": [],
        "quotes": [],
        "events": [],
        "topics": [],
    }
