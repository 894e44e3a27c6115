"""Index pages: articles, people / organisations / places, topics, quotes and the timeline.

People, organisations, places and topics share one generic renderer (`render_listing`):
an index page sorted by how many articles mention each item, and one page per item built
from `Section`s. Every string from an article is escaped here, at render time.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import frontmatter

from generator.corpus import article_entities
from generator.escape import escape_markdown, escape_title
from generator.model import Article, Briefing, Entity, EntityType, Event, Mention, Page, Quote, Topic
from generator.render_article import GENERATED_BY, unsearched

ENTITY_FOLDERS = {EntityType.PERSON: ("people", "People"),
                  EntityType.ORGANISATION: ("organisations", "Organisations"),
                  EntityType.PLACE: ("places", "Places")}
ENTITY_FOLDER_NAMES = {t: folder for t, (folder, _) in ENTITY_FOLDERS.items()}
# Frontmatter of pages that only list text from the articles: out of the search index,
# where they would repeat every article (and grow with the briefing).
UNSEARCHED = {"exclude": True}
# How many co-mentioned entities an entity page lists.
MAX_COMPANIONS = 12
# How many entities a topic page lists.
MAX_TOPIC_ENTITIES = 15
# How many (latest) events a topic or entity page lists; the timeline has them all. A topic
# or a place shared by hundreds of articles would otherwise list thousands, and MkDocs' time
# grows with the Markdown it converts (benchmarks/bench_build.py, N=1,000).
MAX_PAGE_EVENTS = 30


def page(path: str, title: str, body: str, **meta) -> Page:
    """A generated page: escaped title in frontmatter, our marker, one final newline."""
    post = frontmatter.Post(body.rstrip("\n") + "\n", title=escape_title(title), **meta,
                            generated_by=GENERATED_BY)
    return Page(path=path, text=frontmatter.dumps(post, sort_keys=False) + "\n", source="index")


def up(depth: int) -> str:
    return "../" * depth


# A summary line is a sentence; a run-on source line is cut at a word boundary near this.
SUMMARY_MAX_CHARS = 300


def summary_line(article: Article) -> str:
    """One line a reader can skim: the first standfirst bullet, else the lead sentence
    (cut with "…" if the source runs on, so one huge line cannot flood the index pages)."""
    if article.standfirst:
        text = article.standfirst[0]
    elif article.body:
        text = article.body[0].text
        end = next((i for i, ch in enumerate(text) if ch in ".!?" and i > 40), None)
        text = text if end is None else text[: end + 1]
    else:
        return ""
    if len(text) <= SUMMARY_MAX_CHARS:
        return text
    return text[:SUMMARY_MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:–—-") + "…"


def article_link(article: Article, depth: int, paragraph: int = 0, text: str | None = None) -> str:
    anchor = f"#p{paragraph}" if paragraph else ""
    label = escape_markdown(text if text is not None else article.title)
    return f"[{label}]({up(depth)}articles/{article.slug}.md{anchor})"


# An entity gets a page of its own when at least this many articles name it. A page for a
# name in one article only repeats that article (its roles, quotes, events and companions
# are all there) and, at 1,000 articles, 1,456 such pages were a quarter of the site and of
# MkDocs' time (benchmarks/bench_build.py). Such a name links to where its article names it.
ENTITY_PAGE_MIN_ARTICLES = 2


def has_page(entity: Entity) -> bool:
    return len(entity.articles) >= ENTITY_PAGE_MIN_ARTICLES


def entity_link(entity: Entity, depth: int) -> str:
    """A link to the entity's page, or its name alone when it has none (then it is named in
    one article only, which is the page the reader came from or the one the line links)."""
    if not has_page(entity):
        return escape_markdown(entity.name)
    folder, _ = ENTITY_FOLDERS[entity.type]
    return f"[{escape_markdown(entity.name)}]({up(depth)}{folder}/{entity.key}.md)"


def article_item(article: Article, depth: int) -> str:
    byline = ", ".join(article.authors)
    source = f" — {escape_markdown(byline)}" if byline else ""
    return f"- **{article_link(article, depth)}**{source}  \n  {escape_markdown(summary_line(article))}"


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    lines: tuple[str, ...]  # already-rendered Markdown list items or paragraphs
    searchable: bool = False  # lists that repeat article text stay out of the search index

    def render(self) -> str:
        items = "\n".join(self.lines)
        return f"## {self.heading}\n\n{items}" if self.searchable else unsearched(self.heading, items)


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a listing: its slug, name, the line under it in the index, and either
    the sections of its own page or (`href`) the place the index links instead."""

    key: str
    name: str
    count: int
    blurb: str
    sections: tuple[Section, ...] = ()
    href: str | None = None  # relative to the listing's folder; no page of its own


