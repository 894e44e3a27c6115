"""MkDocs hook (mkdocs.yml `hooks:`): the site's name comes from `[tool.briefing]`, and the
titles, descriptions and tags of generated pages are escaped where MkDocs renders them.

The frontmatter of a generated page holds the true text (title, description, tags: `You're
Broke & Modules`, or a title that reads `</title><script>`), because people open the Markdown
in other tools and read it as data. MkDocs and Material print `page.meta.title` and the
description unescaped into `<title>`, the navigation, the header, the `<h1>` and `<meta>`,
and Material's search plugin copies the title and tags into the search index, whose results
its JavaScript inserts as HTML; so they are escaped here, once, before any plugin or template
reads them. A page a person wrote in docs/ is left as they wrote it (its title may hold an
entity such as `&amp;` on purpose). MkDocs excludes `*.py` from a theme's static files, so
this file never reaches site/.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from generator.config import load_settings
from generator.model import GENERATED_BY
from generator.render.escape import escape_title



def on_config(config):
    """One name for the briefing: `[tool.briefing] site_name`, which heads the home page, is
    also the name MkDocs puts in every `<title>` and the header (mkdocs.yml's is replaced,
    so the two can never disagree). Escaped, as titles are: Material prints it unescaped."""
    config["site_name"] = escape_title(load_settings(Path(config.config_file_path).parent).site_name)
    if config.get("nav"):
        config["nav"] = present_nav(config["nav"], Path(config["docs_dir"]))
    return config


def present_nav(nav: list, docs: Path) -> list:
    """The navigation without entries for Markdown pages docs/ does not hold: mkdocs.yml
    lists the About page, which a person writes (the build never does), and the strict
    build fails on a navigation entry to a missing page. Sections, links and pages that
    are there stay as they are; a section left empty goes."""
    kept = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else item
        if isinstance(value, list):
            value = present_nav(value, docs)
            if value:
                kept.append({next(iter(item)): value} if isinstance(item, dict) else value)
            continue
        if isinstance(value, str) and value.endswith(".md") and "://" not in value \
                and not (docs / value).is_file():
            continue
        kept.append(item)
    return kept


@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    meta = page.meta
    if meta.get("generated_by") != GENERATED_BY:
        return markdown
    for key in ("title", "description"):
        if isinstance(meta.get(key), str):
            meta[key] = escape_title(meta[key])
    if isinstance(meta.get("tags"), list):
        meta["tags"] = [escape_title(t) if isinstance(t, str) else t for t in meta["tags"]]
    return markdown
