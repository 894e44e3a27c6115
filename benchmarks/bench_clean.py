"""Articles per second for read + segment + clean + structure on the seed articles, one core.

    .venv/bin/python benchmarks/bench_clean.py [--rounds N]

Target (issue 4): at least 500 seed-sized articles a second. Single process, no NLP.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.ingest.clean import clean_lines  # noqa: E402
from generator.ingest.parse import parse_article  # noqa: E402
from generator.ingest.read import read_source  # noqa: E402
from generator.ingest.segment import segment_lines  # noqa: E402
from generator.ingest.structure import structure_article  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200, help="passes over the seeds")
    args = parser.parse_args(argv)
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for path in seeds:  # warm up imports and regex compilation
        parse_article(path)
    start = time.perf_counter()
    for _ in range(args.rounds):
        for path in seeds:
            parse_article(path)
    elapsed = time.perf_counter() - start
    count = args.rounds * len(seeds)
    print(f"{count} articles in {elapsed:.2f} s: {count / elapsed:.0f} articles/second "
          "(read+segment+clean+structure, one core)")
    # The same without reading: how much of the time is decoding/repair (read.py) vs cleaning.
    sources = [read_source(path) for path in seeds]
    start = time.perf_counter()
    for _ in range(args.rounds):
        for source in sources:
            structure_article(clean_lines(source, segment_lines(source)))
    elapsed = time.perf_counter() - start
    print(f"{count} articles in {elapsed:.2f} s: {count / elapsed:.0f} articles/second "
          "(segment+clean+structure only, sources read once)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