def render_listing(folder: str, title: str, intro: str, items: tuple[Item, ...],
                   index_meta: dict | None = None) -> list[Page]:
    """The index page (most-mentioned first) and one page per item that has one."""
    ranked = sorted(items, key=lambda i: (-i.count, i.name.casefold(), i.key))
    lines = [f"- [{escape_markdown(i.name)}]({i.href or f'{i.key}.md'}) — {i.blurb}" for i in ranked]
    pages = [page(f"{folder}/index.md", title, intro + "\n\n" + "\n".join(lines), **(index_meta or {}))]
    for item in (i for i in ranked if i.href is None):
        body = "\n\n".join(s.render() for s in item.sections if s.lines)
        pages.append(page(f"{folder}/{item.key}.md", item.name, body or "Nothing more is known."))
    return pages


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def entity_keys_by_article(briefing: Briefing) -> dict[str, set[str]]:
    return {a: {e.key for e in named} for a, named in article_entities(briefing).items()}


def entity_items(briefing: Briefing, type_: EntityType) -> tuple[Item, ...]:
    articles = {e.article.id: e.article for e in briefing.articles}
    by_article = entity_keys_by_article(briefing)
    entities = {e.key: e for e in briefing.entities}
    # Grouped once: scanning every quote and event for every entity grows with N².
    quotes_by: dict[str | None, list[Quote]] = defaultdict(list)
    for quote in briefing.quotes:
        quotes_by[quote.speaker_key].append(quote)
    events_at: dict[tuple[str, int], list[Event]] = defaultdict(list)
    for event in briefing.events:
        events_at[(event.article, event.paragraph)].append(event)
    items = []
    for entity in (e for e in briefing.entities if e.type is type_):
        if not has_page(entity):
            items.append(one_article_item(entity, articles))
            continue
        mentions = [m for m in entity.mentions if m.article in articles]
        where = mentioned_in(mentions, articles)
        companions = Counter(k for a in entity.articles for k in by_article[a]
                             if k != entity.key and has_page(entities[k]))
        ranked = sorted(companions, key=lambda k: (-companions[k], entities[k].name.casefold()))[:MAX_COMPANIONS]
        quotes = quotes_by.get(entity.key, [])
        paragraphs = {(m.article, m.paragraph) for m in mentions}
        events = sorted((ev for p in paragraphs for ev in events_at.get(p, ())), key=event_order)
        sections = (
            Section("Also known as", tuple(f"- {escape_markdown(a)}" for a in entity.aliases), searchable=True),
            Section("Roles", tuple(f"- {escape_markdown(text)} ({article_link(articles[a], 1)})"
                                   for a, text in entity.descriptions if a in articles), searchable=True),
            Section("Quotes", tuple(quote_item(q, articles, 1) for q in quotes)),
            Section("Events", latest_events(events, articles)),
            Section("Mentioned in", where),
            Section("Appears with", tuple(f"- {entity_link(entities[k], 1)} ({plural(companions[k], 'article')})"
                                          for k in ranked)),
        )
        items.append(Item(key=entity.key, name=entity.name, count=len(entity.articles),
                          blurb=plural(len(entity.articles), "article"), sections=sections))
    return tuple(items)


# Up to this many paragraphs, an entity page quotes the sentence of every paragraph that
# names it; beyond, one line per article (a name in hundreds of articles made its page the
# largest of the site, and MkDocs' time grows with the Markdown it converts).
MAX_MENTION_LINES = 60


def one_article_item(entity: Entity, articles: dict[str, Article]) -> Item:
    """An index line for a name in one article: its role there, linked to the paragraph
    that first names it (the article's title and lead before the body)."""
    first = min(entity.mentions, key=lambda m: (m.part == "body", m.paragraph, m.start))
    article = articles[first.article]
    role = f"{escape_markdown(entity.descriptions[0][1])}, " if entity.descriptions else ""
    return Item(key=entity.key, name=entity.name, count=1, blurb=f"{role}in *{escape_markdown(article.title)}*",
                href=f"../articles/{article.slug}.md" + (f"#p{first.paragraph}" if first.paragraph else ""))


def mentioned_in(mentions: list[Mention], articles: dict[str, Article]) -> tuple[str, ...]:
    """Each paragraph naming the entity, linked, with its sentence; for a name in many
    articles, each article's first such paragraph and how many more there are."""
    paragraphs: dict[str, dict[int, str]] = defaultdict(dict)
    for m in sorted(mentions, key=lambda m: (m.article, m.paragraph)):
        paragraphs[m.article].setdefault(m.paragraph, m.sentence)
    every = sum(len(found) for found in paragraphs.values()) <= MAX_MENTION_LINES
    lines = []
    for article_id, found in paragraphs.items():
        shown = list(found.items()) if every else list(found.items())[:1]
        more = f" (and {plural(len(found) - 1, 'more paragraph')})" if len(found) > len(shown) else ""
        lines += [f"- {article_link(articles[article_id], 1, n)}: {escape_markdown(sentence)}"
                  for n, sentence in shown]
        lines[-1] += more
    return tuple(lines)


def latest_events(events: list[Event], articles: dict[str, Article]) -> tuple[str, ...]:
    """The latest `MAX_PAGE_EVENTS` of `events` (in date order), after a line that says how
    many earlier ones the timeline has."""
    more = [f"- …and {plural(len(events) - MAX_PAGE_EVENTS, 'earlier event')} on the "
            f"[timeline](../timeline.md)"] if len(events) > MAX_PAGE_EVENTS else []
    return tuple(more + [event_item(e, articles, 1) for e in events[-MAX_PAGE_EVENTS:]])


