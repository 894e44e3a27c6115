"""Story groups: distinct articles (no copies) that report the same event, written separately.

Two articles tell one story when their *leads* (headline, standfirst and first
`LEAD_PARAGRAPHS` paragraphs: news puts the event first, background later) share the same
rare names, dates and words, and their key phrases agree. Each shared signal counts by how
rare it is in this briefing (inverse document frequency), so what every article of a
topic says (fentanyl, China, the US) weighs little and a name only two articles use weighs
much. Sharing a topic is not enough: the pair must also stand out from what each article
shares with the rest of the briefing (`MIN_LIFT` times its `BACKGROUND_RANK`-th closest
article), and articles whose publication dates are known must be within `WINDOW_DAYS`.

Scores come from one sparse matrix product (scipy), so the cost follows the number of
pairs that share a signal, not N²; signals in more than `MAX_SIGNAL_ARTICLES` articles only
weigh in the denominators.
"""

from __future__ import annotations

import importlib.util
import math
import re
import runpy
from collections import Counter, defaultdict
from datetime import date
from functools import cache
from pathlib import Path
from typing import Mapping

import numpy as np
from scipy import sparse

from generator.model import Article, Enriched, Entity, Story
from generator.ingest.structure import slugify

# How much of the body counts as the lead. The calibration pairs (below) separate best with
# 3; with 2 one of them shared no name, with 5 the background of the seeds rose.
LEAD_PARAGRAPHS = 3
# Calibration: benchmarks/eval_stories.py enriches the 61 extraction-dev bodies and the five
# seeds together and alone (re-run it after any change here or in the NLP stage). The dev
# set holds two pairs of separately written reports of one event (Assange investigation
# dropped; "feather duvet lung"); every other pair, including the five seeds (five stories on
# one topic) and same-topic pairs (the moons of Jupiter and Saturn, three MacBook pieces,
# two Hong Kong pieces, two impeachment pieces) is a different story. Measured: the true
# pairs have similarity 0.17 and 0.30, lift 9.5 and 11; the highest other similarity is 0.13
# (two seeds, lift 2.3), the highest other lift 4.9 (the two moons, similarity 0.10); the
# seeds alone (too few for a background) reach 0.08. Two positive pairs are a thin
# calibration: the constants sit in the gaps, and no more than that is known.
MIN_SIMILARITY = 0.15
MIN_LIFT = 7.0
# An article's background is its similarity to its this-many-th closest other article
# (0 when it has fewer): a story of up to this many articles stands out as a whole; in a
# larger one every link looks ordinary, and it stays in smaller groups.
BACKGROUND_RANK = 5
# Articles with known publication dates further apart than this are never one story (not
# measured: no dev article has a date; a news event's coverage spans days, not weeks).
WINDOW_DAYS = 7
# A signal in more articles than this proposes no pair (it would make the product dense);
# it still counts in each article's total weight.
MAX_SIGNAL_ARTICLES = 50
# Entities named where the article reports, not in its byline, captions or author note.
_REPORTED_PARTS = frozenset({"title", "standfirst", "body"})
_WORD = re.compile(r"[^\W\d_]{4,}")


@cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, read from spaCy's own list (`spacy/lang/en/
    stop_words.py`, plain data) without importing spaCy: that import (0.7 s) is done in the
    NLP worker, and an add-one rebuild would pay it again here for this list alone."""
    spec = importlib.util.find_spec("spacy")  # finds the package, does not import it
    path = Path(spec.origin).parent / "lang" / "en" / "stop_words.py"
    return frozenset(runpy.run_path(str(path))["STOP_WORDS"])


def lead_words(article: Article) -> frozenset[str]:
    """The content words of the article's lead, as signals ("word:..."): from the article
    alone, so a rebuild keeps them (output/index_cache.py LEAD_WORDS); they were half the story finder's
    time (0.13 of 0.29 s at 1,000 synthetic articles, 0.64 of 1.54 s at 5,000)."""
    lead = " ".join([article.title, *article.standfirst, *(p.text for p in article.body[:LEAD_PARAGRAPHS])])
    stop = stop_words()
    return frozenset(f"word:{w}" for w in _WORD.findall(lead.casefold()) if w not in stop)


def lead_signals(enriched: Enriched, entity_keys: set[str], words: frozenset[str] | None = None) -> set[str]:
    """The article's story signals: entities named in its lead (`entity_keys`), dates of at
    least month precision stated there, content words of the lead (`words`: its
    `lead_words`, else made here), and its key phrases."""
    signals = {f"entity:{k}" for k in entity_keys}
    signals |= {f"date:{e.date}" for e in enriched.events
                if len(e.date) >= 7 and e.paragraph <= LEAD_PARAGRAPHS}
    signals |= words if words is not None else lead_words(enriched.article)
    signals |= {f"phrase:{key}" for key, _ in enriched.phrases}
    return signals


def lead_entities(entities: tuple[Entity, ...]) -> dict[str, set[str]]:
    """Article id → keys of the entities its lead names."""
    out: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        for m in entity.mentions:
            if m.part in _REPORTED_PARTS and (m.part != "body" or m.paragraph <= LEAD_PARAGRAPHS):
                out[m.article].add(entity.key)
    return out


def similarities(signals: list[set[str]]) -> sparse.coo_matrix:
    """Weighted overlap of every pair sharing a rare signal: the IDF of what they share over
    the geometric mean of their own IDF totals (upper triangle, i < j)."""
    n = len(signals)
    df = Counter(s for found in signals for s in found)
    idf = {s: math.log((n + 1) / k) for s, k in df.items()}
    columns = {s: i for i, s in enumerate(sorted(s for s, k in df.items() if 2 <= k <= MAX_SIGNAL_ARTICLES))}
    rows, cols, values = [], [], []
    for row, found in enumerate(signals):
        for s in sorted(found):
            if s in columns:
                rows.append(row)
                cols.append(columns[s])
                values.append(math.sqrt(idf[s]))
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(n, len(columns)))
    shared = sparse.triu(matrix @ matrix.T, k=1).tocoo()
    totals = np.array([math.fsum(idf[s] for s in found) for found in signals])  # fsum: set order never shows
    scale = np.sqrt(totals[shared.row] * totals[shared.col])
    return sparse.coo_matrix((shared.data / np.where(scale > 0, scale, 1), (shared.row, shared.col)), shape=(n, n))


def backgrounds(pairs: sparse.coo_matrix, n: int) -> np.ndarray:
    """Each article's `BACKGROUND_RANK`-th highest similarity to another (0 if fewer).
    Sorted in numpy, each article's similarities together and highest first: 50,000 pairs
    at 1,000 articles, looped over in Python, took a fifth of the stage."""
    index = np.concatenate([pairs.row, pairs.col])
    value = np.concatenate([pairs.data, pairs.data])
    order = np.lexsort((-value, index))
    index, value = index[order], value[order]
    counts = np.bincount(index, minlength=n)
    out = np.zeros(n)
    ranked = counts >= BACKGROUND_RANK
    out[ranked] = value[np.searchsorted(index, np.arange(n))[ranked] + BACKGROUND_RANK - 1]
    return out


def published(enriched: Enriched) -> date | None:
    meta = enriched.article.meta
    try:
        return date.fromisoformat(meta.published) if meta and meta.published else None
    except ValueError:
        return None


def find_stories(articles: tuple[Enriched, ...], entities: tuple[Entity, ...],
                 words: Mapping[str, frozenset[str]] | None = None) -> tuple[Story, ...]:
    """Every group of two or more articles about one event, largest first. Links are added
    strongest first; one that would stretch a group past `WINDOW_DAYS` is skipped. `words`:
    article id → its `lead_words`, else they are made here."""
    ordered = sorted(articles, key=lambda e: e.article.id)
    named = lead_entities(entities)
    words = words or {}
    pairs = similarities([lead_signals(e, named.get(e.article.id, set()), words.get(e.article.id))
                          for e in ordered])
    background = backgrounds(pairs, len(ordered))
    strong = (pairs.data >= MIN_SIMILARITY) & (pairs.data >= MIN_LIFT * np.maximum(background[pairs.row],
                                                                                  background[pairs.col]))
    links = sorted(((float(s), int(i), int(j)) for i, j, s in zip(pairs.row[strong], pairs.col[strong],
                                                                 pairs.data[strong])),
                   key=lambda link: (-link[0], link[1], link[2]))
    group = list(range(len(ordered)))
    dates: dict[int, list[date]] = {i: [d] if (d := published(e)) else [] for i, e in enumerate(ordered)}
    strength: Counter[int] = Counter()
    for score, i, j in links:
        gi, gj = group[i], group[j]
        if gi != gj:
            span = dates[gi] + dates[gj]
            if span and (max(span) - min(span)).days > WINDOW_DAYS:
                continue
            keep, gone = min(gi, gj), max(gi, gj)
            group = [keep if g == gone else g for g in group]
            dates[keep] = span
        strength[i] += score
        strength[j] += score
    members: dict[int, list[int]] = defaultdict(list)
    for index, g in enumerate(group):
        members[g].append(index)
    stories = []
    for indexes in (m for m in members.values() if len(m) > 1):
        ids = [ordered[i].article.id for i in sorted(indexes, key=lambda i: (-strength[i], ordered[i].article.id))]
        stories.append(Story(key=f"story-{slugify(min(ids), None)}", articles=tuple(ids)))
    return tuple(sorted(stories, key=lambda s: (-len(s.articles), s.key)))
