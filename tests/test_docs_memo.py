"""The index stage's memo (output/cache.py `docs_key`, `Cache.docs_written`): a rebuild whose
inputs are those of the last build, with docs/ as that build left it, skips making the
briefing and its pages; docs/ is then byte-identical to a cold build. Any other input (a
seed, a setting, the code, a page a person edited or deleted) and the pages are made again."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

import generator.pipeline as pipeline
from conftest import SEEDS_DIR, make_project, tree_digest
from generator.config import Settings
from generator.output.cache import PACKAGE, index_fingerprint
from generator.output.write import WriteReport


def two_seeds(folder):
    return make_project(folder, seeds={p.name: p.read_bytes() for p in sorted(SEEDS_DIR.glob("*.txt"))[:2]})


@pytest.fixture
def briefings(monkeypatch):
    """How many times the build made the briefing (the memo missed)."""
    made = []
    build_briefing = pipeline.build_briefing

    def counted(enriched):
        made.append(len(enriched))
        return build_briefing(enriched)

    monkeypatch.setattr(pipeline, "build_briefing", counted)
    return made


def test_an_unchanged_rebuild_skips_the_pages_and_matches_a_cold_build(tmp_path, briefings):
    settings = Settings(root=two_seeds(tmp_path / "p"))
    first = pipeline.write_docs(settings)
    assert first.failures == () and briefings == [2]
    pages = first.written.written
    before = tree_digest(settings.docs)
    again = pipeline.write_docs(settings)
    assert briefings == [2] and again.processed == ()
    assert again.written == WriteReport(failures=(), written=0, unchanged=pages, removed=0)
    assert tree_digest(settings.docs) == before
    cold = Settings(root=two_seeds(tmp_path / "cold"))
    assert pipeline.write_docs(cold).failures == ()
    assert tree_digest(cold.docs) == before


def test_the_pages_are_made_again_when_an_input_or_docs_changes(tmp_path, briefings):
    settings = Settings(root=two_seeds(tmp_path / "p"))
    pipeline.write_docs(settings)
    before = tree_digest(settings.docs)
    home = settings.docs / "index.md"

    home.write_text("a person's edit\n", encoding="utf-8")  # reported as without the memo, every build
    for _ in range(2):
        result = pipeline.write_docs(settings)
        assert [f.message for f in result.failures] == [
            f"{home}: generated page was edited by hand; not overwritten "
            "(hint: delete it to let the build regenerate it)"]
    home.unlink()
    assert pipeline.write_docs(settings).written.written == 1 and tree_digest(settings.docs) == before
    made = len(briefings)
    pipeline.write_docs(settings)
    assert len(briefings) == made  # docs/ is whole again: the memo holds

    renamed = dataclasses.replace(settings, site_name="Another briefing")
    assert pipeline.write_docs(renamed).written.written >= 1 and len(briefings) == made + 1
    assert "Another briefing" in (settings.docs / "briefing.json").read_text(encoding="utf-8")
    assert pipeline.write_docs(settings).written.written >= 1 and len(briefings) == made + 2
    assert tree_digest(settings.docs) == before

    seed = sorted(settings.seeds.glob("*.txt"))[0]
    seed.write_text(seed.read_text(encoding="utf-8") + "\nOne more closing paragraph, added later on.\n",
                    encoding="utf-8")
    assert pipeline.write_docs(settings).processed == (seed.stem,) and len(briefings) == made + 3


def test_the_code_fingerprint_sees_every_module_of_the_package(tmp_path):
    """An edit to any module (a render module, a corpus module, the theme's hooks) is a new
    fingerprint, so the pages are made again by the edited code."""
    package = tmp_path / "generator"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = index_fingerprint(package)
    assert index_fingerprint(package) == before
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "x.pyc").write_bytes(b"compiled, not source")
    assert index_fingerprint(package) == before
    for module in ("render/indexes.py", "corpus/merge.py", "output/write.py"):
        path = package / module
        text = path.read_text(encoding="utf-8")
        path.write_text(text + "\n# edit\n", encoding="utf-8")
        assert index_fingerprint(package) != before, module
        path.write_text(text, encoding="utf-8")
    assert index_fingerprint(package) == before
