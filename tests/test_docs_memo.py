"""The index stage's memo (output/index_cache.py `docs_key`, `IndexCache.docs_written`): a rebuild whose
inputs are those of the last build, with docs/ as that build left it, skips making the
briefing and its pages; docs/ is then byte-identical to a cold build. Any other input (a
seed, a setting, the code, a page a person edited or deleted) and the pages are made again."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import sys
from pathlib import Path

import pytest

import generator.pipeline as pipeline
from conftest import ROOT, SEEDS_DIR, make_project, tree_digest
from generator.config import Settings
from generator.output.cache import PACKAGE
from generator.output.index_cache import index_fingerprint
from generator.output.write import WriteReport


def two_seeds(folder):
    return make_project(folder, seeds={p.name: p.read_bytes() for p in sorted(SEEDS_DIR.glob("*.txt"))[:2]})


@pytest.fixture
def briefings(monkeypatch):
    """How many times the build made the briefing (the memo missed)."""
    made = []
    build_briefing = pipeline.build_briefing

    def counted(enriched, *args):
        made.append(len(enriched))
        return build_briefing(enriched, *args)

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


def test_the_project_may_be_named_by_its_path_or_as_the_current_folder(tmp_path, briefings, monkeypatch):
    """`briefing build --root /abs/path` and a build run in the folder (root `.`) make the
    same pages, so neither keys what the index stage keeps by where the project lies: the
    memo holds across the two, and so do the kept article pages."""
    import generator.render.pages as pages_module

    project = two_seeds(tmp_path / "p").resolve()
    first = pipeline.write_docs(Settings(root=project))
    monkeypatch.chdir(project)
    here = Settings(root=Path("."))
    assert pipeline.write_docs(here).written == WriteReport(failures=(), written=0,
                                                            unchanged=first.written.written, removed=0)
    assert briefings == [2]
    made = []
    render_article = pages_module.render_article
    monkeypatch.setattr(pages_module, "render_article", lambda article, **kw: made.append(article.id)
                        or render_article(article, **kw))
    (here.docs / "index.md").unlink()  # docs/ not as left: the stage runs, the kept pages serve
    assert pipeline.write_docs(here).written.written == 1
    assert briefings == [2, 2] and made == []


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


def test_the_code_fingerprint_sees_an_upgraded_library(monkeypatch):
    """A distribution counts by its whole metadata file: another version of any installed
    library (its Version line) is a new fingerprint, the same files in another order not."""
    import importlib.metadata

    class Dist:
        def __init__(self, text):
            self.text = text

        def read_text(self, name):
            return self.text if name == "METADATA" else None

    def installed(*texts):
        monkeypatch.setattr(importlib.metadata, "distributions", lambda: [Dist(t) for t in texts])

    installed("Name: rapidfuzz\nVersion: 3.9.0\n", "Name: PyYAML\nVersion: 6.0.2\n")
    before = index_fingerprint()
    installed("Name: PyYAML\nVersion: 6.0.2\n", "Name: rapidfuzz\nVersion: 3.9.0\n")
    assert index_fingerprint() == before
    installed("Name: rapidfuzz\nVersion: 3.9.1\n", "Name: PyYAML\nVersion: 6.0.2\n")
    assert index_fingerprint() != before


def test_kept_article_pages_are_reused_only_where_their_inputs_are_unchanged(tmp_path, monkeypatch):
    """After one added article, the article pages whose inputs are unchanged are taken from
    .briefing-cache/article-pages.json; those the new article changes (a name of theirs that
    now has a page, a topic, a story) are made again, and docs/ is byte-identical to a cold
    build of the same seeds. A damaged kept page is made again too. Synthetic articles
    (benchmarks/make_corpus.py): the five seeds share so much that one more changes all."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_corpus import make_corpus

    import generator.render.pages as pages_module
    from generator.output.cache import CACHE_DIR
    from generator.output.index_cache import ARTICLE_PAGES

    n = 8
    project = make_project(tmp_path / "p", seeds=False)
    make_corpus(n, project / "seeds", seed=3)
    settings = Settings(root=project)
    pipeline.write_docs(settings)
    old = {p.name: p.read_bytes() for p in (settings.docs / "articles").glob("*.md") if p.name != "index.md"}
    made = []
    render_article = pages_module.render_article
    monkeypatch.setattr(pages_module, "render_article", lambda article, **kw: made.append(article.id)
                        or render_article(article, **kw))
    (added,) = make_corpus(1, settings.seeds, seed=3, start=n, corpus_size=n)
    assert pipeline.write_docs(settings).failures == ()
    changed = [name for name, data in old.items() if (settings.docs / "articles" / name).read_bytes() != data]
    assert changed and added.stem in made and 1 + len(changed) <= len(made) < n + 1  # 7 made, 2 reused
    cold = Settings(root=make_project(tmp_path / "cold", seeds=False))
    shutil.copytree(settings.seeds, cold.seeds, dirs_exist_ok=True)
    pipeline.write_docs(cold)
    assert tree_digest(settings.docs) == tree_digest(cold.docs)

    index = project / CACHE_DIR / ARTICLE_PAGES
    kept = json.loads(index.read_text(encoding="utf-8"))["pages"]
    assert len(kept) == n + 1 and not (project / CACHE_DIR / "article-pages").exists()
    assert all(entry[1] == hashlib.sha256((settings.docs / path).read_bytes()).hexdigest()
               for path, entry in kept.items())
    first, second = sorted(kept)[:2]
    kept[first][1] = "0" * 64  # as if docs/ held other bytes for it: not taken
    kept[second] = 7  # a damaged entry: not taken, no error
    index.write_text(json.dumps({"pages": kept}), encoding="utf-8")
    (settings.docs / "index.md").unlink()  # docs/ not as left: the stage runs
    made.clear()
    pipeline.write_docs(settings)
    assert len(made) == 2 and tree_digest(settings.docs) == tree_digest(cold.docs)

    edited = settings.docs / sorted(kept)[1]  # a person's edit: the page is made, not written
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA note of mine.\n", encoding="utf-8")
    made.clear()
    result = pipeline.write_docs(settings)
    assert len(made) == 1 and [f.message.split(": ", 1)[1] for f in result.failures] == [
        "generated page was edited by hand; not overwritten (hint: delete it to let the build regenerate it)"]
    assert edited.read_text(encoding="utf-8").endswith("A note of mine.\n")


