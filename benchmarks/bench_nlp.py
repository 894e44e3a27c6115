"""Words per second of the NLP stage on one core, the model loaded once.

The issue's target is >= 10,000 words/s. The process pins itself to one CPU and limits
BLAS to one thread *before* numpy is imported (a BLAS pool of several threads on one pinned
core only adds contention). Words are whitespace-separated words of every text unit the
stage parses (title, standfirst, captions, bylines, body, bio). The best of `--runs` timed
passes is reported, after one untimed warm-up pass; the machine is shared, so the best pass
is the one least disturbed by other work. Entity extraction and merging are timed apart.

    .venv/bin/python benchmarks/bench_nlp.py                 # the five seeds, x8
    .venv/bin/python benchmarks/bench_nlp.py --repeat 1 --components
    .venv/bin/python benchmarks/bench_nlp.py seeds-dir/*.txt  # any dumps
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.corpus.merge import merge_entities  # noqa: E402
from generator.nlp.places import place_index  # noqa: E402
from generator.config import Settings  # noqa: E402
from generator.nlp.entities import extract_mentions  # noqa: E402
from generator.nlp.load import BATCH_SIZE, article_units, load_nlp, parse_articles  # noqa: E402
from generator.ingest.parse import parse_article  # noqa: E402
from generator.nlp.places import gazetteer  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="raw dumps (default: seeds/*.txt)")
    parser.add_argument("--repeat", type=int, default=8, help="parse the articles this many times per pass")
    parser.add_argument("--runs", type=int, default=5, help="timed passes; the best is reported")
    parser.add_argument("--components", action="store_true", help="also time each pipeline component")
    args = parser.parse_args(argv)

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    files = args.files or sorted((ROOT / "seeds").glob("*.txt"))
    articles = [parse_article(p) for p in files] * args.repeat
    words = sum(len(u.text.split()) for a in articles for u in article_units(a))

    started = time.perf_counter()
    nlp = load_nlp(Settings().spacy_model)
    print(f"model {Settings().spacy_model} loaded in {time.perf_counter() - started:.2f}s; "
          f"components: {', '.join(nlp.pipe_names)}; batch size {BATCH_SIZE}")
    tuple(parse_articles(nlp, articles[:len(files)]))  # warm-up

    best = float("inf")
    for _ in range(args.runs):
        started = time.perf_counter()
        parsed = tuple(parse_articles(nlp, articles))
        best = min(best, time.perf_counter() - started)
    print(f"NLP stage: {words:,} words in {best:.2f}s = {words / best:,.0f} words/s on one core "
          f"(best of {args.runs})")

    places, below = place_index(), gazetteer()  # built once per batch, as enrich.py does
    started = time.perf_counter()
    mentions = [m for p in parsed for m in extract_mentions(p, places, below)]
    extracted = time.perf_counter() - started
    started = time.perf_counter()
    entities = merge_entities(mentions)
    merged = time.perf_counter() - started
    print(f"entities: {len(mentions):,} mentions in {extracted:.2f}s, "
          f"{len(entities):,} entities merged in {merged:.2f}s")

    if args.components:
        texts = [u.text for a in articles for u in article_units(a)]
        docs = [nlp.make_doc(t) for t in texts]
        for name, component in nlp.pipeline:
            started = time.perf_counter()
            docs = list(component.pipe(docs, batch_size=BATCH_SIZE)) if hasattr(component, "pipe") \
                else [component(d) for d in docs]
            print(f"  {name:<14} {time.perf_counter() - started:.2f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
