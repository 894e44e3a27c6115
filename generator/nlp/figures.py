"""Key figures: numbers in the body with the thing they count, for the home page.

spaCy marks CARDINAL/PERCENT/MONEY/QUANTITY spans; a figure is one whose number modifies a
noun ("108,000 people", "88 per cent of those deaths"), large enough to be a headline
figure, and not a year. The whole sentence is kept so the home page quotes, not paraphrases.
"""

from __future__ import annotations

import re

from generator.nlp.columns import sentence_text
from generator.model import Figure
from generator.nlp.load import ParsedArticle

FIGURE_LABELS = ("CARDINAL", "PERCENT", "MONEY", "QUANTITY")
# Counts below this are rarely what a briefing leads with ("two countries", "nine people").
MIN_COUNT = 1000
_NUMBER = re.compile(r"\d[\d,.]*")
# "million"/"billion" scale a number wherever they stand; the abbreviations only when written
# onto the digits ("$400m", "2bn"): "400 m" is a distance, as is a QUANTITY's "400m".
_SCALE_WORDS = ((re.compile(r"\bmillion\b", re.I), 1_000_000), (re.compile(r"\bbillion\b", re.I), 1_000_000_000))
_SCALE_SUFFIXES = ((re.compile(r"\d(?:m|mn)\b"), 1_000_000), (re.compile(r"\d(?:bn|b)\b"), 1_000_000_000))
_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d$")


def number_value(text: str, label: str = "CARDINAL") -> float | None:
    """The number `text` states, scaled by a million or billion written with it; a unit
    ("400 m", a QUANTITY's "400m") leaves it as it is."""
    match = _NUMBER.search(text)
    if not match:
        return None
    try:
        value = float(match.group(0).replace(",", "").rstrip("."))
    except ValueError:
        return None
    scales = _SCALE_WORDS + (() if label == "QUANTITY" else _SCALE_SUFFIXES)
    for pattern, factor in scales:
        if pattern.search(text):
            return value * factor
    return value


def find_figures(parsed: ParsedArticle) -> tuple[Figure, ...]:
    figures = []
    for unit, doc in zip(parsed.units, parsed.docs):
        if unit.field != "body":
            continue
        for ent in doc.ents:
            if ent.label_ not in FIGURE_LABELS or _YEAR.match(ent.text.strip()):
                continue
            value = number_value(ent.text, ent.label_)
            if value is None or (ent.label_ != "PERCENT" and value < MIN_COUNT):
                continue
            head = ent.root.head if ent.root.dep_ in ("nummod", "quantmod", "compound") else None
            if ent.label_ == "PERCENT":
                counts = ent.text
            elif head is not None and head.pos_ == "NOUN":
                counts = f"{ent.text} {head.text}"
            else:
                continue
            figures.append(Figure(value=ent.text, counts=counts, sentence=sentence_text(doc, unit.text, ent.start),
                                  article=parsed.article.id, paragraph=unit.paragraph))
    return tuple(figures)
