"""The timeline: every explicitly dated event in date order, plans and forecasts apart under
"Ahead", on one page or, past `TIMELINE_PAGE_MAX_EVENTS`, an index of pages of consecutive years.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.corpus.facts import event_year
from generator.model import Article, Briefing, Event, Page
from generator.nlp.date_labels import readable_date
from generator.render.escape import escape_html
from generator.render.links import UNSEARCHED, anchor, article_anchor, html_list, pack_groups, page, plural


def event_item(event: Event, articles: dict[str, Article], depth: int) -> str:
    """One dated sentence: the date in words ("August 2022"), marked when it is a plan or a
    forecast rather than something that happened."""
    resolved = f" (from “{escape_html(event.resolved_from)}”)" if event.resolved_from else ""
    ahead = " <em>(ahead)</em>" if event.ahead else ""
    link = article_anchor(articles[event.article], depth, event.paragraph)
    return (f"<li><strong>{escape_html(readable_date(event.date))}</strong>{ahead}{resolved}: "
            f"{escape_html(event.text)} — {link}</li>")


# The most events one timeline page lists. Past it the timeline is an index of pages, each a
# run of consecutive years (a year with more is cut into parts), so no page grows with the
# briefing: at 5,000 articles the one page held 65,000 events (26.7 MB of Markdown, minutes
# of MkDocs and a page no reader scrolls). ~400 bytes an event: a page stays near 200 KB.
TIMELINE_PAGE_MAX_EVENTS = 500


@dataclass(frozen=True, slots=True)
class TimelinePart:
    """One page of a long timeline: its events, the years they span, and its place among the
    parts of one year."""

    events: tuple[Event, ...]
    first_year: int
    last_year: int
    part: int = 0  # 1, 2, ... when one year fills several pages; 0 otherwise
    parts: int = 0

    @property
    def label(self) -> str:
        years = (str(self.first_year) if self.first_year == self.last_year
                 else f"{self.first_year}–{self.last_year}")
        return years + (f" (part {self.part} of {self.parts})" if self.parts else "")

    @property
    def slug(self) -> str:
        years = str(self.first_year) if self.first_year == self.last_year else f"{self.first_year}-{self.last_year}"
        return years + (f"-{self.part}" if self.part > 1 else "")


def timeline_parts(events: list[Event], limit: int = TIMELINE_PAGE_MAX_EVENTS) -> list[TimelinePart]:
    """Events (in date order) cut into pages of at most `limit`: whole years packed together
    while they fit, a year with more than `limit` on pages of its own."""
    years: dict[int, list[Event]] = {}
    for event in events:
        years.setdefault(event_year(event.date), []).append(event)
    return [TimelinePart(tuple(e for _, in_year, _, _ in run for e in in_year), run[0][0], run[-1][0],
                         run[0][2], run[0][3])
            for run in pack_groups(years.items(), limit)]


def timeline_intro(happened: int, ahead: int) -> str:
    return (f"{plural(happened, 'event')} the articles date explicitly"
            + (f", and {ahead} {'plan or forecast' if ahead == 1 else 'plans and forecasts'} "
               "ahead" if ahead else "")
            + ". Relative dates (“last August”) appear only when an article's publication date is known.")


AHEAD_NOTE = "Plans and forecasts: dates the articles look forward to."


def render_timeline(briefing: Briefing) -> list[Page]:
    """Events in date order, each linked to the paragraph that states it; plans and
    forecasts apart, under "Ahead", so a reader never takes them for what happened. A long
    timeline is an index of pages of consecutive years (`TIMELINE_PAGE_MAX_EVENTS`)."""
    articles = {e.article.id: e.article for e in briefing.articles}
    events = briefing.events  # in event_order (build_briefing sorts them once)
    happened = [e for e in events if not e.ahead]
    ahead = [e for e in events if e.ahead]
    intro = timeline_intro(len(happened), len(ahead))
    if len(events) <= TIMELINE_PAGE_MAX_EVENTS:
        parts = [intro]
        if happened:
            parts.append("## What happened\n\n" + html_list(event_item(e, articles, 0) for e in happened))
        if ahead:
            parts.append(f"## Ahead\n\n{AHEAD_NOTE}\n\n" + html_list(event_item(e, articles, 0) for e in ahead))
        return [page("timeline.md", "Timeline", "\n\n".join(parts), about=intro, search=UNSEARCHED)]
    pages, sections = [], [intro]
    for heading, prefix, group in (("What happened", "", happened), ("Ahead", "ahead-", ahead)):
        items = []
        for part in timeline_parts(group):
            path = f"timeline/{prefix}{part.slug}.md"
            title = f"Timeline: {'ahead, ' if prefix else ''}{part.label}"
            note = f"{AHEAD_NOTE}\n\n" if prefix else ""
            about = f"{plural(len(part.events), 'event')} dated {part.label}, from the briefing's articles."
            pages.append(page(path, title, f"{about} [All periods](../timeline.md)\n\n{note}"
                              + html_list(event_item(e, articles, 1) for e in part.events),
                              about=about, search=UNSEARCHED))
            items.append(f"<li>{anchor(path, 0, part.label)}: {plural(len(part.events), 'event')}</li>")
        if items:
            sections.append(f"## {heading}\n\n" + (f"{AHEAD_NOTE}\n\n" if prefix else "") + html_list(items))
    return [page("timeline.md", "Timeline", "\n\n".join(sections), about=intro, search=UNSEARCHED)] + pages
