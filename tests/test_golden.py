"""Golden snapshots of our own output: the five seed article pages and the index pages,
byte for byte. A missing snapshot fails. After a deliberate change, regenerate with

    BRIEFING_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

and review the diff of tests/golden/ before committing it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import make_project
from generator.config import load_settings
from generator.pipeline import build

GOLDEN = Path(__file__).resolve().parent / "golden"
INDEX_PAGES = ("index.md", "articles/index.md", "quotes.md", "timeline.md", "topics/index.md",
               "people/index.md", "organisations/index.md", "places/index.md",
               "people/antony-blinken.md", "topics/precursor-chemical.md")
UPDATE = os.environ.get("BRIEFING_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("golden"))
    result = build(load_settings(project), site=False)
    assert result.failures == ()
    return project / "docs"


def snapshot_paths(docs: Path) -> list[str]:
    articles = sorted(p.relative_to(docs).as_posix() for p in (docs / "articles").glob("*.md"))
    return articles + list(INDEX_PAGES)


def test_every_snapshot_matches(docs):
    paths = snapshot_paths(docs)
    if UPDATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path in paths:
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(docs / path, GOLDEN / path)
    missing = [p for p in paths if not (GOLDEN / p).is_file()]
    assert not missing, f"no golden snapshot for {missing}: regenerate (see this module's docstring)"
    changed = [p for p in paths if (GOLDEN / p).read_bytes() != (docs / p).read_bytes()]
    assert not changed, f"output differs from tests/golden/ for {changed}"


def test_no_stale_snapshots(docs):
    expected = set(snapshot_paths(docs))
    present = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")}
    assert present == expected