def topic_items(briefing: Briefing) -> tuple[Item, ...]:
    articles = {e.article.id: e.article for e in briefing.articles}
    by_key = {e.key: e for e in briefing.entities}
    named_in = entity_keys_by_article(briefing)
    items = []
    for topic in briefing.topics:
        members = set(topic.articles)
        counts = Counter(k for a in members for k in named_in.get(a, ()))
        entities = sorted((by_key[k] for k, n in counts.items() if n >= min(2, len(members))),
                          key=lambda e: (-counts[e.key], e.name.casefold(), e.key))[:MAX_TOPIC_ENTITIES]
        events = sorted((e for e in briefing.events if e.article in members), key=event_order)
        sections = (
            Section("Articles", tuple(article_item(articles[a], 1) for a in topic.articles)),
            Section("Who and where", tuple(f"- {entity_link(e, 1)}" for e in entities)),
            Section("Events", latest_events(events, articles)),
        )
        kind = "section" if topic.from_section else "key phrase"
        items.append(Item(key=topic.key, name=topic.name, count=len(topic.articles),
                          blurb=f"{plural(len(topic.articles), 'article')} ({kind})", sections=sections))
    return tuple(items)


def quote_item(quote: Quote, articles: dict[str, Article], depth: int) -> str:
    article = articles[quote.article]
    return f"- “{escape_markdown(quote.text)}” — {article_link(article, depth, quote.paragraph)}"


def event_order(event: Event) -> tuple:
    """Chronological: a decade sorts at its start, a year before its months."""
    date = event.date
    year = date[:4].replace("s", "0") if not date.endswith("s") else date[:-1]
    return (int(year[:4]), len(date.rstrip("s")), date, event.article, event.paragraph, event.text)


def event_item(event: Event, articles: dict[str, Article], depth: int) -> str:
    resolved = f" (from “{escape_markdown(event.resolved_from)}”)" if event.resolved_from else ""
    link = article_link(articles[event.article], depth, event.paragraph)
    return f"- **{escape_markdown(event.date)}**{resolved}: {escape_markdown(event.text)} — {link}"


def speaker_label(quote: Quote, entities: dict[str, Entity], depth: int) -> str:
    if quote.speaker_key and quote.speaker_key in entities:
        return entity_link(entities[quote.speaker_key], depth)
    if quote.speaker:
        return escape_markdown(quote.speaker_name or quote.speaker)
    return f"Unnamed: {escape_markdown(quote.described_as or 'source not given')}"


def render_quotes(briefing: Briefing) -> Page:
    """Quotes grouped by speaker, most quoted first; unnamed sources last, as described."""
    articles = {e.article.id: e.article for e in briefing.articles}
    entities = {e.key: e for e in briefing.entities}
    groups: dict[str, list[Quote]] = defaultdict(list)
    for quote in briefing.quotes:
        groups[speaker_label(quote, entities, 0)].append(quote)
    order = sorted(groups, key=lambda g: (g.startswith("Unnamed"), -len(groups[g]), g.casefold()))
    parts = [f"{plural(len(briefing.quotes), 'quote')} from {plural(len(groups), 'source')}."]
    for label in order:
        parts.append(f"## {label}\n\n" + "\n".join(quote_item(q, articles, 0) for q in groups[label]))
    return page("quotes.md", "Quotes", "\n\n".join(parts), search=UNSEARCHED)


def render_timeline(briefing: Briefing) -> Page:
    """Events in date order, each linked to the paragraph that states it."""
    articles = {e.article.id: e.article for e in briefing.articles}
    events = sorted(briefing.events, key=event_order)
    intro = (f"{plural(len(events), 'event')} the articles date explicitly. Relative dates "
             "(“last August”) appear only when an article's publication date is known.")
    return page("timeline.md", "Timeline", intro + "\n\n" + "\n".join(event_item(e, articles, 0) for e in events),
                search=UNSEARCHED)


def render_articles_index(articles: tuple[Article, ...]) -> Page:
    items = "\n".join(article_item(a, 1) for a in sorted(articles, key=lambda a: (a.title.casefold(), a.id)))
    return page("articles/index.md", "Articles", f"{plural(len(articles), 'article')} in this briefing.\n\n{items}",
                search=UNSEARCHED)


def render_indexes(briefing: Briefing) -> list[Page]:
    """Every index page but the home page."""
    pages = [render_articles_index(tuple(e.article for e in briefing.articles))]
    for type_, (folder, title) in ENTITY_FOLDERS.items():
        intro = f"{title} the articles mention, most mentioned first."
        pages += render_listing(folder, title, intro, entity_items(briefing, type_))
    pages += render_listing("topics", "Topics", "Topics are the articles' section labels and the key "
                            "phrases at least two articles share.\n\n<!-- material/tags -->",
                            topic_items(briefing), index_meta={"search": UNSEARCHED})
    pages += [render_quotes(briefing), render_timeline(briefing)]
    return pages
