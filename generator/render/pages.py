"""Every page a build writes to docs/: one per article, the index pages, the home page and
briefing.json (the whole briefing as data; MkDocs copies it into the site)."""

from __future__ import annotations

from generator.config import Settings
from generator.corpus.briefing import article_mentions, article_related, article_topics
from generator.model import Briefing, Page
from generator.render.article import link_mentions, render_article
from generator.render.export import briefing_record, dumps_json
from generator.render.home import render_home
from generator.render.indexes import render_indexes
from generator.render.links import entity_page, entity_urls

BRIEFING_JSON = "briefing.json"


def render_pages(briefing: Briefing, settings: Settings) -> list[Page]:
    """Every generated page: one per article, the indexes and the home page."""
    tags = article_topics(briefing)
    mentions = article_mentions(briefing)
    related = article_related(briefing)
    pages = []
    for enriched in briefing.articles:
        article = enriched.article
        pages.append(render_article(
            article, path=f"articles/{article.slug}.md",
            topics=tuple((t.name, f"topics/{t.key}.md") for t in tags.get(article.id, ())),
            paragraphs=link_mentions(article, mentions.get(article.id, ()), entity_page),
            words_per_minute=settings.words_per_minute, related=related.get(article.id)))
    return pages + render_indexes(briefing) + [render_home(briefing, settings.site_name)]


def briefing_data(briefing: Briefing, settings: Settings) -> Page:
    """docs/briefing.json, compact (json's C encoder does not indent)."""
    record = briefing_record(briefing, settings.site_name, entity_urls(briefing))
    return Page(path=BRIEFING_JSON, text=dumps_json(record, compact=True), source="briefing")
