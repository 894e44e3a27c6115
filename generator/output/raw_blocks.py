"""A generated page's HTML lists go around Python-Markdown, and come back as it would give them.

Almost all of an index page is `<ul>` lists the render stage wrote as HTML, every text in
them escaped (render/escape.py): 15.5 of the 15.6 MB of index Markdown at 1,000 articles.
Python-Markdown leaves such a block as it is, but only after its HTML parser has read it
twice (MkDocs' anchor finder, then md_in_html, which reads the whole page): 6.2 s of a cold
build for the 362 index pages, as long as converting the 1,007 article pages. Set aside
before the conversion (a comment stands in its place, which Markdown also leaves as it is)
and put back after, a block costs nothing and the HTML is the same (tests/test_raw_blocks.py
compares both on every generated page of a build).

Only a block Markdown surely passes through unchanged is set aside: a line `<ul>` or `<ol>`
after a blank line, through the first line `</ul>` or `</ol>` that is followed by a blank
line, with no other list tag, comment, `markdown=` attribute, anchor (`id=`, `name=`) or
white space Markdown would change inside: MkDocs collects anchor ids from raw HTML, so a
block with none adds none. A page that already holds the stand-in's text, or whose
converted HTML does not hold each stand-in once, is converted whole (`render_around_blocks`,
which the page-cache plugin and its workers convert with).
"""

from __future__ import annotations

import re

STAND_IN = "<!--briefing-raw-block-{}-->"
_STAND_IN_PREFIX = STAND_IN.split("{", 1)[0]
_STAND_INS = re.compile(re.escape(_STAND_IN_PREFIX) + r"(\d+)-->")
_BLOCK = re.compile(r"(?:^|(?<=\n\n))(<(ul|ol)>\n(.*?)\n</\2>)(?=\n\n|\n?\Z)", re.S)
# What a block set aside must not hold: what Markdown, MkDocs or a nested list would read,
# and what Python-Markdown's first step changes in the whole text (its NormalizeWhitespace:
# STX and ETX, the marks of its own stand-ins, removed; CR made LF; tabs expanded; lines of
# spaces emptied).
_UNSAFE = re.compile(r"<(?:/?(?:ul|ol)\b|!--)|\smarkdown=|\s(?:id|name)=|[\x02\x03\r\t]|\n *\n")


def set_aside(markdown: str) -> tuple[str, tuple[str, ...]]:
    """`markdown` with each safe block replaced by its stand-in, and the blocks in order."""
    if _STAND_IN_PREFIX in markdown:
        return markdown, ()
    blocks: list[str] = []

    def stand_in(match: re.Match) -> str:
        block, _, inner = match.groups()
        if _UNSAFE.search(inner):
            return block
        blocks.append(block)
        return STAND_IN.format(len(blocks) - 1)

    return _BLOCK.sub(stand_in, markdown), tuple(blocks)


def put_back(html: str, blocks: tuple[str, ...]) -> str | None:
    """The converted HTML with each stand-in replaced by its block, or None unless the
    stand-ins are all there, once each and in order (then the caller converts the page as
    it is)."""
    pieces = _STAND_INS.split(html)
    if pieces[1::2] != [str(n) for n in range(len(blocks))] or html.count(_STAND_IN_PREFIX) != len(blocks):
        return None
    pieces[1::2] = blocks
    return "".join(pieces)


def render_around_blocks(page, render, config, files) -> None:
    """`render` (MkDocs' `Page.render`) with the page's raw HTML lists set aside and put
    back after: the same page, without parsing the lists twice."""
    original = page.markdown
    markdown, blocks = set_aside(original)
    if not blocks:
        render(config, files)
        return
    page.markdown = markdown
    try:
        render(config, files)
    finally:
        page.markdown = original
    content = put_back(page.content, blocks)
    if content is None:
        render(config, files)
    else:
        page.content = content
