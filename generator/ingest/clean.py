"""Give every non-empty line exactly one `Fate`, with the name of the rule that decided it.

The cascade, in order:
1. `find_layout` locates the article in the page by general signals: the densest run of
   prose lines is the body; the headline is the headline-shaped line just above it;
   bullets between them are the standfirst; what lies above is the header (kicker,
   opinion label, column, bylines, lead photo), what lies below is the tail.
2. `RULES`, an ordered table, gives each line the fate of the first rule that holds for it
   in its zone. Every rule reads the shape of the line and its position, never one
   outlet's wording (whole-line vocabulary lives in `furniture.py`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable

from generator.ingest import byline as B
from generator.ingest import shapes as F
from generator.model import Cleaned, Decision, Fate, Line, SourceText

# A prose line has at least this many words and ends like a sentence. Calibrated on the
# seeds and ../shared/extraction-dev: shorter sentence lines are mostly captions or teasers.
PROSE_MIN_WORDS = 10
# Words a prose line adds to a run at most, so one huge line cannot carry furniture around it.
PROSE_WORD_CAP = 60
# A page where at least this share of the prose lines are packed sets no blank lines between
# paragraphs, so packing is no sign of a teaser there (page_packed_gain).
PACKED_PAGE_SHARE = 0.7
# How many disjoint runs compete for the body, and how far above a run's first line a
# template line marks it as one record of a list (see find_body_run).
RUN_CANDIDATES = 4
RECORD_LOOKBACK = 2
SPENT = 1e9  # the gain of a line already in a candidate run: no later run may take it
# A sentence line of at least this many words next to the body run joins it (extend_run).
EDGE_MIN_WORDS = 3
# A sentence broken over lines (each ending in a comma) is followed to its end over at most
# this many lines (extend_run).
CONTINUATION_MAX_LINES = 6
# A list announced by a lead-in line after the body joins it up to this many items.
LIST_MAX_ITEMS = 15
# Headline and label sizes, in words.
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 3, 30
LABEL_MAX_WORDS = 8
# Inside the body, a line without closing punctuation of at least this many words is a
# related-story link; a shorter one is a subheading and stays in the body.
RELATED_MIN_WORDS = 5
# Japanese and Chinese have no spaces: this many characters count as one word (a typical
# Japanese news sentence of 40 characters then weighs like a 16-word English one).
CJK_CHARS_PER_WORD = 2.5
# A non-prose line's shape (digits blurred) seen this often in a page is a template
# (comment header "Rating: 36 Votes", teaser date "1 hour ago"), not a subheading. Only a
# label-sized line (LABEL_MAX_WORDS) is a template: a promo sentence repeated between
# paragraphs costs one gap, like any other furniture line there.
TEMPLATE_MIN_REPEATS = 3
# A data table: rows of at least this many cells (tab-separated, or numbers in a flattened
# row), at least this share of a flattened row's tokens numeric, and at least this many rows
# in a block. Calibrated on the extraction-dev table pages (standings, results).
TABLE_MIN_CELLS = 3
TABLE_NUMERIC_SHARE = 0.4
TABLE_MIN_ROWS = 4
# Closing punctuation plus closing quotes/brackets fit in this many final characters.
SENTENCE_TAIL_CHARS = 8
# An HTML-to-text dump opens with the page's <title> ("Headline - Site"); where the headline
# recurs below it, the article starts within this many lines after it (bylines, dates and
# a caption between). Calibrated on ../shared/extraction-dev: the gold body starts 1-6 lines
# after the repeated headline on the plain dumps.
ANCHOR_WINDOW = 8
# The headline (find_title, headline_score): where it may sit, what it looks like and what
# each signal around it is worth, in points. Set by reasoning about page shapes (a credit or
# date under the headline is the strongest sign, a rail of links above it the commonest
# trap) and checked on ../shared/extraction-dev with `benchmarks/eval_meta.py --cv 5`,
# whose GRID varies the weights; re-run it after changing any of these.
HEADLINE_WINDOW = 40  # lines above the body: a share panel of 35 lines sits between them
HEADLINE_MIN_WORDS = 2
HEADLINE_MAX_WORDS = 24  # the longest dev headline has 20; a caption of 27 words is no headline
HEADLINE_MIN_CHARS = 12  # "Classificação NASCAR" is a headline, "Log Out" a menu entry
HEADLINE_META_AFTER = 3  # a credit or date this many lines under the headline
HEADLINE_META_BEFORE = 2  # ... or over it ("Published 1 day ago" above the headline)
HEADLINE_META_WEIGHT = 4.0
HEADLINE_META_DECAY = 0.2  # the weight falls by this share per line further down
HEADLINE_META_BEFORE_WEIGHT = 1.5
HEADLINE_TEXT_WEIGHT = 1.0  # a standfirst or the body right under it
HEADLINE_BULLETS_WEIGHT = 3.0  # standfirst bullets right under it: no rail or menu has them
HEADLINE_TITLE_WEIGHT = 4.0  # the page's <title> repeats it
HEADLINE_REPEAT_WEIGHT = 1.0  # printed twice (header and body, or two templates)
HEADLINE_RAIL_PENALTY = 1.5  # right under another headline-shaped line: a rail of links
HEADLINE_SHORT_PENALTY = 1.0  # fewer than ANCHOR_MIN_WORDS words: could be a menu entry
HEADLINE_LOWER_PENALTY = 1.0  # opens with a lower-case word: a row of links, seldom a headline
HEADLINE_NAME_PENALTY = 2.0  # two words shaped like a name ("Pamela Wilson"): a byline
HEADLINE_DISTANCE_PENALTY = 0.1  # per line of text between it and the body
HEADLINE_LINE_PENALTY = 0.05  # per line of any kind between it and the body
HEADLINE_BODY_WEIGHT = 2.0  # times the share of its words the body's first lines use
HEADLINE_CONTENT_CHARS = 4
HEADLINE_BODY_LINES = 12
HEADLINE_PROMO_PENALTY = 2.0  # a call to action right under it: a newsletter promotion
PROMO_SPAN = 2
HEADLINE_MIN_SCORE = 0.5
# A headline is written in the body's script: its share of CJK letters differs by at most this.
HEADLINE_SCRIPT_GAP = 0.5  # below this the page has no headline line: derive the title
# Title Case (is_title_case): this share of the words of at least this many letters capitalised.
TITLE_CASE_SHARE = 0.8
TITLE_CASE_MIN_CHARS = 4
# Between a headline and the text under it, at most this many short labels besides widgets
# ("Buffer", "Pin" beside "Share" and "Tweet"); more is a menu.
WIDGET_LABELS = 2
# A standfirst sentence under a headline has at least this many words.
STANDFIRST_MIN_WORDS = 8
# Credits (find_bylines): explicit ones from this many lines over the headline to this many
# lines into the body; a bare name at most this many lines under the headline.
BYLINE_ABOVE = 3
BYLINE_BODY_PEEK = 2
BARE_NAME_NEAR = 10
# This many name-shaped lines in a row are a list, not a byline ("Jane Doe" over "Key
# Points" is still a byline).
NAME_RUN_MIN = 3
# A form field's label ("Select Edition(s) *") has at most this many words.
FORM_FIELD_MAX_WORDS = 3
# A <title> carries at least this many words before a headline can be told from a menu entry.
ANCHOR_MIN_WORDS = 4


@dataclass(frozen=True, slots=True)
class RunWeights:
    """What each line adds to (or costs) a run of body text, in words, for `find_body_run`.

    Calibrated by grid search on ../shared/extraction-dev and checked by 5-fold
    cross-validation over pages (`benchmarks/eval_extraction.py --cv`, which prints the
    held-out figures); re-run it after changing any of these.
    """

    # What a non-prose line costs: a video block (3 lines) or a caption between paragraphs
    # must not split the body, a menu of 20 lines must.
    gap_penalty: float = 10.0
    # A prose line packed between other lines (no blank line above or below) is usually a
    # teaser in a list of links, not a paragraph: it adds this share of its words. Long gold
    # lines stand alone 8 times in 9 in the browser dumps.
    packed_gain: float = 0.3
    # A non-prose line still adds this share of its words: a list item of 20 words in the
    # body costs little, a one-word menu entry the full gap penalty.
    nonprose_gain: float = 0.3
    # A repeated template line (see TEMPLATE_MIN_REPEATS) costs this many gap penalties,
    # so a comment thread (header, name, date, comment) does not read as one long body.
    template_factor: float = 3.0
    # A run that opens right after a repeated template line is a record of a list (a comment
    # under its username and time) and counts for this share of its sum.
    record_factor: float = 0.5
    # What a packed prose line adds on a page that packs most of its prose (see
    # page_packed_gain): there packing tells little, but a rail of one-line teasers is still
    # packed, so it adds more than `packed_gain`, not all its words.
    packed_page_gain: float = 0.5
    # The run that opens just below the headline the page's <title> names (see
    # title_anchor) weighs this many times its sum: a rail of teasers or a legal footer
    # with more prose than a short article must not beat the text under the headline.
    anchor_factor: float = 2.0
    # A required form field (furniture.FORM_FIELD, "Name *") costs this many gap penalties,
    # in effect a wall: the consent prose of a comment form ("Your personal data will only
    # be disclosed ...") must not join the article above it. Calibrated on
    # ../shared/extraction-dev: 3 gaps let that prose through; 10 and 30 score alike.
    form_factor: float = 10.0


DEFAULT_WEIGHTS = RunWeights()

@dataclass(frozen=True, slots=True)
class Layout:
    """Where the parts of the article sit, as indexes into the page's lines."""

    texts: tuple[str, ...]
    numbers: tuple[int, ...]
    body_start: int
    body_end: int  # inclusive; body_start > body_end when no body was found
    title: int | None
    standfirst: frozenset[int]
    kind_marker: int | None
    section: int | None
    column: str | None
    authors: frozenset[int]
    lead_image: int | None
    videos: frozenset[int]

    def zone(self, i: int) -> str:
        if i < self.body_start:
            return "head"
        if i > self.body_end:
            return "tail"
        return "body"


