"""Add-one rebuilds of two revisions, in pairs: which one is faster at adding an article.

This machine's speed drifts (the same code's index stage took 0.62 s one hour and 0.79 s the
next), and an add-one's time depends on the article (one re-renders 47 pages, another 689).
So two `bench_build.py` runs, made one after the other, compare hours and articles as much
as code. Here each revision gets its own project of the same N synthetic articles, built
cold once. Then each round adds the same new article to both, one build right after the
other (which goes first alternates), and prints both builds' "our stages" (issue 19: the
stages up to `index pages`) and their difference. Before a round the last added article goes
and each project is built again, untimed, so every round is N + 1. `--no-site` builds docs/
only: our stages are the same, the rounds faster.

    .venv/bin/python benchmarks/bench_add_pairs.py a1f9e0e HEAD --n 1000 --rounds 6
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench_build import (export_source, format_table, make_project, next_article, our_stages_s, pages_written,
                         timed_build)


def pair_rounds(revisions: list[str], n: int, rounds: int, command: list[str], workdir: Path,
                seed: int = 0) -> list[list[tuple[float | None, int | None]]]:
    """One row per round: for each revision (in the given order), its add-one build's our
    stages and pages written."""
    projects = []
    for number, rev in enumerate(revisions):
        source = export_source(rev, workdir / f"source-{number}")
        root = workdir / f"project-{number}"
        root.mkdir()
        make_project(root, source, n, seed)
        env = {**os.environ, "PYTHONPATH": str(source)}  # the snapshot, before the editable install
        if timed_build(root, n, f"{rev} cold", command, env).exit_code != 0:
            raise SystemExit(f"{rev}: the cold build failed")
        projects.append((rev, root, env))
    rows = []
    for number in range(rounds):
        row: list = [None] * len(projects)
        for place in range(len(projects)) if number % 2 == 0 else reversed(range(len(projects))):
            rev, root, env = projects[place]
            if not next_article(root, n, number, seed, command, env):
                raise SystemExit(f"{rev}: the build back to N failed")
            run = timed_build(root, n, f"{rev} round {number}", command, env)
            if run.exit_code != 0:
                raise SystemExit(f"{rev}: the add-one build failed")
            row[place] = (our_stages_s(run), pages_written(run))
        rows.append(row)
    return rows


def pairs_table(revisions: list[str], rows: list[list[tuple[float | None, int | None]]]) -> str:
    """Each round's our stages for both revisions and the second minus the first, then the
    medians, and in how many rounds the second was faster."""
    first, second = revisions
    differences = [b[0] - a[0] for a, b in rows]
    table = [[number, a[1] if a[1] == b[1] else f"{a[1]} / {b[1]}", a[0], b[0], round(d, 3)]
             for number, ((a, b), d) in enumerate(zip(rows, differences))]
    table.append(["median", "", round(statistics.median(a[0] for a, _ in rows), 3),
                  round(statistics.median(b[0] for _, b in rows), 3), round(statistics.median(differences), 3)])
    faster = sum(d < 0 for d in differences)
    return (format_table(["round", "pages written", f"{first} (s)", f"{second} (s)", "difference (s)"], table)
            + f"\n\n{second} faster in {faster} of {len(rows)} rounds")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revisions", nargs=2, help="two git revisions, e.g. a1f9e0e HEAD")
    parser.add_argument("--n", type=int, default=1000, help="articles before each added one (default 1000)")
    parser.add_argument("--rounds", type=int, default=6, help="added articles, one per round (default 6)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--no-site", action="store_true", help="build docs/ only")
    parser.add_argument("--briefing", default=str(Path(sys.executable).parent / "briefing"),
                        help="the briefing command (default: next to this Python)")
    parser.add_argument("--workdir", default=None, help="where temporary projects go (default: $TMPDIR)")
    args = parser.parse_args(argv)
    command = [args.briefing, "build"] + (["--no-site"] if args.no_site else [])
    workdir = Path(tempfile.mkdtemp(prefix="briefing-pairs-", dir=args.workdir))
    try:
        rows = pair_rounds(args.revisions, args.n, args.rounds, command, workdir, args.seed)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"\n## our stages of an add-one rebuild at N = {args.n}, in pairs\n")
    print(pairs_table(args.revisions, rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
