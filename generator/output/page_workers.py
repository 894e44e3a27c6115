"""Generated pages converted to HTML in worker processes, before MkDocs reaches them.

MkDocs converts its pages one after another on one core, and a build machine has more; the
conversion is about half of a cold MkDocs build of our pages. So before MkDocs reads them,
the page-cache plugin (output/page_cache.py) has forked workers, which share the loaded
configuration and file list, convert every generated page it holds no entry for and keep
the result as that page's entry; MkDocs then restores each page from its entry, as on a
rebuild. A worker converts with MkDocs' own `Page.render`, the same configuration and files
and the same key, so the site is byte-identical (tests/test_page_workers.py); a page whose
Markdown another plugin changes has another key, and MkDocs converts it as before.

A warning during a worker's conversion (a link to a missing page, which `--strict` makes a
failure) would stay in the worker, so such a page is not kept: MkDocs converts it itself and
warns. `BRIEFING_PAGE_WORKERS` sets the number of workers (0: none); by default one per
usable CPU, none on one CPU or for fewer than `MIN_PAGES_PER_WORKER` pages each.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from contextlib import contextmanager
from typing import Iterator, Sequence

from mkdocs.utils.meta import YAML_RE

from generator.model import GENERATED_BY

WORKERS_VARIABLE = "BRIEFING_PAGE_WORKERS"
# Below this many pages a worker, forking and reading each page twice cost about what the
# conversion saves (a page converts in ~7 ms; a fork and the pool ~50 ms).
MIN_PAGES_PER_WORKER = 20
# Pages a task: small enough that workers stay even, and that a worker whose build was
# killed stops after its current task.
TASK_PAGES = 16

_shared: tuple | None = None  # (plugin, config, files): set before the fork, read in the workers


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def worker_count(pages: int) -> int:
    """`BRIEFING_PAGE_WORKERS` if set (a number), else one per usable CPU, each with at least
    `MIN_PAGES_PER_WORKER` pages; below two, none (the build converts on its own)."""
    wanted = os.environ.get(WORKERS_VARIABLE, "").strip()
    if wanted.isdigit():
        count = int(wanted)
    else:
        count = min(usable_cpus(), pages // MIN_PAGES_PER_WORKER)
    return count if count >= 2 else 0


@contextmanager
def warnings_seen() -> Iterator[list]:
    """The log records of WARNING or above, from any logger, while the block runs."""
    seen: list[logging.LogRecord] = []

    class Handler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record)

    handler = Handler(logging.WARNING)
    # The root and each logger that does not pass its records up (MkDocs' CLI stops "mkdocs"
    # there, and that is where its warnings go).
    loggers = [logging.getLogger()] + [logger for logger in logging.Logger.manager.loggerDict.values()
                                       if isinstance(logger, logging.Logger) and not logger.propagate]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield seen
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


def _kept_already(plugin, file, files) -> bool:
    """Whether the page has an entry, by its Markdown cut off its frontmatter as MkDocs cuts
    it, without reading the YAML (a rebuild's pages are almost all kept: reading each one's
    frontmatter was most of the workers' time then). A wrong cut only misses: its key is
    no page's, and the page is then read in full; a hit is an entry for this very Markdown."""
    text = file.content_string
    match = YAML_RE.match(text)
    return bool(match) and plugin.entry_path(text[match.end():].lstrip("\n"), file.src_uri, files).exists()


def convert_pages(plugin, config, files, uris: Sequence[str]) -> int:
    """Convert the generated pages among `uris` that have no entry and keep each as its
    entry; how many were kept. A page that cannot be read or converted, or warns, is left
    for MkDocs, which reports it."""
    from mkdocs.structure.pages import Page

    from generator.output.page_cache import render_around_blocks

    kept = 0
    for uri in uris:
        file = files.get_file_from_path(uri)
        if file is None:
            continue
        before = file.page
        try:
            if _kept_already(plugin, file, files):
                continue
            page = Page(None, file, config)
            page.read_source(config)
            if page.meta.get("generated_by") != GENERATED_BY:
                continue
            path = plugin.entry_path(page.markdown, uri, files)
            if path.exists():
                continue
            with warnings_seen() as seen:
                render_around_blocks(page, page.render, config, files)
        except Exception:  # noqa: BLE001 - MkDocs converts the page itself and says what is wrong
            continue
        finally:
            file.page = before  # `Page` links itself to its file: else every page stays in memory
        if not seen:
            plugin.keep(page, path)
            kept += 1
    return kept


def _convert_task(uris: Sequence[str]) -> int:
    plugin, config, files = _shared
    return convert_pages(plugin, config, files, uris)


def convert_ahead(plugin, config, files) -> int:
    """Convert the generated pages without an entry in worker processes (see the module
    docstring); how many were kept. Nothing where forking is not available."""
    global _shared
    uris = [f.src_uri for f in files.documentation_pages()]
    workers = worker_count(len(uris))
    if not workers or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    _shared = (plugin, config, files)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            tasks = [uris[k:k + TASK_PAGES] for k in range(0, len(uris), TASK_PAGES)]
            return sum(pool.imap_unordered(_convert_task, tasks))
    finally:
        _shared = None