def words(text: str) -> int:
    """Whitespace words; a script written without spaces (CJK) counts characters instead."""
    cjk = len(F.CJK_CHAR.findall(text))
    if not cjk:
        return len(text.split())
    rest = [t for t in F.CJK_CHAR.sub(" ", text).split() if any(c.isalnum() for c in t)]
    return len(rest) + round(cjk / CJK_CHARS_PER_WORD)


def ends_sentence(text: str) -> bool:
    """Closing punctuation, looked for in the last characters only: a `$`-anchored search
    over a whole long line is the cleaner's hottest loop (benchmarks/bench_clean.py)."""
    return bool(F.SENTENCE_END.search(text[-SENTENCE_TAIL_CHARS:]))


def is_prose(text: str) -> bool:
    """A sentence-like line long enough to be article text."""
    return (words(text) >= PROSE_MIN_WORDS and bool(ends_sentence(text))
            and not F.CAPTION_CREDIT.match(text) and not F.FURNITURE_LINES.match(text)
            and not F.GLUED_TEASER.match(text))


def is_label(text: str) -> bool:
    """A kicker or column label: short, no closing punctuation."""
    return (1 <= words(text) <= LABEL_MAX_WORDS and not ends_sentence(text)
            and not F.FURNITURE_LINES.match(text) and not F.BYLINE.match(text)
            and not F.CAPTION_CREDIT.match(text) and not F.COUNT.match(text)
            and not F.DURATION.match(text) and not F.BULLET.match(text))


