"""Where the direct quotations of a paragraph are: found by their marks, never by the parse.

Double marks only (single ones nest inside a quotation or are apostrophes). A quotation
that stands as its own sentence counts (`is_full`); one inside a sentence counts only if
it carries a clause (`has_clause`), so scare quotes are no quotations. Who speaks is
`attribution.py`'s question, and the article's (`quotes.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening and closing double quotation marks. Single quotes are left alone: inside a
# quotation they nest ("China said 'No, ...'"), and outside they are apostrophes.
OPENING = frozenset("“„«")
CLOSING = frozenset("”»")
STRAIGHT = '"'
# Two single marks typed for a closing double one ("“It was an attempt to mislead voters,’’").
DOUBLED_SINGLES = ("’’", "''")
_MARKS = re.compile("|".join(DOUBLED_SINGLES) + "|[" + re.escape("".join(sorted(OPENING | CLOSING)) + STRAIGHT) + "]")

# A quotation inside a sentence ('said ending would "impact the ... efforts"') counts only
# if it carries a clause: at least this many words and a verb. Scare quotes ("China
# White", "very important") are short noun or adjective phrases. Calibrated on the seeds'
# partial quotes (shortest real one: 7 words; longest scare quote: 6 words, no verb);
# re-run tests/test_quotes.py and benchmarks/eval_quotes_dates.py after a change.
MIN_PARTIAL_WORDS = 3


@dataclass(frozen=True, slots=True)
class Span:
    """A quotation's content as character offsets into its paragraph (marks excluded).
    `closed` is False when no closing mark ends it: a quotation left open at the end of a
    paragraph goes on in the next (`quotes.py` carries its speaker over)."""

    start: int
    end: int
    closed: bool


def quote_spans(text: str) -> tuple[Span, ...]:
    """Quotation contents by their marks. Never fails: an opening mark without a closing
    one runs to the end of the paragraph (a quote continued in the next paragraph leaves
    its closing mark off), a stray closing mark is ignored, and a new opening mark inside
    an open quote starts a new quote."""
    spans: list[Span] = []
    start: int | None = None
    for mark in _MARKS.finditer(text):  # the marks only: most paragraphs have none
        i, ch = mark.start(), mark.group()
        if ch in DOUBLED_SINGLES:
            if start is not None:  # “...,’’ a typed closing mark
                spans.append(Span(start, i, True))
                start = None
        elif ch in OPENING or (ch == STRAIGHT and start is None):
            if start is not None:
                spans.append(Span(start, i, False))
            start = i + 1
        elif ch in CLOSING or ch == STRAIGHT:
            if start is not None:
                spans.append(Span(start, i, True))
                start = None
    if start is not None:
        spans.append(Span(start, len(text), False))
    return tuple(s for s in spans if text[s.start:s.end].strip())


def clean_quote(text: str) -> str:
    """The quoted words without the comma that ends them before the attribution."""
    return text.strip().rstrip(",").strip()


def is_full(text: str, span: Span) -> bool:
    """True when the quotation stands as its own sentence (or sentences): nothing but a
    sentence end, colon or another quotation precedes it, and it starts like a sentence."""
    before = text[:max(0, span.start - 1)].rstrip()
    opens_sentence = not before or before[-1] in ".!?:…" or before[-1] in CLOSING or before[-1] == STRAIGHT
    first = text[span.start:span.end].lstrip()[:1]
    return opens_sentence and (first.isupper() or first.isdigit() or first in "…‘'")


def tokens_in(doc, span: Span) -> tuple:
    return tuple(t for t in doc if span.start <= t.idx < span.end)


def inside_any(token, spans: tuple[Span, ...]) -> bool:
    return any(s.start - 1 <= token.idx < s.end + 1 for s in spans)


# Tags of a finite verb; with "to" + base form (an infinitive) they make a fragment a
# clause. A participle alone ("another measure contradicting") is a noun phrase.
FINITE_TAGS = frozenset({"VBD", "VBP", "VBZ", "MD"})


def has_clause(tokens) -> bool:
    """A fragment inside a sentence counts as a quotation when it holds a finite verb or
    an infinitive ("becomes uncontrollable", "discontinue the investigation"), not a noun
    or adjective phrase ("dangerous consequences")."""
    words = sum(1 for t in tokens if not t.is_punct)
    finite = any(t.tag_ in FINITE_TAGS for t in tokens)
    infinitive = any(t.tag_ == "VB" for t in tokens)
    return words >= MIN_PARTIAL_WORDS and (finite or infinitive)
