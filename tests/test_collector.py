"""The cyclic collector is paused over read+clean and the index stage, and only there."""

from __future__ import annotations

import gc

import pytest

from generator.collector import collector_paused


def test_the_collector_is_paused_inside_and_as_it_was_after():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a failing stage")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()


def test_what_the_pause_made_goes_to_the_oldest_generation_unwalked():
    """The first young pass after the pause would walk everything made inside it (all still
    alive); it is handed to the oldest generation, which only a full pass walks."""
    with collector_paused():
        made = [[] for _ in range(1000)]
    assert any(obj is made for obj in gc.get_objects(generation=2))
    assert not any(obj is made for obj in gc.get_objects(generation=0))


def test_nlp_workers_are_forked_with_the_collector_running(monkeypatch, tmp_path):
    """The NLP stage forks its workers from the build process: a paused collector there
    would be theirs for the whole parse."""
    import generator.pipeline as pipeline
    from conftest import SEEDS_DIR, make_project
    from generator.config import Settings

    seen = []
    enrich_articles = pipeline.enrich_articles

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return enrich_articles(*args, **kwargs)

    monkeypatch.setattr(pipeline, "enrich_articles", watched)
    project = make_project(tmp_path / "p", seeds={p.name: p.read_bytes() for p in sorted(SEEDS_DIR.glob("*.txt"))[:1]})
    assert pipeline.write_docs(Settings(root=project)).failures == ()
    assert seen == [True] and gc.isenabled()
