"""Shared fixtures: the hand-written gold, the seed texts, and settings in a temp folder."""

from __future__ import annotations

import re

from pathlib import Path

import pytest
import yaml

from generator.config import Settings
from generator.model import Article, Kind, Paragraph

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD_DIR = SHARED / "seeds-gold"
SEEDS_DIR = ROOT / "seeds"
DEV_DIR = SHARED / "extraction-dev"


def load_gold() -> dict[str, dict]:
    """Every per-seed gold file, keyed by its number prefix ("000")."""
    return {p.name[:3]: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted(GOLD_DIR.glob("[0-9][0-9][0-9]_*.yml"))}


def seed_path(number: str) -> Path:
    (path,) = SEEDS_DIR.glob(f"{number}_*.txt")
    return path


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    return load_gold()


@pytest.fixture(scope="session")
def gold_entities() -> dict:
    return yaml.safe_load((GOLD_DIR / "entities.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def gold_quotes() -> dict:
    return yaml.safe_load((GOLD_DIR / "quotes.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def gold_timeline() -> list:
    return yaml.safe_load((GOLD_DIR / "timeline.yml").read_text(encoding="utf-8"))


@pytest.fixture
def seed_text():
    return lambda number: seed_path(number).read_text(encoding="utf-8")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(root=tmp_path)


def make_project(folder: Path, seeds: bool | dict[str, bytes] = True) -> Path:
    """A project folder for end-to-end builds: our mkdocs.yml and pyproject, the theme
    overrides (linked, mkdocs.yml names them relative to itself) and the seeds: a copy of
    ours (True), none (False), or the given files (name → bytes)."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(ROOT / name, folder / name)
    (folder / "generator").mkdir(exist_ok=True)
    (folder / "generator" / "theme").symlink_to(ROOT / "generator" / "theme", target_is_directory=True)
    if seeds is True:
        shutil.copytree(SEEDS_DIR, folder / "seeds")
        return folder
    (folder / "seeds").mkdir()
    for name, data in (seeds or {}).items():
        (folder / "seeds" / name).write_bytes(data)
    return folder


def tree_digest(folder: Path) -> dict[str, str]:
    """Relative path → sha256 of every file below `folder`: byte-identity of outputs."""
    import hashlib

    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# The two lines every build ends with (cli.build_summary): "briefing: built N articles ...",
# "briefing: N pages written, ...". Tests that read a build's problems leave them out.
BUILD_SUMMARY = re.compile(r"^briefing: (?:built \d+ articles? \(|\d+ pages? written, )")


def problem_lines(stderr: str) -> list[str]:
    """A build's stderr without its closing summary: the notes and errors, one a line."""
    return [line for line in stderr.splitlines() if not BUILD_SUMMARY.match(line)]


def run_build(project: Path, hashseed: str = "0", *args: str):
    """`briefing build` as a user runs it: the console script, in the project folder
    (`python -m generator` would import the project's generator/theme link as the package)."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, PYTHONHASHSEED=hashseed)
    briefing = Path(sys.executable).with_name("briefing")
    return subprocess.run([str(briefing), "build", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    """The seeds built once for every end-to-end test that only reads the outputs."""
    project = make_project(tmp_path_factory.mktemp("built"))
    result = run_build(project, "1")
    assert result.returncode == 0, result.stderr
    return project


def make_article(*paragraphs: str, id: str = "t", section: str | None = None) -> Article:
    """A hand-built article with these body paragraphs, for stage tests."""
    return Article(id=id, seed=f"{id}.txt", sha256="0" * 64, slug=id, title="T", title_derived=False,
                   kind=Kind.NEWS, section=section, column=None, authors=(), contributors=(),
                   standfirst=(), lead_image=None, images=(), videos=(), related_headlines=(),
                   comment_count=None, author_bio=None, removed=(),
                   body=tuple(Paragraph(p) for p in paragraphs))
