"""Give every non-empty line exactly one `Fate`, with the name of the rule that decided it.

The cascade, in order:
1. `layout.find_layout` locates the article in the page by general signals: the densest
   run of prose lines is the body; the headline is the headline-shaped line just above it
   (`headline.py`); bullets between them are the standfirst; what lies above is the header
   (kicker, opinion label, column, bylines, lead photo), what lies below is the tail.
2. `RULES`, an ordered table (this module's one job), gives each line the fate of the
   first rule that holds for it in its zone. Every rule reads the shape of the line and its
   position, never one outlet's wording (whole-line vocabulary lives in `shapes.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from generator.ingest import shapes as F
from generator.ingest.layout import DEFAULT_WEIGHTS, Layout, RunWeights, find_layout, packed
from generator.ingest.shapes import ends_sentence, is_prose, words
from generator.model import Cleaned, Decision, Fate, Line, SourceText

# Inside the body, a line without closing punctuation of at least this many words is a
# related-story link; a shorter one is a subheading and stays in the body.
RELATED_MIN_WORDS = 5


def _last_line(layout: Layout, i: int) -> bool:
    return i == len(layout.texts) - 1


def _bio(layout: Layout, i: int) -> bool:
    """'X is a professor of ...' after the body, or as the body's very last line."""
    return (layout.zone(i) == "tail" or i == layout.body_end) and bool(F.BIO.match(layout.texts[i]))


def _related(layout: Layout, i: int) -> bool:
    """A lone headline-length line set off by blank lines between two paragraphs of the body.

    A line packed against its neighbours is a list item or a table row, which belongs to
    the body; a line next to another non-sentence line is a subheading or part of a list.
    """
    texts = layout.texts
    return (layout.zone(i) == "body" and words(texts[i]) >= RELATED_MIN_WORDS
            and not packed(layout.numbers, i)
            and 0 < i < len(texts) - 1 and is_prose(texts[i - 1]) and is_prose(texts[i + 1]))


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    fate: Fate
    test: Callable[[Layout, int], bool]


def _zone(*zones: str) -> Callable[[Layout, int], bool]:
    return lambda layout, i: layout.zone(i) in zones


def _and(*tests: Callable[[Layout, int], bool]) -> Callable[[Layout, int], bool]:
    return lambda layout, i: all(t(layout, i) for t in tests)


def _match(pattern) -> Callable[[Layout, int], bool]:
    return lambda layout, i: bool(pattern.match(layout.texts[i]))




# Ordered: the first rule that holds decides. Names are what `convert --explain` prints.
RULES: tuple[Rule, ...] = (
    Rule("headline", Fate.TITLE, lambda lo, i: i == lo.title),
    Rule("standfirst-bullet", Fate.STANDFIRST, lambda lo, i: i in lo.standfirst),
    Rule("video-block", Fate.VIDEO, lambda lo, i: i in lo.videos),
    Rule("furniture-vocabulary", Fate.FURNITURE,
         _and(_match(F.FURNITURE_LINES), lambda lo, i: i not in lo.authors)),
    Rule("lead-photo-caption", Fate.LEAD_IMAGE, lambda lo, i: i == lo.lead_image),
    Rule("photo-caption", Fate.IMAGE, _match(F.CAPTION_CREDIT)),
    Rule("opinion-label", Fate.KIND, lambda lo, i: i == lo.kind_marker),
    Rule("kicker-label", Fate.SECTION,
         lambda lo, i: lo.section is not None and i in lo.kickers
         and lo.texts[i] == lo.texts[lo.section]),
    Rule("column-label", Fate.COLUMN, lambda lo, i: i in lo.kickers and lo.texts[i] == lo.column),
    Rule("byline", Fate.AUTHOR,
         lambda lo, i: i in lo.authors or (lo.zone(i) == "head"
                                           and any(lo.texts[a] == lo.texts[i] for a in lo.authors))),
    Rule("contributor-line", Fate.CONTRIBUTOR, _and(_zone("body", "tail"), _match(F.CONTRIBUTOR))),
    Rule("author-bio", Fate.AUTHOR_BIO, _bio),
    Rule("comment-counter", Fate.COMMENT_COUNT, _and(_match(F.COUNT), _last_line)),
    # "By admin" below the headline block: a byline repeated or misplaced, never article text.
    Rule("stray-byline", Fate.FURNITURE, _and(_zone("body", "tail"), _match(F.BYLINE))),
    Rule("body-sentence", Fate.BODY, _and(_zone("body"), lambda lo, i: ends_sentence(lo.texts[i]))),
    Rule("related-headline", Fate.RELATED, _related),
    Rule("body-subheading", Fate.BODY, _and(_zone("body"), lambda lo, i: not F.COUNT.match(lo.texts[i]))),
    Rule("outside-body", Fate.FURNITURE, lambda lo, i: True),
)


def clean_lines(source: SourceText, lines: tuple[Line, ...],
                weights: RunWeights = DEFAULT_WEIGHTS, headline: str | None = None) -> Cleaned:
    """Decide every line's fate: the first rule of `RULES` that holds. `headline` is the
    one a page's markup states, if any (see `find_layout`)."""
    layout = find_layout(tuple(line.text for line in lines), tuple(line.number for line in lines),
                         weights, headline)
    decisions = []
    for i, line in enumerate(lines):
        rule = next(r for r in RULES if r.test(layout, i))
        decisions.append(Decision(line=line, fate=rule.fate, rule=rule.name))
    return Cleaned(source=source, decisions=tuple(decisions))
