"""Index pages: articles, people / organisations / places and topics (the quotes are
render/quotes.py, the timeline render/timeline.py, the links and page frontmatter
render/links.py).

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

from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from generator.nlp.names import normal
from generator.corpus.facts import has_page
from generator.model import Article, Briefing, Entity, EntityType, Event, Mention, Page
from generator.render.article import unsearched
from generator.render.escape import escape_html
from generator.render.links import (ENTITY_FOLDERS, UNSEARCHED, anchor, article_anchor, entity_anchor,
                                    html_list, namings, page, plural, summary_line)
from generator.render.quotes import quote_item, render_quotes
from generator.render.timeline import event_item, render_timeline

# How many (latest) events a topic or entity page lists; the timeline has them all. A topic
# or a place shared by hundreds of articles would otherwise list thousands, and MkDocs' time
# grows with the Markdown it converts (benchmarks/bench_build.py, N=1,000).
MAX_PAGE_EVENTS = 30


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


# The most entries one index page lists. Past it the listing goes on in pages of as many
# (`folder/index_2.md`, ...: no slug has an underscore, so none can be an item's page). At
# 1,000 synthetic articles the organisations index was 1.6 MB of HTML (5,000 lines); it grew
# with the briefing. ~300 bytes a line: a page stays near 150 KB.
LISTING_PAGE_MAX = 500


def paged_listing(folder: str, title: str, intro: str, entries: list[tuple[str, str]],
                  alphabetical: bool, about: str = "", **meta) -> list[Page]:
    """`folder/index.md`: the intro and the first `LISTING_PAGE_MAX` entries ((name, HTML
    line) pairs, in order), then links to the pages that list the others, each labelled by
    its first and last name (alphabetical) or by its ranks."""
    lines = [line for _, line in entries]
    if len(entries) <= LISTING_PAGE_MAX:
        return [page(f"{folder}/index.md", title, intro + "\n\n" + html_list(lines), about=about or intro, **meta)]
    limit = LISTING_PAGE_MAX
    chunks = [entries[i:i + limit] for i in range(0, len(entries), limit)]

    def label(n: int) -> str:
        chunk = chunks[n]
        if alphabetical:
            return f"{chunk[0][0]} … {chunk[-1][0]}"
        return f"{n * limit + 1:,}–{n * limit + len(chunk):,}"

    parts = [f"<li>{anchor(f'{folder}/index_{n + 1}.md', 1, label(n))}</li>" for n in range(1, len(chunks))]
    first = page(f"{folder}/index.md", title, f"{intro}\n\n{html_list(lines[:limit])}\n\n## More\n\n{html_list(parts)}",
                 about=about or intro, **meta)
    rest = []
    for n in range(1, len(chunks)):
        about = f"{title}, {label(n)} (page {n + 1} of {len(chunks)})."
        rest.append(page(f"{folder}/index_{n + 1}.md", f"{title}: {label(n)}",
                         f"{about} [All pages](index.md)\n\n" + html_list(line for _, line in chunks[n]),
                         about=about, **meta))
    return [first] + rest


def render_listing(folder: str, title: str, intro: str, items: tuple[Item, ...],
                   index_meta: dict | None = None, alphabetical: bool = False) -> list[Page]:
    """The index (most-mentioned first, or by `sort_name`; long ones over several pages)
    and one page per item that has one."""
    if alphabetical:
        ranked = sorted(items, key=lambda i: ((i.sort_name or i.name).casefold(), i.name.casefold(), i.key))
    else:
        ranked = sorted(items, key=lambda i: (-i.count, i.name.casefold(), i.key))
    entries = []
    for item in ranked:
        target, paragraph = item.elsewhere or (f"{folder}/{item.key}.md", 0)
        entries.append((item.sort_name or item.name, f"<li>{anchor(target, 1, item.name, paragraph)} — {item.blurb}</li>"))
    pages = paged_listing(folder, title, intro, entries, alphabetical, **(index_meta or {}))
    for item in (i for i in ranked if i.elsewhere is None):
        body = "\n\n".join(s.render() for s in item.sections if s.lines)
        pages.append(page(f"{folder}/{item.key}.md", item.name, body or "Nothing more is known.",
                          about=item.about or f"{item.name}: {item.count} articles of the briefing."))
    return pages


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
    entities = {e.key: e for e in briefing.entities}
    facts = {f.entity: f for f in briefing.entity_facts}
    items = []
    for entity in (e for e in briefing.entities if e.type is type_):
        if not has_page(entity):
            items.append(elsewhere_item(entity, articles, surname_first(entity) if type_ is EntityType.PERSON else ""))
            continue
        mentions = [m for m in entity.mentions if m.article in articles]
        where = mentioned_in(mentions, articles)
        known = facts[entity.key]
        sections = (
            Section("Also known as", tuple(f"<li>{escape_html(a)}</li>" for a in entity.aliases), searchable=True),
            Section("Roles", roles(entity, articles), searchable=True),
            Section("Wrote", wrote(mentions, articles), searchable=True),
            Section("Quotes", tuple(quote_item(q, articles, 1) for q in known.quotes)),
            Section("Events", latest_events(known.events, articles)),
            Section("Mentioned in", where),
            Section("Appears with", tuple(f"<li>{entity_anchor(entities[k], 1)} ({plural(n, 'article')})</li>"
                                          for k, n in known.companions)),
        )
        role = f", {entity.descriptions[0][1]}," if entity.descriptions else ""
        items.append(Item(key=entity.key, name=entity.name, count=len(entity.articles),
                          blurb=plural(len(entity.articles), "article"), sections=sections,
                          about=f"{entity.name}{role} in {plural(len(entity.articles), 'article')}: "
                                "roles, quotes, events and who they appear with.",
                          sort_name=surname_first(entity) if type_ is EntityType.PERSON else ""))
    return tuple(items)


def elsewhere_item(entity: Entity, articles: dict[str, Article], sort_name: str = "") -> Item:
    """An index line for a name without a page of its own: its first role, and each article
    that names it (`namings`). The name links to its first article's naming; a name in
    several articles also links each of them, so every article is one click away."""
    found = namings(entity, articles)
    first = found[0]
    role = f"{escape_html(entity.descriptions[0][1])}, " if entity.descriptions else ""
    if len(found) == 1:
        blurb = (f"wrote <em>{escape_html(first.article.title)}</em>" if first.wrote
                 else f"{role}in <em>{escape_html(first.article.title)}</em>")
    else:
        where = "; ".join(("wrote " if n.wrote else "") + article_anchor(n.article, 1, n.paragraph) for n in found)
        blurb = f"{role}{plural(len(found), 'article')}: {where}"
    return Item(key=entity.key, name=entity.name, count=len(found), blurb=blurb,
                elsewhere=(f"articles/{first.article.slug}.md", first.paragraph), sort_name=sort_name)


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


def latest_events(events: Sequence[Event], articles: dict[str, Article]) -> tuple[str, ...]:
    """The latest `MAX_PAGE_EVENTS` of `events` (in date order), after a line that says how
    many earlier ones the timeline has."""
    more = [f"<li>…and {plural(len(events) - MAX_PAGE_EVENTS, 'earlier event')} on the "
            f"{anchor('timeline.md', 1, 'timeline')}</li>"] if len(events) > MAX_PAGE_EVENTS else []
    return tuple(more + [event_item(e, articles, 1) for e in events[-MAX_PAGE_EVENTS:]])


def topic_items(briefing: Briefing) -> tuple[Item, ...]:
    articles = {e.article.id: e.article for e in briefing.articles}
    by_key = {e.key: e for e in briefing.entities}
    facts = {f.topic: f for f in briefing.topic_facts}
    items = []
    for topic in briefing.topics:
        known = facts[topic.key]
        sections = (
            Section("Articles", tuple(article_item(articles[a], 1) for a in topic.articles)),
            Section("Who and where", tuple(f"<li>{entity_anchor(by_key[k], 1)}</li>" for k in known.entities)),
            Section("Events", latest_events(known.events, articles)),
        )
        kind = "section" if topic.from_section else "key phrase"
        items.append(Item(key=topic.key, name=topic.name, count=len(topic.articles),
                          blurb=f"{plural(len(topic.articles), 'article')} ({kind})", sections=sections))
    return tuple(items)


def render_articles_index(articles: tuple[Article, ...]) -> list[Page]:
    entries = [(a.title, article_item(a, 1)) for a in sorted(articles, key=lambda a: (a.title.casefold(), a.id))]
    return paged_listing("articles", "Articles", f"{plural(len(articles), 'article')} in this briefing.", entries,
                         alphabetical=True, about=f"The {plural(len(articles), 'article')} of this briefing, by title.",
                         search=UNSEARCHED)


def render_indexes(briefing: Briefing) -> list[Page]:
    """Every index page but the home page."""
    pages = render_articles_index(tuple(e.article for e in briefing.articles))
    for type_, (folder, title) in ENTITY_FOLDERS.items():
        people = type_ is EntityType.PERSON
        intro = f"{title} the articles mention, " + ("by surname." if people else "most mentioned first.")
        pages += render_listing(folder, title, intro, entity_items(briefing, type_), alphabetical=people)
    pages += render_listing("topics", "Topics", "Topics are the articles' section labels and the key "
                            "phrases at least two articles share (with their variants, under the most "
                            "used name); each lists every article that uses one of its forms.",
                            topic_items(briefing), index_meta={"search": UNSEARCHED})
    pages += [*render_quotes(briefing), *render_timeline(briefing)]
    return pages
