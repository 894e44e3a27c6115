"""The NLP stage: mentions, quotes, dated events, key phrases and figures per article.

Articles the pipeline found in its cache are taken as they are; only the others are
parsed, in batched `nlp.pipe` streams (in a pool of forked worker processes for 20 or more
articles), and the model is loaded only when something needs parsing.
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Callable, Mapping

from threadpoolctl import threadpool_limits

from generator.nlp.places import place_index
from generator.config import Settings
from generator.errors import BriefingError
from generator.nlp.dates import find_events
from generator.nlp.entities import extract_mentions
from generator.nlp.figures import find_figures
from generator.lifetime import die_with_parent
from generator.model import Article, Enriched
from generator.nlp.load import ParsedArticle, load_nlp, parse_articles
from generator.nlp.places import Gazetteer, gazetteer
from generator.nlp.quotes import find_quotes
from generator.nlp.phrases import article_phrases


@dataclass(frozen=True, slots=True)
class EnrichResult:
    enriched: tuple[Enriched, ...]
    processed: tuple[str, ...]  # ids of the articles parsed this time (the others were cached)


def enrich_parsed(parsed: ParsedArticle, places: dict[str, str], places_below: Gazetteer) -> Enriched:
    """One parsed article's enrichment; `places` is `place_index()` and `places_below`
    `places.gazetteer()`."""
    article = parsed.article
    published = article.meta.published if article.meta else None
    return Enriched(article=article, mentions=extract_mentions(parsed, places, places_below),
                    quotes=find_quotes(parsed),
                    events=find_events(parsed, published), phrases=article_phrases(parsed),
                    figures=find_figures(parsed))


# Below this many articles one process (whose BLAS may use every core) finishes as soon as
# a pool. Measured with synthetic articles on 2 cores, model load included (one process /
# two): 20 articles 3.0 s / 2.3 s; 50: 5.8 s / 4.3 s; 100: 11.1 s / 7.0 s.
PARALLEL_MIN_ARTICLES = 20


def nlp_processes(settings: Settings, todo: int) -> int:
    """The configured number of processes, or with 0 (automatic) every core for large batches."""
    if settings.nlp_processes > 0:
        return settings.nlp_processes
    return max(1, min(os.cpu_count() or 1, 4)) if todo >= PARALLEL_MIN_ARTICLES else 1


# Articles a worker process parses and enriches per task: large enough that the task
# overhead is small, small enough that both workers stay busy to the end (a small batch is
# cut into about four tasks per worker).
CHUNK_ARTICLES = 25


def chunk_size(todo: int, processes: int) -> int:
    return max(1, min(CHUNK_ARTICLES, -(-todo // (4 * processes))))


def enrich_chunk(articles: tuple[Article, ...]) -> tuple[Enriched, ...]:
    """Parse and enrich some articles in a worker process: only the small `Enriched`
    results travel back, not spaCy `Doc`s (pickling those cost as much as parsing them)."""
    if isinstance(_WORKER_NLP, BriefingError):  # the worker could not load the model
        raise _WORKER_NLP
    nlp, below = _WORKER_NLP
    places = place_index()
    return tuple(enrich_parsed(parsed, places, below) for parsed in parse_articles(nlp, articles))


def _load_model(name: str, parent: int, one_thread: bool) -> None:
    """Initializer of a worker (`EarlyModel`): the model and gazetteer loaded here, in the
    worker, while the calling process goes on reading; a model that cannot be loaded is
    kept as the error the first chunk raises (an initializer that raised would only leave a
    broken pool). Also: an end with the parent (lifetime.py), the collector on again (the
    worker is forked while the reader paused it), and with `one_thread` (one of several
    workers) one BLAS thread: OpenBLAS starts a thread per core in every process, and two
    workers on two cores then fought over them: 4,800 words/s each, 8,800 with one thread
    (100 synthetic articles per worker)."""
    global _WORKER_NLP  # noqa: PLW0603 - set once per worker process, by the pool
    gc.enable()
    die_with_parent(parent)
    if one_thread:
        threadpool_limits(limits=1)
    try:
        _WORKER_NLP = (load_nlp(name), gazetteer())
    except BriefingError as err:
        _WORKER_NLP = err


_WORKER_NLP: tuple | BriefingError | None = None


class EarlyModel:
    """Workers that start loading the model as soon as the build expects new articles
    (`expect`: a few seeds new since the last build) or has read them (`wanted`), and parse
    them before this process has read the others from the cache and made the index
    inputs. After one added article, importing spaCy and loading the model (~1.5 s) was the
    NLP stage; a worker does it, and then parses the article, on the other core while this
    process unpickles 1,000 cached articles. A cold build's workers (one per core,
    `nlp_processes`) each load the model while this process makes the index inputs: loaded
    here, before forking them, it cost the stage ~1.3 s of one core with the others idle. A
    context manager: the workers end with the block."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pool: ProcessPoolExecutor | None = None
        self.processes = 0
        self.submitted: list[Future] = []  # one task per chunk of the articles, in order

    def expect(self, new_files: int | None) -> None:
        """Told, before any file is read, how many seeds are new since the last build
        (`Cache.unseen_seeds`; None: no build yet): when a few are, start the worker now.
        After one added article the worker's model load (~0.35 s) ended after this process
        had read the rest, so the build waited for it; fingerprinting the seeds first
        delayed it by as long again. Many new files (a first build, a bulk add) are parsed
        on every core first, as before: a worker loading its model then took a core from
        them. A guess, never a decision: a new file that turns out unreadable leaves the
        worker with nothing to parse."""
        if new_files and new_files < PARALLEL_MIN_ARTICLES:
            self._start(new_files)

    def _start(self, articles: int) -> None:
        """The pool, sized for `articles` to parse, its workers forked and loading the
        model; a pool already started stays as it is."""
        if self.pool is None:
            self.processes = nlp_processes(self.settings, articles)
            self.pool = ProcessPoolExecutor(max_workers=self.processes, mp_context=multiprocessing.get_context("fork"),
                                            initializer=_load_model,
                                            initargs=(self.settings.spacy_model, os.getpid(), self.processes > 1))
            self.pool.submit(int)  # a forking pool forks its workers at its first task

    def wanted(self, articles: tuple[Article, ...]) -> None:
        """Told which articles will need parsing (those whose files the cache did not
        have): start the workers (unless `expect` did), and give them the articles in
        chunks."""
        if self.submitted or not articles:
            return
        self._start(len(articles))
        size = chunk_size(len(articles), self.processes) if self.processes > 1 else len(articles)
        self.submitted = [self.pool.submit(enrich_chunk, articles[i:i + size])
                          for i in range(0, len(articles), size)]

    def enrich(self, todo: list[Article], report: Callable[[int, int], None]) -> list[Enriched]:
        """`todo` enriched in the workers (started: `pool` is set): those they were given
        early as they are (but for their slugs, which `assign_slugs` decides across articles
        afterwards, as for the cached ones), the others (cache entries found damaged later)
        now. `report(done, total)` after each chunk. The workers end here."""
        wanted = {a.id for a in todo}
        early: dict[str, Enriched] = {}
        for task in self.submitted:
            early.update((e.article.id, e) for e in task.result() if e.article.id in wanted)
            report(len(early), len(todo))
        rest = tuple(a for a in todo if a.id not in early)
        late = {e.article.id: e for e in (self.pool.submit(enrich_chunk, rest).result() if rest else ())}
        if rest:
            report(len(todo), len(todo))
        self.pool.shutdown()  # nothing more to parse: the workers end (and count) with the NLP stage
        return [dataclasses.replace(early[a.id], article=a) if a.id in early else late[a.id] for a in todo]

    def __enter__(self) -> "EarlyModel":
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def enrich_articles(articles: tuple[Article, ...], settings: Settings,
                    cached: Mapping[str, Enriched] | None = None,
                    progress: Callable[[int, int], None] | None = None,
                    early: EarlyModel | None = None) -> EnrichResult:
    """Enrich every article, taking those in `cached` (by id) as they are: the model is
    loaded and the text parsed only for the others, in this process or, for large batches,
    in a pool of worker processes (results in input order, identical either way). The build
    runs this in a process that exits before MkDocs starts, so the model loaded here is not
    held through the rest of the build. `progress(done, total)` is told after each article
    parsed (per chunk with a pool), for the progress bar of the command line."""
    cached = cached or {}
    found: dict[str, Enriched] = {}
    todo = [a for a in articles if a.id not in cached]
    for article in articles:
        if article.id in cached:
            found[article.id] = dataclasses.replace(cached[article.id], article=article)  # slug is cross-article
    report = progress or (lambda done, total: None)
    if todo and early is not None and early.pool is not None:
        found.update((e.article.id, e) for e in early.enrich(todo, report))
    elif todo and nlp_processes(settings, len(todo)) == 1:
        nlp, places, below = load_nlp(settings.spacy_model), place_index(), gazetteer()
        for done, parsed in enumerate(parse_articles(nlp, todo), start=1):
            found[parsed.article.id] = enrich_parsed(parsed, places, below)
            report(done, len(todo))
    elif todo:
        with EarlyModel(settings) as pool:
            pool.wanted(tuple(todo))
            found.update((e.article.id, e) for e in pool.enrich(todo, report))
    return EnrichResult(enriched=tuple(found[a.id] for a in articles),
                        processed=tuple(a.id for a in todo))
