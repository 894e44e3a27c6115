"""Many files parsed on every core (ingest/batch.py) give what one process gives: the same
articles and refusals, in the order of the files."""

from __future__ import annotations

import shutil

from conftest import SEEDS_DIR
from generator.errors import BriefingError
from generator.ingest import batch
from generator.ingest.batch import parse_files, parse_one
from generator.ingest.read import MAX_SEED_BYTES


def test_parsing_in_a_pool_gives_the_articles_and_refusals_of_one_process(tmp_path):
    seeds = sorted(SEEDS_DIR.glob("*.txt"))
    paths = []
    for n in range(batch.PARALLEL_MIN_FILES // len(seeds) + 2):
        for seed in seeds:
            paths.append(tmp_path / f"{n:02d}-{seed.name}")
            shutil.copyfile(seed, paths[-1])
    empty = tmp_path / "33-empty.txt"
    empty.write_bytes(b"")
    paths.insert(17, empty)
    assert len(paths) >= batch.PARALLEL_MIN_FILES
    ticks = []
    pooled = list(parse_files(paths, MAX_SEED_BYTES, lambda: ticks.append(1)))
    alone = [parse_one(p, MAX_SEED_BYTES) for p in paths]
    assert len(ticks) == len(paths)
    assert isinstance(pooled[17], BriefingError) and pooled[17].message == alone[17].message
    assert [a for i, a in enumerate(pooled) if i != 17] == [a for i, a in enumerate(alone) if i != 17]
