"""The whole build, top to bottom. Phase one parses every article; phase two, which needs
them all, builds the cross-article indexes and writes. Only stage calls live here."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.collector import collector_paused
from generator.config import Settings
from generator.corpus.briefing import assign_slugs, build_briefing
from generator.corpus.duplicates import Settled, article_pairs, find_copies, shingle_articles
from generator.corpus.stories import lead_words
from generator.corpus.topics import fold_articles
from generator.errors import BriefingError
from generator.ingest.read import list_sources
from generator.lifetime import die_with_parent
from generator.nlp.enrich import EarlyModel, enrich_articles
from generator.nlp.places import build_gazetteer, gazetteer_from
from generator.output.cache import CACHE_DIR, GAZETTEER, Cache, keep_enriched, load_articles
from generator.output.index_cache import (COPY_PAIRS, FOLDED_WORDS, LEAD_WORDS, SHINGLES, IndexCache, docs_key,
                                          index_fingerprint, one_by_one)
from generator.output.site import build_bundle, build_website
from generator.output.site_memo import remember_site, site_is_current, site_key
from generator.output.write import WriteReport, build_lock, write_pages
from generator.progress import Progress, no_progress
from generator.render.pages import article_links, article_page_digests, briefing_data, render_pages
from generator.timings import StageTime, Stopwatch


@dataclass(frozen=True, slots=True)
class DocsResult:
    """What writing docs/ did: for the closing summary (cli.py prints it) and the tests."""

    failures: tuple[BriefingError, ...]
    notes: tuple[str, ...]  # files ignored, cache entries damaged: said, not failed
    processed: tuple[str, ...]  # articles the NLP stage parsed (not served from the cache)
    stages: tuple[StageTime, ...]
    articles: int  # articles built (parsed now or taken from the cache)
    cached: int  # of those, taken from the cache
    refused: int  # source files that could not be read as articles
    written: WriteReport
    code: str = ""  # `index_fingerprint`, which the site's key holds too (output/site_memo.py)


@dataclass(frozen=True, slots=True)
class BuildResult:
    docs: DocsResult
    outputs: tuple[str, ...]  # what the build produced, relative to the project
    site_kept: bool = False  # the site's inputs were the last site build's (output/site_memo.py)

    @property
    def failures(self) -> tuple[BriefingError, ...]:
        return self.docs.failures

    @property
    def processed(self) -> tuple[str, ...]:
        return self.docs.processed


def write_docs(settings: Settings, progress: Progress = no_progress) -> DocsResult:
    """seeds/ → docs/: every page, and docs/briefing.json (MkDocs copies it into the site)."""
    watch = Stopwatch()
    cache = Cache.open(settings.root, settings.spacy_model)
    index_cache = IndexCache(settings.root / CACHE_DIR)
    gazetteer_from(lambda: cache.kept(GAZETTEER, build_gazetteer))
    with EarlyModel(settings) as early:
        with watch.stage("read+clean"), collector_paused():
            sources = list_sources(settings.seeds)
            early.expect(cache.unseen_seeds(sources.paths))
            loaded = load_articles(list(sources.paths), cache, settings.max_seed_bytes, progress, early.wanted)
            cache.remember_seeds(sources.paths)
            articles = assign_slugs(loaded.articles)
        # Before the NLP stage: what the index stage makes from the articles' text alone (its
        # inputs, and which articles are copies), made while the NLP workers load the model
        # and parse: after one added article, this process would otherwise wait for them.
        with watch.stage("index inputs"), collector_paused():
            code = index_fingerprint()
            key = docs_key(settings, articles, loaded.fingerprints, code)
            report = index_cache.docs_written(settings.docs, key)
            if report is None:
                shingled = index_cache.per_article(SHINGLES, code, articles, loaded.fingerprints, shingle_articles)
                texts = index_cache.per_article(FOLDED_WORDS, code, articles, loaded.fingerprints, fold_articles)
                leads = index_cache.per_article(LEAD_WORDS, code, articles, loaded.fingerprints, one_by_one(lead_words))
                pairs = index_cache.pairwise(COPY_PAIRS, code, articles, loaded.fingerprints,
                                             lambda seen, known: article_pairs(articles, shingled, Settled(seen, known)))
                copies = find_copies(articles, shingled, pairs)
        with watch.stage("nlp"):
            result = enrich_articles(articles, settings, loaded.cached,
                                     progress=lambda done, total: progress("nlp", done, total), early=early)
            keep_enriched(cache, loaded, result.enriched, result.processed)
    with watch.stage("index pages"), collector_paused():
        progress("pages", 0, 2)
        if report is None:
            briefing = build_briefing(result.enriched, copies, texts, leads)
            links = article_links(briefing)
            digests = article_page_digests(briefing, settings, links, loaded.fingerprints, code)
            pages = (render_pages(briefing, settings, links, index_cache.article_pages(settings.docs, digests))
                     + [briefing_data(briefing, settings)])
            progress("pages", 1, 2)
            report = write_pages(settings.docs, pages)
            index_cache.keep_article_pages(settings.docs, digests, pages)
            index_cache.remember_docs(settings.docs, key, report)
        progress("pages", 2, 2)
    refused = sources.refused + loaded.failures
    return DocsResult(refused + report.failures, sources.notes + loaded.notes, result.processed,
                      tuple(watch.stages), articles=len(articles), cached=len(loaded.cached),
                      refused=len(refused), written=report, code=code)


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
        kept = False
        if site:
            with watch.stage("mkdocs website"):
                progress("website", 0, 2)
                key = site_key(settings, docs.code)
                kept = site_is_current(settings.root / CACHE_DIR, settings, key)
                staging = None if kept else build_website(settings)
            with watch.stage("offline bundle"):
                progress("website", 1, 2)
                if not kept:
                    build_bundle(settings, staging)
                    remember_site(settings.root / CACHE_DIR, settings, key)
            progress("website", 2, 2)
            outputs += [f"{settings.site_dir}/", f"{settings.offline_dir}/", settings.zip_name]
    if timings is not None:
        watch.write(timings)
    return BuildResult(docs, tuple(outputs), site_kept=kept)