def test_per_article_values_are_kept_by_cache_key_and_code(tmp_path):
    """`IndexCache.per_article` hands `make` the values the last build made for the same articles
    (same cache key) with the same code; another code, a damaged file, or an article whose
    key changed, and they are made again."""
    from conftest import make_article
    from generator.output.index_cache import IndexCache

    cache = IndexCache(tmp_path / ".briefing-cache")
    articles = (make_article("One body.", id="a"), make_article("Another body.", id="b"))
    given = []

    def make(articles, known):
        given.append(sorted(known))
        return {a.id: known.get(a.id, f"made from {a.body[0].text}") for a in articles}

    keys = {"a": "key-a", "b": "key-b"}
    assert cache.per_article("x", "code", articles, keys, make) == {"a": "made from One body.",
                                                                   "b": "made from Another body."}
    assert cache.per_article("x", "code", articles, keys, make)["b"] == "made from Another body."
    cache.per_article("x", "code", articles, {"a": "key-a", "b": "key-b2"}, make)
    cache.per_article("x", "other code", articles, keys, make)
    path = tmp_path / ".briefing-cache" / "x.pickle"
    path.write_bytes(path.read_bytes()[:-1] + b"!")
    cache.per_article("x", "other code", articles, keys, make)
    assert given == [[], ["a", "b"], ["a"], [], []]


def test_pairs_are_kept_by_cache_key_and_code(tmp_path):
    """`IndexCache.pairwise` tells `make` which articles the last build compared (same cache key,
    same code) and the pairs it found among them, by id; an article whose key changed, or
    another code, and it is compared afresh. A pair with an article that has no cache key
    is never kept."""
    from conftest import make_article
    from generator.output.index_cache import IndexCache

    cache = IndexCache(tmp_path / ".briefing-cache")
    articles = tuple(make_article("Body.", id=i) for i in "abcd")
    given = []

    def make(compared, known):
        given.append((sorted(compared), sorted(known)))
        return [("a", "b"), ("c", "d")]

    keys = {"a": "key-a", "b": "key-b", "c": "key-c"}  # d: no cache key
    assert cache.pairwise("p", "code", articles, keys, make) == [("a", "b"), ("c", "d")]
    cache.pairwise("p", "code", articles, keys, make)
    cache.pairwise("p", "code", articles, {**keys, "b": "key-b2"}, make)
    cache.pairwise("p", "code", articles[:3], {**keys, "b": "key-b2"}, make)
    cache.pairwise("p", "other code", articles, keys, make)
    assert given == [([], []), (["a", "b", "c"], [("a", "b")]), (["a", "c"], []),
                     (["a", "b", "c"], [("a", "b")]), ([], [])]


def test_one_by_one_makes_only_what_was_not_kept(tmp_path):
    """`one_by_one(f)` as a `per_article` maker: a rebuild calls `f` for the article whose
    cache key changed only, and takes the other's kept value."""
    from conftest import make_article
    from generator.output.index_cache import IndexCache, one_by_one

    cache = IndexCache(tmp_path / ".briefing-cache")
    articles = (make_article("One body.", id="a"), make_article("Another body.", id="b"))
    asked = []

    def words(article):
        asked.append(article.id)
        return article.body[0].text.upper()

    first = cache.per_article("x", "code", articles, {"a": "key-a", "b": "key-b"}, one_by_one(words))
    again = cache.per_article("x", "code", articles, {"a": "key-a", "b": "key-b2"}, one_by_one(words))
    assert first == again == {"a": "ONE BODY.", "b": "ANOTHER BODY."}
    assert asked == ["a", "b", "b"]
