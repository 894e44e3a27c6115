"""The whole build, top to bottom. Phase one parses every article; phase two, which needs
them all, builds the cross-article indexes and writes. Only stage calls live here."""

from __future__ import annotations

import dataclasses
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from generator.output.cache import Cache
from generator.corpus.briefing import article_entities, article_related, article_topics, assign_slugs, build_briefing
from generator.nlp.enrich import enrich_articles
from generator.config import Settings
from generator.errors import BriefingError, CacheError
from generator.lifetime import die_with_parent
from generator.render.export import briefing_record, dumps_json, enriched_record
from generator.model import Article, Briefing, Cleaned, Enriched, Page
from generator.ingest.parse import clean_file, parse_article
from generator.ingest.read import MAX_SEED_BYTES, list_sources, source_fingerprint
from generator.render.article import link_entities, render_article
from generator.render.home import render_home
from generator.render.indexes import render_indexes
from generator.render.links import entity_page, entity_urls
from generator.output.site import build_bundle, build_website
from generator.timings import StageTime, Stopwatch
from generator.output.write import WriteReport, build_lock, write_output, write_pages


def explain_lines(cleaned: Cleaned) -> str:
    """Each line with its number, fate and rule: for a person debugging a new outlet."""
    return "".join(f"{d.line.number:>5}  {d.fate.value:<18} {d.rule:<22} {d.line.text}\n"
                   for d in cleaned.decisions)


def render_output(article: Article, fmt: str) -> str:
    """`convert`'s txt (the body, paragraphs separated by a blank line) or md (the page)."""
    if fmt == "txt":
        return "\n\n".join(p.text for p in article.body) + "\n"
    return render_article(article, path=f"{article.slug}.md").text


def convert(paths: list[Path], fmt: str, out: Path | None, settings: Settings,
            explain: bool = False) -> list[BriefingError]:
    """One output per input; a bad file is reported and the others still convert. For json
    the model is loaded once and every article parsed in one batch."""
    failures: list[BriefingError] = []
    articles: dict[Path, Article] = {}
    for path in paths:
        try:
            if explain:
                print(f"# {path}")
                print(explain_lines(clean_file(path)), end="")
            elif (other := next((p for p in articles if p.stem == path.stem), None)) is not None:
                raise BriefingError(path, f"same output name as {other}: {path.stem}.{fmt}")
            else:
                articles[path] = parse_article(path, settings.max_seed_bytes)
        except BriefingError as err:
            failures.append(err)
    if fmt == "json" and articles:
        enriched = enrich_articles(tuple(articles.values()), settings).enriched
        outputs = {path: dumps_json(enriched_record(e)) for path, e in zip(articles, enriched)}
    else:
        outputs = {path: render_output(article, fmt) for path, article in articles.items()}
    for path, text in outputs.items():
        try:
            write_output(out, f"{path.stem}.{fmt}", text)
        except BriefingError as err:
            failures.append(err)
    return failures


@dataclass(frozen=True, slots=True)
class Loaded:
    """Phase one's result: every article (cached or parsed now), and what failed."""

    articles: tuple[Article, ...]
    cached: dict[str, Enriched]  # article id → enrichment from an earlier build
    fingerprints: dict[str, str]  # article id → cache key
    failures: tuple[BriefingError, ...]
    notes: tuple[str, ...] = ()  # damaged cache entries, ignored


# How a build tells the command line where it is: (stage, done, total). Stages never print;
# cli.py draws the bars (only on a terminal).
Progress = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    """The default `Progress`: tests and library callers see nothing."""


def load_articles(paths: list[Path], cache: Cache | None, max_bytes: int = MAX_SEED_BYTES,
                  progress: Progress = no_progress) -> Loaded:
    """Every article parsed (or taken from the cache when its source, sidecar and our code
    are unchanged) before anything is written; failures collected, not raised."""
    articles, cached, fingerprints, failures, notes = [], {}, {}, [], []
    for done, path in enumerate(paths, start=1):
        progress("read+clean", done, len(paths))
        key = source_fingerprint(path) if cache else None
        try:
            hit = cache.get(key) if key else None
        except CacheError as err:
            hit = None
            notes.append(err.message)
        try:
            article = hit.article if isinstance(hit, Enriched) else parse_article(path, max_bytes)
        except BriefingError as err:
            failures.append(err)
            continue
        articles.append(article)
        if isinstance(hit, Enriched):
            cached[article.id] = hit
        if key:
            fingerprints[article.id] = key
    return Loaded(tuple(articles), cached, fingerprints, tuple(failures), tuple(notes))


