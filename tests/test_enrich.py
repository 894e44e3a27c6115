"""The NLP stage gives the same results on several processes as on one."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import SEEDS_DIR, make_article
from generator.config import Settings
from generator.errors import BriefingError
from generator.nlp.enrich import enrich_articles, nlp_processes
from generator.ingest.parse import parse_article


def test_two_processes_give_identical_enrichment(tmp_path):
    articles = tuple(parse_article(p) for p in sorted(SEEDS_DIR.glob("*.txt")))
    one = enrich_articles(articles, Settings(root=tmp_path, nlp_processes=1))
    two = enrich_articles(articles, Settings(root=tmp_path, nlp_processes=2))
    assert one.enriched == two.enriched
    assert sum(len(e.mentions) for e in one.enriched) > 100


def test_automatic_processes_only_for_large_batches(tmp_path, monkeypatch):
    """Automatic: one process for a small batch, else one per core up to four; a configured
    number always wins."""
    import os

    auto = Settings(root=tmp_path)
    for cores, large in ((2, 2), (8, 4), (None, 1)):
        monkeypatch.setattr(os, "cpu_count", lambda cores=cores: cores)
        assert nlp_processes(auto, 19) == 1
        assert nlp_processes(auto, 20) == large
    assert nlp_processes(dataclasses.replace(auto, nlp_processes=3), 5) == 3


def test_a_missing_model_is_a_clear_error_from_the_worker_processes_too(tmp_path):
    articles = (make_article("Ada Lovelace spoke in London.", id="a"),)
    for processes in (1, 2):
        settings = Settings(root=tmp_path, nlp_processes=processes, spacy_model="no_such_model_xyz")
        with pytest.raises(BriefingError, match="spaCy model 'no_such_model_xyz' is not installed") as caught:
            enrich_articles(articles, settings)
        assert "setup command" in caught.value.hint


def test_pool_workers_run_one_blas_thread_each():
    """Two workers on two cores, each with a BLAS thread per core, ran at half speed."""
    import os

    import numpy  # noqa: F401 - loads OpenBLAS, whose threads are the point
    from concurrent.futures import ProcessPoolExecutor

    from threadpoolctl import threadpool_info

    from generator.nlp.enrich import _load_model

    def blas_threads(one_thread: bool) -> list[int]:
        with ProcessPoolExecutor(max_workers=1, initializer=_load_model,
                                 initargs=("no_such_model_xyz", os.getpid(), one_thread)) as pool:
            return [lib["num_threads"] for lib in pool.submit(threadpool_info).result() if lib["user_api"] == "blas"]

    assert blas_threads(True) and set(blas_threads(True)) == {1}
    if (os.cpu_count() or 1) > 1:
        assert max(blas_threads(False)) > 1  # a single worker keeps every core for its BLAS


def test_a_paragraph_longer_than_spacy_takes_is_parsed_in_pieces():
    """spaCy refuses a text over nlp.max_length (E088: a 1,000,000-character paragraph
    stopped the build); the pieces join back into one Doc of the same text and offsets.
    The limit is lowered here so the test parses 7,000 characters, not a million."""
    from generator.nlp.load import load_nlp, parse_articles, pieces

    nlp = load_nlp(Settings().spacy_model)
    nlp.max_length = 1000
    paragraph = " ".join(f"Minister Jane Doe{i} said on Tuesday that talks in Beijing would resume."
                         for i in range(100))
    (parsed,) = parse_articles(nlp, [make_article(paragraph)])
    doc = parsed.docs[[u.field for u in parsed.units].index("body")]
    assert doc.text == paragraph
    assert len(list(doc.sents)) == 100
    beijing = [ent.start_char for ent in doc.ents if ent.text == "Beijing"]
    assert len(beijing) == 100 and all(paragraph[i:i + 7] == "Beijing" for i in beijing)
    parts = pieces(paragraph, 1000)
    assert "".join(parts) == paragraph and all(len(p) <= 1000 and p.endswith(". ") for p in parts[:-1])
    assert "".join(pieces("x" * 2500, 1000)) == "x" * 2500


def test_every_doc_has_its_units_text():
    """The NLP stages read a unit's text instead of `doc.text` (load.ParsedArticle)."""
    from generator.nlp.load import load_nlp, parse_articles

    nlp = load_nlp(Settings().spacy_model)
    articles = [parse_article(p) for p in sorted(SEEDS_DIR.glob("*.txt"))]
    units = [(u.text, d.text) for parsed in parse_articles(nlp, articles) for u, d in zip(parsed.units, parsed.docs)]
    assert len(units) > 100 and all(a == b for a, b in units)


