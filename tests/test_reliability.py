"""Concurrent, interrupted and failing builds, end to end (issue 13): a second build in the
same folder refuses at once, a killed build leaves no worker behind and nothing that
stops the next build, and outputs are swapped in all together or not at all."""

from __future__ import annotations

import fcntl
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, make_project, problem_lines, run_build, tree_digest
from hostile.harness import seed_files

sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_build import process_tree  # noqa: E402

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
    done = [(code, problem_lines(err)) for code, err in results]
    assert all(r == (0, []) or r == (1, [LOCKED]) for r in done), results
    assert (0, []) in done
    site, offline = tree_digest(root / "site"), tree_digest(root / "offline")
    assert site == offline and "index.html" in site
    assert not [p.name for p in root.iterdir() if p.name.startswith(".") and p.name.endswith((".new", ".old"))]
    reference = two_seeds(tmp_path / "reference")
    assert run_build(reference).returncode == 0
    assert site == tree_digest(reference / "site")


def outputs(root: Path, tag: str) -> tuple[tuple[Path, Path], ...]:
    """Staged site/, offline/ and zip (`tag` in every file) and where they go."""
    pairs = []
    for name in ("site", "offline", "briefing-offline.zip"):
        new = root / f".{name}.new"
        if name.endswith(".zip"):
            new.write_text(tag)
        else:
            new.mkdir()
            (new / "index.html").write_text(tag)
        pairs.append((new, root / name))
    return tuple(pairs)


def contents(root: Path) -> list[str]:
    return [(root / "site/index.html").read_text(), (root / "offline/index.html").read_text(),
            (root / "briefing-offline.zip").read_text()]


def test_outputs_are_swapped_all_or_none(tmp_path: Path, monkeypatch) -> None:
    import errno

    import pytest

    import generator.output.site as site
    from generator.errors import SiteError

    site.swap_in(outputs(tmp_path, "one"))
    assert contents(tmp_path) == ["one"] * 3
    real = site.os.rename

    def rename(source, target):  # the zip cannot be moved in: a read-only folder, a full disk
        if Path(source).name == ".briefing-offline.zip.new":
            raise OSError(errno.EACCES, "Permission denied", str(source))
        real(source, target)

    monkeypatch.setattr(site.os, "rename", rename)
    with pytest.raises(SiteError) as err:
        site.swap_in(outputs(tmp_path, "two"))
    assert err.value.message.endswith("cannot swap in the new outputs: Permission denied "
                                      "(hint: the previous site/, offline/ and zip are kept)")
    assert contents(tmp_path) == ["one"] * 3
    monkeypatch.undo()
    for leftover in (".site.new", ".offline.new", ".briefing-offline.zip.new"):
        site.remove_output(tmp_path / leftover)
    site.swap_in(outputs(tmp_path, "three"))
    assert contents(tmp_path) == ["three"] * 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing-offline.zip", "offline", "site"]


def test_an_old_site_that_cannot_be_removed_never_blocks_a_build(tmp_path: Path, monkeypatch) -> None:
    """A read-only site/ (as a user other than root has it): once moved aside it cannot be
    removed; the swap is still whole, and so are later ones, which remove it once they can."""
    import shutil

    import generator.output.site as site

    site.swap_in(outputs(tmp_path, "one"))
    real = shutil.rmtree

    def rmtree(path, *args, **kwargs):
        if Path(path).name.startswith(".site.old"):
            raise PermissionError(13, "Permission denied", str(path))
        real(path, *args, **kwargs)

    monkeypatch.setattr(site.shutil, "rmtree", rmtree)
    for tag in ("two", "three"):
        site.swap_in(outputs(tmp_path, tag))
        assert contents(tmp_path) == [tag] * 3
    assert sorted(p.name for p in tmp_path.glob(".site.old*")) == [".site.old", ".site.old.2"]
    monkeypatch.undo()
    site.swap_in(outputs(tmp_path, "four"))
    assert contents(tmp_path) == ["four"] * 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing-offline.zip", "offline", "site"]


def test_read_only_folders_of_an_old_output_are_removed(tmp_path: Path) -> None:
    import os

    import generator.output.site as site

    old = tmp_path / ".site.old"
    (old / "articles").mkdir(parents=True)
    (old / "articles" / "a.html").write_text("x")
    for folder in (old / "articles", old):
        os.chmod(folder, 0o555)
    assert site.remove_output(old) and not old.exists()


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_workers_die_with_a_killed_build(tmp_path: Path) -> None:
    """kill -9 of `briefing build` while its docs/ writer and NLP workers run: none of
    them outlives it (a docs/ writer went on, then blocked forever)."""
    import os
    import signal
    import time

    seeds = seed_files()
    many = {f"{n:02d}-{name}": data for n in range(6) for name, data in seeds.items()}
    root = make_project(tmp_path / "project", many)
    briefing = Path(sys.executable).with_name("briefing")
    build = subprocess.Popen([str(briefing), "build", "--jobs", "2"], cwd=root,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 3 and time.monotonic() < deadline and build.poll() is None:
            workers |= process_tree(build.pid) - {build.pid}  # the docs/ writer, then its NLP workers
            time.sleep(0.05)
        assert len(workers) >= 3, "the build ended before its NLP workers started"
        time.sleep(0.5)
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 15
        while (alive := {p for p in workers if running(p)}) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert alive == set()
    finally:
        for pid in workers:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
    assert run_build(root).returncode == 0  # nothing the killed build left stops the next one