# The whole briefing as data, written beside the pages; MkDocs copies it to site/.
BRIEFING_JSON = "briefing.json"


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build did, for its closing summary and the tests."""

    failures: tuple[BriefingError, ...]
    processed: tuple[str, ...]  # articles the NLP stage parsed (not served from the cache)
    articles: int = 0  # articles built (parsed now or taken from the cache)
    cached: int = 0  # of those, taken from the cache
    refused: int = 0  # source files that could not be read as articles
    written: int = 0  # docs/ pages written (new or changed)
    unchanged: int = 0  # docs/ pages already up to date
    removed: int = 0  # stale generated pages deleted
    outputs: tuple[str, ...] = ()  # what the build produced, relative to the project


def render_pages(briefing: Briefing, settings: Settings) -> list[Page]:
    """Every generated page: one per article, the indexes and the home page."""
    tags = article_topics(briefing)
    named_in = article_entities(briefing)
    related = article_related(briefing)
    pages = []
    for enriched in briefing.articles:
        article = enriched.article
        pages.append(render_article(
            article, path=f"articles/{article.slug}.md",
            topics=tuple((t.name, f"topics/{t.key}.md") for t in tags.get(article.id, ())),
            paragraphs=link_entities(article, named_in.get(article.id, ()), entity_page),
            words_per_minute=settings.words_per_minute, related=related.get(article.id)))
    return pages + render_indexes(briefing) + [render_home(briefing, settings.site_name)]


@dataclass(frozen=True, slots=True)
class DocsResult:
    failures: tuple[BriefingError, ...]
    processed: tuple[str, ...]
    stages: tuple[StageTime, ...]
    articles: int
    cached: int
    refused: int
    written: WriteReport


def write_docs(settings: Settings, progress: Progress = no_progress) -> DocsResult:
    """seeds/ → docs/: every page, and docs/briefing.json (MkDocs copies it into the site)."""
    watch = Stopwatch()
    cache = Cache.open(settings.root, settings.spacy_model)
    with watch.stage("read+clean"):
        sources = list_sources(settings.seeds)
        for note in sources.notes:
            print(note, file=sys.stderr)
        loaded = load_articles(list(sources.paths), cache, settings.max_seed_bytes, progress)
        for note in loaded.notes:
            print(note, file=sys.stderr)
        articles = assign_slugs(loaded.articles)
    with watch.stage("nlp"):
        result = enrich_articles(articles, settings, loaded.cached,
                                 progress=lambda done, total: progress("nlp", done, total))
        as_parsed = {a.id: a for a in loaded.articles}
        for enriched in result.enriched:
            if enriched.article.id in result.processed and enriched.article.id in loaded.fingerprints:
                # Cached as parsed, before assign_slugs: a twin's slug depends on the other
                # articles of this build, and must be decided afresh by the next one.
                cache.put(loaded.fingerprints[enriched.article.id],
                          dataclasses.replace(enriched, article=as_parsed[enriched.article.id]))
    with watch.stage("index pages"):
        progress("pages", 0, 3)
        briefing = build_briefing(result.enriched)
        progress("pages", 1, 3)
        record = briefing_record(briefing, settings.site_name, entity_urls(briefing))
        data = Page(path=BRIEFING_JSON, text=dumps_json(record, compact=True), source="briefing")
        pages = render_pages(briefing, settings) + [data]
        progress("pages", 2, 3)
        report = write_pages(settings.docs, pages)
        progress("pages", 3, 3)
    refused = sources.refused + loaded.failures
    return DocsResult(refused + report.failures, result.processed, tuple(watch.stages),
                      articles=len(articles), cached=len(loaded.cached), refused=len(refused),
                      written=report)


def build(settings: Settings, site: bool = True, timings: Path | None = None,
          progress: Progress = no_progress) -> BuildResult:
    """seeds/ → docs/ → site/ (+ briefing.json), offline/ and the zip.

    docs/ is written by a child process that exits before MkDocs starts: the briefing, its
    pages and briefing.json (1.3 GB at 5,000 articles) would otherwise stay in this process
    beside MkDocs' own memory, and the two together passed 2 GiB. One build at a time.
    `progress` must pickle (the child calls it too)."""
    outputs = [f"{settings.docs_dir}/"]
    with build_lock(settings.root):
        with ProcessPoolExecutor(max_workers=1, initializer=die_with_parent,
                                 initargs=(os.getpid(),)) as child:
            docs = child.submit(write_docs, settings, progress).result()
        watch = Stopwatch(list(docs.stages))
        if site:
            progress("website", 0, 2)
            with watch.stage("mkdocs website"):
                staging = build_website(settings)
            progress("website", 1, 2)
            with watch.stage("offline bundle"):
                build_bundle(settings, staging)
            progress("website", 2, 2)
            outputs += [f"{settings.site_dir}/", f"{settings.offline_dir}/", settings.zip_name]
    if timings is not None:
        watch.write(timings)
    return BuildResult(failures=docs.failures, processed=docs.processed, articles=docs.articles,
                       cached=docs.cached, refused=docs.refused, written=docs.written.written,
                       unchanged=docs.written.unchanged, removed=docs.written.removed, outputs=tuple(outputs))