def packed(numbers: tuple[int, ...], i: int) -> bool:
    """No blank line separates this line from its neighbours: part of a block, not a paragraph."""
    before = i > 0 and numbers[i] - numbers[i - 1] == 1
    after = i + 1 < len(numbers) and numbers[i + 1] - numbers[i] == 1
    return before or after


def is_table_cell_row(text: str) -> bool:
    """A row of a data table: tab-separated cells (browser dumps) or mostly numbers
    ("3 Kevin Harvick 5033 4 6 15 26", as an HTML-to-text dump flattens it)."""
    if text.count("\t") >= TABLE_MIN_CELLS - 1:
        return True
    tokens = text.split()
    numeric = sum(1 for t in tokens if F.NUMBER_TOKEN.match(t))
    return numeric >= TABLE_MIN_CELLS and numeric >= TABLE_NUMERIC_SHARE * len(tokens)


def table_rows(texts: tuple[str, ...]) -> frozenset[int]:
    """Lines inside a block of at least TABLE_MIN_ROWS table-shaped rows (one row alone is a
    score line or a date, not a table)."""
    flags = [is_table_cell_row(t) for t in texts]
    rows: set[int] = set()
    start = 0
    for i in range(len(texts) + 1):
        if i == len(texts) or not flags[i]:
            if i - start >= TABLE_MIN_ROWS:
                rows.update(range(start, i))
            start = i + 1
    return frozenset(rows)


def line_gain(texts: tuple[str, ...], numbers: tuple[int, ...], shapes: Counter, i: int,
              weights: RunWeights, tables: frozenset[int] = frozenset(),
              packed_gain: float | None = None) -> float:
    """Prose adds its words (less when packed in a block); anything else costs a gap, and a
    repeated template more, unless it is known vocabulary ("Advertisement" between paragraphs
    interrupts the body however often it is repeated). A data table's rows cost nothing:
    a table in the article (standings, results) must not split it or be dropped."""
    text = texts[i]
    size = min(words(text), PROSE_WORD_CAP)
    if i in tables:
        return size * weights.nonprose_gain
    if F.FORM_FIELD.match(text) and words(text) <= FORM_FIELD_MAX_WORDS:
        return -weights.gap_penalty * weights.form_factor
    if not is_prose(text):
        template = (shapes[shape(text)] >= TEMPLATE_MIN_REPEATS and words(text) <= LABEL_MAX_WORDS
                    and not F.FURNITURE_LINES.match(text))
        penalty = weights.gap_penalty * (weights.template_factor if template else 1.0)
        return size * weights.nonprose_gain - penalty
    share = weights.packed_gain if packed_gain is None else packed_gain
    return size * share if packed(numbers, i) else size


def shape(text: str) -> str:
    """A line with its digits blurred: comment headers and teaser dates share one shape."""
    return F.DIGITS.sub("0", text)


def best_segment(gains: list[float]) -> tuple[float, int, int]:
    """The maximum-sum segment of `gains` (Kadane): (sum, first, last); last < first if none."""
    best, best_span = 0.0, (0, -1)
    total, start = 0.0, 0
    for i, gain in enumerate(gains):
        if total <= 0:
            total, start = gain, i
        else:
            total += gain
        if total > best:
            best, best_span = total, (start, i)
    return best, *best_span


