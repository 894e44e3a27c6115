"""Generated pages converted to HTML in worker processes while MkDocs converts the others.

MkDocs converts its pages one after another on one core, and a build machine has more; the
conversion is about half of a cold MkDocs build of our pages. So when MkDocs has its file
list, the page-cache plugin (output/page_cache.py) forks workers, which share the loaded
configuration and files. They convert the generated pages that have no entry, from the last
page back, and keep each result as that page's entry, while MkDocs goes from the first page
on and restores every page a worker has kept, as on a rebuild. Where they meet, a page may
be converted twice, each time the same. Once MkDocs has reached every page the workers are
stopped. A worker converts with MkDocs' own `Page.render`, the same configuration, files
and key, so the site is byte-identical (tests/test_page_workers.py); a page whose Markdown
another plugin changes has another key, and MkDocs converts it as before. No one waits for
the workers: an unchanged build, whose pages all have entries, loses nothing to them.

A warning during a worker's conversion (a link to a missing page, which `--strict` makes a
failure) would stay in the worker, so such a page is not kept: MkDocs converts it itself and
warns. `BRIEFING_PAGE_WORKERS` sets the number of workers (0: none); by default one per
usable CPU beside MkDocs' own, none on one CPU or for fewer than `MIN_PAGES_PER_WORKER`
pages each.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from contextlib import contextmanager
from typing import Iterator, Sequence

from mkdocs.utils.meta import YAML_RE

from generator.lifetime import die_with_parent
from generator.model import GENERATED_BY
from generator.output.raw_blocks import render_around_blocks

WORKERS_VARIABLE = "BRIEFING_PAGE_WORKERS"
# Below this many pages a worker, the fork, the pool and reading each page twice would cost
# a good part of what the conversion saves (a page converts in ~9 ms: 12.0 s for the 1,371
# pages of 1,000 articles; a small site gains nothing worth a process).
MIN_PAGES_PER_WORKER = 20
_shared: tuple | None = None  # (plugin, config, files): set before the fork, read in the workers


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def worker_count(pages: int) -> int:
    """`BRIEFING_PAGE_WORKERS` if set (a number), else one per usable CPU beside the one
    MkDocs converts on, each with at least `MIN_PAGES_PER_WORKER` pages."""
    wanted = os.environ.get(WORKERS_VARIABLE, "").strip()
    if wanted.isdigit():
        return int(wanted)
    return max(0, min(usable_cpus() - 1, pages // MIN_PAGES_PER_WORKER))


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


def _convert_share(share: Sequence[str], parent: int) -> None:
    die_with_parent(parent)  # a killed build leaves no worker writing entries for nobody
    plugin, config, files = _shared
    convert_pages(plugin, config, files, share)


class Ahead:
    """Workers converting pages from the last one back while MkDocs converts from the first
    on; `stop` them once MkDocs has reached every page (the rest is done)."""

    def __init__(self, workers: list) -> None:
        self.workers = workers

    def stop(self) -> None:
        global _shared
        for worker in self.workers:
            worker.terminate()  # stopped mid-entry, a worker leaves a temporary file: on_post_build removes it
        for worker in self.workers:
            worker.join()
        _shared = None


def start_ahead(plugin, config, files) -> Ahead | None:
    """Start workers converting the generated pages without an entry (see the module
    docstring), last page first, each its share (every n-th page); None where forking is
    not available or safe. Plain processes, not a pool: a pool's threads in MkDocs' process
    took its time while the workers only found entries (an unchanged build)."""
    global _shared
    uris = [f.src_uri for f in files.documentation_pages()]
    count = worker_count(len(uris))
    # Forking copies one thread only: with others running (`mkdocs serve` builds in one) a
    # lock one of them holds would stay held in the workers.
    if not count or "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return None
    _shared = (plugin, config, files)
    context = multiprocessing.get_context("fork")
    backwards = uris[::-1]
    workers = [context.Process(target=_convert_share, args=(backwards[k::count], os.getpid()),
                                  daemon=True) for k in range(count)]
    for worker in workers:
        worker.start()
    return Ahead(workers)
