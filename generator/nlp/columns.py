"""What the extraction stages read of every token of a parsed text, read once per `Doc`.

spaCy makes a new `Token` object at each `doc[i]` and at each step of `for token in doc`
(about a microsecond each). Entity extraction walked every token of every text three times
for three questions (which words are lower-case, where a class noun stands, where proper
nouns run outside every entity), quotes walked them for speech verbs, and asked each mention for `span.sent`, which walks token by
token to the sentence's ends: together a third of its time. `Doc.to_array` reads one
attribute of all tokens in one call; these answers are exactly the token API's (checked by
tests/test_columns.py against it), kept in the doc's `user_data` for the other stages.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Callable

from spacy.attrs import ENT_TYPE, IS_ALPHA, ORTH, SENT_START, TAG

_KEY = "briefing.columns"


def _column(doc, name: str, make: Callable[[list], object], attrs):
    """`make(rows)` of the doc's `to_array(attrs)` rows, made once per doc and kept."""
    kept = doc.user_data.setdefault(_KEY, {})
    if name not in kept:
        kept[name] = make(doc.to_array(attrs).tolist() if len(doc) else [])
    return kept[name]


def unlabelled_proper(doc) -> list[bool]:
    """Per token: tagged NNP and outside every entity (`tag_ == "NNP"`, `not ent_type_`)."""
    nnp = doc.vocab.strings["NNP"]
    return _column(doc, "unlabelled_proper", lambda rows: [tag == nnp and not ent for tag, ent in rows],
                   [TAG, ENT_TYPE])


def lower_case_words(doc) -> frozenset[str]:
    """The texts of the doc's alphabetic tokens written all in lower case."""
    strings = doc.vocab.strings
    alpha = {orth for orth, is_alpha in _column(doc, "orth_alpha", list, [ORTH, IS_ALPHA]) if is_alpha}
    return frozenset(text for text in map(strings.__getitem__, alpha) if text.islower())


def sentence_bounds(doc, i: int) -> tuple[int, int]:
    """(start, end) of the sentence holding token `i`: what `Span.sent` gives a span that
    begins at `i` (spaCy 3.8: back to a token marked as a sentence start, or to 0; forward
    to the next one, or to the end)."""
    starts = _column(doc, "starts", lambda flags: [i for i, flag in enumerate(flags) if flag == 1], SENT_START)
    at = bisect_right(starts, i)
    return (starts[at - 1] if at else 0), (starts[at] if at < len(starts) else len(doc))


def sentence_text(doc, text: str, i: int) -> str:
    """The sentence holding token `i`, stripped (`span.sent.text.strip()`); `text` is the
    doc's text (`unit.text`: `doc.text` joins every token again)."""
    texts = doc.user_data.setdefault(_KEY, {}).setdefault("sentence_texts", {})
    start, end = sentence_bounds(doc, i)
    if start not in texts:
        last = doc[end - 1]
        texts[start] = text[doc[start].idx:last.idx + len(last.text)].strip()
    return texts[start]


class WordTest:
    """The tokens whose text passes `test(token.text)`, a test of the text alone, asked
    once per distinct word: most of a doc's tokens are words seen before."""

    def __init__(self, test: Callable[[str], bool]) -> None:
        self.test = test
        self.known: dict[int, bool] = {}  # string id -> test(text); words are few

    def indices(self, doc) -> list[int]:
        known, strings = self.known, doc.vocab.strings
        out = []
        for i, orth in enumerate(_column(doc, "orth", list, ORTH)):
            passed = known.get(orth)
            if passed is None:
                passed = known[orth] = bool(self.test(strings[orth]))
            if passed:
                out.append(i)
        return out

    def tokens(self, doc) -> list:
        return [doc[i] for i in self.indices(doc)]