def is_template(texts: tuple[str, ...], shapes: Counter, i: int) -> bool:
    """A label-sized line whose shape (digits blurred) repeats in the page: a record header."""
    text = texts[i]
    return (shapes[shape(text)] >= TEMPLATE_MIN_REPEATS and words(text) <= LABEL_MAX_WORDS
            and not is_prose(text) and not F.FURNITURE_LINES.match(text))


def page_packed_gain(texts: tuple[str, ...], numbers: tuple[int, ...], weights: RunWeights) -> float:
    """Packing tells a teaser from a paragraph only on a page that sets paragraphs apart with
    blank lines; where most prose lines are packed (an HTML-to-text dump without paragraph
    gaps) it says little, and a packed line adds `packed_page_gain` of its words."""
    prose = [i for i, text in enumerate(texts) if is_prose(text)]
    if prose and sum(packed(numbers, i) for i in prose) >= PACKED_PAGE_SHARE * len(prose):
        return weights.packed_page_gain
    return weights.packed_gain


def title_anchor(texts: tuple[str, ...]) -> int | None:
    """The line that repeats the page's <title> as a headline, when the dump opens with the
    <title> (an HTML-to-text dump does: "Headline - Site", "Headline | Site"): the first
    later line equal to the whole first line or to its part before a separator."""
    if not texts or words(texts[0]) < ANCHOR_MIN_WORDS:
        return None
    title = texts[0].strip()
    for i in range(1, len(texts)):
        text = texts[i].strip()
        if words(text) < ANCHOR_MIN_WORDS or len(text) > len(title):
            continue
        if text == title or (title.startswith(text) and F.TITLE_SEPARATOR.match(title[len(text):])):
            return i
    return None


def find_body_run(texts: tuple[str, ...], numbers: tuple[int, ...],
                  weights: RunWeights = DEFAULT_WEIGHTS) -> tuple[int, int]:
    """The run of lines with the most prose in it (maximum-sum segment).

    The best few disjoint runs compete; one that opens right after a repeated template line
    ("2 days ago at 08:51 am", "Rating: 7 Votes") is one record of a list (a long comment,
    a teaser) and weighs only `record_factor` of its sum, so a long comment cannot beat a
    shorter article.
    """
    shapes = Counter(shape(t) for t in texts)
    tables = table_rows(texts)
    packed_share = page_packed_gain(texts, numbers, weights)
    gains = [line_gain(texts, numbers, shapes, i, weights, tables, packed_share)
             for i in range(len(texts))]
    best_score, best_span = 0.0, (0, -1)
    anchor = title_anchor(texts)
    if anchor is not None:
        # The best run below the headline, as long as it opens close under it.
        total, first, last = best_segment(gains[anchor + 1:])
        if first <= last and first < ANCHOR_WINDOW:
            best_score, best_span = total * weights.anchor_factor, (anchor + 1 + first, anchor + 1 + last)
    for _ in range(RUN_CANDIDATES):
        total, first, last = best_segment(gains)
        if last < first:
            break
        record = any(is_template(texts, shapes, j) for j in range(max(0, first - RECORD_LOOKBACK), first))
        score = total * (weights.record_factor if record else 1.0)
        if score > best_score:
            best_score, best_span = score, (first, last)
        for j in range(first, last + 1):
            gains[j] = -SPENT
    return best_span


def is_short_sentence(text: str) -> bool:
    """A sentence too short to count as prose ("This game will help you!"), still article text
    when it touches the body: blogs write in such lines."""
    return (EDGE_MIN_WORDS <= words(text) < PROSE_MIN_WORDS and ends_sentence(text)
            and not F.FURNITURE_LINES.match(text) and not F.CAPTION_CREDIT.match(text)
            and not F.BYLINE.match(text) and not F.BULLET.match(text))


def sentence_close(texts: tuple[str, ...], first: int) -> int | None:
    """Where a sentence broken over lines ends: `first` and the lines after it end in a
    comma ("また、その他にも、") until one closes the sentence; None if none does soon."""
    for i in range(first, min(len(texts), first + CONTINUATION_MAX_LINES)):
        text = texts[i].rstrip()
        if i > first and ends_sentence(text):
            return i
        if not text.endswith(F.CONTINUATION_MARKS) or F.FURNITURE_LINES.match(text):
            return None
    return None


def extend_run(texts: tuple[str, ...], start: int, end: int) -> tuple[int, int]:
    """Grow the body run over short sentence lines next to it: the run's sum cannot pay for
    them (each costs a gap), yet the article's closing "Thanks for reading." is text."""
    while end + 1 < len(texts):
        if is_short_sentence(texts[end + 1]):
            end += 1
            continue
        closing = sentence_close(texts, end + 1)
        if closing is None:
            break
        end = closing
    while start > 0 and is_short_sentence(texts[start - 1]):
        start -= 1
    return start, end


