"""The one place untrusted text becomes Markdown or HTML.

Article text is web text: it may hold tags, event handlers, `javascript:` links, Markdown
that would become links or headings, or Jinja-looking braces. Every string from a source
passes through here exactly once, at render time, and comes out as literal text.
"""

from __future__ import annotations

import html
import re

# Python-Markdown's backslash-escapable characters (markdown.Markdown.ESCAPED_CHARS) get a
# backslash; `<`, `>` and `&` become entities. One translate pass does both (the index
# pages of a large briefing escape close to a million strings).
_MARKDOWN_TABLE = str.maketrans({**{c: "\\" + c for c in "\\`*_{}[]()#+-.!"},
                                 "&": "&amp;", "<": "&lt;", ">": "&gt;"})
_WHITESPACE = re.compile(r"\s+")


def escape_html(text: str) -> str:
    """Text for an HTML element or attribute value (quotes escaped too)."""
    return html.escape(text, quote=True)


def escape_markdown(text: str) -> str:
    """Inline Markdown that renders as exactly `text`: entities for <>&, backslashes for syntax.

    White space runs fold to one space so a value can never open a block (heading,
    list, code block) or end the paragraph it sits in.
    """
    return " ".join(text.split()).translate(_MARKDOWN_TABLE)


def escape_title(text: str) -> str:
    """A title for frontmatter: MkDocs and Material print it unescaped in <title>, nav and h1."""
    return html.escape(_WHITESPACE.sub(" ", text).strip(), quote=True)
