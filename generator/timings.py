"""Per-stage wall time, CPU time and peak memory of a build, for `build --timings FILE`.

Benchmarks read this instead of timing from outside, so they can say where time goes.
Peak memory is the process high-water mark after the stage (`ru_maxrss` never falls), and
for MkDocs, which runs in a child process, the children's high-water mark.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class StageTime:
    stage: str
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    child_peak_rss_mb: float


@dataclass(slots=True)
class Stopwatch:
    """Collects one `StageTime` per `with watch.stage(name):` block."""

    stages: list[StageTime] = field(default_factory=list)

    @contextlib.contextmanager
    def stage(self, name: str):
        wall, cpu = time.perf_counter(), _cpu()
        try:
            yield
        finally:
            self.stages.append(StageTime(
                stage=name, wall_s=round(time.perf_counter() - wall, 3), cpu_s=round(_cpu() - cpu, 3),
                peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                child_peak_rss_mb=round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)))

    def write(self, path: Path) -> None:
        rows = [dataclasses.asdict(s) for s in self.stages]
        path.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


def _cpu() -> float:
    self_usage, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return self_usage.ru_utime + self_usage.ru_stime + children.ru_utime + children.ru_stime
