"""A rebuild after adding one article re-processes only that article, and gives the same
pages as a cold build of the same seeds."""

from __future__ import annotations

import shutil

from conftest import SEEDS_DIR, make_project
from generator.config import Settings
from generator.pipeline import build


def test_adding_one_article_processes_only_that_one(tmp_path):
    project = make_project(tmp_path / "p", seeds=False)
    for path in sorted(SEEDS_DIR.glob("*.txt"))[:3]:
        shutil.copy(path, project / "seeds" / path.name)
    settings = Settings(root=project)
    first = build(settings, site=False)
    assert first.failures == () and len(first.processed) == 3

    new = sorted(SEEDS_DIR.glob("*.txt"))[3]
    shutil.copy(new, project / "seeds" / new.name)
    second = build(settings, site=False)
    assert second.processed == (new.stem,)

    unchanged = build(settings, site=False)
    assert unchanged.processed == ()

    cold = make_project(tmp_path / "cold", seeds=False)
    for path in (project / "seeds").glob("*.txt"):
        shutil.copy(path, cold / "seeds" / path.name)
    build(Settings(root=cold), site=False)
    for page in sorted((cold / "docs").rglob("*.md")):
        assert page.read_bytes() == (project / "docs" / page.relative_to(cold / "docs")).read_bytes(), page


def test_editing_an_article_reprocesses_it(tmp_path):
    project = make_project(tmp_path / "p", seeds=False)
    source = sorted(SEEDS_DIR.glob("*.txt"))[0]
    target = project / "seeds" / source.name
    shutil.copy(source, target)
    settings = Settings(root=project)
    build(settings, site=False)
    target.write_text(source.read_text(encoding="utf-8") + "\nOne more closing paragraph, added by the user later on.\n",
                      encoding="utf-8")
    assert build(settings, site=False).processed == (source.stem,)
