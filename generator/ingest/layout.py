"""Where the article sits in the page: the densest run of prose lines is the body; the
headline and the credits are found around it (`headline.py`), bullets between headline and
body are the standfirst, labels above are kicker and column. The result is one `Layout`:
the zones and positions that `clean.py`'s rules read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.ingest import shapes as F
from generator.ingest.headline import find_bylines, find_title, title_anchor
from generator.ingest.shapes import LABEL_MAX_WORDS, PROSE_MIN_WORDS, ends_sentence, is_label, is_prose, words

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
# A video block's title (the line after its duration) has at most this many words.
TITLE_MAX_WORDS = 30
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
# An HTML-to-text dump opens with the page's <title> ("Headline - Site"); where the headline
# recurs below it, the article starts within this many lines after it (bylines, dates and
# a caption between). Calibrated on ../shared/extraction-dev: the gold body starts 1-6 lines
# after the repeated headline on the plain dumps.
ANCHOR_WINDOW = 8
# A form field's label ("Select Edition(s) *") has at most this many words.
FORM_FIELD_MAX_WORDS = 3
# A kicker, opinion label or column name sits at most this many lines (blank lines
# included) above the headline, or above the body where the page shows no headline line;
# further up they are menu entries ("Opinion", "Obituaries" in a site's navigation).
# Calibrated on ../shared/extraction-dev: the labels of the seeds sit 4 to 6 lines above
# their headlines; without the bound 14 of 61 browser dumps, 16 of 61 plain dumps and
# 16 of 61 HTML pages read as opinion, nearly all from menus. Re-run
# `benchmarks/eval_extraction.py --html` and the seed gold tests after a change.
KICKER_WINDOW = 8
# A label inside a run of at least this many short labels with no blank line between them
# is a menu entry, even right above the headline (a nav bar's "Opinion" where the menu ends
# on the headline). A kicker block (section, opinion label, column, a name printed twice)
# has at most four; on ../shared/extraction-dev the two pages still read as opinion after
# KICKER_WINDOW both had the label in a menu of 10 or more.
MENU_RUN_MIN = 5


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
    # A required form field (shapes.FORM_FIELD, "Name *") costs this many gap penalties,
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
    kickers: range  # where a kicker, opinion label or column may sit (kicker_lines)
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
        penalty = weights.gap_penalty * (weights.template_factor if is_template(texts, shapes, i) else 1.0)
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


def in_menu(texts: tuple[str, ...], numbers: tuple[int, ...], i: int) -> bool:
    """Line `i` is one of MENU_RUN_MIN or more label lines packed together: a menu."""
    def label(j: int) -> bool:
        return 0 <= j < len(texts) and is_label(texts[j])

    first, last = i, i
    while label(first - 1) and numbers[first] - numbers[first - 1] == 1:
        first -= 1
    while label(last + 1) and numbers[last + 1] - numbers[last] == 1:
        last += 1
    return last - first + 1 >= MENU_RUN_MIN


def kicker_lines(numbers: tuple[int, ...], head_end: int) -> range:
    """The lines where a kicker, opinion label or column may sit: within KICKER_WINDOW
    lines of the page above `head_end` (the headline, else the body's first line)."""
    if head_end >= len(numbers):
        return range(0)
    top = head_end
    while top > 0 and numbers[head_end] - numbers[top - 1] <= KICKER_WINDOW:
        top -= 1
    return range(top, head_end)


def stated_title(texts: tuple[str, ...], body_start: int, headline: str | None) -> int | None:
    """The first line at or above the body that shows the headline a page's markup states."""
    if headline is None:
        return None
    key = " ".join(headline.split()).casefold()
    return next((i for i in range(min(body_start + 1, len(texts)))
                 if " ".join(texts[i].split()).casefold() == key), None)


def find_layout(texts: tuple[str, ...], numbers: tuple[int, ...],
                weights: RunWeights = DEFAULT_WEIGHTS, headline: str | None = None) -> Layout:
    """Locate body, headline, standfirst and the header's metadata lines. `headline` is
    the one a page's markup states (`<h1>`): where the text shows it, it is the headline."""
    body_start, body_end = find_body_run(texts, numbers, weights)
    if body_start > body_end:  # no prose at all: treat the whole page as body
        body_start, body_end = 0, len(texts) - 1
    body_start, body_end = extend_run(texts, body_start, body_end)
    body_start, body_end = extend_over_lists(texts, numbers, body_start, body_end)
    title = stated_title(texts, body_start, headline)
    if title is None:
        title = find_title(texts, body_start, body_end)
    head_end = title if title is not None else body_start
    standfirst = frozenset(i for i in range((title or 0) + 1, body_start)
                           if title is not None and F.BULLET.match(texts[i]))
    head = range(0, body_start)
    labels = kicker_lines(numbers, head_end)
    kind_marker = next((i for i in labels if F.OPINION_MARKERS.match(texts[i])
                        and not in_menu(texts, numbers, i)), None)
    lead_image = next((i for i in head if F.CAPTION_CREDIT.match(texts[i])), None)
    # A capitalised column name ("My Take") precedes a byline, so is no name.
    authors = find_bylines(texts, title, body_start, kind_marker)

    column = None
    section = kind_marker
    # The kicker is the head's first label, where it sits just above the headline: a page
    # whose first label is further up opens with a menu, and the label nearest the headline
    # there is as often a share button ("Instagram") as a kicker.
    for i in range(0, head_end):
        if i == kind_marker or i in authors or not is_label(texts[i]):
            continue
        if kind_marker is None:
            section = i if i in labels else None
            break
        if i > kind_marker:
            column = texts[i] if i in labels else None
            break
    return Layout(texts=texts, numbers=numbers, body_start=body_start, body_end=body_end, title=title,
                  standfirst=standfirst, kickers=labels, kind_marker=kind_marker, section=section,
                  column=column, authors=frozenset(authors), lead_image=lead_image,
                  videos=find_videos(texts))

