"""Raw HTML lists set aside around Python-Markdown (generator/output/raw_blocks.py) give the
page MkDocs would make: the same HTML, table of contents, title and anchors."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings, strategies as st

from generator.output.raw_blocks import STAND_IN, put_back, render_around_blocks, set_aside

LIST = '<ul>\n<li><a href="../a.html">A &amp; B</a> — 3 articles</li>\n</ul>'


def test_a_list_between_blank_lines_is_set_aside_and_put_back():
    markdown = f"Intro.\n\n{LIST}\n\nMore *text*.\n\n{LIST}\n"
    aside, blocks = set_aside(markdown)
    assert blocks == (LIST, LIST)
    assert aside == f"Intro.\n\n{STAND_IN.format(0)}\n\nMore *text*.\n\n{STAND_IN.format(1)}\n"
    assert put_back(f"<p>Intro.</p>\n{STAND_IN.format(0)}\n<p>x</p>\n{STAND_IN.format(1)}", blocks) == \
        f"<p>Intro.</p>\n{LIST}\n<p>x</p>\n{LIST}"


@pytest.mark.parametrize("markdown", [
    '<ul>\n<li id="x">anchored</li>\n</ul>\n',  # MkDocs collects the id
    '<ul>\n<li><a name="x">anchored</a></li>\n</ul>\n',
    '<ul>\n<li>outer<ul>\n<li>inner</li>\n</ul></li>\n</ul>\n',  # nested
    '<ul>\n<li markdown="1">*md*</li>\n</ul>\n',  # Markdown inside
    '<ul>\n<li><!-- a comment --></li>\n</ul>\n',
    '<ul>\n<li>\x02wzxhzdk:0\x03</li>\n</ul>\n',  # Python-Markdown's own stand-in marks
    'Text right above\n<ul>\n<li>x</li>\n</ul>\n',  # not after a blank line
    '<ul>\n<li>x</li>\n</ul>\nText right below\n',  # not before one
    f'{STAND_IN.format(0)}\n\n<ul>\n<li>x</li>\n</ul>\n',  # the stand-in's text is already there
])
def test_a_block_markdown_or_mkdocs_would_read_stays(markdown):
    assert set_aside(markdown) == (markdown, ())


def test_a_stand_in_missing_twice_or_out_of_order_is_refused():
    blocks = ("<ul>\n<li>a</li>\n</ul>", "<ul>\n<li>b</li>\n</ul>")
    one, two = STAND_IN.format(0), STAND_IN.format(1)
    assert put_back(f"{one}\n{two}", blocks) is not None
    assert put_back(f"{one}", blocks) is None
    assert put_back(f"{one}\n{one}\n{two}", blocks) is None
    assert put_back(f"{two}\n{one}", blocks) is None


def _render_both(config, files, file):
    from mkdocs.structure.pages import Page

    results = []
    for around in (False, True):
        page = Page(None, file, config)
        page.read_source(config)
        if around:
            render_around_blocks(page, page.render, config, files)
        else:
            page.render(config, files)
        results.append((page.content, [(t.level, t.id, t.title) for t in page.toc.items],
                        page._title_from_render, page.present_anchor_ids,
                        {f.src_uri: v for f, v in (page.links_to_anchors or {}).items()}))
    return results


def test_every_generated_page_of_a_build_is_the_same_either_way(built_project):
    """The seeds' whole docs/: article pages, entity, topic, quote and timeline pages."""
    import os

    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from generator.model import GENERATED_BY

    cwd = os.getcwd()
    os.chdir(built_project)
    try:
        config = load_config(str(built_project / "mkdocs.yml"))
        files = get_files(config)
        compared = set_aside_in = 0
        for file in files.documentation_pages():
            text = file.content_string
            if f"generated_by: {GENERATED_BY}" not in text.split("\n---\n", 1)[0]:
                continue
            plain, around = _render_both(config, files, file)
            assert around == plain, file.src_uri
            compared += 1
            set_aside_in += bool(set_aside(text)[1])
    finally:
        os.chdir(cwd)
    assert compared > 30
    assert set_aside_in > 20  # the index pages' lists did go around Markdown


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


@settings(max_examples=60, deadline=None)
@given(items=st.lists(_TEXT, min_size=1, max_size=4), prose=_TEXT, wrapped=st.booleans())
def test_escaped_lists_convert_alike_around_markdown(items, prose, wrapped):
    """Lists of escaped text (what the render stage writes), with Markdown around them and
    inside md_in_html's wrapper, convert the same with and without setting them aside."""
    import markdown as md

    block = "<ul>\n" + "".join(f"<li>{html.escape(i)}</li>\n" for i in items) + "</ul>"
    body = f"{md_escape(prose)}\n\n{block}\n\nAfter.\n"
    if wrapped:
        body = f'<div data-search-exclude markdown="1">\n\n{body}\n</div>\n'

    def convert(text):
        return md.markdown(text, extensions=["toc", "md_in_html"])

    aside, blocks = set_aside(body)
    if re.search(r"[\x02\x03\r\t]|\n *\n", block):  # Markdown changes these: left to it
        assert blocks == ()
    else:
        assert blocks == (block,)
        assert put_back(convert(aside), blocks) == convert(body)


def md_escape(text: str) -> str:
    """Prose as the render stage writes it: HTML escaped, no line breaks."""
    return html.escape(" ".join(text.split())) or "Prose."
