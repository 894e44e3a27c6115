"""Concurrent, interrupted and failing builds, end to end (issue 13): a second build in the
same folder refuses at once, a killed build leaves no worker behind and nothing that
stops the next build, and outputs are swapped in all together or not at all."""

from __future__ import annotations

import fcntl
import subprocess
import sys
from pathlib import Path

from conftest import make_project, run_build, tree_digest
from hostile.harness import seed_files

LOCKED = ("briefing: .briefing.lock: another build of this project is running "
          "(hint: wait until it ends, then build again)")


def two_seeds(folder: Path) -> Path:
    return make_project(folder, dict(list(seed_files().items())[:2]))


def test_a_second_build_refuses_while_one_holds_the_lock(tmp_path: Path) -> None:
    root = two_seeds(tmp_path / "project")
    with open(root / ".briefing.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = run_build(root)
    assert (result.returncode, result.stderr.strip()) == (1, LOCKED)
    assert not (root / "docs").exists() and not (root / "site").exists()
    assert run_build(root).returncode == 0


def test_two_concurrent_builds_leave_complete_outputs(tmp_path: Path) -> None:
    root = two_seeds(tmp_path / "project")
    briefing = Path(sys.executable).with_name("briefing")
    builds = [subprocess.Popen([str(briefing), "build"], cwd=root, stderr=subprocess.PIPE, text=True)
              for _ in range(2)]
    results = [(b.wait(timeout=600), b.stderr.read().strip()) for b in builds]
    assert all(r == (0, "") or r == (1, LOCKED) for r in results), results
    assert (0, "") in results
    site, offline = tree_digest(root / "site"), tree_digest(root / "offline")
    assert site == offline and "index.html" in site
    assert not [p.name for p in root.iterdir() if p.name.startswith(".") and p.name.endswith((".new", ".old"))]
    reference = two_seeds(tmp_path / "reference")
    assert run_build(reference).returncode == 0
    assert site == tree_digest(reference / "site")
