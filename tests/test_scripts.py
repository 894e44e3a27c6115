"""What the two README commands leave behind: a re-run of setup installs nothing when nothing
changed, and every file a build writes is ignored by git."""

from __future__ import annotations

import shutil
import stat
import subprocess
from pathlib import Path

from conftest import ROOT

FAKE_PYTHON = """#!/bin/sh
if [ "$1" = "-VV" ]; then echo "Python 3.11.7 (fake)"; exit 0; fi
echo "$@" >> "$(dirname "$0")/../calls.log"
"""


def fake_project(tmp_path: Path) -> Path:
    """setup.sh beside our pyproject and model pins, with a .venv whose python only logs."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "setup.sh", tmp_path / "scripts" / "setup.sh")
    for name in ("pyproject.toml", "requirements-model.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(FAKE_PYTHON)
    python.chmod(python.stat().st_mode | stat.S_IXUSR)
    return tmp_path


def run_setup(project: Path) -> list[str]:
    log = project / ".venv" / "calls.log"
    log.unlink(missing_ok=True)
    subprocess.run(["bash", "scripts/setup.sh"], cwd=project, check=True, capture_output=True)
    return log.read_text().splitlines() if log.exists() else []


def test_setup_installs_only_when_the_pins_changed(tmp_path):
    project = fake_project(tmp_path)
    assert any("install" in c and "-e" in c for c in run_setup(project))
    assert run_setup(project) == []  # nothing changed: build.sh starts at once
    with (project / "requirements-model.txt").open("a") as pins:
        pins.write("# a new pin\n")
    assert any("--require-hashes" in c for c in run_setup(project))


def test_everything_a_build_writes_is_ignored_by_git(built_project):
    project = built_project
    shutil.copy(ROOT / ".gitignore", project / ".gitignore")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=project,
                            check=True, capture_output=True, text=True).stdout.splitlines()
    untracked = sorted(line[3:] for line in status)
    sources = {".gitignore", "mkdocs.yml", "pyproject.toml", "generator/theme"}
    assert [p for p in untracked if p not in sources and not p.startswith("seeds/")] == []
    assert (project / "docs" / "briefing.json").is_file()  # written, and ignored


def test_readme_links_every_screenshot_and_each_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in ("home", "article", "place", "topics", "timeline"):
        for width in (1280, 390):
            name = f"screenshots/{page}-{width}.png"
            assert f"]({name})" in readme, name
            data = (ROOT / name).read_bytes()
            assert data[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(data[16:20], "big") == width, name
