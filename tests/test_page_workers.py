"""Pages converted ahead in worker processes (generator/output/page_workers.py) give the site
MkDocs gives alone, and a page that warns is left for MkDocs to convert and report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import make_project, run_build, tree_digest
from generator.output import page_workers
from generator.output.page_workers import WORKERS_VARIABLE, convert_pages, worker_count


def test_the_site_is_the_same_with_and_without_workers(tmp_path, monkeypatch):
    sites = {}
    for workers in ("2", "0"):
        monkeypatch.setenv(WORKERS_VARIABLE, workers)
        project = make_project(tmp_path / f"w{workers}")
        result = run_build(project)
        assert result.returncode == 0, result.stderr
        sites[workers] = tree_digest(project / "site")
    assert sites["2"] == sites["0"]


def _loaded(project: Path, cache: Path):
    """MkDocs' configuration, files and our page-cache plugin for `project`, the plugin's
    entries in `cache`."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["briefing-page-cache"]
    plugin.on_config(config)
    plugin.folder = cache
    return config, get_files(config), plugin


def test_workers_keep_the_entry_mkdocs_would_keep(built_project, tmp_path, monkeypatch):
    from mkdocs.structure.pages import Page

    monkeypatch.chdir(built_project)
    config, files, plugin = _loaded(built_project, tmp_path / "ahead")
    uris = [f.src_uri for f in files.documentation_pages()]
    kept = convert_pages(plugin, config, files, uris)
    assert kept > 30
    assert convert_pages(plugin, config, files, uris) == 0  # kept ones are not converted again
    # Each entry is what the plugin keeps when MkDocs converts the page in the build.
    plugin.folder = tmp_path / "inline"
    compared = 0
    for file in files.documentation_pages():
        page = Page(None, file, config)
        page.read_source(config)
        path = plugin.entry_path(page.markdown, file.src_uri, files)
        ahead = tmp_path / "ahead" / path.name
        if not ahead.exists():
            continue
        plugin.folder = tmp_path / "ahead"
        assert page_workers._kept_already(plugin, file, files)  # found without reading the YAML
        plugin.folder = tmp_path / "inline"
        plugin.on_page_markdown(page.markdown, page, config, files)
        page.render(config, files)
        assert path.read_bytes() == ahead.read_bytes(), file.src_uri
        compared += 1
    assert compared == kept


def test_a_page_that_warns_is_left_to_mkdocs(built_project, tmp_path, monkeypatch):
    from mkdocs.structure.files import File

    docs = tmp_path / "docs"
    shutil.copytree(built_project / "docs", docs)
    (docs / "broken.md").write_text("---\ntitle: B\ngenerated_by: briefing\n---\n\nSee [gone](gone.md).\n",
                                    encoding="utf-8")
    monkeypatch.chdir(built_project)
    config, files, plugin = _loaded(built_project, tmp_path / "cache")
    files.append(File("broken.md", str(docs), config["site_dir"], config["use_directory_urls"]))
    assert convert_pages(plugin, config, files, ["broken.md"]) == 0
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").iterdir())


@pytest.mark.parametrize("variable, pages, cpus, expected", [
    (None, 1000, 2, 1), (None, 1000, 1, 0), (None, 19, 4, 0), (None, 30, 4, 1), (None, 60, 8, 3),
    ("0", 1000, 8, 0), ("3", 10, 1, 3), ("1", 1000, 8, 1), ("lots", 1000, 2, 1),
])
def test_worker_count(monkeypatch, variable, pages, cpus, expected):
    if variable is None:
        monkeypatch.delenv(WORKERS_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(WORKERS_VARIABLE, variable)
    monkeypatch.setattr(page_workers, "usable_cpus", lambda: cpus)
    assert worker_count(pages) == expected



def test_no_workers_are_forked_while_other_threads_run(monkeypatch):
    """`mkdocs serve` builds in a thread: a fork would copy locks other threads hold."""
    import threading

    monkeypatch.setenv(WORKERS_VARIABLE, "2")

    class Files:
        def documentation_pages(self):
            return [type("F", (), {"src_uri": f"p{k}.md"})() for k in range(100)]

        def get_file_from_path(self, uri):
            raise AssertionError("a worker ran")

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert page_workers.start_ahead(None, None, Files()) is None
    finally:
        stop.set()
        thread.join()
