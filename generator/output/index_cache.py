"""What the index stage keeps between builds, beside the cache's generations (one folder
for every generation: this state is keyed by `index_fingerprint`, which sees every module):
the memo of the last docs/ (`docs-memo.json`), each article page's input digest
(`article-pages.json`), per-article index inputs and the copy pairs, each by the articles'
cache keys. Any of it may be deleted: the stage then makes it again.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from generator.model import Article, Page
from generator.output.cache import PACKAGE, hash_package_files
from generator.output.write import (WriteReport, as_last_written, digest, load_manifest, manifest_digest, page_bytes,
                                    read_pickle, write_atomic, write_pickle)


@dataclass(frozen=True, slots=True)
class IndexCache:
    folder: Path  # the project's .briefing-cache/

    def docs_written(self, docs: Path, key: str | None) -> WriteReport | None:
        """The report of the last build's docs/ when its inputs had `key` and docs/ is as it
        left it (`as_last_written`): then the briefing, its pages and briefing.json would be
        the same bytes, and making them (6 s at 1,000 articles) is skipped. None otherwise."""
        memo = self.folder / DOCS_MEMO
        try:
            saved = json.loads(memo.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if key is None or not isinstance(saved, dict) or saved.get("key") != key:
            return None
        return as_last_written(docs, saved.get("manifest"))

    def article_pages(self, docs: Path, digests: Mapping[str, str]) -> dict[str, Page]:
        """Page path → each article page the last build wrote from the same inputs (path →
        digest, `article_page_digests`), read back from docs/, which holds it still: its
        bytes have the sha256 kept with the digest (`keep_article_pages`). A page that is
        gone or differs (a person edited it) is left out, and made again."""
        kept = self._kept_pages()
        out = {}
        for path, key in digests.items():
            entry = kept.get(path)
            if not (isinstance(entry, list) and len(entry) == 2 and entry[0] == key):
                continue
            try:
                data = (docs / path).read_bytes()
            except OSError:
                continue
            if digest(data) == entry[1]:
                out[path] = Page(path=path, text=data, sha256=entry[1])
        return out

    def keep_article_pages(self, docs: Path, digests: Mapping[str, str], pages) -> None:
        """Keep, for the next build, each article page's digest with the sha256 of its bytes,
        where docs/ now holds those bytes as ours (its manifest says so: not a page a
        hand-edited one kept from being written). The page itself stays in docs/ alone: a
        copy kept here too cost every page a build changes a second write and the removal of
        its old copy (330 of each when a topic's tags changed 330 pages) and 12 MB of disk at
        1,000 synthetic articles."""
        ours = load_manifest(docs)
        kept = {}
        for page in pages:
            if (key := digests.get(page.path)) is not None:
                sha = page.sha256 or digest(page_bytes(page))
                if ours.get(page.path) == sha:
                    kept[page.path] = [key, sha]
        write_atomic(self.folder / ARTICLE_PAGES, json.dumps({"pages": kept}, sort_keys=True) + "\n")
        old_copies = self.folder / "article-pages"  # where earlier versions kept each page
        if old_copies.is_dir():
            shutil.rmtree(old_copies)

    def _kept_pages(self) -> dict[str, list[str]]:
        """`keep_article_pages`' record: page path → [digest of its inputs, sha256 of its
        bytes]; nothing when missing or damaged."""
        try:
            kept = json.loads((self.folder / ARTICLE_PAGES).read_text(encoding="utf-8"))["pages"]
        except (OSError, ValueError, KeyError, TypeError):
            return {}
        return kept if isinstance(kept, dict) else {}

    def derived(self, name: str, code: str) -> dict:
        """What the last build kept under `name` (`keep_derived`), if it was made by `code`
        (`index_fingerprint`); else, or damaged, nothing."""
        saved = read_pickle(self.folder / f"{name}.pickle")
        return saved["entries"] if isinstance(saved, dict) and saved.get("code") == code else {}

    def keep_derived(self, name: str, code: str, entries: dict) -> None:
        """Per-article values a cross-article stage made (keyed by each article's cache key),
        for the next build: one file, replaced whole."""
        write_pickle(self.folder / f"{name}.pickle", {"code": code, "entries": entries})

    def per_article(self, name: str, code: str, articles: tuple[Article, ...], fingerprints: dict[str, str], make):
        """Article id → the value `make(articles, known)` gives it, where `known` holds the
        values the last build's code `code` made from the same articles (by cache key);
        kept for the next build when the articles changed."""
        saved = self.derived(name, code)
        known = {a.id: saved[key] for a in articles if (key := fingerprints.get(a.id)) in saved}
        values = make(articles, known)
        entries = {fingerprints[i]: v for i, v in values.items() if i in fingerprints}
        if entries.keys() != saved.keys():
            self.keep_derived(name, code, entries)
        return values

    def pairwise(self, name: str, code: str, articles: tuple[Article, ...], fingerprints: dict[str, str], make):
        """The pairs of article ids `make(compared, pairs)` gives, where `compared` holds the
        articles the last build's code `code` compared already (by cache key: the same
        article) and `pairs` what it found among them: for a relation that holds between two
        articles whatever the others are (corpus/duplicates.py `Settled`), only the pairs
        with another article are looked for. Kept for the next build, by cache key."""
        saved = self.derived(name, code)
        id_of = {key: a.id for a in articles if (key := fingerprints.get(a.id)) is not None}
        compared = frozenset(id_of[k] for k in saved.get("articles", ()) if k in id_of)
        known = frozenset(tuple(sorted((id_of[a], id_of[b]))) for a, b in saved.get("pairs", ())
                          if a in id_of and b in id_of)
        found = make(compared, known)
        entries = {"articles": sorted(id_of),
                   "pairs": sorted([fingerprints[a], fingerprints[b]] for a, b in found
                                   if a in fingerprints and b in fingerprints)}
        if entries != saved:
            self.keep_derived(name, code, entries)
        return found

    def remember_docs(self, docs: Path, key: str | None, report: WriteReport) -> None:
        """Keep `key` with the manifest just written; a build that reported a problem (a
        person's page in the way, a hand-edited page) keeps none, so the next one reports
        it again."""
        memo = self.folder / DOCS_MEMO
        manifest = manifest_digest(docs)
        if key is None or report.failures or manifest is None:
            memo.unlink(missing_ok=True)
            return
        write_atomic(memo, json.dumps({"key": key, "manifest": manifest}) + "\n")


# The index stage's memo, beside the generations: the key of the inputs of the docs/ that
# the last build wrote, and the sha256 of the manifest it wrote with them.
DOCS_MEMO = "docs-memo.json"
# The last build's article pages: each page's path, the digest of its inputs
# (render/pages.py `article_page_digests`) and the sha256 of the bytes docs/ holds for it.
ARTICLE_PAGES = "article-pages.json"
# Each article's shingles and MinHash values for the copy finder (corpus/duplicates.py
# `Shingled`), by the article's cache key.
SHINGLES = "shingles"
# The copy pairs the last build found, and the articles it compared, by cache key
# (`IndexCache.pairwise`).
COPY_PAIRS = "copy-pairs"
# Each article's words folded for the topics (corpus/topics.py `folded_text`), likewise.
FOLDED_WORDS = "folded-words"
# Each article's lead words for the stories (corpus/stories.py `lead_words`), likewise.
LEAD_WORDS = "lead-words"


def one_by_one(make_one):
    """An `IndexCache.per_article` maker from a function of one article: the kept value where
    there is one, `make_one(article)` for the others (a maker that needs the missing
    articles together, as the copy finder's MinHash does, is written out instead)."""
    return lambda articles, known: {a.id: known[a.id] if a.id in known else make_one(a) for a in articles}


def index_fingerprint(package: Path = PACKAGE) -> str:
    """What the index stage's output depends on besides the articles and the settings:
    every file of the package (the stage imports most of it), the version of every
    installed distribution (its libraries, and theirs: PyYAML, python-frontmatter,
    numpy, rapidfuzz, pycountry, the model ...) and Python's. A superset, so
    no change to what makes the pages goes unseen; ~15 ms. A distribution counts by the
    digest of its whole metadata file, whose Name and Version lines are in it: parsing
    those headers (`Distribution.metadata`, `.version`) for 100 distributions took
    60-100 ms of every build."""
    digest = hashlib.sha256(sys.version.encode())
    hash_package_files(digest, package)
    files = {hashlib.sha256((d.read_text("METADATA") or d.read_text("PKG-INFO") or "").encode()).digest()
             for d in importlib.metadata.distributions()}
    for metadata in sorted(files):
        digest.update(metadata)
    return digest.hexdigest()


def docs_key(settings, articles: tuple[Article, ...], fingerprints: dict[str, str], code: str) -> str | None:
    """The index stage's inputs in one digest: the settings, the code and libraries
    (`code`: `index_fingerprint`), and each article in order by its id, slug and cache key
    (its file's name and bytes and its sidecar's, `source_fingerprint`; with the code and
    the model, which the settings name, that fixes the article's enrichment: the key is known
    before the NLP stage runs). None when an article has no cache key."""
    if any(a.id not in fingerprints for a in articles):
        return None
    named = [[a.id, a.slug, fingerprints[a.id]] for a in articles]
    return hashlib.sha256(json.dumps([settings.outcome, code], ensure_ascii=False).encode()
                          + json.dumps(named, ensure_ascii=False).encode()).hexdigest()
