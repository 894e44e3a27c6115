"""Escaping round-trips (issue 5): what a reader sees equals the input text, and no tag,
handler or link from the input survives. The oracle is Python-Markdown with the
extensions MkDocs enables plus the stdlib HTML parser, never our own output."""

from __future__ import annotations

import html
import unicodedata
from html.parser import HTMLParser

import frontmatter
import markdown
import pytest
import yaml
from hypothesis import example, given, settings, strategies as st

from conftest import ROOT
from generator.render.escape import escape_html, escape_markdown, escape_title
from generator.model import Article, Image, Kind, Paragraph, Removed, Video
from generator.render.article import page_text, render_article

# MkDocs always loads toc, tables and fenced_code; mkdocs.yml adds nothing that parses text.
def mkdocs_extensions() -> tuple[str, ...]:
    """The extensions MkDocs always enables plus those our mkdocs.yml adds."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    ours = [next(iter(e)) if isinstance(e, dict) else e for e in config.get("markdown_extensions", [])]
    return tuple(dict.fromkeys(["toc", "tables", "fenced_code", *ours]))


MKDOCS_EXTENSIONS = mkdocs_extensions()

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "![x](http://evil/x.png)",
    "<http://evil/>",
    "# heading",
    "1. list",
    "- item",
    "> quote",
    "    indented code",
    "```fenced```",
    "a | b\n--|--\nc | d",
    "{{ config }}",
    "{% raw %}",
    "&amp; &lt;b&gt; &#x3C;script&#x3E;",
    "x\\y \\* \\\\",
    "*em* _em_ **strong** `code` ~~del~~",
    "line one  \nline two\n\n\nnew paragraph",
    "\u00a0nbsp\u00a0and\ttab",
    "[ref]: http://evil/\n[ref]",
    "<!-- comment --> <![CDATA[x]]> <?php ?>",
)

# Arbitrary text, including control characters, but no lone surrogates (not encodable as
# UTF-8, so no source file can hold them).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)
# Text biased towards the characters Markdown and HTML care about.
SYNTAX = st.text(st.sampled_from(list("<>&\"'`*_[]()!#+-.{}%|\\:=/ \n\tazAZ09")), max_size=80)
ANY_TEXT = st.one_of(TEXT, SYNTAX, st.sampled_from(PAYLOADS))


def fold(text: str) -> str:
    """What a reader can see, white space folded. Control characters are not visible text,
    and Python-Markdown drops STX/ETX (its placeholder markers) from any source."""
    return " ".join("".join(c for c in text if c.isspace() or unicodedata.category(c) != "Cc").split())


class _Scan(HTMLParser):
    """Text (entities decoded) plus every tag and attribute of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.tags.append("!--")

    def handle_pi(self, data):
        self.tags.append("?")

    def unknown_decl(self, data):
        self.tags.append("![")


def scan(fragment: str) -> _Scan:
    parser = _Scan()
    parser.feed(fragment)
    parser.close()
    return parser


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=list(MKDOCS_EXTENSIONS))


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
@example("<script>alert(1)</script>")
@example("\x02\x03")  # Python-Markdown's own placeholder markers
def test_markdown_escape_shows_the_text_and_nothing_else(text: str) -> None:
    result = scan(to_html(escape_markdown(text)))
    assert fold("".join(result.text)) == fold(text)
    assert set(result.tags) <= {"p"}
    assert result.attrs == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_escape_payloads(payload: str) -> None:
    result = scan(to_html(escape_markdown(payload)))
    assert fold("".join(result.text)) == fold(payload)
    assert set(result.tags) <= {"p"}


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_html_escape_in_element_and_attribute(text: str) -> None:
    element = scan(f"<li>{escape_html(text)}</li>")
    attribute = scan(f'<abbr title="{escape_html(text)}">x</abbr>')
    assert "".join(element.text) == text
    assert element.tags == ["li"]
    assert attribute.tags == ["abbr"] and [k for k, _ in attribute.attrs] == ["title"]
    assert attribute.attrs[0][1] == text


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_title_escape_is_inert_in_html(text: str) -> None:
    """MkDocs prints the frontmatter title raw into <title>, the nav and <h1>: the theme's
    hook (generator/theme/hooks.py) passes it through escape_title first."""
    h1 = scan(f"<h1>{escape_title(text)}</h1>")
    assert h1.tags == ["h1"]
    assert fold("".join(h1.text)) == fold(text)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT, st.lists(ANY_TEXT, max_size=3))
def test_metadata_survives_frontmatter_round_trip(value: str, values: list[str]) -> None:
    """Whatever the text, and whichever key comes last (python-frontmatter strips the YAML
    it writes: a last value ending in a no-break space lost it before page_text quoted it)."""
    for metadata in ({"title": value, "authors": values, "source": value}, {"authors": values, "title": value}):
        loaded = frontmatter.loads(page_text("body\n", metadata))
        assert loaded.metadata == metadata
        assert loaded.content == "body"


def test_a_last_value_ending_in_a_no_break_space_keeps_it() -> None:
    for value in ("\xa0", "Ada\u2003", "\u3000Ada", "0\x850", "a\u2028b\u2029"):
        assert frontmatter.loads(page_text("body\n", {"title": value})).metadata == {"title": value}


