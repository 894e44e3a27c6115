"""Links and pages of the generated site: where each article and entity is shown, the link
to it from a page some folders down (HTML for the lists, Markdown for the home page), and
the frontmatter every generated page carries.

Links name the built pages (`PAGE_SUFFIX`): the lists are HTML (render/indexes.py says why)
and MkDocs does not rewrite the links inside an HTML block.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass


from generator.corpus.facts import has_page
from generator.ingest.structure import sentence_end
from generator.model import GENERATED_BY, Article, Briefing, Entity, EntityType, Mention, Page
from generator.render.article import description, page_text
from generator.render.escape import escape_html, escape_markdown

ENTITY_FOLDERS = {EntityType.PERSON: ("people", "People"),
                  EntityType.ORGANISATION: ("organisations", "Organisations"),
                  EntityType.PLACE: ("places", "Places")}
# Frontmatter of pages that only list text from the articles: out of the search index,
# where they would repeat every article (and grow with the briefing).
UNSEARCHED = {"exclude": True}


def page(path: str, title: str | None, body: str, about: str = "", **meta) -> Page:
    """A generated page: the true title in frontmatter (none: the body's own heading names
    the page, as on the home page; generator/theme/hooks.py escapes it for MkDocs), a
    description from `about`, our marker, one final newline."""
    head = {"title": title} if title is not None else {}
    if about:
        head["description"] = description(about)
    text = page_text(body.rstrip("\n") + "\n", {**head, **meta, "generated_by": GENERATED_BY})
    return Page(path=path, text=text, source="index")


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


def pack_groups(groups, limit: int) -> list[list[tuple]]:
    """(key, items) groups, in order, packed into pages of at most `limit` items: whole
    groups together while they fit, a group of more than `limit` cut into pages of its own.
    A page is a list of (key, items, part, parts): the piece `part` of `parts` of a cut
    group, 0 and 0 for a whole one. The timeline pages its years so, the quotes their
    sources."""
    pages: list[list[tuple]] = []
    run: list[tuple] = []
    size = 0
    for key, items in groups:
        items = tuple(items)
        if run and (len(items) > limit or size + len(items) > limit):
            pages.append(run)
            run, size = [], 0
        if len(items) > limit:
            pieces = [items[i:i + limit] for i in range(0, len(items), limit)]
            pages += [[(key, piece, n, len(pieces))] for n, piece in enumerate(pieces, start=1)]
            continue
        run.append((key, items, 0, 0))
        size += len(items)
    return pages + ([run] if run else [])


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# A summary line is a sentence; a run-on source line is cut at a word boundary near this.
SUMMARY_MAX_CHARS = 300


def summary_line(article: Article) -> str:
    """One line a reader can skim: the first standfirst bullet, else the lead sentence
    (cut with "…" if the source runs on, so one huge line cannot flood the index pages)."""
    if article.standfirst:
        text = article.standfirst[0]
    elif article.body:
        text = article.body[0].text
        end = sentence_end(text)  # never at "Mr." or "U.S."
        text = text if end is None else text[:end].rstrip()
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
    """`anchor` to an article: the index pages link one article from many lines (55,000
    links to 1,000 articles), so its escaped address and title are made once per build."""
    href, label = _article_target(article.slug, article.title, depth)
    return f'<a href="{href}{f"#p{paragraph}" if paragraph else ""}">{label}</a>'


@functools.lru_cache(maxsize=1 << 14)
def _article_target(slug: str, title: str, depth: int) -> tuple[str, str]:
    """An article's escaped page address and title, as `anchor` writes them (escaping
    works a character at a time, so "#pN" may follow the escaped address)."""
    return escape_html(f"{up(depth)}articles/{slug}{PAGE_SUFFIX}"), escape_html(title)


def entity_page(entity: Entity) -> str | None:
    """The entity's page (`people/x.md`), or None when it has none (corpus/facts.py
    `choose_pages`): its name then links to the articles that name it, from the index."""
    return f"{ENTITY_FOLDERS[entity.type][0]}/{entity.key}.md" if has_page(entity) else None


def entity_urls(briefing: Briefing) -> dict[str, str]:
    """Entity id → where the site shows it, from the site's root: its page, or for a name
    without one the paragraph that first names it (as the index links it)."""
    articles = {e.article.id: e.article for e in briefing.articles}
    urls = {}
    for entity in briefing.entities:
        if (target := entity_page(entity)) is not None:
            urls[entity.key] = target.removesuffix(".md") + PAGE_SUFFIX
        elif any(m.article in articles for m in entity.mentions):
            article, paragraph = first_naming(entity, articles)
            urls[entity.key] = f"articles/{article.slug}{PAGE_SUFFIX}" + (f"#p{paragraph}" if paragraph else "")
    return urls


@dataclass(frozen=True, slots=True)
class Naming:
    """Where one article names an entity, as a name without a page of its own is linked:
    the paragraph that first names it (the title and lead before the body), or the
    article's top (paragraph 0) when only its byline names it (`wrote`)."""

    article: Article
    paragraph: int
    wrote: bool


def naming(article: Article, found: list[Mention]) -> Naming:
    """The `Naming` of an article from its mentions of the name (`found`): the paragraph of
    the first, the title and lead before the body; its top when all are in the byline."""
    wrote = all(m.part == "byline" for m in found)
    first = min(found, key=lambda m: (m.part == "body", m.paragraph, m.start))
    return Naming(article, 0 if wrote else first.paragraph, wrote)


def namings(entity: Entity, articles: dict[str, Article]) -> tuple[Naming, ...]:
    """Each article of `articles` that names the entity, in article order."""
    by_article: dict[str, list] = defaultdict(list)
    for mention in entity.mentions:
        if mention.article in articles:
            by_article[mention.article].append(mention)
    return tuple(naming(articles[a], by_article[a]) for a in sorted(by_article))


def first_naming(entity: Entity, articles: dict[str, Article]) -> tuple[Article, int]:
    """Where a name without a page of its own is linked: its first article's `Naming`,
    made without the others' (briefing.json asks it of every such name: 24,000 at 5,000
    articles)."""
    first = min(m.article for m in entity.mentions if m.article in articles)
    found = naming(articles[first], [m for m in entity.mentions if m.article == first])
    return found.article, found.paragraph


def entity_link(entity: Entity, depth: int) -> str:
    """A Markdown link to the entity's page, or its name alone (home page, headings)."""
    target = entity_page(entity)
    name = escape_markdown(entity.name)
    return f"[{name}]({up(depth)}{target})" if target else name


def entity_anchor(entity: Entity, depth: int) -> str:
    """`entity_link` as HTML, for the lists."""
    target = entity_page(entity)
    return anchor(target, depth, entity.name) if target else escape_html(entity.name)