def is_lead_in(text: str) -> bool:
    """A short line announcing what follows ("The new version brings:", "See tweets :")."""
    return (text.rstrip().endswith((":", "：")) and 1 <= words(text) <= LABEL_MAX_WORDS
            and not F.FURNITURE_LINES.match(text) and not F.BYLINE.match(text))


def block_end(texts: tuple[str, ...], numbers: tuple[int, ...], first: int) -> int:
    """The last line of the block opening at `first`: lines with no blank line between them,
    at most LIST_MAX_ITEMS, stopping before furniture vocabulary ("Share this")."""
    last = first
    while (last + 1 < len(texts) and numbers[last + 1] - numbers[last] == 1
           and last + 1 - first < LIST_MAX_ITEMS and not F.FURNITURE_LINES.match(texts[last + 1])):
        last += 1
    return last


def extend_over_lists(texts: tuple[str, ...], numbers: tuple[int, ...], start: int,
                      end: int) -> tuple[int, int]:
    """Grow the body run over a lead-in line right after it and the block it announces: a
    list of features or steps has no sentence punctuation, so the run's sum never reaches
    it, yet the article's own text introduced it."""
    while end + 1 < len(texts) and is_lead_in(texts[end + 1]):
        lead = end + 1
        end = lead
        if lead + 1 < len(texts) and not F.FURNITURE_LINES.match(texts[lead + 1]):
            end = block_end(texts, numbers, lead + 1)
        start, end = extend_run(texts, start, end)
    return start, end


def is_headline_shaped(text: str, page_title: str | None = None) -> bool:
    """Could be the headline: a single line of HEADLINE_MIN_WORDS to TITLE_MAX_WORDS, longer
    than a menu label, not closed by a full stop (unless the page's <title> repeats it), and
    none of the lines that only ever sit around a headline: a date, a credit, a caption, a
    bullet, a breadcrumb, a call to action ("Share on Reddit", "SIGN UP FOR OUR NEWSLETTER"),
    a player's countdown ("Your video will play in 00:25")."""
    n = words(text)
    if not (HEADLINE_MIN_WORDS <= n <= HEADLINE_MAX_WORDS and len(text) >= HEADLINE_MIN_CHARS):
        return False
    if F.LABEL_VALUE.match(text) or F.GLUED_CAPTION.search(text) or B.is_author_link(text):
        return False  # "Filed to: innovation", "... Austria.Jane Roe / Agency", "About Jane Doe"
    if text.endswith((":", ",", ";")) or (text.endswith(".") and not text.endswith("...")
                                          and title_match(text, page_title) == 0
                                          and not is_title_case(text)):
        return False
    return not (B.is_date_line(text) or B.is_countdown(text) or B.explicit_credit(text) is not None
                or B.is_handle(text)
                or F.CAPTION_CREDIT.match(text) or F.PHOTO_CREDIT.search(text)
                or F.FURNITURE_LINES.match(text) or F.CALL_TO_ACTION.match(text) or F.BREADCRUMB.search(text)
                or F.BULLET.match(text) or F.DURATION.match(text) or F.COUNT.match(text))


def starts_lower(text: str) -> bool:
    """Opens with a lower-case word ("twitter linkedin facebook"): a row of links, seldom a
    headline ("iPhone ..." and "eBay ..." start lower but carry a capital)."""
    first = text.split()[0] if text.split() else ""
    letters = [c for c in first if c.isalpha()]
    return bool(letters) and letters[0].islower() and not any(c.isupper() for c in letters)


def is_title_case(text: str) -> bool:
    """Headline capitals: nearly every word of TITLE_CASE_MIN_CHARS letters or more starts
    with a capital ("Home Depot Stock Is Falling After Its Earnings Release. Why You
    Shouldn't Worry."). Such a line is a headline even with a full stop; a sentence is not."""
    long_words = [w for w in text.split() if sum(c.isalpha() for c in w) >= TITLE_CASE_MIN_CHARS]
    capitals = sum(1 for w in long_words if w.lstrip("\"'‘“(")[:1].isupper())
    return len(long_words) >= 3 and capitals >= TITLE_CASE_SHARE * len(long_words)


def is_header_meta(text: str) -> bool:
    """A line of the block around a headline: an explicit credit, a date, a handle. (A bare
    name is no sign: menus are full of capitalised pairs of words.)"""
    return B.explicit_credit(text) is not None or B.is_date_line(text) or B.is_handle(text)


def is_widget(text: str) -> bool:
    """A line of the furniture between a headline and its text: a credit, a date, a share
    button, a counter ("258 Shares", "84.1K"), a photo credit."""
    return (is_header_meta(text) or bool(F.FURNITURE_LINES.match(text))
            or bool(F.CALL_TO_ACTION.match(text)) or bool(F.COUNTER.match(text))
            or bool(F.PHOTO_CREDIT.search(text)))