@st.composite
def articles(draw) -> Article:
    """An article whose every text field is arbitrary or hostile."""
    text = ANY_TEXT.filter(lambda t: t.strip())
    small = st.lists(text, max_size=2).map(tuple)
    return Article(
        id=draw(text), seed=draw(text), sha256="0" * 64, slug="x", title=draw(text),
        title_derived=draw(st.booleans()), kind=draw(st.sampled_from(list(Kind))),
        section=draw(st.none() | text), column=draw(st.none() | text),
        authors=draw(small), contributors=draw(small), standfirst=draw(small),
        lead_image=draw(st.none() | st.builds(Image, caption=text, credit=st.none() | text)),
        images=tuple(draw(st.lists(st.builds(Image, caption=text, credit=st.none() | text), max_size=2))),
        videos=tuple(draw(st.lists(st.builds(Video, title=text, duration=text), max_size=2))),
        related_headlines=draw(small), comment_count=None, author_bio=draw(st.none() | text),
        removed=tuple(draw(st.lists(st.builds(Removed, text=text, rule=text), max_size=2))),
        body=tuple(Paragraph(t) for t in draw(st.lists(text, min_size=1, max_size=3))),
    )


# What the article template itself emits; anything else came from the input.
TEMPLATE_TAGS = {"p", "em", "strong", "ul", "ol", "li", "h2", "span", "div", "details", "summary", "code"}
TEMPLATE_ATTRS = {"id", "class", "data-search-exclude"}


@settings(max_examples=150, deadline=None)
@given(articles())
def test_rendered_article_shows_every_field_as_text(article: Article) -> None:
    page = render_article(article, path="articles/x.md")
    post = frontmatter.loads(page.text)
    assert yaml.safe_load(page.text.split("---\n")[1]) == post.metadata
    assert post["title"] == article.title  # the true text: the hook escapes it for MkDocs
    assert post["authors"] == list(article.authors)
    assert post["standfirst"] == list(article.standfirst)
    result = scan(to_html(post.content))
    assert set(result.tags) <= TEMPLATE_TAGS, result.tags
    assert {k for k, _ in result.attrs} <= TEMPLATE_ATTRS
    shown = fold("".join(result.text))
    fields = [p.text for p in article.body] + list(article.standfirst) + list(article.authors)
    fields += list(article.related_headlines) + [i.caption for i in article.images]
    fields += [v.title for v in article.videos] + [r.text for r in article.removed]
    for value in fields:
        assert fold(value) in shown


def test_an_exclamation_mark_before_a_linked_name_makes_no_image() -> None:
    """`Bravo![Antony Blinken](../people/antony-blinken.md)` would be an <img> (issue 13)."""
    from conftest import make_article
    from generator.model import Entity, EntityType, Mention
    from generator.render.article import link_mentions

    text = "Bravo!Antony Blinken said, and then Wow! Antony Blinken again!"
    article = make_article(text, id="a")
    start = text.index("Antony")
    mention = Mention(surface="Antony Blinken", type=EntityType.PERSON, article="a", paragraph=1,
                      sentence=text, start=start, end=start + len("Antony Blinken"))
    entity = Entity(key="antony-blinken", name="Antony Blinken", type=EntityType.PERSON, aliases=(),
                    descriptions=(), mentions=(mention,))
    (markdown,) = link_mentions(article, [(mention, entity)], lambda e: f"people/{e.key}.md")
    result = scan(to_html(markdown))
    assert "img" not in result.tags and result.tags.count("a") == 1
    assert fold("".join(result.text)) == fold(text)


# Text the fast (libyaml) emitter is given: printable BMP characters, YAML's own
# punctuation, line breaks and spaces; most of it is `plain_enough`, the rest exercises
# the gate.
PLAINISH = st.text(alphabet=st.one_of(
    st.sampled_from(" \n\"'#:-,.?!|>&*%@`[]{}abcXYZ019\xa0é—“”\\~^=+;/()<"),
    st.characters(min_codepoint=0xA0, max_codepoint=0xFFFD, exclude_categories=("Cs",))), max_size=250)
PLAIN_METADATA = st.dictionaries(
    st.sampled_from(["title", "authors", "tags", "images", "x"]),
    st.one_of(PLAINISH, st.integers(), st.booleans(), st.none(), st.lists(PLAINISH, max_size=4),
              st.lists(st.dictionaries(st.sampled_from(["caption", "credit"]), PLAINISH, max_size=2), max_size=3)),
    max_size=5)


@settings(max_examples=3000, deadline=None)
@given(PLAIN_METADATA)
@example({"title": "😀 emoji"})  # outside the BMP: libyaml escapes it, so the gate says no
@example({"title": "tab\there"})
@example({"": "empty key"})
def test_the_fast_emitter_writes_what_pyyaml_writes_for_plain_metadata(metadata) -> None:
    from generator.render.article import FastFrontmatterDumper, FrontmatterDumper, plain_enough

    def dumped(dumper) -> str:
        return frontmatter.dumps(frontmatter.Post("body", **metadata), sort_keys=False, Dumper=dumper)

    if plain_enough(metadata):
        assert dumped(FastFrontmatterDumper) == dumped(FrontmatterDumper)
    assert frontmatter.loads(page_text("body\n", metadata)).metadata == metadata


def test_the_gate_refuses_what_libyaml_writes_otherwise() -> None:
    from generator.render.article import plain_enough

    assert plain_enough({"title": "A plain: 'quoted' title — with é", "tags": ["a", "b"], "n": 3})
    for odd in ("😀", "a\tb", "a\rb", "line \nbreak", "line\n break", "\u2028", "\ufeff", "\xa0end\xa0"):
        assert not plain_enough({"title": odd}), odd
    assert not plain_enough({"": 1}) and not plain_enough({"k" * 65: 1}) and not plain_enough({"d": object()})
