"""The home page: what a busy reader learns in two minutes, at most `MAX_WORDS` words.

Extractive only: every line is a standfirst, a lead sentence, a quote or a sentence from an
article (linked to where it came from), or a count over the articles.
"""

from __future__ import annotations

import re
from collections import Counter

from generator.escape import escape_markdown
from generator.model import Article, Briefing, EntityType, Event, Figure, Page, Quote
from generator.render_index import (UNSEARCHED, article_link, entity_link, event_order, page, plural,
                                    summary_line)
from generator.when import is_century, readable_date

MAX_WORDS = 600
# Up to this many articles the key points are one line per article; beyond, per topic.
MAX_ARTICLE_POINTS = 8
WHO = 5
FIGURES = 3
EVENTS = 4
QUOTES = 3
# A notable quote is a full sentence or two: long enough to say something, short enough to skim.
QUOTE_WORDS = (8, 45)


def in_prose(label: str) -> str:
    """A date inside a sentence: "from the 19th century to 2024"."""
    return f"the {readable_date(label)}" if is_century(label) else readable_date(label)


def coverage(briefing: Briefing) -> str:
    articles = [e.article for e in briefing.articles]
    kinds = Counter(a.kind.value for a in articles)
    outlets = sorted({a.meta.outlet for a in articles if a.meta and a.meta.outlet}, key=str.casefold)
    dates = sorted(a.meta.published for a in articles if a.meta and a.meta.published)
    parts = [f"This briefing gathers {plural(len(articles), 'article')} "
             f"({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))})"]
    if outlets:
        parts.append(f" from {', '.join(escape_markdown(o) for o in outlets)}")
    if dates:
        parts.append(f", published {dates[0]} to {dates[-1]}" if dates[0] != dates[-1] else f", published {dates[0]}")
    events = sorted((e for e in briefing.events if not e.ahead), key=event_order)
    if events:
        parts.append(f". The events they date run from {in_prose(events[0].date)} to {in_prose(events[-1].date)}")
    people = sum(1 for e in briefing.entities if e.type is EntityType.PERSON)
    others = len(briefing.entities) - people
    parts.append(f"; they name {people} {'person' if people == 1 else 'people'} and "
                 f"{others} {'organisation or place' if others == 1 else 'organisations and places'}.")
    return "".join(parts)


def key_points(briefing: Briefing) -> list[str]:
    articles = [e.article for e in briefing.articles]
    if len(articles) <= MAX_ARTICLE_POINTS:
        return [f"- {escape_markdown(summary_line(a))} — {article_link(a, 0)}" for a in articles]
    by_id = {a.id: a for a in articles}
    topics = sorted(briefing.topics, key=lambda t: (-len(t.articles), t.name.casefold()))[:MAX_ARTICLE_POINTS]
    lines = []
    for topic in topics:
        lead = by_id[topic.articles[0]]
        lines.append(f"- **[{escape_markdown(topic.name)}](topics/{topic.key}.md)** "
                     f"({plural(len(topic.articles), 'article')}): {escape_markdown(summary_line(lead))} "
                     f"— {article_link(lead, 0)}")
    lines.append(f"- [All {plural(len(articles), 'article')}](articles/index.md)")
    return lines


def whos_who(briefing: Briefing) -> list[str]:
    people = sorted((e for e in briefing.entities if e.type is EntityType.PERSON),
                    key=lambda e: (-len(e.articles), -len(e.mentions), e.name.casefold()))[:WHO]
    lines = []
    for person in people:
        role = f": {escape_markdown(person.descriptions[0][1])}" if person.descriptions else ""
        lines.append(f"- {entity_link(person, 0)}{role} ({plural(len(person.articles), 'article')})")
    return lines


