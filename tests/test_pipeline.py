"""End to end: `briefing build` on the seeds, run the way a user runs it."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT, SEEDS_DIR, make_project, run_build, tree_digest
from generator.render.links import PAGE_SUFFIX


@pytest.fixture(scope="module")
def two_builds(built_project, tmp_path_factory):
    """The shared build (PYTHONHASHSEED=1) and a second one with another hash seed."""
    project = make_project(tmp_path_factory.mktemp("build4242"))
    result = run_build(project, "4242")
    assert result.returncode == 0, result.stderr
    return [built_project, project]


@pytest.mark.parametrize("output", ["docs", "site", "offline"])
def test_builds_are_byte_identical_across_hash_seeds(two_builds, output):
    first, second = (tree_digest(p / output) for p in two_builds)
    assert first and first == second


def test_zip_is_byte_identical_and_holds_the_bundle(two_builds):
    first, second = (p / "briefing-offline.zip" for p in two_builds)
    assert first.read_bytes() == second.read_bytes()
    names = zipfile.ZipFile(first).namelist()
    assert "offline/index.html" in names and "offline/search/search_index.js" in names
    assert names == sorted(names)


def test_briefing_json_follows_its_schema(two_builds):
    schema = json.loads((ROOT / "generator" / "briefing.schema.json").read_text(encoding="utf-8"))
    data = json.loads((two_builds[0] / "site" / "briefing.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert sorted(a["id"] for a in data["articles"]) == sorted(p.stem for p in SEEDS_DIR.glob("*.txt"))


def test_every_article_has_a_page_linked_from_home(two_builds):
    site = two_builds[0] / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    data = json.loads((site / "briefing.json").read_text(encoding="utf-8"))
    for article in data["articles"]:
        assert (site / "articles" / f"{article['slug']}.html").is_file()
        assert f'href="articles/{article["slug"]}.html"' in home


def test_seeds_are_unchanged_by_a_build(two_builds):
    assert tree_digest(two_builds[0] / "seeds") == tree_digest(SEEDS_DIR)


def test_offline_bundle_fetches_nothing_remote(two_builds):
    from generator.output.site import remote_references
    offline = two_builds[0] / "offline"
    assert remote_references(offline) == []
    html = (offline / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html and "unpkg.com" not in html
    assert 'src="assets/javascripts/iframe-worker-shim.js"' in html


def test_refused_file_is_named_and_the_others_build(tmp_path):
    project = make_project(tmp_path / "p")
    (project / "seeds" / "zz_blank.txt").write_text("  \n\t\n", encoding="utf-8")
    (project / "seeds" / "notes.docx").write_bytes(b"PK\x03\x04")
    result = run_build(project, "0")
    assert result.returncode == 1
    assert "seeds/zz_blank.txt: blank file: only white space" in result.stderr
    assert "seeds/notes.docx: ignored: not a .txt or .html file" in result.stderr
    data = json.loads((project / "site" / "briefing.json").read_text(encoding="utf-8"))
    assert len(data["articles"]) == 5


def test_search_index_has_the_bodies_but_not_furniture_or_lists(built_project, gold):
    index = json.loads((built_project / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "Cleaning report" not in text
    for removed in ("Get more with myNEWS", "A personalised news feed of stories that matter to you"):
        assert removed not in text
    assert "Alternatively, the two countries might raise the levels of cooperation" in text
    assert {"index.html", "quotes.html", "timeline.html", "articles/index.html"}.isdisjoint(locations)


def test_mkdocs_config_keeps_the_page_urls_the_index_lists_link():
    """Index lists are HTML with links to `x/y.html` (render/links.py PAGE_SUFFIX): that holds
    only while pages are built as files, which the offline bundle needs anyway."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["use_directory_urls"] is False and PAGE_SUFFIX == ".html"
    assert "offline" in [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
