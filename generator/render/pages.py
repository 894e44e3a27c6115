"""Every page a build writes to docs/: one per article, the index pages, the home page and
briefing.json (the whole briefing as data; MkDocs copies it into the site)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Mapping

from generator.config import Settings
from generator.corpus.briefing import article_mentions, article_related, article_topics
from generator.model import Article, Briefing, Entity, Mention, Page, Related, Topic
from generator.render.article import link_mentions, render_article
from generator.render.export import briefing_record, compact_json
from generator.render.home import render_home
from generator.render.indexes import render_indexes
from generator.render.links import entity_page, entity_urls

BRIEFING_JSON = "briefing.json"


@dataclass(frozen=True, slots=True)
class ArticleLinks:
    """What an article page shows of the rest of the briefing, by article id, found once
    for all the pages: its topics, its mentions with their entities, its copies and story."""

    topics: dict[str, tuple[Topic, ...]]
    mentions: dict[str, tuple[tuple[Mention, Entity], ...]]
    related: dict[str, Related]
    pages: dict[str, str | None]  # entity key → its page (`entity_page`), asked once per entity


def article_links(briefing: Briefing) -> ArticleLinks:
    return ArticleLinks(article_topics(briefing), article_mentions(briefing), article_related(briefing),
                        {e.key: entity_page(e) for e in briefing.entities})


def article_path(article: Article) -> str:
    return f"articles/{article.slug}.md"


def render_pages(briefing: Briefing, settings: Settings, links: ArticleLinks | None = None,
                 reuse: Mapping[str, Page] | None = None) -> list[Page]:
    """Every generated page: one per article, the indexes and the home page. `reuse`: page
    path → the article page made before from the same inputs (`article_page_digests`),
    taken as it is."""
    links = links or article_links(briefing)
    reuse = reuse or {}
    pages = []
    for enriched in briefing.articles:
        article = enriched.article
        path = article_path(article)
        if (kept := reuse.get(path)) is not None:
            pages.append(Page(path=path, text=kept.text, source=article.seed, sha256=kept.sha256))
            continue
        pages.append(render_article(
            article, path=path,
            topics=tuple((t.name, f"topics/{t.key}.md") for t in links.topics.get(article.id, ())),
            paragraphs=link_mentions(article, links.mentions.get(article.id, ()), entity_page),
            words_per_minute=settings.words_per_minute, related=links.related.get(article.id)))
    return pages + render_indexes(briefing) + [render_home(briefing, settings.site_name)]


def article_page_digests(briefing: Briefing, settings: Settings, links: ArticleLinks,
                         identity: Mapping[str, str], code: str) -> dict[str, str]:
    """Article page path → sha256 of everything `render_pages` makes it from: the code
    (`code`, output/index_cache.py `index_fingerprint`), the settings, the article (by its id,
    slug and `identity`, its cache key, which fixes every field the per-article stages
    give it), its topics' names and pages, where each of its mentions stands and the page
    of its entity (a name that gains a page in another article is linked now), and its
    copies and story companions (each by identity too). An article, or a related one,
    without a cache key has no digest: its page is always made."""
    def who(article: Article) -> tuple[str, str, str]:
        return article.id, article.slug, identity[article.id]

    out = {}
    settings_text, pages = settings.outcome, links.pages
    for enriched in briefing.articles:
        article = enriched.article
        related = links.related.get(article.id) or Related()
        others = ([related.original[0]] if related.original else []) + [a for a, _ in related.copies] + list(related.story)
        if any(a.id not in identity for a in (article, *others)):
            continue
        inputs = (code, settings_text, who(article),
                  [(t.name, t.key) for t in links.topics.get(article.id, ())],
                  [(m.part, m.paragraph, m.start, m.end, e.key, pages[e.key])
                   for m, e in links.mentions.get(article.id, ())],
                  (who(related.original[0]), related.original[1]) if related.original else None,
                  [(who(a), share) for a, share in related.copies], [who(a) for a in related.story])
        out[article_path(article)] = hashlib.sha256(repr(inputs).encode("utf-8")).hexdigest()
    return out


def briefing_data(briefing: Briefing, settings: Settings) -> Page:
    """docs/briefing.json, compact, as bytes (`export.compact_json`)."""
    record = briefing_record(briefing, settings.site_name, entity_urls(briefing))
    return Page(path=BRIEFING_JSON, text=compact_json(record), source="briefing")
