"""The one place untrusted text becomes Markdown or HTML.

Article text is web text: it may hold tags, event handlers, `javascript:` links, Markdown
that would become links or headings, or Jinja-looking braces. Every string from a source
passes through here exactly once, at render time, and comes out as literal text.
"""

from __future__ import annotations

import html
import re

# Inline syntax gets a backslash wherever it stands (code, emphasis, links and images all
# need one of these); `<`, `>` and `&` become entities. One translate pass does both (the
# index pages of a large briefing escape close to a million strings). Characters that
# matter only at the start of a line ("-", "+", "1.") are escaped only there: a backslash
# before every full stop and hyphen made a fifth of MkDocs' Markdown time (each escape is a
# separate inline match), and `!` or `(` cannot start an image or link once `[` is escaped.
_MARKDOWN_TABLE = str.maketrans({**{c: "\\" + c for c in "\\`*_{}[]#"},
                                 "&": "&amp;", "<": "&lt;", ">": "&gt;"})
_LINE_START = re.compile(r"[-+]|\d+(?=\.)")
_WHITESPACE = re.compile(r"\s+")


def escape_html(text: str) -> str:
    """Text for an HTML element or attribute value (quotes escaped too). Most text holds
    none of the five characters: five membership tests in C then beat `html.escape`'s five
    replace calls (the index pages of 1,000 articles escape ~90,000 strings)."""
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return html.escape(text, quote=True)
    return text


def escape_markdown(text: str) -> str:
    """Inline Markdown that renders as exactly `text`: entities for <>&, backslashes for syntax.

    White space runs fold to one space so a value can never open a block (heading,
    list, code block) or end the paragraph it sits in; a value is escaped as if it started
    a line, since some do.
    """
    text = " ".join(text.split()).translate(_MARKDOWN_TABLE)
    start = _LINE_START.match(text)
    if start is None:
        return text
    if start.group().isdigit():  # "1984. " would open an ordered list
        return f"{start.group()}\\{text[start.end():]}"
    return "\\" + text  # "- " or "+ " would open a bullet list, "---" a rule


def escape_title(text: str) -> str:
    """A page title or tag for MkDocs (generator/theme/hooks.py): MkDocs and Material print
    `page.meta.title` unescaped in <title>, nav and h1; the frontmatter keeps the true text."""
    return html.escape(_WHITESPACE.sub(" ", text).strip(), quote=True)


def escape_before_link(markdown: str) -> str:
    """Escaped text that a link of ours follows: a `!` at its end would make the link an
    image (`Hello![Name](../people/x.md)` is an <img> of the person's page)."""
    return markdown[:-1] + "\\!" if markdown.endswith("!") else markdown
