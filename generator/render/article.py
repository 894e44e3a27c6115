"""One article page: YAML frontmatter (through python-frontmatter only) and a Markdown body.

Body paragraphs are shown verbatim; what the cleaner took out of the body is shown in
labelled places after it (photos, videos, related headlines, author), and every removed
line is listed in a collapsed cleaning report kept out of the search index.
"""

from __future__ import annotations

import math
import re

import frontmatter
import yaml

from generator.nlp.names import NAME_PREFIXES, normal
from generator.render.export import article_record
from generator.config import WORDS_PER_MINUTE
from generator.render.escape import escape_before_link, escape_html, escape_markdown
from generator.model import GENERATED_BY, Article, Page, Related



def reading_minutes(article: Article, words_per_minute: int) -> int:
    return max(1, math.ceil(article.words / words_per_minute))


# A meta description is a search engine's snippet: about two lines.
DESCRIPTION_MAX_CHARS = 160


def description(text: str) -> str:
    """Plain text for `<meta name="description">`, cut at a word near
    `DESCRIPTION_MAX_CHARS` (generator/theme/hooks.py escapes it, as titles, where
    Material prints it unescaped)."""
    text = " ".join(text.split())
    if len(text) > DESCRIPTION_MAX_CHARS:
        text = text[:DESCRIPTION_MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:–—-") + "…"
    return text


# The article fields the page's frontmatter repeats from briefing.json, in this order
# (the source file's name is `seed` there, `source` here).
FRONTMATTER_FIELDS = ("title_derived", "kind", "section", "column", "authors", "agency", "contributors",
                      "standfirst", "source", "sha256", "id", "word_count", "published", "outlet", "url")


def article_frontmatter(article: Article, tags: tuple[str, ...], words_per_minute: int) -> dict:
    """The article's fields as in briefing.json, in a fixed order. `title` and `tags` are
    the true text: MkDocs prints them unescaped into <title>, the navigation, the heading
    and the tag chips, so generator/theme/hooks.py escapes them when MkDocs renders."""
    record = article_record(article) | {"source": article.seed}
    lead = article.standfirst[0] if article.standfirst else (article.body[0].text if article.body else article.title)
    return {
        "title": article.title,
        "description": description(lead),
        **{name: record[name] for name in FRONTMATTER_FIELDS},
        "reading_time": reading_minutes(article, words_per_minute),
        "tags": list(tags),
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


def topic_chips(topics: tuple[tuple[str, str], ...], depth: int) -> str:
    """The article's topics as Material's tag chips, each linking to our topic page (the one
    topic system: Material's tags plugin, whose chips led to a second listing, is off).
    `topics` holds (name, `topics/x.md`) pairs; names are escaped here."""
    links = "".join(f'<a class="md-tag" href="{"../" * depth}{escape_html(path.removesuffix(".md"))}.html">'
                    f"{escape_html(name)}</a>" for name, path in topics)
    return f'<nav class="md-tags" aria-label="Topics">{links}</nav>'


def render_article_markdown(article: Article, paragraphs: tuple[str, ...] | None = None,
                            words_per_minute: int = WORDS_PER_MINUTE, topics: tuple[tuple[str, str], ...] = (),
                            related: Related | None = None) -> str:
    """The page body. `paragraphs` may carry already-rendered paragraphs (with entity links);
    by default each body paragraph is escaped as it is."""
    out: list[str] = []
    if topics:
        out.append(topic_chips(topics, depth=1))
    if article.title_derived:
        out.append("*No headline in the source: the title above is its opening words.*")
    out.append(f"*{byline(article, words_per_minute)}*")
    if related and related.original:
        out.append(copy_note(*related.original))
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
    out.extend(related_sections(related or Related()))
    out.extend(media_sections(article))
    out.append(cleaning_report(article))
    return "\n\n".join(out) + "\n"


def outlet_of(article: Article) -> str:
    """The outlet from the sidecar, else the source file: a reader can still tell copies apart."""
    return article.meta.outlet if article.meta and article.meta.outlet else f"source {article.seed}"


def sibling_link(article: Article) -> str:
    """A Markdown link from one article page to another (both in `articles/`)."""
    return f"[{escape_markdown(article.title)}]({article.slug}.md)"


def copy_note(original: Article, overlap: float) -> str:
    """On a copy's page: which article it copies. Its names, quotes and events are counted
    on the original only, so a reader knows why this page links none."""
    return (f"*A copy of {sibling_link(original)} ({escape_markdown(outlet_of(original))}): "
            f"{round(overlap * 100)}% the same text. Its names, quotes and events are counted there, once.*")


def related_sections(related: Related) -> list[str]:
    """Where else this text was published, and the other articles on the same story."""
    out = []
    if related.copies:
        out.append(unsearched("Also published by", "\n".join(
            f"- {sibling_link(a)} ({escape_markdown(outlet_of(a))}, {round(share * 100)}% the same text)"
            for a, share in related.copies)))
    if related.story:
        out.append(unsearched("Same story, written separately", "\n".join(
            f"- {sibling_link(a)} ({escape_markdown(outlet_of(a))})" for a in related.story)))
    return out


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


class FrontmatterDumper(yaml.SafeDumper):
    """PyYAML's safe dumper, but a string PyYAML would write plain and read back otherwise
    is double-quoted (escaped): one that ends (or begins) with a white space PyYAML does not
    count as one (a no-break space, an em space), since python-frontmatter strips the YAML
    it writes, which took such a space off the page's last value; and one holding a Unicode
    line break (NEL, LS, PS), which a plain scalar folds to a space. Hypothesis found both
    (tests/test_escape.py: "\xa0", "0\x850")."""


UNICODE_BREAKS = frozenset("\x85\u2028\u2029")


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    unsafe = (any(c.isspace() and c not in " \t\r\n" for c in (text[:1], text[-1:]) if c)
              or not UNICODE_BREAKS.isdisjoint(text))
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"' if unsafe else None)


FrontmatterDumper.add_representer(str, _represent_str)


class FastFrontmatterDumper(yaml.CSafeDumper):
    """`FrontmatterDumper` with libyaml's emitter: the same representer (for what it is given),
    the same text for the metadata `plain_enough` admits (tests/test_escape.py compares the two), and about
    ten times faster (PyYAML's own emitter was 40% of the index stage of a cold build).
    libyaml writes some text otherwise: it escapes characters outside the BMP (emoji) and
    folds long double-quoted strings elsewhere, so such metadata keeps PyYAML's emitter."""


def _represent_plain_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    """`_represent_str` for metadata `plain_enough` admitted: no string of it is unsafe there
    (`_plain_text` excludes both cases), so none is looked at again (37 strings a page)."""
    return dumper.represent_scalar("tag:yaml.org,2002:str", text)


FastFrontmatterDumper.add_representer(str, _represent_plain_str)


# What PyYAML's emitter (allow_unicode) counts printable, less NEL, the line and paragraph
# separators (`UNICODE_BREAKS`), the byte-order mark, tab and CR (special characters).
_PRINTABLE = re.compile("[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")
# A longer key is written as a complex key ("? key"), by libyaml sooner than by PyYAML
# (128 characters); ours are field names of a few letters.
MAX_PLAIN_KEY = 64


def _plain_text(text: str) -> bool:
    """Text both emitters leave unescaped and never double-quote: printable BMP characters
    and line breaks, no space next to a break, no odd white space at either end."""
    return (_PRINTABLE.fullmatch(text) is not None and " \n" not in text and "\n " not in text
            and not any(c.isspace() and c not in " \n" for c in (text[:1], text[-1:]) if c))


def plain_enough(value) -> bool:
    """Whether every string in `value` is `_plain_text`, every key a short one-line string
    (an empty, long or multi-line key is a complex key, which the emitters start apart), and
    every other leaf a number, a truth value or None: metadata both emitters write the same."""
    if isinstance(value, str):
        return _plain_text(value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and 0 < len(k) <= MAX_PLAIN_KEY and "\n" not in k and _plain_text(k)
                   and plain_enough(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return all(plain_enough(v) for v in value)
    return value is None or isinstance(value, (bool, int, float))


def page_text(content: str, metadata: dict) -> str:
    """A page: YAML frontmatter (true text, in the order given) and its content, one final
    newline; every generated page is written through here."""
    post = frontmatter.Post(content, **metadata)
    dumper = FastFrontmatterDumper if plain_enough(metadata) else FrontmatterDumper
    return frontmatter.dumps(post, sort_keys=False, Dumper=dumper) + "\n"


def render_article(article: Article, path: str, topics: tuple[tuple[str, str], ...] = (),
                   paragraphs: tuple[str, ...] | None = None, words_per_minute: int = WORDS_PER_MINUTE,
                   related: Related | None = None) -> Page:
    """The article page: frontmatter + Markdown, `\\n` endings, one final newline. `topics`:
    (name, `topics/x.md`) of each topic, shown as chips and kept as `tags` in frontmatter."""
    text = page_text(render_article_markdown(article, paragraphs, words_per_minute, topics, related),
                     article_frontmatter(article, tuple(name for name, _ in topics), words_per_minute))
    return Page(path=path, text=text, source=article.seed)


def link_mentions(article: Article, mentions, page_of, depth: int = 1) -> tuple[str, ...]:
    """Body paragraphs as Markdown with each entity linked once, at its first mention in the
    article (`page_of(entity)`: `people/x.md`, or None for an entity without a page), found
    by the mention's own character offsets. `mentions`: the article's (mention, entity)
    pairs, which the build groups by article once (`corpus.briefing.article_mentions`):
    scanning every mention of each entity an article names, in every article, grew with N². The body has no headings of its own (it is the
    source's paragraphs verbatim), so once per page: twenty links to one country in one
    article were noise, and most of axe's `link-in-text-block` count. A mention inside a
    longer name is never linked: inside another mention's span, or run on into capitalised
    words ("China White", a street name of the drug, is no mention of China). Text and link
    labels are escaped; targets are our own slugs."""
    spans_in: dict[int, list[tuple[int, int, object]]] = {}
    for mention, entity in mentions:
        if mention.part == "body" and mention.paragraph:
            spans_in.setdefault(mention.paragraph, []).append((mention.start, mention.end, entity))
    linked: set[str] = set()
    out = []
    for number, paragraph in enumerate(article.body, start=1):
        text = paragraph.text
        spans = [s for s in spans_in.get(number, ()) if 0 <= s[0] < s[1] <= len(text)]
        chosen: list[tuple[int, int, object]] = []
        for start, end, entity in sorted(spans, key=lambda s: (s[0], -s[1], s[2].key)):
            if (entity.key in linked or page_of(entity) is None or (chosen and start < chosen[-1][1])
                    or any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in spans)
                    or in_longer_name(text, start, end)):
                continue
            chosen.append((start, end, entity))
            linked.add(entity.key)
        pieces, cursor = [], 0
        for start, end, entity in chosen:
            pieces.append(escape_before_link(escape_markdown_keep_edges(text[cursor:start])))
            pieces.append(f"[{escape_markdown(text[start:end])}]({'../' * depth}{page_of(entity)})")
            cursor = end
        pieces.append(escape_markdown_keep_edges(text[cursor:]))
        out.append("".join(pieces).strip())
    return tuple(out)


# A capitalised word one space before or after a name continues it ("China White", "Beijing
# Municipal Bureau"), unless it is a title ("US President Joe Biden") or opens the sentence.
_NAME_AFTER = re.compile(r" ([A-Z][\w.’'-]*)")
_NAME_BEFORE = re.compile(r"(?:^|(?<=[\s“\"‘(]))([A-Z][\w.’'-]*) $")
_SENTENCE_START = re.compile(r"(?:^|[.!?][”\"’)]?\s+|[“\"‘(])$")


def in_longer_name(text: str, start: int, end: int) -> bool:
    """True when the name at text[start:end] runs on into capitalised words of a longer one."""
    def name_word(word: str) -> bool:
        return normal(word) not in NAME_PREFIXES
    after = _NAME_AFTER.match(text, end)
    if after and name_word(after.group(1)):
        return True
    before = _NAME_BEFORE.search(text[:start])
    return bool(before and name_word(before.group(1)) and not _SENTENCE_START.search(text[:before.start(1)]))


def escape_markdown_keep_edges(text: str) -> str:
    """Escape a piece of a paragraph, keeping a single space at its edges (pieces join up)."""
    if not text:
        return ""
    lead = " " if text[0].isspace() else ""
    tail = " " if text[-1].isspace() and text.strip() else ""
    return lead + escape_markdown(text) + tail
