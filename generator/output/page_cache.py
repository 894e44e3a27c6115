"""A MkDocs plugin that keeps each generated page's Markdown-to-HTML result between builds.

Python-Markdown is about half of a MkDocs build of our pages (cProfile of 1,442 pages: 30 of
58 s in `Markdown.convert`, most of it md_in_html and the HTML parser over our index lists),
and a rebuild after one new article converts the same few thousand unchanged pages again.
This plugin replaces `Page.render` for a page whose result is known by one that restores it:
the HTML, the table of contents, the title found in the page and the anchors MkDocs
validates links with. Everything after `render` (other plugins' `on_page_content`, the
theme, search, tags) runs as before, so the site is byte-identical with or without it
(tests/test_page_cache.py builds both).

A result is keyed by the page's final Markdown (after every other plugin's
`on_page_markdown`), its path, the Markdown configuration and the versions of MkDocs and
Python-Markdown, and by which of the pages it links to exist: MkDocs rewrites a link to an
existing page and warns about (in strict mode: fails on) a missing one, so a page whose link
target appeared or vanished is converted again. Only pages `briefing` generated (their
`generated_by` marker) are cached, whose links are all inline Markdown links we wrote; a
person's own page is always converted.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import posixpath
import re
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.toc import get_toc

from generator.model import GENERATED_BY
from generator.output.page_workers import start_ahead
from generator.output.raw_blocks import render_around_blocks
from generator.output.write import TMP_PREFIX, read_pickle, write_pickle

# Inline Markdown link targets, `[text](target)` or `[text](<target>)`, up to a space or `)`.
_LINK_TARGET = re.compile(r"\]\(<?([^)\s>]+)")


def toc_tokens(links) -> list[dict]:
    """The table of contents back as the `toc` extension's tokens, which `get_toc` reads."""
    return [{"level": link.level, "id": link.id, "name": link.title, "children": toc_tokens(link.children)}
            for link in links]


def linked_pages(markdown: str, src_uri: str) -> tuple[str, ...]:
    """The documentation files the page's inline links point at, relative to docs/."""
    base = posixpath.dirname(src_uri)
    targets = set()
    for target in _LINK_TARGET.findall(markdown):
        path = target.split("#", 1)[0].split("?", 1)[0]
        if path and "://" not in path and not path.startswith(("/", "mailto:")):
            targets.add(posixpath.normpath(posixpath.join(base, path)))
    return tuple(sorted(targets))


# What an entry holds (kept as the per-article cache keeps its: output/write.py `write_pickle`).
ENTRY_KEYS = frozenset({"content", "toc", "title", "anchors", "links_to_anchors"})


def load_entry(path: Path) -> dict | None:
    """A kept page, or None when it is missing, damaged, or not what we write: the page is
    then converted again, never restored from a partial entry."""
    saved = read_pickle(path)
    return saved if isinstance(saved, dict) and set(saved) == ENTRY_KEYS else None


def load_search_entries(path: Path) -> list | None:
    """A page's kept search index entries (a list of dicts), or None."""
    saved = read_pickle(path)
    return saved if isinstance(saved, list) and all(isinstance(e, dict) for e in saved) else None


