"""The package layout the README maps: a folder per phase, small modules, and per-article
stages that never import the cross-article ones (their cache would follow the merge)."""

from __future__ import annotations

import ast
import re

import pytest

from conftest import ROOT

PACKAGE = ROOT / "generator"
PHASES = ("ingest", "nlp", "corpus", "render", "output")
# "No module over ~400 lines" (issue 14): past this a module has taken on a second job.
MAX_MODULE_LINES = 420


def readme_map() -> dict[str, set[str]]:
    """Folder → the modules its row of "How the code is laid out" names."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## How the code is laid out"):]
    section = section[:section.index("\n## ", 3)]
    rows = {}
    for match in re.finditer(r"^\| `(?:generator/)?(\w*)/?` \| (.*?) \|", section, re.M):
        rows[match.group(1) or ""] = set(re.findall(r"`(\w+\.py)`", match.group(2)))
    return rows


def test_the_readme_map_names_every_module_of_every_folder():
    rows = readme_map()
    assert set(rows) == {"", *PHASES}
    for folder, named in rows.items():
        on_disk = {p.name for p in (PACKAGE / folder).glob("*.py") if p.name not in ("__init__.py", "__main__.py")}
        assert named == on_disk, folder


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_grows_past_one_job(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES


def imported_phases(path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator."):
            found.add(node.module.split(".")[1])
    return found


@pytest.mark.parametrize("phase", ["ingest", "nlp"])
def test_per_article_stages_import_no_cross_article_phase(phase):
    for path in sorted((PACKAGE / phase).glob("*.py")):
        assert not imported_phases(path) & {"corpus", "render", "output"}, path.name
