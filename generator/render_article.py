"""One article page: YAML frontmatter (through python-frontmatter only) and a Markdown body.

Body paragraphs are shown verbatim; what the cleaner took out of the body is shown in
labelled places after it (photos, videos, related headlines, author), and every removed
line is listed in a collapsed cleaning report kept out of the search index.
"""

from __future__ import annotations

import math

import frontmatter

from generator.export import article_record
from generator.escape import escape_html, escape_markdown, escape_title
from generator.model import Article, Page

GENERATED_BY = "briefing"


def reading_minutes(article: Article, words_per_minute: int) -> int:
    return max(1, math.ceil(article.words / words_per_minute))


# The article fields the page's frontmatter repeats from briefing.json, in this order
# (the source file's name is `seed` there, `source` here).
FRONTMATTER_FIELDS = ("title_derived", "kind", "section", "column", "authors", "agency", "contributors",
                      "standfirst", "source", "sha256", "id", "word_count", "published", "outlet", "url")


def article_frontmatter(article: Article, tags: tuple[str, ...], words_per_minute: int) -> dict:
    """The article's fields as in briefing.json, in a fixed order. `title` and `tags` are
    HTML-escaped because MkDocs and Material print them unescaped into <title>, the
    navigation, the heading and the tag chips."""
    record = article_record(article) | {"source": article.seed}
    return {
        "title": escape_title(article.title),
        **{name: record[name] for name in FRONTMATTER_FIELDS},
        "reading_time": reading_minutes(article, words_per_minute),
        "tags": [escape_title(t) for t in tags],
        "generated_by": GENERATED_BY,
    }


def byline(article: Article, words_per_minute: int) -> str:
    parts = []
    if article.authors:
        parts.append("By " + ", ".join(escape_markdown(a) for a in article.authors))
    if article.agency:
        parts.append(escape_markdown(article.agency))
    if article.column:
        parts.append(escape_markdown(article.column))
    if article.section and article.section.casefold() != article.kind.value:
        parts.append(escape_markdown(article.section))
    parts.append(article.kind.value.capitalize())
    parts.append(f"{reading_minutes(article, words_per_minute)} min read")
    return " · ".join(parts)


def render_article_markdown(article: Article, paragraphs: tuple[str, ...] | None = None,
                            words_per_minute: int = 230) -> str:
    """The page body. `paragraphs` may carry already-rendered paragraphs (with entity links);
    by default each body paragraph is escaped as it is."""
    out: list[str] = []
    if article.title_derived:
        out.append("*No headline in the source: the title above is its opening words.*")
    out.append(f"*{byline(article, words_per_minute)}*")
    if article.standfirst:
        out.append("**In brief**\n\n" + "\n".join(f"- {escape_markdown(s)}" for s in article.standfirst))
    if article.lead_image:
        out.append(f"*Photo: {image_line(article.lead_image)}*")
    if paragraphs is None:
        paragraphs = tuple(escape_markdown(p.text) for p in article.body)
    for number, text in enumerate(paragraphs, start=1):
        out.append(f'<span id="p{number}"></span>{text}')
    if article.contributors:
        out.append("*Additional reporting: " + ", ".join(escape_markdown(c) for c in article.contributors) + "*")
    out.extend(media_sections(article))
    out.append(cleaning_report(article))
    return "\n\n".join(out) + "\n"


def image_line(image) -> str:
    credit = f" ({escape_markdown(image.credit)})" if image.credit else ""
    return escape_markdown(image.caption) + credit


def unsearched(heading: str, markdown_block: str) -> str:
    """A section kept out of the search index: lists that repeat text found elsewhere would
    only make the offline index bigger and slower. Material honours `data-search-exclude`;
    on the heading too, or it still makes an empty index entry for the section. `heading`
    is our own label, never article text."""
    return (f'<div data-search-exclude markdown="1">\n\n<h2 data-search-exclude markdown="1">{heading}</h2>'
            f"\n\n{markdown_block}\n\n</div>")


def media_sections(article: Article) -> list[str]:
    """Captions, videos, related headlines and the author bio, each under its own label.
    Captions, videos and related headlines stay out of the search index."""
    out = []
    if article.images:
        out.append(unsearched("Photos", "\n".join(f"- {image_line(i)}" for i in article.images)))
    if article.videos:
        out.append(unsearched("Videos", "\n".join(
            f"- {escape_markdown(v.title)} ({escape_markdown(v.duration)})" for v in article.videos)))
    if article.related_headlines:
        out.append(unsearched("Related headlines in the source",
                              "\n".join(f"- {escape_markdown(h)}" for h in article.related_headlines)))
    if article.author_bio:
        out.append("## About the author\n\n" + escape_markdown(article.author_bio))
    return out


def cleaning_report(article: Article) -> str:
    """Every removed line with its line number and rule, collapsed and out of the search index."""
    items = "".join(
        f"<li><code>{r.line}</code> <em>{escape_html(r.rule)}</em>: {escape_html(r.text)}</li>"
        for r in article.removed)
    count = len(article.removed)
    return (f'<details class="cleaning-report" data-search-exclude>\n'
            f"<summary>Cleaning report: {count} line{'s' if count != 1 else ''} removed as page furniture</summary>\n"
            f"<ol>{items}</ol>\n</details>")


def render_article(article: Article, path: str, tags: tuple[str, ...] = (),
                   paragraphs: tuple[str, ...] | None = None, words_per_minute: int = 230) -> Page:
    """The article page: frontmatter + Markdown, `\\n` endings, one final newline."""
    post = frontmatter.Post(render_article_markdown(article, paragraphs, words_per_minute),
                            **article_frontmatter(article, tags, words_per_minute))
    return Page(path=path, text=frontmatter.dumps(post, sort_keys=False) + "\n", source=article.seed)


def link_entities(article: Article, entities, page_of, depth: int = 1) -> tuple[str, ...]:
    """Body paragraphs as Markdown with the first mention of each entity in each paragraph
    linked to its page (`page_of(entity)`: `people/x.md`, or None for an entity without a
    page), found by the mention's own character offsets. Text and link labels are escaped;
    targets are our own slugs."""
    spans_in: dict[int, list[tuple[int, int, object]]] = {}
    for entity in entities:
        if page_of(entity) is None:
            continue
        for mention in entity.mentions:
            if mention.article == article.id and mention.part == "body" and mention.paragraph:
                spans_in.setdefault(mention.paragraph, []).append((mention.start, mention.end, entity))
    out = []
    for number, paragraph in enumerate(article.body, start=1):
        text = paragraph.text
        chosen: list[tuple[int, int, object]] = []
        for start, end, entity in sorted(spans_in.get(number, ()), key=lambda s: (s[0], -s[1], s[2].key)):
            if (not 0 <= start < end <= len(text) or (chosen and start < chosen[-1][1])
                    or any(e is entity for _, _, e in chosen)):
                continue
            chosen.append((start, end, entity))
        pieces, cursor = [], 0
        for start, end, entity in chosen:
            pieces.append(escape_markdown_keep_edges(text[cursor:start]))
            pieces.append(f"[{escape_markdown(text[start:end])}]({'../' * depth}{page_of(entity)})")
            cursor = end
        pieces.append(escape_markdown_keep_edges(text[cursor:]))
        out.append("".join(pieces).strip())
    return tuple(out)


def escape_markdown_keep_edges(text: str) -> str:
    """Escape a piece of a paragraph, keeping a single space at its edges (pieces join up)."""
    if not text:
        return ""
    lead = " " if text[0].isspace() else ""
    tail = " " if text[-1].isspace() and text.strip() else ""
    return lead + escape_markdown(text) + tail