class PageCachePlugin(BasePlugin):
    """`plugins: [briefing-page-cache]`; the folder is relative to mkdocs.yml."""

    config_scheme = (("folder", config_options.Type(str, default=".briefing-cache/pages")),)

    def on_config(self, config):
        folder = Path(self.config["folder"])
        self.folder = folder if folder.is_absolute() else Path(config.config_file_path).parent / folder
        versions = "".join(importlib.metadata.version(d) for d in ("mkdocs", "markdown"))
        self.generation = hashlib.sha256(repr((versions, config["markdown_extensions"],
                                              config["mdx_configs"], config["use_directory_urls"]))
                                         .encode()).hexdigest()[:16]
        self.used: set[str] = set()
        return config

    def _key(self, markdown: str, src_uri: str, files) -> str:
        exists = [(uri, files.get_file_from_path(uri) is not None) for uri in linked_pages(markdown, src_uri)]
        return hashlib.sha256(repr((self.generation, src_uri, markdown, exists)).encode()).hexdigest()

    def entry_path(self, markdown: str, src_uri: str, files) -> Path:
        """Where the entry of the page `src_uri` with this final Markdown is kept."""
        return self.folder / f"{self._key(markdown, src_uri, files)}.pickle"

    @event_priority(-100)  # after any plugin that adds files: the keys read which files exist
    def on_files(self, files, config):
        """Generated pages without an entry are converted by worker processes too, from the
        other end (output/page_workers.py); MkDocs restores those they have kept."""
        self.ahead = start_ahead(self, config, files)
        return files

    def _stop_ahead(self) -> None:
        if getattr(self, "ahead", None) is not None:
            self.ahead.stop()
            self.ahead = None

    def on_env(self, env, config, files):
        """Every page is converted or restored by now: workers still at work are stopped."""
        self._stop_ahead()
        return env

    def on_build_error(self, error):
        self._stop_ahead()

    @event_priority(-100)  # after every other plugin's on_page_markdown (tags runs at -50)
    def on_page_markdown(self, markdown, page, config, files):
        if page.meta.get("generated_by") != GENERATED_BY:
            return markdown
        path = self.entry_path(markdown, page.file.src_uri, files)
        self.used.add(path.stem)
        saved = load_entry(path)
        if saved is not None:
            page.render = lambda config, files: self._restore(page, files, saved)
        else:
            render = page.render

            def render_and_keep(config, files):
                render_around_blocks(page, render, config, files)
                self.keep(page, path)

            page.render = render_and_keep
        return markdown

    @staticmethod
    def _restore(page, files, saved: dict) -> None:
        page.content = saved["content"]
        page.toc = get_toc(saved["toc"])
        page._title_from_render = saved["title"]
        page.present_anchor_ids = set(saved["anchors"])
        if saved["links_to_anchors"] is not None:
            page.links_to_anchors = {files.get_file_from_path(uri): links
                                     for uri, links in saved["links_to_anchors"].items()
                                     if files.get_file_from_path(uri) is not None}

    @staticmethod
    def keep(page, path: Path) -> None:
        links = page.links_to_anchors
        write_pickle(path, {"content": page.content, "toc": toc_tokens(page.toc),
                    "title": page._title_from_render, "anchors": sorted(page.present_anchor_ids or ()),
                    "links_to_anchors": None if links is None else {f.src_uri: v for f, v in links.items()}})

    def on_pre_build(self, config):
        """Wrap Material's search index so a generated page's entries are kept too: the
        search plugin parses every page's HTML again at each build (at 1,000 articles 5.1 s
        of an 11.7 s MkDocs build, cProfile), though an unchanged page gives the same
        entries. They are keyed by everything `add_entry_from_context` reads: the page's
        HTML, table of contents, URL, titles, tags and search settings, and the plugin's
        configuration and version."""
        search = config.plugins.get("material/search")
        index = getattr(search, "search_index", None)
        if index is None:
            return
        generation = repr((importlib.metadata.version("mkdocs-material"), sorted(search.config.items())))
        add = index.add_entry_from_context

        def add_kept(page):
            if page.meta.get("generated_by") != GENERATED_BY:
                return add(page)
            meta = {k: page.meta.get(k) for k in ("title", "tags", "search")}
            key = "search-" + hashlib.sha256(repr((generation, page.url, page.title, meta, page.content,
                                                   toc_tokens(page.toc))).encode()).hexdigest()
            self.used.add(key)
            path = self.folder / f"{key}.pickle"
            saved = load_search_entries(path)
            if saved is not None:
                index.entries.extend(saved)
                return None
            before = len(index.entries)
            add(page)
            write_pickle(path, index.entries[before:])
            return None

        index.add_entry_from_context = add_kept

    def on_post_build(self, config):
        """Results no page asked for this time go: the folder holds one build's pages."""
        self._stop_ahead()
        if self.folder.is_dir():
            for entry in self.folder.iterdir():
                if entry.name.startswith(TMP_PREFIX) or (entry.suffix == ".pickle" and entry.stem not in self.used):
                    entry.unlink(missing_ok=True)
