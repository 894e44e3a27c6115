"""Key phrases of one article: the noun chunks a topic can be named by.

A key phrase is a noun chunk with at least two content words whose head is a common noun
("precursor chemicals", "opioid crisis", "Pelosi visit"): single words are too vague to
navigate by, and names alone already have entity pages. Per article (cached with the NLP
stage); which phrases become topics is decided across articles, in corpus/topics.py.
"""

from __future__ import annotations

import re

from generator.nlp.load import ParsedArticle

MAX_PHRASE_TOKENS = 4
_CONTENT_POS = ("NOUN", "PROPN", "ADJ")
# Entity labels that make a chunk a time or an amount, not a subject: "Tuesday night",
# "last year", "three months" are heads a reader cannot navigate by.
_WHEN_OR_HOW_MUCH = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
# Head nouns too general to name a topic ("American people", "recent years").
GENERIC_HEADS = frozenset({"people", "person", "thing", "things", "way", "ways", "time", "times",
                           "lot", "part", "number", "kind", "side", "sides", "matter", "fact",
                           "case", "cases", "point", "place", "area", "areas", "group", "end"})
_UNITS = re.compile(r"^(?:per|cent|percent|times|year|years|month|months|week|weeks|day|days"
                    r"|dozens?|tens|hundreds?|thousands?|millions?|billions?)$", re.I)


def singular(word: str) -> str:
    """A light plural fold for matching only ("chemicals" ~ "chemical"); display keeps the text."""
    lower = word.lower()
    if len(lower) > 4 and lower.endswith("ies"):
        return lower[:-3] + "y"
    if len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return lower[:-1]
    return lower


def phrase_of(chunk) -> tuple[str, str] | None:
    """(match key, display text) of a noun chunk, or None when it is no key phrase."""
    root = chunk.root
    if root.pos_ != "NOUN" or root.lower_ in GENERIC_HEADS:  # most chunks: decided before their words are read
        return None
    tokens = [t for t in chunk if t.pos_ in _CONTENT_POS and not t.is_stop and t.is_alpha
              and not t.like_num and not _UNITS.match(t.text)]
    if not tokens or tokens[-1] != root:
        return None
    # Keep one name before the head noun: "House Speaker Nancy Pelosi's visit" → "Pelosi's visit".
    names = [t for t in tokens if t.pos_ == "PROPN"]
    start = names[-1].i if names else tokens[0].i
    doc = chunk.doc
    # ... with the words it is hyphenated to: "US-China cooperation", "fentanyl-related substances".
    while (start - 2 >= chunk.start and doc[start - 1].text == "-"
           and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_):
        start -= 2
    span = doc[start:chunk.end]
    words = [t for t in span if t.is_alpha and not (t.like_num or _UNITS.match(t.text))]
    if (not 2 <= len(words) <= MAX_PHRASE_TOKENS or any(t.pos_ in ("DET", "PRON", "NUM") for t in span)
            or any(t.ent_type_ in _WHEN_OR_HOW_MUCH for t in span)):
        return None
    # Names first, in a fixed order: "US-China cooperation" and "China-US cooperation" are one.
    lead = [t for t in words if t.pos_ == "PROPN" and t.i < root.i]
    rest = [t for t in words if t not in lead]
    key = " ".join(sorted(t.text.lower() for t in lead) + [singular(t.text) for t in rest])
    display = "".join(t.text_with_ws if t.pos_ == "PROPN" else t.text_with_ws.lower() for t in span).strip()
    return key, display


def article_phrases(parsed: ParsedArticle) -> tuple[tuple[str, str], ...]:
    """Every key phrase occurrence in the article's own text, in reading order."""
    return tuple(p for doc in parsed.docs for chunk in doc.noun_chunks if (p := phrase_of(chunk)))