def is_filler(text: str) -> bool:
    """A line that costs a headline nothing to have between it and the body: widgets, dates,
    credits, captions, counters, bullets, one- to three-word labels."""
    return (words(text) <= 3 or is_header_meta(text) or bool(F.FURNITURE_LINES.match(text))
            or bool(F.CALL_TO_ACTION.match(text)) or bool(F.CAPTION_CREDIT.match(text))
            or bool(F.PHOTO_CREDIT.search(text))
            or bool(F.BULLET.match(text)) or bool(F.COUNT.match(text)))


def page_title(texts: tuple[str, ...]) -> str | None:
    """An HTML-to-text dump opens with the page's <title>; a browser dump opens with a menu
    entry, which matches nothing below, so taking the first line is harmless there."""
    return texts[0].strip() if texts and words(texts[0]) >= HEADLINE_MIN_WORDS else None


def title_match(text: str, title: str | None) -> float:
    """1 when `text` is the page's <title>, or its part before or after a separator
    ("Headline | Outlet", "Outlet - Headline"); else 0."""
    if not title or not text:
        return 0.0
    text = text.strip()
    if text == title:
        return 1.0
    if title.startswith(text) and F.TITLE_SEPARATOR.match(title[len(text):]):
        return 1.0
    if title.endswith(text) and F.TITLE_SEPARATOR_BEFORE.search(title[:-len(text)]):
        return 1.0
    return 0.0


def content_words(text: str) -> set[str]:
    """Lower-cased words of HEADLINE_CONTENT_CHARS letters or more: what a headline shares
    with the article under it (short words are shared by any two lines)."""
    return {w for w in F.WORD.findall(text.casefold()) if len(w) >= HEADLINE_CONTENT_CHARS}


def body_vocabulary(texts: tuple[str, ...], body_start: int, body_end: int) -> frozenset[str]:
    """The content words of the body's first HEADLINE_BODY_LINES lines (its own first line
    left out, which may be the headline itself)."""
    found: set[str] = set()
    for j in range(body_start + 1, min(body_end + 1, body_start + 1 + HEADLINE_BODY_LINES)):
        found |= content_words(texts[j])
    return frozenset(found)


def is_promo(texts: tuple[str, ...], i: int) -> bool:
    """Line `i` heads a promotion: a call to action ("SUBSCRIBE", "Sign up") within
    PROMO_SPAN lines under it, no credit or date before that ("Breaking News Emails", a
    pitch sentence, "SUBSCRIBE")."""
    for j in range(i + 1, min(len(texts), i + 1 + PROMO_SPAN)):
        if is_header_meta(texts[j]):
            return False
        if F.PROMO_ACTION.match(texts[j]):
            return True
    return False


def meta_distance(texts: tuple[str, ...], i: int) -> int | None:
    """How far under line `i` the first credit or date sits, counting lines of text only
    (a photo credit or a share button between costs nothing), or None beyond
    HEADLINE_META_AFTER lines."""
    d = 0
    for j in range(i + 1, len(texts)):
        if is_header_meta(texts[j]):
            return d + 1
        if not is_widget(texts[j]):
            d += 1
            if d >= HEADLINE_META_AFTER:
                return None
    return None


def headline_score(texts: tuple[str, ...], i: int, body_start: int, title: str | None,
                   counts: Counter, vocabulary: frozenset[str] = frozenset()) -> float:
    """How much the page says line `i` is its headline (see the HEADLINE_* weights): a
    credit or date just below or above it, text (standfirst, bullets, the body) right under
    it, the <title> repeating it, the page printing it twice; less for a short line, for a
    line right under another headline-shaped line (one entry of a rail of links), and for
    every line of text between it and the body."""
    text = texts[i]
    score = 0.0
    before = texts[max(0, i - HEADLINE_META_BEFORE):i]
    near = meta_distance(texts, i)
    if near is not None:
        score += HEADLINE_META_WEIGHT * (1 - HEADLINE_META_DECAY * (near - 1))
    elif any(B.explicit_credit(t) is not None or B.is_date_line(t) for t in before):
        score += HEADLINE_META_BEFORE_WEIGHT
    # The first line under it that is not a widget ("258 Shares", "Tweet", "Email" sit
    # between a headline and its text on many pages); a credit or date stops the search
    # (what lies under a byline is the body, not the headline's standfirst).
    k, labels = i + 1, 0
    while k < body_start and not is_header_meta(texts[k]) and (
            is_widget(texts[k]) or (words(texts[k]) <= 3 and labels < WIDGET_LABELS)):
        labels += not is_widget(texts[k])
        k += 1
    nxt = texts[k] if k < len(texts) else ""
    standfirst = (ends_sentence(nxt) and words(nxt) >= STANDFIRST_MIN_WORDS
                  and not is_headline_shaped(nxt, title))
    if F.BULLET.match(nxt):
        score += HEADLINE_BULLETS_WEIGHT
    elif k == body_start or standfirst:
        score += HEADLINE_TEXT_WEIGHT
    if i > 0:
        score += HEADLINE_TITLE_WEIGHT * title_match(text, title)
    if counts[text] > 1 and words(text) >= ANCHOR_MIN_WORDS:
        score += HEADLINE_REPEAT_WEIGHT
    own = content_words(text)
    if own:
        score += HEADLINE_BODY_WEIGHT * len(own & vocabulary) / len(own)
    prev = texts[i - 1] if i > 0 else ""
    if (prev != text and words(prev) >= ANCHOR_MIN_WORDS and not prev.isupper()
            and not starts_lower(prev) and is_headline_shaped(prev, title)):
        score -= HEADLINE_RAIL_PENALTY
    if starts_lower(text):
        score -= HEADLINE_LOWER_PENALTY
    if words(text) < ANCHOR_MIN_WORDS:
        score -= HEADLINE_SHORT_PENALTY
    if len(text.split()) == 2 and B.is_person_name(text):
        score -= HEADLINE_NAME_PENALTY
    if is_promo(texts, i):
        score -= HEADLINE_PROMO_PENALTY
    between = sum(1 for j in range(i + 1, body_start) if not is_filler(texts[j]))
    return (score - HEADLINE_DISTANCE_PENALTY * between
            - HEADLINE_LINE_PENALTY * max(0, body_start - i - 1))


