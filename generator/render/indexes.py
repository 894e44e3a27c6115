"""Index pages: articles, people / organisations / places, topics, quotes and the timeline.

People, organisations, places and topics share one generic renderer (`render_listing`):
an index page sorted by how many articles mention each item, and one page per item built
from `Section`s. Every string from an article is escaped here, at render time.

The lists are written as HTML, not Markdown: Python-Markdown spent most of MkDocs' time on
them (every link, emphasis and escape is a separate inline match, and MkDocs resolved each
link again), while an HTML block passes through as it is; on entity pages that cut the
Markdown time by ~60%. Their links therefore name the built pages (`PAGE_SUFFIX`), and
tests/test_home_and_topics.py follows every one of them in the built site. Headings and
intros stay Markdown, so the table of contents and search sections still see them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import frontmatter

from generator.nlp.names import normal
from generator.corpus.briefing import article_entities
from generator.render.escape import escape_html, escape_markdown
from generator.model import Article, Briefing, Entity, EntityType, Event, Mention, Page, Quote, Topic
from generator.render.article import GENERATED_BY, description, unsearched
from generator.nlp.date_labels import readable_date

ENTITY_FOLDERS = {EntityType.PERSON: ("people", "People"),
                  EntityType.ORGANISATION: ("organisations", "Organisations"),
                  EntityType.PLACE: ("places", "Places")}
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


def page(path: str, title: str | None, body: str, about: str = "", **meta) -> Page:
    """A generated page: the true title in frontmatter (none: the body's own heading names
    the page, as on the home page; generator/theme/hooks.py escapes it for MkDocs), a
    description from `about`, our marker, one final newline."""
    head = {"title": title} if title is not None else {}
    if about:
        head["description"] = description(about)
    post = frontmatter.Post(body.rstrip("\n") + "\n", **head, **meta, generated_by=GENERATED_BY)
    return Page(path=path, text=frontmatter.dumps(post, sort_keys=False) + "\n", source="index")


def up(depth: int) -> str:
    return "../" * depth


# The built page of `x/y.md`: mkdocs.yml sets `use_directory_urls: false`, as the offline
# bundle needs (tests/test_pipeline.py checks the setting).
PAGE_SUFFIX = ".html"


def anchor(path: str, depth: int, label: str, paragraph: int = 0) -> str:
    """An HTML link from a page `depth` folders down to the page of `path` (`x/y.md`)."""
    target = f"{up(depth)}{path.removesuffix('.md')}{PAGE_SUFFIX}" + (f"#p{paragraph}" if paragraph else "")
    return f'<a href="{escape_html(target)}">{escape_html(label)}</a>'


def html_list(items) -> str:
    return "<ul>\n" + "\n".join(items) + "\n</ul>"


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
    """A Markdown link to an article (for the home page, which stays Markdown)."""
    target = f"#p{paragraph}" if paragraph else ""
    label = escape_markdown(text if text is not None else article.title)
    return f"[{label}]({up(depth)}articles/{article.slug}.md{target})"


def article_anchor(article: Article, depth: int, paragraph: int = 0) -> str:
    return anchor(f"articles/{article.slug}.md", depth, article.title, paragraph)


# An entity gets a page of its own when at least this many articles name it. A page for a
# name in one article only repeats that article (its roles, quotes, events and companions
# are all there) and, at 1,000 articles, 1,456 such pages were a quarter of the site and of
# MkDocs' time (benchmarks/bench_build.py). Such a name links to where its article names it.
ENTITY_PAGE_MIN_ARTICLES = 2


def has_page(entity: Entity) -> bool:
    return len(entity.articles) >= ENTITY_PAGE_MIN_ARTICLES


def entity_page(entity: Entity) -> str | None:
    """The entity's page (`people/x.md`), or None when it has none: then it is named in one
    article only, which is the page the reader came from or the one the line links."""
    return f"{ENTITY_FOLDERS[entity.type][0]}/{entity.key}.md" if has_page(entity) else None


def entity_urls(briefing: Briefing) -> dict[str, str]:
    """Entity id → where the site shows it, from the site's root: its page, or for a name
    in one article the paragraph that first names it (as the index links it)."""
    articles = {e.article.id: e.article for e in briefing.articles}
    urls = {}
    for entity in briefing.entities:
        if (target := entity_page(entity)) is not None:
            urls[entity.key] = target.removesuffix(".md") + PAGE_SUFFIX
        elif any(m.article in articles for m in entity.mentions):
            path, paragraph = one_article_item(entity, articles).elsewhere
            urls[entity.key] = path.removesuffix(".md") + PAGE_SUFFIX + (f"#p{paragraph}" if paragraph else "")
    return urls


def entity_link(entity: Entity, depth: int) -> str:
    """A Markdown link to the entity's page, or its name alone (home page, headings)."""
    target = entity_page(entity)
    name = escape_markdown(entity.name)
    return f"[{name}]({up(depth)}{target})" if target else name