def key_figures(briefing: Briefing) -> list[str]:
    articles = {e.article.id: e.article for e in briefing.articles}
    figures: list[Figure] = [f for e in briefing.articles for f in e.figures]
    seen, lines = set(), []
    for figure in figures:
        if figure.article in seen or len(lines) >= FIGURES:
            continue
        seen.add(figure.article)
        lines.append(f"- **{escape_markdown(figure.counts)}**: {escape_markdown(figure.sentence)} "
                     f"— {article_link(articles[figure.article], 0, figure.paragraph)}")
    return lines


def event_line(event: Event, articles: dict[str, Article]) -> str:
    return (f"- **{escape_markdown(readable_date(event.date))}**: {escape_markdown(event.text)} — "
            f"{article_link(articles[event.article], 0, event.paragraph)}")


def latest_events(briefing: Briefing) -> list[str]:
    """What happened last (plans and forecasts are under "Ahead")."""
    articles = {e.article.id: e.article for e in briefing.articles}
    events = sorted((e for e in briefing.events if not e.ahead), key=event_order)[-EVENTS:]
    return [event_line(e, articles) for e in reversed(events)]


def ahead(briefing: Briefing) -> list[str]:
    """Plans and forecasts, soonest first: kept apart from what happened."""
    articles = {e.article.id: e.article for e in briefing.articles}
    return [event_line(e, articles) for e in sorted((e for e in briefing.events if e.ahead), key=event_order)[:EVENTS]]


def notable_quotes(briefing: Briefing) -> list[str]:
    """Named speakers only, one quote each, from as many articles as possible."""
    articles = {e.article.id: e.article for e in briefing.articles}
    entities = {e.key: e for e in briefing.entities}
    chosen: list[Quote] = []
    for quote in sorted(briefing.quotes, key=lambda q: (q.article, q.paragraph)):
        words = len(quote.text.split())
        if (quote.speaker_key in entities and QUOTE_WORDS[0] <= words <= QUOTE_WORDS[1]
                and all(q.speaker_key != quote.speaker_key and q.article != quote.article for q in chosen)):
            chosen.append(quote)
        if len(chosen) >= QUOTES:
            break
    return [f"- “{escape_markdown(q.text)}” — {entity_link(entities[q.speaker_key], 0)}, "
            f"{article_link(articles[q.article], 0, q.paragraph, 'in context')}" for q in chosen]


_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_MARKUP = re.compile(r"[\\*\[\]#]|^- ", re.M)


def shown_words(markdown_text: str) -> int:
    """Words a reader sees once the Markdown is rendered (link targets and markup dropped)."""
    return len(_MARKUP.sub(" ", _LINK_TARGET.sub("]", markdown_text)).split())


def render_home(briefing: Briefing, site_name: str) -> Page:
    """Sections in order of importance; while the page is over `MAX_WORDS`, the last line of
    the least important section that still has more than one line is dropped."""
    sections = [("Key points", key_points(briefing)), ("Who's who", whos_who(briefing)),
                ("Key figures", key_figures(briefing)), ("Latest events", latest_events(briefing)), ("Ahead", ahead(briefing)),
                ("Notable quotes", notable_quotes(briefing))]
    intro = coverage(briefing)
    footer = ("[All articles](articles/index.md) · [Topics](topics/index.md) · [People](people/index.md) · "
              "[Organisations](organisations/index.md) · [Places](places/index.md) · "
              "[Quotes](quotes.md) · [Timeline](timeline.md)")

    def compose() -> str:
        parts = [intro] + [f"## {h}\n\n" + "\n".join(lines) for h, lines in sections if lines] + [footer]
        return "\n\n".join(parts)

    # Key points are never cut: they are how every article is one click away.
    while shown_words(compose()) > MAX_WORDS:
        cuttable = [lines for heading, lines in sections[1:] if len(lines) > 1]
        if not cuttable:
            cuttable = [lines for heading, lines in sections[1:] if lines]
        if not cuttable:
            break
        cuttable[-1].pop()
    return page("index.md", site_name, compose(), search=UNSEARCHED)
