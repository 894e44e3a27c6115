"""What the extraction stages read of every token of a parsed text, read once per `Doc`.

spaCy makes a new `Token` object at each `doc[i]` and at each step of `for token in doc`
(about a microsecond each). Entity extraction walked every token of every text three times
for three questions (which words are lower-case, where a class noun stands, where proper
nouns run outside every entity) and asked each mention for `span.sent`, which walks token by
token to the sentence's ends: together a third of its time. `Doc.to_array` reads one
attribute of all tokens in one call; these answers are exactly the token API's (checked by
tests/test_columns.py against it), kept in the doc's `user_data` for the other stages.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterable

from spacy.attrs import ENT_TYPE, IS_ALPHA, LOWER, ORTH, SENT_START, TAG
from spacy.strings import hash_string

_KEY = "briefing.columns"


def _columns(doc) -> dict:
    cached = doc.user_data.get(_KEY)
    if cached is None:
        cached = doc.user_data[_KEY] = {}
    return cached


def hashes(words: Iterable[str]) -> frozenset[int]:
    """The string ids spaCy gives `words` (the same in every vocabulary): what `lowers`
    holds for a token whose `lower_` is one of them."""
    return frozenset(hash_string(w) for w in words)


def lowers(doc) -> list[int]:
    """Each token's `lower_` as its string id."""
    cols = _columns(doc)
    if "lower" not in cols:
        cols["lower"] = doc.to_array(LOWER).tolist() if len(doc) else []
    return cols["lower"]


def unlabelled_proper(doc) -> list[bool]:
    """Per token: tagged NNP and outside every entity (`tag_ == "NNP"`, `not ent_type_`)."""
    cols = _columns(doc)
    if "unlabelled_proper" not in cols:
        nnp = doc.vocab.strings["NNP"]
        rows = doc.to_array([TAG, ENT_TYPE]).tolist() if len(doc) else []
        cols["unlabelled_proper"] = [tag == nnp and not ent for tag, ent in rows]
    return cols["unlabelled_proper"]


def lower_case_words(doc) -> frozenset[str]:
    """The texts of the doc's alphabetic tokens written all in lower case."""
    if not len(doc):
        return frozenset()
    strings = doc.vocab.strings
    alpha = {orth for orth, is_alpha in doc.to_array([ORTH, IS_ALPHA]).tolist() if is_alpha}
    return frozenset(text for text in map(strings.__getitem__, alpha) if text.islower())


def _sentence_starts(doc) -> list[int]:
    cols = _columns(doc)
    if "starts" not in cols:
        flags = doc.to_array(SENT_START).tolist() if len(doc) else []
        cols["starts"] = [i for i, flag in enumerate(flags) if flag == 1]
    return cols["starts"]


def sentence_bounds(doc, i: int) -> tuple[int, int]:
    """(start, end) of the sentence holding token `i`: what `Span.sent` gives a span that
    begins at `i` (spaCy 3.8: back to a token marked as a sentence start, or to 0; forward
    to the next one, or to the end)."""
    starts = _sentence_starts(doc)
    at = bisect_right(starts, i)
    start = starts[at - 1] if at else 0
    end = starts[at] if at < len(starts) else len(doc)
    return start, end


def sentence_text(doc, text: str, i: int) -> str:
    """The sentence holding token `i`, stripped (`span.sent.text.strip()`); `text` is the
    doc's text (`unit.text`: `doc.text` joins every token again)."""
    cols = _columns(doc)
    texts = cols.setdefault("sentence_texts", {})
    start, end = sentence_bounds(doc, i)
    if start not in texts:
        last = doc[end - 1]
        texts[start] = text[doc[start].idx:last.idx + len(last.text)].strip()
    return texts[start]


class WordTest:
    """Which tokens' texts pass a test of the text alone (`test(token.text)`), asked once
    per distinct word: most of a doc's tokens are words seen before, and a scan of every
    token for speech verbs ran in each paragraph with a quotation and each without."""

    def __init__(self, test) -> None:
        self.test = test
        self.known: dict[int, bool] = {}  # string id -> test(text); words are few

    def indices(self, doc) -> list[int]:
        cols = _columns(doc)
        if "orth" not in cols:
            cols["orth"] = doc.to_array(ORTH).tolist() if len(doc) else []
        known, strings = self.known, doc.vocab.strings
        out = []
        for i, orth in enumerate(cols["orth"]):
            passed = known.get(orth)
            if passed is None:
                passed = known[orth] = bool(self.test(strings[orth]))
            if passed:
                out.append(i)
        return out
