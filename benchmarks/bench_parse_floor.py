"""The spaCy parse alone, in the NLP stage's worker layout: the part of a cold build no code
of ours can go below.

Issue 19 asks for a cold build within 5x the plain-MkDocs floor of its article pages. This
times only `nlp.pipe` over every text unit the NLP stage parses (title, standfirst,
captions, bylines, body, bio) of N synthetic articles (`make_corpus.py`), in forked
processes with one BLAS thread each, as `nlp.enrich` runs it, and nothing else: no model
load (loaded once, before the workers fork; the stage's workers each load their own while
the build makes its index inputs), no reading, no entity, quote or date rules, no pages. With
`--floor SECONDS` (the floor `bench_build.py` prints for the same N) it prints the share of
the 5x budget that the parse alone takes.

    .venv/bin/python benchmarks/bench_parse_floor.py                      # 200 articles, 1 and 2 processes
    .venv/bin/python benchmarks/bench_parse_floor.py --articles 1000 --processes 2 --floor 9.96
    .venv/bin/python benchmarks/bench_parse_floor.py --processes 1 --components   # where the parse goes
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_corpus import make_corpus  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from generator.config import Settings  # noqa: E402
from generator.ingest.parse import parse_article  # noqa: E402
from generator.nlp.load import BATCH_SIZE, article_units, load_nlp  # noqa: E402

_NLP = None  # the model, loaded before the workers fork (they share its pages)


def _parse(texts: list[str]) -> None:
    threadpool_limits(limits=1)
    for _ in _NLP.pipe(texts, batch_size=BATCH_SIZE):
        pass


def parse_seconds(texts: list[str], processes: int) -> float:
    """Wall seconds to parse `texts` in `processes` forked workers (four tasks each, as the
    stage cuts a batch, so both stay busy to the end)."""
    tasks = [texts[i::processes * 4] for i in range(processes * 4)]
    started = time.perf_counter()
    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
        list(pool.map(_parse, tasks))
    return time.perf_counter() - started


def component_seconds(texts: list[str], repeats: int = 3) -> list[tuple[str, float]]:
    """Each component's share of a one-process parse of `texts`: the pipeline is timed with
    its first 1, 2, ... components enabled, and each gets the difference (the first also
    carries the tokenizer). The components that listen to `tok2vec` need it before them,
    so only the pipeline's own order can be timed this way. Each of `repeats` rounds times
    every prefix once, and the best of each counts: timed one prefix after another, a
    slower spell of this machine went to whichever component was timed in it."""
    threadpool_limits(limits=1)
    names = list(_NLP.pipe_names)
    best = [float("inf")] * len(names)
    for _ in range(repeats):
        for k in range(1, len(names) + 1):
            with _NLP.select_pipes(enable=names[:k]):
                started = time.perf_counter()
                for _ in _NLP.pipe(texts, batch_size=BATCH_SIZE):
                    pass
                best[k - 1] = min(best[k - 1], time.perf_counter() - started)
    return [(name, total - before) for name, total, before in zip(names, best, [0.0] + best[:-1])]


def main(argv: list[str] | None = None) -> int:
    global _NLP  # noqa: PLW0603 - set once, before the workers fork
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200, help="synthetic articles (default 200)")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2], help="worker counts to time")
    parser.add_argument("--floor", type=float, help="plain-MkDocs floor of N article pages, seconds")
    parser.add_argument("--components", action="store_true",
                        help="also time each pipeline component (one process)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        paths = make_corpus(args.articles, Path(folder))
        texts = [u.text for path in paths for u in article_units(parse_article(path))]
    _NLP = load_nlp(Settings().spacy_model)
    words = sum(len(t.split()) for t in texts)
    print(f"{args.articles} synthetic articles: {len(texts):,} texts, {words:,} words; "
          f"model {Settings().spacy_model} ({', '.join(_NLP.pipe_names)})")
    for processes in args.processes:
        seconds = parse_seconds(texts, processes)
        per_1000 = seconds / args.articles * 1000
        line = (f"  {processes} process(es): {seconds:.2f} s = {per_1000:.1f} s per 1,000 articles, "
                f"{words / seconds:,.0f} words/s")
        if args.floor:
            line += f"; {seconds / (5 * args.floor):.0%} of the 5x-floor budget ({5 * args.floor:.1f} s)"
        print(line)
    if args.components:
        print("  per component, one process:")
        for name, seconds in component_seconds(texts):
            print(f"    {name:14s} {seconds:6.2f} s = {seconds / args.articles * 1000:5.1f} s per 1,000 articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
