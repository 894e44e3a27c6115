"""MkDocs hook (mkdocs.yml `hooks:`): page titles, descriptions and tags are escaped where MkDocs renders them.

The frontmatter of a generated page holds the true text (title, description, tags) (`You're Broke & Modules`, or a
title that reads `</title><script>`), because people open the Markdown in other tools and
read it as data. MkDocs and Material print `page.meta.title` and the tag names unescaped
into `<title>`, the navigation, the header, the `<h1>` and the tag chips, so they are
escaped here, once, before any plugin or template reads them (the tags plugin reads tags
at priority -50). MkDocs excludes `*.py` from a theme's static files, so this file never
reaches site/.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from generator.render.escape import escape_title


@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    meta = page.meta
    for key in ("title", "description"):
        if isinstance(meta.get(key), str):
            meta[key] = escape_title(meta[key])
    if isinstance(meta.get("tags"), list):
        meta["tags"] = [escape_title(t) if isinstance(t, str) else t for t in meta["tags"]]
    return markdown
