"""The home page: what a busy reader learns in two minutes, at most `MAX_WORDS` words.

Extractive only: every line is a standfirst, a lead sentence, a quote or a sentence from an
article (linked to where it came from), or a count over the articles.
"""

from __future__ import annotations

import re
from collections import Counter

from generator.corpus.briefing import story_units
from generator.render.escape import escape_markdown
from generator.model import Article, Briefing, EntityType, Event, Figure, Page, Quote
from generator.render.links import UNSEARCHED, article_link, entity_link, page, plural, summary_line
from generator.nlp.date_labels import is_century, readable_date

MAX_WORDS = 600
# Up to this many stories (a story: one article, or several on one event) the key points
# are one line per story; beyond, the largest stories and topics.
MAX_ARTICLE_POINTS = 8
# Beyond, at most this many topic lines, each linking up to this many of its articles.
MAX_TOPIC_POINTS = 8
MAX_LINKS_PER_POINT = 4
# Words the key points may take of `MAX_WORDS`: room left for who's who, figures, events
# and quotes (at least a line each). 15 articles on different subjects, titles of ~12
# words: 8 topic lines of ~35 words and an "Other articles" line of the rest fit.
KEY_POINT_WORDS = 420
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
    outlets = sorted({a.meta.outlet for a in articles if a.meta and a.meta.outlet}, key=lambda o: (o.casefold(), o))
    dates = sorted(a.meta.published for a in articles if a.meta and a.meta.published)
    parts = [f"This briefing gathers {plural(len(articles), 'article')} "
             f"({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))})"]
    if outlets:
        parts.append(f" from {', '.join(escape_markdown(o) for o in outlets)}")
    if dates:
        parts.append(f", published {dates[0]} to {dates[-1]}" if dates[0] != dates[-1] else f", published {dates[0]}")
    if copies := len(briefing.original_of()):
        parts.append(f"; {copies} {'is a copy' if copies == 1 else 'are copies'} of another's text, counted once")
    events = [e for e in briefing.events if not e.ahead]  # in event_order, as the briefing holds them
    if events:
        parts.append(f". The events they date run from {in_prose(events[0].date)} to {in_prose(events[-1].date)}")
    people = sum(1 for e in briefing.entities if e.type is EntityType.PERSON)
    others = len(briefing.entities) - people
    parts.append(f"; they name {people} {'person' if people == 1 else 'people'} and "
                 f"{others} {'organisation or place' if others == 1 else 'organisations and places'}.")
    return "".join(parts)


def story_point(story: tuple[Article, ...]) -> str:
    """One key point per story: its most central article's summary and link, then how many
    articles report it and links to the others."""
    lead = story[0]
    others = f" ({plural(len(story), 'article')}: also {', '.join(article_link(a, 0) for a in story[1:])})" \
        if len(story) > 1 else ""
    return f"- {escape_markdown(summary_line(lead))} — {article_link(lead, 0)}{others}"


