"""The quotes page: every quote grouped by its source, most quoted first, unnamed sources
last; past `QUOTES_PAGE_MAX` quotes an index (the most quoted, then pages of sources A to Z).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Article, Briefing, Entity, Page, Quote, SpeakerQuotes
from generator.render.escape import escape_html, escape_markdown
from generator.render.links import UNSEARCHED, anchor, article_anchor, entity_link, html_list, pack_groups, page, plural


def quote_item(quote: Quote, articles: dict[str, Article], depth: int) -> str:
    article = articles[quote.article]
    return f"<li>“{escape_html(quote.text)}” — {article_anchor(article, depth, quote.paragraph)}</li>"


def source_name(source: SpeakerQuotes, entities: dict[str, Entity]) -> str:
    """The source as plain text: what the lists sort by and the part labels show."""
    if source.entity is not None:
        return entities[source.entity].name
    if source.name is not None:
        return source.name
    return f"Unnamed: {source.described_as or 'source not given'}"


def speaker_label(source: SpeakerQuotes, entities: dict[str, Entity], depth: int) -> str:
    """The source as a heading: linked to its page when it has one."""
    if source.entity is not None:
        return entity_link(entities[source.entity], depth)
    return escape_markdown(source_name(source, entities))


def unnamed(source: SpeakerQuotes) -> bool:
    return source.entity is None and source.name is None


# The most quotes one quotes page lists. Past it, quotes.md is an index and the quotes are on
# pages of whole sources in alphabetical order (a source with more is cut into parts): at
# 1,000 synthetic articles the one page was 1.4 MB of Markdown (~6,000 quotes), and it grew
# with the briefing. ~300 bytes a quote: a page stays near 150 KB.
QUOTES_PAGE_MAX = 500
# How many of the most quoted sources the index of a long quotes page names.
MOST_QUOTED = 20


@dataclass(frozen=True, slots=True)
class QuotesPart:
    """One page of a long quotes listing: (source, its quotes on this page) in order."""

    number: int
    groups: tuple[tuple[SpeakerQuotes, tuple[Quote, ...]], ...]

    @property
    def path(self) -> str:
        return f"quotes/{self.number}.md"

    def label(self, entities: dict[str, Entity]) -> str:
        first, last = (source_name(g[0], entities) for g in (self.groups[0], self.groups[-1]))
        return first if first == last else f"{first} … {last}"


def quotes_parts(sources: list[SpeakerQuotes], limit: int = QUOTES_PAGE_MAX) -> list[QuotesPart]:
    """Sources (in page order) packed into pages of at most `limit` quotes: whole sources
    while they fit, a source with more than `limit` on pages of its own."""
    return [QuotesPart(n, tuple((source, quotes) for source, quotes, _, _ in run))
            for n, run in enumerate(pack_groups(((s, s.quotes) for s in sources), limit), start=1)]


def render_quotes(briefing: Briefing) -> list[Page]:
    """Quotes grouped by source, most quoted first, unnamed sources last, as described; a
    long listing is an index of pages of sources A to Z (`QUOTES_PAGE_MAX`)."""
    articles = {e.article.id: e.article for e in briefing.articles}
    entities = {e.key: e for e in briefing.entities}
    sources = list(briefing.speaker_quotes)
    intro = f"{plural(len(briefing.quotes), 'quote')} from {plural(len(sources), 'source')}."
    about = intro + " Grouped by speaker."
    by_count = sorted(sources, key=lambda s: (unnamed(s), -len(s.quotes), source_name(s, entities).casefold(),
                                              source_name(s, entities)))
    if len(briefing.quotes) <= QUOTES_PAGE_MAX:
        parts = [intro] + [f"## {speaker_label(s, entities, 0)}\n\n" + html_list(quote_item(q, articles, 0) for q in s.quotes)
                           for s in by_count]
        return [page("quotes.md", "Quotes", "\n\n".join(parts), about=about, search=UNSEARCHED)]
    alphabetical = sorted(sources, key=lambda s: (unnamed(s), source_name(s, entities).casefold(),
                                                  source_name(s, entities)))
    parts = quotes_parts(alphabetical, QUOTES_PAGE_MAX)
    where = {id(s): p for p in reversed(parts) for s, _ in p.groups}  # a source's first page
    pages = []
    for part in parts:
        label = part.label(entities)
        body = "\n\n".join(f"## {speaker_label(s, entities, 1)}\n\n" + html_list(quote_item(q, articles, 1) for q in quotes)
                           for s, quotes in part.groups)
        count = sum(len(q) for _, q in part.groups)
        pages.append(page(part.path, f"Quotes: {label}", f"{plural(count, 'quote')}. [All sources](../quotes.md)\n\n{body}",
                          about=f"{plural(count, 'quote')} of the briefing: {label}.", search=UNSEARCHED))
    top = [f"<li>{escape_html(source_name(s, entities))} — {anchor(where[id(s)].path, 0, plural(len(s.quotes), 'quote'))}</li>"
           for s in by_count[:MOST_QUOTED] if not unnamed(s)]
    pages_list = [f"<li>{anchor(p.path, 0, p.label(entities))}: {plural(sum(len(q) for _, q in p.groups), 'quote')}</li>"
                  for p in parts]
    body = "\n\n".join([intro, "## Most quoted\n\n" + html_list(top), "## All sources, A to Z\n\n" + html_list(pages_list)])
    return [page("quotes.md", "Quotes", body, about=about, search=UNSEARCHED)] + pages
