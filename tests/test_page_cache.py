"""The Markdown-to-HTML page cache (generator/output/page_cache.py) changes no byte of the site:
a build that restores every unchanged page equals one that converts them all."""

from __future__ import annotations

from conftest import make_project, run_build, tree_digest
from generator.output.page_cache import linked_pages

PAGES = ".briefing-cache/pages"


def test_a_rebuild_from_the_page_cache_is_byte_identical_to_a_cold_build(tmp_path):
    project = make_project(tmp_path / "p")
    assert run_build(project).returncode == 0
    cached = {p: p.stat().st_mtime_ns for p in (project / PAGES).glob("*.pickle")}
    assert len(cached) > 20  # every generated page was kept
    assert sum(p.name.startswith("search-") for p in cached) > 10  # and its search index entries
    cold = tree_digest(project / "site")
    assert run_build(project).returncode == 0
    # Every page came from the cache (no entry rewritten), and the site is the same.
    assert {p: p.stat().st_mtime_ns for p in (project / PAGES).glob("*.pickle")} == cached
    assert tree_digest(project / "site") == cold


def test_a_persons_page_is_converted_not_cached(tmp_path):
    project = make_project(tmp_path / "p")
    assert run_build(project).returncode == 0
    before = sorted((project / PAGES).glob("*.pickle"))
    (project / "docs" / "notes.md").write_text("# My notes\n\nSee [the timeline](timeline.md).\n",
                                               encoding="utf-8")
    assert run_build(project).returncode == 0
    assert sorted((project / PAGES).glob("*.pickle")) == before
    assert "the timeline" in (project / "site" / "notes.html").read_text(encoding="utf-8")


def test_linked_pages_are_resolved_from_the_page_folder():
    markdown = ("[A](../people/ada.md#p3) and [B](<../places/x.md>) [top](#top) "
                "[web](https://example.com/a.md) [C](timeline.md)")
    assert linked_pages(markdown, "articles/one.md") == ("articles/timeline.md", "people/ada.md", "places/x.md")


def test_a_link_target_that_vanishes_changes_the_key(tmp_path):
    """A cached page must be converted again when a page it links to comes or goes: MkDocs
    rewrites a link to an existing page and warns about a missing one."""
    from mkdocs.structure.files import File, Files
    from generator.output.page_cache import PageCachePlugin

    plugin = PageCachePlugin()
    plugin.generation = "g"

    class Page:
        file = File("articles/one.md", str(tmp_path), str(tmp_path), False)

    markdown = "[Ada](../people/ada.md)"
    ada = File("people/ada.md", str(tmp_path), str(tmp_path), False)
    with_ada = plugin._key(markdown, Page.file.src_uri, Files([Page.file, ada]))
    without = plugin._key(markdown, Page.file.src_uri, Files([Page.file]))
    assert with_ada != without
    assert plugin._key(markdown, Page.file.src_uri, Files([Page.file, ada])) == with_ada


def test_a_damaged_or_foreign_entry_is_converted_again(tmp_path):
    import hashlib
    import pickle

    from generator.output.page_cache import load_entry

    good = {"content": "<p>x</p>", "toc": [], "title": None, "anchors": [], "links_to_anchors": None}
    data = pickle.dumps(good, protocol=5)
    (tmp_path / "good.pickle").write_bytes(hashlib.sha256(data).digest() + data)
    assert load_entry(tmp_path / "good.pickle") == good
    (tmp_path / "flipped.pickle").write_bytes(hashlib.sha256(data).digest() + data[:-1] + b"\x00")
    partial = pickle.dumps({"content": "<p>x</p>"}, protocol=5)
    (tmp_path / "partial.pickle").write_bytes(hashlib.sha256(partial).digest() + partial)
    (tmp_path / "short.pickle").write_bytes(b"abc")
    for name in ("flipped", "partial", "short", "missing"):
        assert load_entry(tmp_path / f"{name}.pickle") is None, name


def test_a_changed_article_gets_fresh_search_entries_and_the_site_of_a_cold_build(tmp_path):
    """The kept search entries are keyed by the page: after an article changes, the search
    index (and every other file of the site) is what a build without any cache makes."""
    import shutil

    project = make_project(tmp_path / "p")
    assert run_build(project).returncode == 0
    seed = sorted((project / "seeds").glob("*.txt"))[0]
    text = seed.read_text(encoding="utf-8")
    marker = "Quillfeather"  # a word no seed has, to find in the search index
    last = text.rstrip().rsplit("\n", 1)[0]
    seed.write_text(text.replace(last, last + f" {marker} said nothing more.", 1), encoding="utf-8")
    assert run_build(project).returncode == 0
    cold = make_project(tmp_path / "cold", seeds=False)
    shutil.rmtree(cold / "seeds")
    shutil.copytree(project / "seeds", cold / "seeds")
    assert run_build(cold).returncode == 0
    index = (project / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert marker in index
    assert tree_digest(project / "site") == tree_digest(cold / "site")