def test_the_worker_starts_before_the_files_are_read_only_for_a_few_new_seeds(tmp_path):
    """`EarlyModel.expect`: a few seeds new since the last build start the worker at once;
    none, no build before (None) or many (parsed on every core first) start nothing. The
    articles given later go to the worker started early, and are enriched as in-process."""
    from generator.nlp.enrich import PARALLEL_MIN_ARTICLES, EarlyModel

    settings = Settings(root=tmp_path)
    for hint in (None, 0, PARALLEL_MIN_ARTICLES):
        with EarlyModel(settings) as early:
            early.expect(hint)
            assert early.pool is None and early.submitted == []
    articles = tuple(parse_article(p) for p in sorted(SEEDS_DIR.glob("*.txt"))[:1])
    with EarlyModel(settings) as early:
        early.expect(1)
        pool = early.pool
        assert pool is not None and early.processes == 1 and early.submitted == []
        early.wanted(articles)
        assert early.pool is pool and len(early.submitted) == 1
        assert enrich_articles(articles, settings, early=early) == enrich_articles(articles, settings)


def test_the_early_worker_gives_the_in_process_enrichment(tmp_path):
    """After one added article the model is loaded, and the article parsed, in a worker
    while the cache is read (`EarlyModel`): its results are those of the process that would
    otherwise parse them, with the slugs decided afterwards; articles it was not given
    early (a damaged cache entry, parsed later) are parsed then; a large batch is parsed in
    chunks by a worker per core, each loading the model itself, with the same results; and
    nothing to parse starts no worker."""
    import dataclasses

    from generator.nlp.enrich import EarlyModel

    articles = tuple(parse_article(p) for p in sorted(SEEDS_DIR.glob("*.txt"))[:2])
    settings = Settings(root=tmp_path)
    here = enrich_articles(articles, settings)
    with EarlyModel(settings) as early:
        early.wanted(articles)
        assert early.pool is not None and len(early.submitted) == 1  # one process: one chunk
        assert enrich_articles(articles, settings, early=early) == here
    renamed = (dataclasses.replace(articles[0], slug="another-slug"), articles[1])
    with EarlyModel(settings) as early:
        early.wanted(articles[:1])  # the second comes later, as a damaged entry would
        got = enrich_articles(renamed, settings, early=early)
    assert got.processed == here.processed
    assert [e.article for e in got.enriched] == list(renamed)
    assert got.enriched[1] == here.enriched[1]
    assert dataclasses.replace(got.enriched[0], article=articles[0]) == here.enriched[0]
    with EarlyModel(settings) as early:
        early.wanted(())
        assert early.pool is None
    many = tuple(make_article(f"Minister Jane Doe{n} said in Beijing on Tuesday that \"talks will resume\" in May.",
                              f"The Drug Enforcement Administration seized {n} tonnes in 2023.", id=f"a{n:02d}")
                 for n in range(20))
    in_process = enrich_articles(many, Settings(root=tmp_path, nlp_processes=1))
    two = Settings(root=tmp_path, nlp_processes=2)
    reported = []
    with EarlyModel(two) as early:
        early.wanted(many)
        assert early.processes == 2 and len(early.submitted) == 7  # chunks of chunk_size(20, 2) == 3
        got = enrich_articles(many, two, progress=lambda done, total: reported.append((done, total)), early=early)
    assert got == in_process and sum(len(e.mentions) for e in got.enriched) >= 40
    assert reported == [(3, 20), (6, 20), (9, 20), (12, 20), (15, 20), (18, 20), (20, 20)]
    missing = Settings(root=tmp_path, spacy_model="no_such_model_xyz")
    with EarlyModel(missing) as early, pytest.raises(BriefingError, match="'no_such_model_xyz' is not installed"):
        early.wanted(articles[:1])
        enrich_articles(articles[:1], missing, early=early)


def test_the_reader_gives_only_the_articles_the_nlp_stage_will_parse(tmp_path):
    """`load_articles` gives the articles the cache lacks before it reads the others: a
    file refused as unreadable is none of them, an article already cached neither."""
    import shutil

    from generator.output.cache import Cache, load_articles

    seeds = sorted(SEEDS_DIR.glob("*.txt"))
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in seeds[:2]:
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_bytes(b"")
    cache = Cache.open(tmp_path, "en_core_web_sm")
    told = []
    first = load_articles(sorted(folder.iterdir()), cache, to_parse=told.append)
    assert [len(t) for t in told] == [2] and len(first.failures) == 1 and not first.cached
    assert told[0] == first.articles
    enriched = enrich_articles(first.articles, Settings(root=tmp_path)).enriched
    for result in enriched:
        cache.put(first.fingerprints[result.article.id], result)
    shutil.copy(seeds[2], folder / seeds[2].name)
    again = load_articles(sorted(folder.iterdir()), cache, to_parse=told.append)
    assert [len(t) for t in told] == [2, 1] and len(again.cached) == 2 and len(again.articles) == 3
    assert told[1] == tuple(a for a in again.articles if a.id not in again.cached)