def entity_anchor(entity: Entity, depth: int) -> str:
    """`entity_link` as HTML, for the lists."""
    target = entity_page(entity)
    return anchor(target, depth, entity.name) if target else escape_html(entity.name)


def article_item(article: Article, depth: int) -> str:
    byline = ", ".join(article.authors)
    source = f" — {escape_html(byline)}" if byline else ""
    summary = summary_line(article)
    lead = f"<br>{escape_html(summary)}" if summary else ""
    return f"<li><strong>{article_anchor(article, depth)}</strong>{source}{lead}</li>"


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    lines: tuple[str, ...]  # already-rendered HTML list items (<li>)
    searchable: bool = False  # lists that repeat article text stay out of the search index

    def render(self) -> str:
        items = html_list(self.lines)
        return f"## {self.heading}\n\n{items}" if self.searchable else unsearched(self.heading, items)


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a listing: its slug, name, the line under it in the index, and either
    the sections of its own page or (`elsewhere`) the place the index links instead."""

    key: str
    name: str
    count: int
    blurb: str  # HTML
    sections: tuple[Section, ...] = ()
    elsewhere: tuple[str, int] | None = None  # (page, paragraph) to link instead of a page of its own
    sort_name: str = ""  # for an index in alphabetical order (people: the surname first)
    about: str = ""  # plain text for the page's meta description


def render_listing(folder: str, title: str, intro: str, items: tuple[Item, ...],
                   index_meta: dict | None = None, alphabetical: bool = False) -> list[Page]:
    """The index page (most-mentioned first, or by `sort_name`) and one page per item that has one."""
    if alphabetical:
        ranked = sorted(items, key=lambda i: ((i.sort_name or i.name).casefold(), i.name.casefold(), i.key))
    else:
        ranked = sorted(items, key=lambda i: (-i.count, i.name.casefold(), i.key))
    lines = []
    for item in ranked:
        target, paragraph = item.elsewhere or (f"{folder}/{item.key}.md", 0)
        lines.append(f"<li>{anchor(target, 1, item.name, paragraph)} — {item.blurb}</li>")
    pages = [page(f"{folder}/index.md", title, intro + "\n\n" + html_list(lines), about=intro, **(index_meta or {}))]
    for item in (i for i in ranked if i.elsewhere is None):
        body = "\n\n".join(s.render() for s in item.sections if s.lines)
        pages.append(page(f"{folder}/{item.key}.md", item.name, body or "Nothing more is known.",
                          about=item.about or f"{item.name}: {item.count} articles of the briefing."))
    return pages


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def entity_keys_by_article(briefing: Briefing) -> dict[str, set[str]]:
    return {a: {e.key for e in named} for a, named in article_entities(briefing).items()}


# Written after a name, not part of the surname ("Martin Luther King Jr.").
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def surname_first(entity: Entity) -> str:
    """The person's name as an index sorts it: surname first. The surname is the one word
    of the name the articles also use alone ("Blinken", "Xi": this follows each name's own
    order, family name first or last), else the last word before any suffix."""
    words = entity.name.split()
    plain = [w for w in words if normal(w) not in NAME_SUFFIXES]
    alone = {normal(a) for a in entity.aliases if len(a.split()) == 1}
    surname = next((w for w in plain if normal(w) in alone), plain[-1] if plain else entity.name)
    rest = [w for w in words if w is not surname]
    return " ".join([surname] + rest)


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
            items.append(one_article_item(entity, articles, surname_first(entity) if type_ is EntityType.PERSON else ""))
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
            Section("Also known as", tuple(f"<li>{escape_html(a)}</li>" for a in entity.aliases), searchable=True),
            Section("Roles", roles(entity, articles), searchable=True),
            Section("Wrote", wrote(mentions, articles), searchable=True),
            Section("Quotes", tuple(quote_item(q, articles, 1) for q in quotes)),
            Section("Events", latest_events(events, articles)),
            Section("Mentioned in", where),
            Section("Appears with", tuple(f"<li>{entity_anchor(entities[k], 1)} ({plural(companions[k], 'article')})</li>"
                                          for k in ranked)),
        )
        role = f", {entity.descriptions[0][1]}," if entity.descriptions else ""
        items.append(Item(key=entity.key, name=entity.name, count=len(entity.articles),
                          blurb=plural(len(entity.articles), "article"), sections=sections,
                          about=f"{entity.name}{role} in {plural(len(entity.articles), 'article')}: "
                                "roles, quotes, events and who they appear with.",
                          sort_name=surname_first(entity) if type_ is EntityType.PERSON else ""))
    return tuple(items)


def one_article_item(entity: Entity, articles: dict[str, Article], sort_name: str = "") -> Item:
    """An index line for a name in one article: its role there, linked to the paragraph
    that first names it (the article's title and lead before the body)."""
    first = min(entity.mentions, key=lambda m: (m.part == "body", m.paragraph, m.start))
    article = articles[first.article]
    if all(m.part == "byline" for m in entity.mentions):
        return Item(key=entity.key, name=entity.name, count=1, blurb=f"wrote <em>{escape_html(article.title)}</em>",
                    elsewhere=(f"articles/{article.slug}.md", 0), sort_name=sort_name)
    role = f"{escape_html(entity.descriptions[0][1])}, " if entity.descriptions else ""
    return Item(key=entity.key, name=entity.name, count=1, blurb=f"{role}in <em>{escape_html(article.title)}</em>",
                elsewhere=(f"articles/{article.slug}.md", first.paragraph), sort_name=sort_name)


def telling(mention: Mention) -> tuple:
    """How much one mention tells a reader (most first): where the article says who or what
    it is, then the fullest way it is written, then the earliest paragraph."""
    return (mention.description is None, -len(mention.surface.split()), mention.paragraph, mention.start)


def mentioned_in(mentions: list[Mention], articles: dict[str, Article]) -> tuple[str, ...]:
    """One line per article (in article order): its most telling mention, linked to the
    paragraph, with that sentence and how many more mentions the article has. A place named
    in five articles reprinted 53 paragraphs here: a concordance, not a page to skim.
    Bylines are not mentions (the "Wrote" section lists them)."""
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.part != "byline":
            by_article[m.article].append(m)
    lines = []
    for article_id in sorted(by_article):
        found = sorted(by_article[article_id], key=telling)
        best = found[0]
        more = f" (and {plural(len(found) - 1, 'more mention')})" if len(found) > 1 else ""
        lines.append(f"<li>{article_anchor(articles[article_id], 1, best.paragraph)}: "
                     f"{escape_html(best.sentence)}{more}</li>")
    return tuple(lines)


def wrote(mentions: list[Mention], articles: dict[str, Article]) -> tuple[str, ...]:
    """The articles whose byline names the person: they wrote it, they are not in it."""
    ids = sorted({m.article for m in mentions if m.part == "byline"})
    return tuple(f"<li>{article_anchor(articles[a], 1)}</li>" for a in ids)


def roles(entity: Entity, articles: dict[str, Article]) -> tuple[str, ...]:
    """Each role once (compared as `normal` text: "House Speaker" twice was one role), with
    every article that gives it, in the order the roles first appear."""
    shown: dict[str, str] = {}
    where: dict[str, list[str]] = defaultdict(list)
    for article_id, text in entity.descriptions:
        if article_id not in articles:
            continue
        key = normal(text)
        shown.setdefault(key, text)
        if article_id not in where[key]:
            where[key].append(article_id)
    return tuple(f"<li>{escape_html(shown[k])} ({', '.join(article_anchor(articles[a], 1) for a in where[k])})</li>"
                 for k in shown)


def latest_events(events: list[Event], articles: dict[str, Article]) -> tuple[str, ...]:
    """The latest `MAX_PAGE_EVENTS` of `events` (in date order), after a line that says how
    many earlier ones the timeline has."""
    more = [f"<li>…and {plural(len(events) - MAX_PAGE_EVENTS, 'earlier event')} on the "
            f"{anchor('timeline.md', 1, 'timeline')}</li>"] if len(events) > MAX_PAGE_EVENTS else []
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
            Section("Who and where", tuple(f"<li>{entity_anchor(e, 1)}</li>" for e in entities)),
            Section("Events", latest_events(events, articles)),
        )
        kind = "section" if topic.from_section else "key phrase"
        items.append(Item(key=topic.key, name=topic.name, count=len(topic.articles),
                          blurb=f"{plural(len(topic.articles), 'article')} ({kind})", sections=sections))
    return tuple(items)


