"""Precision, recall and time of the near-duplicate finder (generator/duplicates.py).

    .venv/bin/python benchmarks/bench_duplicates.py [--sizes 1000 5000]

Two synthetic sets, each of distinct bodies plus wire copies of some of them
(`make_copies.wire_copy`: another headline, 1-5 furniture lines, 0-3 paragraphs dropped,
0-5% of the words changed):

- dev: the 61 true bodies of ../shared/extraction-dev (56 in English, five other languages),
  one copy of each, plus the five seeds' gold bodies (no copy): real prose, real lengths.
- N: N synthetic articles (benchmarks/make_corpus.py bodies: templated prose, so unrelated
  articles share more word runs than real ones do), a tenth of them copies of others.

A pair is right when both articles are in one found group and in one true group;
precision and recall count pairs. The time is `find_copies` alone (wall clock, and CPU time, which
other jobs on the machine do not inflate) (shingling, MinHash,
LSH, exact checks), one process, not a build.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

import yaml  # noqa: E402

from conftest import make_article  # noqa: E402
from make_copies import gold_bodies, wire_copy  # noqa: E402
from make_corpus import article_text, make_pools  # noqa: E402

from generator.corpus.duplicates import find_copies  # noqa: E402

SHARED = ROOT.parent / "shared"
# A synthetic body is its dump's long lines: short ones are furniture, headlines, captions.
BODY_MIN_WORDS = 15
COPY_SHARE = 0.1


def random_copy(paragraphs: list[str], seed: str) -> list[str]:
    """A copy edited by a random amount, within what the finder is meant to catch."""
    rng = random.Random(f"bench-copy:{seed}")
    return wire_copy(paragraphs, seed, furniture=rng.randint(1, 5), drop=rng.randint(0, 3),
                     changed_share=rng.uniform(0.0, 0.05))[1]


def dev_set() -> tuple[list, list[set[str]]]:
    """(articles, true groups) from the extraction-dev bodies, their copies and the seeds."""
    articles, truth = [], []
    for key, paragraphs in gold_bodies(SHARED / "extraction-dev" / "gold").items():
        articles += [make_article(*paragraphs, id=key[:12]), make_article(*random_copy(paragraphs, key), id=f"copy-{key[:12]}")]
        truth.append({key[:12], f"copy-{key[:12]}"})
    for path in sorted((SHARED / "seeds-gold").glob("[0-9][0-9][0-9]_*.yml")):
        articles.append(make_article(*yaml.safe_load(path.read_text(encoding="utf-8"))["body"], id=path.stem))
    return articles, truth


def synthetic_set(n: int) -> tuple[list, list[set[str]]]:
    """(articles, true groups): n articles, every tenth a copy of an earlier original."""
    pools = make_pools(n, 0)
    rng = random.Random(f"bench-duplicates:{n}")
    articles, bodies, truth = [], {}, {}
    for index in range(n):
        article_id = f"{index:05d}"
        if index >= 10 and rng.random() < COPY_SHARE:
            source = rng.choice(sorted(bodies))
            paragraphs = random_copy(bodies[source], article_id)
            truth.setdefault(source, {source}).add(article_id)
        else:
            lines = article_text(index, pools, 0).splitlines()
            paragraphs = bodies[article_id] = [l for l in lines if len(l.split()) >= BODY_MIN_WORDS]
        articles.append(make_article(*paragraphs, id=article_id))
    return articles, list(truth.values())


def pairs_of(groups) -> set[tuple[str, str]]:
    return {pair for group in groups for pair in combinations(sorted(group), 2)}


def score(found, truth: list[set[str]]) -> tuple[float, float, int, int]:
    """(precision, recall, pairs found, true pairs) of `find_copies`' groups against `truth`."""
    got = pairs_of({g.original, *(c.article for c in g.copies)} for g in found)
    want = pairs_of(truth)
    right = len(got & want)
    return right / len(got) if got else 1.0, right / len(want) if want else 1.0, len(got), len(want)


def measure(name: str, articles: list, truth: list[set[str]]) -> None:
    began, cpu = time.perf_counter(), time.process_time()
    found = find_copies(tuple(articles))
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    precision, recall, got, want = score(found, truth)
    print(f"{name:>6}: {len(articles):>5} articles, {want:>4} true copy pairs, {got:>4} found: "
          f"precision {precision:.3f}, recall {recall:.3f}, {seconds:.2f} s ({cpu:.2f} s CPU)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000], help="synthetic set sizes")
    args = parser.parse_args(argv)
    measure("dev", *dev_set())
    for n in args.sizes:
        measure(str(n), *synthetic_set(n))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