def cjk_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if F.CJK_CHAR.match(c)) / len(letters) if letters else 0.0


def find_title(texts: tuple[str, ...], body_start: int, body_end: int) -> int | None:
    """The headline: of the headline-shaped lines up to HEADLINE_WINDOW above the body (or
    the body's first line, when a credit or date follows it: a headline ending in "?" reads
    as a sentence), the one `headline_score` rates highest, if it rates at least
    HEADLINE_MIN_SCORE; None (a derived title) when the page offers no such line."""
    title = page_title(texts)
    counts = Counter(texts)
    vocabulary = body_vocabulary(texts, body_start, body_end)
    script = cjk_share(" ".join(texts[body_start:body_start + HEADLINE_BODY_LINES]))
    best, best_score = None, HEADLINE_MIN_SCORE
    for i in range(max(0, body_start - HEADLINE_WINDOW), min(body_start + 1, len(texts))):
        if not is_headline_shaped(texts[i], title):
            continue
        if i == body_start and not (i + 1 < len(texts) and is_header_meta(texts[i + 1])):
            continue
        if abs(cjk_share(texts[i]) - script) > HEADLINE_SCRIPT_GAP:
            continue  # "阅读简体中文版" over an English article: a link, not its headline
        score = headline_score(texts, i, body_start, title, counts, vocabulary)
        if score >= best_score:
            best, best_score = i, score
    return best


def is_plain_label(texts: tuple[str, ...], j: int, title: int | None) -> bool:
    """A neighbour that makes a name line part of a menu: another short label or name (not
    the headline, a date, a handle, a job title, or the same line printed twice)."""
    text = texts[j]
    return (j != title and is_label(text) and not B.is_date_line(text) and not B.is_handle(text)
            and not B.is_job_title(text) and B.explicit_credit(text) is None
            and not F.FURNITURE_LINES.match(text) and not F.CALL_TO_ACTION.match(text))


def in_name_run(texts: tuple[str, ...], i: int, title: int | None) -> bool:
    """Line `i` is one of NAME_RUN_MIN name-shaped lines in a row: a list (results, a menu of
    people), not a byline."""
    def named(j: int) -> bool:
        credit = B.bare_credit(texts[j]) if 0 <= j < len(texts) and j != title else None
        return credit is not None and bool(credit.names)

    start = i
    while named(start - 1):
        start -= 1
    end = i
    while named(end + 1):
        end += 1
    return end - start + 1 >= NAME_RUN_MIN


