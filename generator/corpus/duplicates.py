"""Near-duplicates: the same body text published more than once (a wire story re-furnished,
trimmed or lightly edited by another outlet).

Cost stays near-linear in the number of articles: each body becomes a set of word
shingles, MinHash sketches it (datasketch's `affine32` scheme, computed here in numpy),
banded LSH over the sketches (numpy, all articles at once) proposes the pairs that may
share most shingles, and only those pairs are checked exactly (on the sorted shingle
hashes, with numpy). Both are datasketch's results, bit for bit (tests/test_duplicates.py
compares them with the library); importing the library itself imports SciPy's integrate
and optimize, 0.25-0.5 s of every build that adds an article, before its pages can be
made. A pair is a copy when most of the shorter text is in the longer one (`COPY_OVERLAP`)
and the two are not too different in length (`COPY_MIN_JACCARD`). Copies of copies are one
group; one of them is the article (`pick_original`), the others are listed as "also
published as".

Deterministic: the shingle hash is CRC-32 (no PYTHONHASHSEED), MinHash has a fixed seed,
and every pair and group is sorted before it is used.
"""

from __future__ import annotations

import functools
import re
import zlib
from dataclasses import dataclass
from typing import Iterable, Mapping

import numpy as np

from generator.model import Article, Copy, CopyGroup

# Words per shingle. Four words: one changed word breaks four shingles, so a few edits in a
# 500-word body cost a few per cent of overlap, while unrelated texts share almost no
# 4-word run (the 61 distinct extraction-dev bodies and the seeds: highest overlap 0.08).
SHINGLE_WORDS = 4
# Bodies with fewer shingles than this are never called copies: a two-line brief shares
# most of its few shingles with any longer story that quotes the same statement.
MIN_SHINGLES = 40
# Of the shorter text's shingles, at least this share must be in the longer one. Feed
# readers group copies at ~85% overlap. Measured (benchmarks/bench_duplicates.py, and
# tests/test_duplicates.py for the first figure; re-run both after a change): copies of the
# 61 extraction-dev bodies with the edits (another headline, 3 furniture lines, a
# paragraph dropped, 2% of the words changed) score 0.73-0.98;
# the benchmark's harsher copies (up to 5 lines, 3 paragraphs, 5% of the words) go down to
# 0.58; the 61 distinct bodies and the five seeds reach at most 0.08 against each other.
COPY_OVERLAP = 0.6
# And the union must not be mostly text of one side: a copy that keeps about half of the
# original still passes, one paragraph quoted in a long story does not.
COPY_MIN_JACCARD = 0.4
# MinHash size and the LSH bands x rows that propose candidate pairs: a pair is proposed
# with probability 1 - (1 - J^4)^64 for shingle Jaccard J: 0.81 at 0.4, 0.93 at 0.45, 0.98
# at 0.5, 0.02 at 0.14 (unrelated synthetic articles of one template, the worst case we
# have: real unrelated bodies are below 0.03). Every candidate is checked exactly, so a
# proposal costs time (~15 us), never precision. 4 rows, not 3: with 3 a tenth of all
# synthetic pairs were candidates and the time grew with N^2.
NUM_PERM = 256
LSH_BANDS_ROWS = (64, 4)
MINHASH_SEED = 1

# A word is a run of letters and digits; in Chinese and Japanese, which do not space their
# words, each character is one (a whole sentence would otherwise be one "word").
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")


# The odd 64-bit multiplier that folds a run of word hashes into one (the golden ratio's
# bits, as in Fibonacci hashing); numpy's uint64 arithmetic wraps, which is what we want.
_MIX = np.uint64(0x9E3779B97F4A7C15)


def shingles(article: Article) -> np.ndarray:
    """The sorted, unique 32-bit hashes of the body's `SHINGLE_WORDS`-word runs, case and
    punctuation folded, across paragraph breaks (a dropped paragraph costs only its own).
    Each distinct word is hashed once (CRC-32) and the runs are folded in numpy: hashing
    every run as a string was two thirds of the finder's time."""
    words = _WORD.findall(" ".join(p.text for p in article.body).casefold())
    runs = len(words) - SHINGLE_WORDS + 1
    if runs <= 0:
        return np.empty(0, dtype=np.uint32)
    code = {w: zlib.crc32(w.encode("utf-8")) for w in set(words)}
    hashed = np.fromiter((code[w] for w in words), dtype=np.uint64, count=len(words))
    folded = np.zeros(runs, dtype=np.uint64)
    for k in range(SHINGLE_WORDS):
        folded = folded * _MIX + hashed[k:k + runs]
    return np.unique((folded >> np.uint64(32)).astype(np.uint32))


def overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(share of the smaller set in the other, Jaccard) of two sorted unique hash arrays."""
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / min(len(a), len(b)), shared / (len(a) + len(b) - shared)


@functools.cache
def permutations() -> tuple[np.ndarray, np.ndarray]:
    """The `NUM_PERM` affine permutations h → a·h + b (mod 2³², `a` odd: a bijection) that
    datasketch's `MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)` draws for its default
    `affine32` scheme, from the same random stream."""
    gen = np.random.RandomState(MINHASH_SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, which `affine32` applies to each input hash first."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


# Input hashes permuted at once: at most this many x NUM_PERM uint32 (4 MB), whatever the
# body's length (the minimum over the blocks is the minimum over all).
MINHASH_BLOCK = 4096


def minhash(hashes: np.ndarray) -> np.ndarray:
    """The MinHash values of a set of 32-bit hashes: `MinHash.hashvalues` after
    `update_batch(hashes)` with `hashfunc=int` (no values: all 2³²-1, as the library's)."""
    a, b = permutations()
    mixed = _fmix32(hashes.astype(np.uint32)).reshape(-1, 1)
    out = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    for start in range(0, len(mixed), MINHASH_BLOCK):
        np.minimum(out, (mixed[start:start + MINHASH_BLOCK] * a + b).min(axis=0), out=out)
    return out


def signatures(hashes: dict[str, np.ndarray], known: Mapping[str, np.ndarray] | None = None) -> dict[str, np.ndarray]:
    """Article id → its MinHash values, all with the same permutations, in id order;
    `known`: article id → the values made before (`Shingled`), taken as they are. Only the
    values travel on: the banding and the estimates below work on them."""
    known = known or {}
    out = {article_id: known[article_id] for article_id in hashes if article_id in known}
    for article_id in sorted(article_id for article_id in hashes if article_id not in known):
        out[article_id] = minhash(hashes[article_id])
    return {article_id: out[article_id] for article_id in sorted(out)}


@dataclass(frozen=True, slots=True)
class Shingled:
    """One body's shingle hashes and, from `MIN_SHINGLES` of them, their MinHash values:
    made per article (most of the finder's time), so a rebuild may keep them (pipeline.py)."""

    hashes: np.ndarray
    signature: np.ndarray | None


def shingle_articles(articles: Iterable[Article], known: Mapping[str, Shingled] | None = None) -> dict[str, Shingled]:
    """Article id → its `Shingled`, taken from `known` (article id → one made before from
    the same body by this code) where it is there."""
    known = known or {}
    articles = tuple(articles)
    hashes = {a.id: shingles(a) for a in articles if a.id not in known}
    made = signatures({article_id: h for article_id, h in hashes.items() if len(h) >= MIN_SHINGLES})
    out = {a.id: known[a.id] for a in articles if a.id in known}
    for article_id, h in hashes.items():
        out[article_id] = Shingled(h, made.get(article_id))
    return out


def candidate_pairs(values: np.ndarray, only: np.ndarray | None = None) -> list[tuple[int, int]]:
    """Pairs of rows of `values` (one article's MinHash values a row) that agree on every
    column of at least one band (`LSH_BANDS_ROWS`), sorted: the pairs datasketch's
    `MinHashLSH` with these bands proposes, found a band at a time over all articles at
    once (its insert and query, once per article in Python, took 2 s at 5,000 articles).
    In each band the rows are sorted by their band values (stably: ascending rows within a
    bucket), and the rows `d` places apart in that order pair up where their values agree,
    for d = 1, 2, ... until no bucket is that large: numpy throughout, where walking each
    bucket's combinations in Python took 0.9 s for the 334,000 pairs of 5,000 synthetic
    articles (one template: far more pairs than real bodies make). `only` (a bool per row):
    the pairs with at least one of those rows; when they are few (an added article), each
    band compares just their keys with every row's (sorting each band took 0.3 s at 5,000)."""
    bands, rows = LSH_BANDS_ROWS
    n = len(values)
    if n < 2:
        return []
    few = np.flatnonzero(only) if only is not None and np.count_nonzero(only) * FEW_ROWS_SHARE <= n else None
    codes = []
    for band in range(bands):
        block = np.ascontiguousarray(values[:, band * rows:(band + 1) * rows])
        keys = block.view(np.dtype((np.void, block.dtype.itemsize * rows))).ravel()
        if few is not None:
            for row in few:
                same = np.flatnonzero(keys == keys[row])
                same = same[same != row].astype(np.int64)
                codes.append(np.minimum(same, row) * n + np.maximum(same, row))
            continue
        order = np.argsort(keys, kind="stable")
        ranked = keys[order]
        for d in range(1, n):
            same = ranked[d:] == ranked[:-d]
            if not same.any():
                break  # a bucket of k rows has a pair at every distance below k
            codes.append(order[:-d][same].astype(np.int64) * n + order[d:][same])
    if not codes:
        return []
    flat = np.unique(np.concatenate(codes))
    if only is not None:
        flat = flat[only[flat // n] | only[flat % n]]
    return list(zip((flat // n).tolist(), (flat % n).tolist()))


# `candidate_pairs` compares the `only` rows' band keys with every row's, instead of sorting
# each band, when they are at most one row in this many.
FEW_ROWS_SHARE = 50

# A candidate whose MinHash estimate of Jaccard is this far below COPY_MIN_JACCARD is
# dropped before the exact check: the estimate's standard deviation at J = 0.4 with 256
# permutations is 0.03, so 0.15 is five of them (on the templated synthetic corpus of
# 1,000 articles this skips 89% of the exact checks).
ESTIMATE_MARGIN = 0.15
# Pairs compared at once by `estimated_jaccard`: the compared rows never take more than ~40 MB.
ESTIMATE_SLICE = 10_000


def estimated_jaccard(values: np.ndarray, pairs: list[tuple[int, int]]) -> np.ndarray:
    """MinHash's Jaccard estimate of each pair of rows, as `MinHash.jaccard` gives it (equal
    hash values / permutations), for all pairs at once: at 5,000 synthetic articles the LSH
    proposes 330,000 pairs, and one `jaccard` call per pair took 1.9 s."""
    left, right = np.array(pairs, dtype=np.intp).reshape(-1, 2).T
    out = np.empty(len(pairs), dtype=np.float64)
    for start in range(0, len(pairs), ESTIMATE_SLICE):
        part = slice(start, start + ESTIMATE_SLICE)
        same = np.count_nonzero(values[left[part]] == values[right[part]], axis=1)
        out[part] = same.astype(np.float64) / np.float64(values.shape[1])
    return out


@dataclass(frozen=True, slots=True)
class Settled:
    """Copy pairs known before: every pair of `articles` (ids) that is a copy is in `pairs`
    (each sorted). Whether two bodies are copies depends on those two alone (their shingles,
    their MinHash values, their LSH bands), so pairs among articles an earlier build
    compared stand; only pairs with another article are looked for (output/index_cache.py
    `IndexCache.pairwise` keeps them by cache key)."""

    articles: frozenset[str]
    pairs: frozenset[tuple[str, str]]


def copy_pairs(hashes: dict[str, np.ndarray], known: Mapping[str, np.ndarray] | None = None,
               settled: Settled | None = None) -> list[tuple[str, str]]:
    """Every pair of article ids whose bodies are copies of each other, sorted (`known`: as
    for `signatures`; `settled`: pairs known before, not checked again: at 5,000 synthetic
    articles the 38,000 exact checks took 0.9 s of each add-one)."""
    sketched = signatures(hashes, known)
    if len(sketched) < 2:
        return []
    ids = list(sketched)  # sorted: row order is id order, so sorted row pairs are sorted id pairs
    values = np.stack(list(sketched.values()))
    found = []
    if settled is None:
        candidates = candidate_pairs(values)
    else:
        candidates = candidate_pairs(values, np.array([i not in settled.articles for i in ids], dtype=bool))
        found = [pair for pair in settled.pairs if pair[0] in sketched and pair[1] in sketched]
    for (i, j), estimate in zip(candidates, estimated_jaccard(values, candidates)):
        if estimate < COPY_MIN_JACCARD - ESTIMATE_MARGIN:
            continue
        share, jaccard = overlap(hashes[ids[i]], hashes[ids[j]])
        if share >= COPY_OVERLAP and jaccard >= COPY_MIN_JACCARD:
            found.append((ids[i], ids[j]))
    return sorted(found)


def pick_original(group: Iterable[Article]) -> Article:
    """The copy that is the article: the longest body (the fullest text: copies are more
    often trimmed than extended), then the earliest known publication date, then the id."""
    return min(group, key=lambda a: (-a.words, (a.meta.published if a.meta else None) or "9999", a.id))


def connected(pairs: list[tuple[str, str]]) -> list[list[str]]:
    """The groups the pairs link (a copy of a copy is in the group), each sorted, by first id."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = {}
    for article_id in sorted(parent):
        members.setdefault(root(article_id), []).append(article_id)
    return sorted(members.values())


def article_pairs(articles: tuple[Article, ...], shingled: Mapping[str, Shingled] | None = None,
                  settled: Settled | None = None) -> list[tuple[str, str]]:
    """`copy_pairs` of the articles: each pair of ids whose bodies are copies, sorted."""
    shingled = shingled if shingled is not None else shingle_articles(articles)
    found = {a.id: shingled[a.id] for a in articles if shingled[a.id].signature is not None}
    return copy_pairs({article_id: s.hashes for article_id, s in found.items()},
                      {article_id: s.signature for article_id, s in found.items()}, settled)


def find_copies(articles: tuple[Article, ...], shingled: Mapping[str, Shingled] | None = None,
                pairs: list[tuple[str, str]] | None = None) -> tuple[CopyGroup, ...]:
    """Every group of articles with the same text, sorted by the original's id; an article
    that is in no group has no copy. `shingled`: every article's `Shingled`
    (`shingle_articles`), else they are made here; `pairs`: their `article_pairs`, else
    found here."""
    by_id = {a.id: a for a in articles}
    shingled = shingled if shingled is not None else shingle_articles(articles)
    hashes = {a.id: shingled[a.id].hashes for a in articles}
    groups = []
    for ids in connected(pairs if pairs is not None else article_pairs(articles, shingled)):
        original = pick_original(by_id[i] for i in ids)
        copies = tuple(Copy(article=i, overlap=round(overlap(hashes[original.id], hashes[i])[0], 2))
                       for i in ids if i != original.id)
        groups.append(CopyGroup(original=original.id, copies=copies))
    return tuple(sorted(groups, key=lambda g: g.original))