def key_points(briefing: Briefing) -> list[str]:
    """Every article one click away, within `KEY_POINT_WORDS`, one line per story (a story:
    one article, or several on one event; a copy is its original's) while there are at most
    `MAX_ARTICLE_POINTS`. Beyond: the stories of several articles first (at most half the
    points), then the other stories grouped by topic (the topic that covers most stories not
    yet shown, first: a greedy cover), each line one lead and links to the rest, then an
    "Other articles" line for those no chosen topic holds. A briefing of 15 articles on
    different subjects had 3 of them on its home page, under the largest topics. What the
    budget cannot hold is counted and linked to the articles index."""
    articles = [e.article for e in briefing.articles]
    by_id = {a.id: a for a in articles}
    stories = [tuple(by_id[i] for i in unit) for unit in story_units(briefing)]
    if len(stories) <= MAX_ARTICLE_POINTS:
        return [story_point(s) for s in stories]
    shared = sorted((s for s in stories if len(s) > 1), key=lambda s: -len(s))[:MAX_ARTICLE_POINTS // 2]
    lines = [story_point(s) for s in shared]
    left = [s for s in stories if s not in shared]  # each stands for its lead article below
    shown: set[str] = set()
    topics = list(briefing.topics)

    story_at = {a.id: i for i, s in enumerate(left) for a in s}  # each article is in one story at most

    def holds(topic) -> list[Article]:
        """The leads of the stories left that the topic holds (by any of their articles), in
        their order: looked up by the topic's articles, not by scanning every story for
        every topic (1 s at 5,000 articles)."""
        held = sorted({story_at[a] for a in topic.articles if a in story_at})
        return [left[i][0] for i in held if left[i][0].id not in shown]

    while topics and len(lines) - len(shared) < MAX_TOPIC_POINTS:
        best = max(topics, key=lambda t: (len(holds(t)), -len(t.articles), t.name.casefold(), t.key))
        new = holds(best)
        if len(new) < 2:
            break  # a topic for one story more is that story's own line: "Other articles"
        topics.remove(best)
        lead, rest = new[0], new[1:MAX_LINKS_PER_POINT]
        more = len(new) - 1 - len(rest)
        also = "; also " + ", ".join(article_link(a, 0) for a in rest) if rest else ""
        tail = f" and [{more} more](topics/{best.key}.md)" if more > 0 else ""
        line = (f"- **[{escape_markdown(best.name)}](topics/{best.key}.md)**: {escape_markdown(summary_line(lead))} "
                f"— {article_link(lead, 0)}{also}{tail}")
        if shown_words("\n".join(lines + [line])) > KEY_POINT_WORDS:
            break
        lines.append(line)
        shown |= {lead.id} | {a.id for a in rest}
    others = [s[0] for s in left if s[0].id not in shown]
    listed: list[str] = []
    for article in others:
        candidate = lines + ["- Other articles: " + " · ".join(listed + [article_link(article, 0)])]
        if shown_words("\n".join(candidate)) > KEY_POINT_WORDS:
            break
        listed.append(article_link(article, 0))
    if listed:
        lines.append(f"- {'Other articles' if lines else 'Articles'}: " + " · ".join(listed))
    missing = len(others) - len(listed)
    lines.append(f"- [All {plural(len(articles), 'article')}](articles/index.md)"
                 + (f" ({missing} not listed here)" if missing else ""))
    return lines


def whos_who(briefing: Briefing) -> list[str]:
    people = sorted((e for e in briefing.entities if e.type is EntityType.PERSON),
                    key=lambda e: (-len(e.articles), -len(e.mentions), e.name.casefold(), e.key))[:WHO]
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
    events = [e for e in briefing.events if not e.ahead][-EVENTS:]  # the briefing's order: event_order
    return [event_line(e, articles) for e in reversed(events)]


def ahead(briefing: Briefing) -> list[str]:
    """Plans and forecasts, soonest first: kept apart from what happened."""
    articles = {e.article.id: e.article for e in briefing.articles}
    soonest = [e for e in briefing.events if e.ahead][:EVENTS]  # the briefing's order: event_order
    return [event_line(e, articles) for e in soonest]


def notable_quotes(briefing: Briefing) -> list[str]:
    """Named speakers only, one quote each, from as many articles as possible."""
    articles = {e.article.id: e.article for e in briefing.articles}
    entities = {e.key: e for e in briefing.entities}
    speaker_of = briefing.speaker_of()
    chosen: list[tuple[Quote, str]] = []
    for quote in sorted(briefing.quotes, key=lambda q: (q.article, q.paragraph)):
        words = len(quote.text.split())
        speaker = speaker_of.get(quote)
        if (speaker in entities and QUOTE_WORDS[0] <= words <= QUOTE_WORDS[1]
                and all(s != speaker and q.article != quote.article for q, s in chosen)):
            chosen.append((quote, speaker))
        if len(chosen) >= QUOTES:
            break
    return [f"- “{escape_markdown(q.text)}” — {entity_link(entities[s], 0)}, "
            f"{article_link(articles[q.article], 0, q.paragraph, 'in context')}" for q, s in chosen]


_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_MARKUP = re.compile(r"[\\*\[\]#]|^- ", re.M)


def shown_words(markdown_text: str) -> int:
    """Words a reader sees once the Markdown is rendered (link targets and markup dropped)."""
    return len(_MARKUP.sub(" ", _LINK_TARGET.sub("]", markdown_text)).split())


def about(briefing: Briefing, site_name: str) -> str:
    """The home page's meta description, plain text from the briefing: what it gathers, its
    largest topics and most named people."""
    topics = [t.name for t in sorted(briefing.topics, key=lambda t: (-len(t.articles), t.name.casefold(), t.key))[:3]]
    people = [e.name for e in sorted((e for e in briefing.entities if e.type is EntityType.PERSON),
                                     key=lambda e: (-len(e.articles), e.name.casefold(), e.key))[:3]]
    text = f"{site_name}: {plural(len(briefing.articles), 'article')}"
    text += f" on {', '.join(topics)}" if topics else ""
    text += f", naming {', '.join(people)}" if people else ""
    return text + "."


def render_home(briefing: Briefing, site_name: str) -> Page:
    """Headed by the briefing's name (no frontmatter title: <title> is then the site name
    alone, not "X - X"). Sections in order of importance; while the page is over
    `MAX_WORDS`, the last line of the least important section that still has more than
    one line is dropped."""
    sections = [("Key points", key_points(briefing)), ("Who's who", whos_who(briefing)),
                ("Key figures", key_figures(briefing)), ("Latest events", latest_events(briefing)), ("Ahead", ahead(briefing)),
                ("Notable quotes", notable_quotes(briefing))]
    intro = coverage(briefing)
    footer = ("[All articles](articles/index.md) · [Topics](topics/index.md) · [People](people/index.md) · "
              "[Organisations](organisations/index.md) · [Places](places/index.md) · "
              "[Quotes](quotes.md) · [Timeline](timeline.md)")

    def compose() -> str:
        parts = [f"# {escape_markdown(site_name)}", intro]
        parts += [f"## {h}\n\n" + "\n".join(lines) for h, lines in sections if lines] + [footer]
        return "\n\n".join(parts)

    # Key points are never cut: they are how every article is one click away.
    while shown_words(compose()) > MAX_WORDS:
        cuttable = [lines for heading, lines in sections[1:] if len(lines) > 1]
        if not cuttable:
            cuttable = [lines for heading, lines in sections[1:] if lines]
        if not cuttable:
            break
        cuttable[-1].pop()
    return page("index.md", None, compose(), about=about(briefing, site_name), search=UNSEARCHED)