def find_bylines(texts: tuple[str, ...], title: int | None, body_start: int,
                 kind_marker: int | None) -> frozenset[int]:
    """The credit lines of the article, by where they sit: an explicit credit ("By A",
    "Posted by A", "Text: A") from BYLINE_ABOVE lines over the headline to BYLINE_BODY_PEEK
    lines into the body; a bare name in the credit block under the headline (within
    BARE_NAME_NEAR lines, nothing but widgets, dates and the standfirst before it), dated
    or beside a date, handle or job title, or else not in a run of short labels (a menu); a bare
    name printed twice in a row or right after an opinion label above the headline."""
    top = title - BYLINE_ABOVE if title is not None else body_start - HEADLINE_WINDOW
    end = min(len(texts), body_start + BYLINE_BODY_PEEK)
    found: set[int] = set()
    for i in range(max(0, top), end):
        if i == title:
            continue
        rest = B.explicit_credit(texts[i])
        if rest is None:
            continue
        found.add(i)
        if not rest.strip() and i + 1 < len(texts) and B.bare_credit(texts[i + 1]):
            found.add(i + 1)  # "By" on a line of its own, the names on the next
    if title is not None:
        labels = 0
        for i in range(title + 1, min(body_start + 1, title + 1 + BARE_NAME_NEAR, len(texts))):
            credit = B.bare_credit(texts[i])
            if i in found or (credit is not None and not credit.names):
                continue
            if credit is None:
                # The credit block ends at the first line that belongs to none: not a
                # widget, a date, a job title, the standfirst or a short label or two.
                short = words(texts[i]) <= 3 and not is_widget(texts[i])
                labels += short
                if not (is_widget(texts[i]) or B.is_job_title(texts[i]) or i == title + 1
                        or (short and labels <= WIDGET_LABELS)):
                    break
                continue
            neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(texts) and texts[j] != texts[i]]
            stamped = B.is_date_line(texts[i]) or "@" in texts[i] or any(
                B.is_date_line(texts[j]) or B.is_handle(texts[j]) or B.is_job_title(texts[j])
                for j in neighbours)
            listed = in_name_run(texts, i, title)
            if not listed and (stamped or not any(is_plain_label(texts, j, title) for j in neighbours)):
                found.add(i)
    head_end = title if title is not None else body_start
    for i in range(max(0, head_end - BYLINE_ABOVE - 1), head_end):
        if F.NAME_LINE.match(texts[i]) and (
                (i + 1 < len(texts) and texts[i + 1] == texts[i]) or (i > 0 and texts[i - 1] == texts[i])
                or (kind_marker is not None and i == kind_marker + 1)):
            found.add(i)
    return frozenset(found)


def find_videos(texts: tuple[str, ...]) -> frozenset[int]:
    """A duration line (01:44) and the title after it, once or twice."""
    found: set[int] = set()
    for i, text in enumerate(texts):
        if F.DURATION.match(text) and i + 1 < len(texts) and is_headline_or_sentence(texts[i + 1]):
            found.update((i, i + 1))
            if i + 2 < len(texts) and texts[i + 2] == texts[i + 1]:
                found.add(i + 2)
    return frozenset(found)


def is_headline_or_sentence(text: str) -> bool:
    return 1 <= words(text) <= TITLE_MAX_WORDS and not F.DURATION.match(text)


def find_layout(texts: tuple[str, ...], numbers: tuple[int, ...],
                weights: RunWeights = DEFAULT_WEIGHTS) -> Layout:
    """Locate body, headline, standfirst and the header's metadata lines."""
    body_start, body_end = find_body_run(texts, numbers, weights)
    if body_start > body_end:  # no prose at all: treat the whole page as body
        body_start, body_end = 0, len(texts) - 1
    body_start, body_end = extend_run(texts, body_start, body_end)
    body_start, body_end = extend_over_lists(texts, numbers, body_start, body_end)
    title = find_title(texts, body_start, body_end)
    head_end = title if title is not None else body_start
    standfirst = frozenset(i for i in range((title or 0) + 1, body_start)
                           if title is not None and F.BULLET.match(texts[i]))
    head = range(0, body_start)
    kind_marker = next((i for i in head if F.OPINION_MARKERS.match(texts[i])), None)
    lead_image = next((i for i in head if F.CAPTION_CREDIT.match(texts[i])), None)
    # A capitalised column name ("My Take") precedes a byline, so is no name.
    authors = find_bylines(texts, title, body_start, kind_marker)

    column = None
    section = kind_marker
    for i in range(0, head_end):
        if i == kind_marker or i in authors or not is_label(texts[i]):
            continue
        if kind_marker is None:
            section = i
            break
        if i > kind_marker:
            column = texts[i]
            break
    return Layout(texts=texts, numbers=numbers, body_start=body_start, body_end=body_end, title=title,
                  standfirst=standfirst, kind_marker=kind_marker, section=section,
                  column=column, authors=frozenset(authors), lead_image=lead_image,
                  videos=find_videos(texts))


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


def _search(pattern) -> Callable[[Layout, int], bool]:
    return lambda layout, i: bool(pattern.search(layout.texts[i]))


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
         lambda lo, i: lo.section is not None and lo.zone(i) == "head"
         and lo.texts[i] == lo.texts[lo.section]),
    Rule("column-label", Fate.COLUMN,
         lambda lo, i: lo.zone(i) == "head" and lo.texts[i] == lo.column),
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
                weights: RunWeights = DEFAULT_WEIGHTS) -> Cleaned:
    """Decide every line's fate: the first rule of `RULES` that holds."""
    layout = find_layout(tuple(line.text for line in lines), tuple(line.number for line in lines),
                         weights)
    decisions = []
    for i, line in enumerate(lines):
        rule = next(r for r in RULES if r.test(layout, i))
        decisions.append(Decision(line=line, fate=rule.fate, rule=rule.name))
    return Cleaned(source=source, decisions=tuple(decisions))
