"""The only cross-article stage: unique slugs, entity merge, index data and the timeline."""

from __future__ import annotations

import dataclasses
from collections import Counter

from generator.model import Article


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