def quote_item(quote: Quote, articles: dict[str, Article], depth: int) -> str:
    article = articles[quote.article]
    return f"<li>“{escape_html(quote.text)}” — {article_anchor(article, depth, quote.paragraph)}</li>"


def event_order(event: Event) -> tuple:
    """Chronological: a decade sorts at its start, a year before its months."""
    date = event.date
    year = date[:4].replace("s", "0") if not date.endswith("s") else date[:-1]
    return (int(year[:4]), len(date.rstrip("s")), date, event.article, event.paragraph, event.text)


def event_item(event: Event, articles: dict[str, Article], depth: int) -> str:
    """One dated sentence: the date in words ("August 2022"), marked when it is a plan or a
    forecast rather than something that happened."""
    resolved = f" (from “{escape_html(event.resolved_from)}”)" if event.resolved_from else ""
    ahead = " <em>(ahead)</em>" if event.ahead else ""
    link = article_anchor(articles[event.article], depth, event.paragraph)
    return (f"<li><strong>{escape_html(readable_date(event.date))}</strong>{ahead}{resolved}: "
            f"{escape_html(event.text)} — {link}</li>")


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
        parts.append(f"## {label}\n\n" + html_list(quote_item(q, articles, 0) for q in groups[label]))
    return page("quotes.md", "Quotes", "\n\n".join(parts), about=parts[0] + " Grouped by speaker.", search=UNSEARCHED)


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
        years.setdefault(event_order(event)[0], []).append(event)
    parts: list[TimelinePart] = []
    run: list[Event] = []
    first = last = None

    def close() -> None:
        if run:
            parts.append(TimelinePart(tuple(run), first, last))

    for year, in_year in years.items():
        if len(in_year) > limit:
            close()
            run, first = [], None
            chunks = [in_year[i:i + limit] for i in range(0, len(in_year), limit)]
            parts += [TimelinePart(tuple(c), year, year, n, len(chunks)) for n, c in enumerate(chunks, start=1)]
            continue
        if run and len(run) + len(in_year) > limit:
            close()
            run, first = [], None
        run += in_year
        first = year if first is None else first
        last = year
    close()
    return parts


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
    events = sorted(briefing.events, key=event_order)
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


def render_articles_index(articles: tuple[Article, ...]) -> Page:
    items = html_list(article_item(a, 1) for a in sorted(articles, key=lambda a: (a.title.casefold(), a.id)))
    return page("articles/index.md", "Articles", f"{plural(len(articles), 'article')} in this briefing.\n\n{items}",
                about=f"The {plural(len(articles), 'article')} of this briefing, by title.", search=UNSEARCHED)


def render_indexes(briefing: Briefing) -> list[Page]:
    """Every index page but the home page."""
    pages = [render_articles_index(tuple(e.article for e in briefing.articles))]
    for type_, (folder, title) in ENTITY_FOLDERS.items():
        people = type_ is EntityType.PERSON
        intro = f"{title} the articles mention, " + ("by surname." if people else "most mentioned first.")
        pages += render_listing(folder, title, intro, entity_items(briefing, type_), alphabetical=people)
    pages += render_listing("topics", "Topics", "Topics are the articles' section labels and the key "
                            "phrases at least two articles share (with their variants, under the most "
                            "used name); each lists every article that uses one of its forms.",
                            topic_items(briefing), index_meta={"search": UNSEARCHED})
    pages += [render_quotes(briefing), *render_timeline(briefing)]
    return pages
