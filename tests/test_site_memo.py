"""The site memo (output/site_memo.py): a build whose site inputs are the last site build's,
with site/, offline/ and the zip as it left them, keeps them; they are then what building
them again makes, byte for byte. Any other input (a page in docs/, mkdocs.yml, the theme, a
setting) or a changed output, and MkDocs runs again."""

from __future__ import annotations

import os
import shutil

import pytest

import generator.pipeline as pipeline
from conftest import ROOT, SEEDS_DIR, make_project, tree_digest
from generator.config import load_settings
from generator.output.cache import CACHE_DIR
from generator.output.site_memo import SITE_MEMO, config_files, site_key


def project(folder, theme_copy: bool = False):
    root = make_project(folder, seeds={p.name: p.read_bytes() for p in sorted(SEEDS_DIR.glob("*.txt"))[:2]})
    if theme_copy:  # a theme of the project's own, to edit
        (root / "generator" / "theme").unlink()
        shutil.copytree(ROOT / "generator" / "theme", root / "generator" / "theme")
    return root


def outputs(settings) -> dict:
    return {"site": tree_digest(settings.site), "offline": tree_digest(settings.offline),
            "zip": (settings.root / settings.zip_name).read_bytes()}


def build(root):
    result = pipeline.build(load_settings(root))
    assert result.failures == ()
    return result


def test_an_unchanged_rebuild_keeps_the_site_as_building_it_again_makes_it(tmp_path):
    root = project(tmp_path / "p")
    assert not build(root).site_kept  # no memo yet
    settings = load_settings(root)
    made = outputs(settings)
    stamp = os.stat(settings.site / "index.html").st_mtime_ns
    assert build(root).site_kept
    assert outputs(settings) == made and os.stat(settings.site / "index.html").st_mtime_ns == stamp
    (root / CACHE_DIR / SITE_MEMO).unlink()
    assert not build(root).site_kept
    assert outputs(settings) == made  # what the kept site stood for


def test_a_page_in_docs_or_a_config_change_builds_the_site_again(tmp_path):
    root = project(tmp_path / "p", theme_copy=True)
    build(root)
    settings = load_settings(root)
    (settings.docs / "notes.md").write_text("# Notes\n\nA page a person wrote.\n", encoding="utf-8")
    assert not build(root).site_kept
    assert (settings.site / "notes.html").is_file()
    assert build(root).site_kept
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("primary: indigo", "primary: teal"),
                      encoding="utf-8")
    assert not build(root).site_kept
    assert 'data-md-color-primary="teal"' in (settings.site / "index.html").read_text(encoding="utf-8")
    edited = next(p for p in sorted((root / "generator" / "theme").rglob("*.html")))
    edited.write_text(edited.read_text(encoding="utf-8") + "\n<!-- edited -->\n", encoding="utf-8")
    assert not build(root).site_kept
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace(
        'site_name = "Fentanyl briefing"', 'site_name = "Other briefing"'), encoding="utf-8")
    assert not build(root).site_kept
    assert "Other briefing" in (settings.site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("damage", ["edit", "remove", "offline", "zip"])
def test_a_changed_output_is_built_again(tmp_path, damage):
    root = project(tmp_path / "p")
    build(root)
    settings = load_settings(root)
    made = outputs(settings)
    if damage == "edit":
        page = settings.site / "index.html"
        page.write_text(page.read_text(encoding="utf-8") + "<!-- x -->", encoding="utf-8")
    elif damage == "remove":
        (settings.site / "index.html").unlink()
    elif damage == "offline":
        shutil.rmtree(settings.offline)
    else:
        (root / settings.zip_name).unlink()
    assert not build(root).site_kept
    assert outputs(settings) == made


def test_what_mkdocs_yml_names_and_what_it_cannot_say(tmp_path):
    assert config_files(b"docs_dir: pages\nhooks: [h.py]\ntheme: {name: material, custom_dir: o}\n",
                        tmp_path) == [tmp_path / "pages", tmp_path / "h.py", tmp_path / "o"]
    assert config_files(b"site_name: !ENV [NAME, x]\n", tmp_path) is None
    assert config_files(b"INHERIT: base.yml\n", tmp_path) is None
    root = project(tmp_path / "p")
    settings = load_settings(root)
    build(root)
    assert site_key(settings) is not None
    (settings.docs / "linked.md").symlink_to(root / "pyproject.toml")
    assert site_key(settings) is None  # a link's target can change while docs/ does not


def test_compiled_hooks_are_no_input(tmp_path):
    """MkDocs imports the hooks, and Python writes their compiled file into the theme while
    it runs: the next build must not take that for a change."""
    root = project(tmp_path / "p", theme_copy=True)
    settings = load_settings(root)
    shutil.rmtree(root / "generator" / "theme" / "__pycache__", ignore_errors=True)
    settings.docs.mkdir()
    (settings.docs / "index.md").write_text("# Home\n", encoding="utf-8")
    before = site_key(settings)
    assert before is not None
    compiled = root / "generator" / "theme" / "__pycache__"
    compiled.mkdir()
    (compiled / "hooks.cpython-311.pyc").write_bytes(b"compiled")
    assert site_key(settings) == before
    (root / "generator" / "theme" / "hooks.py").write_text("# edited\n", encoding="utf-8")
    assert site_key(settings) != before
