"""Which line is the headline and which lines credit the authors, by where they sit.

The headline is the headline-shaped line above the body run that `headline_score` rates
highest (a credit or date under it, text right under it, the page's <title> repeating it);
the credits are the credit-shaped lines near it (`find_bylines`). `layout.py` calls both
once it knows where the body run is; `byline.py` reads what one credit line says.
"""

from __future__ import annotations

from collections import Counter

from generator.ingest import byline as B
from generator.ingest import shapes as F
from generator.ingest.shapes import ends_sentence, is_label, words

# The headline (find_title, headline_score): where it may sit, what it looks like and what
# each signal around it is worth, in points. Set by reasoning about page shapes (a credit or
# date under the headline is the strongest sign, a rail of links above it the commonest
# trap). Four weights were then chosen on ../shared/extraction-dev by the GRID of
# `benchmarks/eval_meta.py --cv 5` (marked "grid": every fold picks the shipped value);
# the others were set by hand (marked "by hand") and only checked there, the figures of
# eval_meta.py and eval_extraction.py --html staying where they were. Re-run both after
# changing any of these.
HEADLINE_WINDOW = 40  # lines above the body: a share panel of 35 lines sits between them (by hand)
HEADLINE_MIN_WORDS = 2  # by hand: one word is a label or a site name
HEADLINE_MAX_WORDS = 24  # the longest dev headline has 20; a caption of 27 words is no headline
HEADLINE_MIN_CHARS = 12  # "Classificação NASCAR" is a headline, "Log Out" a menu entry
HEADLINE_META_AFTER = 3  # a credit or date this many lines under the headline (by hand)
HEADLINE_META_BEFORE = 2  # ... or over it ("Published 1 day ago" above the headline; by hand)
HEADLINE_META_WEIGHT = 4.0  # grid (2, 3, 4): the strongest sign
HEADLINE_META_DECAY = 0.2  # the weight falls by this share per line further down (by hand)
HEADLINE_META_BEFORE_WEIGHT = 1.5  # by hand: weaker than a credit under it
HEADLINE_TEXT_WEIGHT = 1.0  # a standfirst or the body right under it; grid (1, 2, 3)
HEADLINE_BULLETS_WEIGHT = 3.0  # standfirst bullets right under it: no rail or menu has them (by hand)
HEADLINE_TITLE_WEIGHT = 4.0  # the page's <title> repeats it; by hand, as strong as a credit
HEADLINE_REPEAT_WEIGHT = 1.0  # printed twice (header and body, or two templates); by hand
HEADLINE_RAIL_PENALTY = 1.5  # right under another headline-shaped line: a rail of links; grid (0.5, 1.5, 2.5)
HEADLINE_SHORT_PENALTY = 1.0  # fewer than ANCHOR_MIN_WORDS words: could be a menu entry (by hand)
HEADLINE_LOWER_PENALTY = 1.0  # opens with a lower-case word: a row of links, seldom a headline (by hand)
HEADLINE_NAME_PENALTY = 2.0  # two words shaped like a name ("Pamela Wilson"): a byline (by hand)
HEADLINE_DISTANCE_PENALTY = 0.1  # per line of text between it and the body (by hand)
HEADLINE_LINE_PENALTY = 0.05  # per line of any kind between it and the body (by hand)
HEADLINE_BODY_WEIGHT = 2.0  # times the share of its words the body's first lines use; grid (1, 2, 3)
HEADLINE_CONTENT_CHARS = 4  # a content word has this many letters (by hand: "the", "and" are shared by any two lines)
HEADLINE_BODY_LINES = 12  # the body's first lines that give its vocabulary and script (by hand)
HEADLINE_PROMO_PENALTY = 2.0  # a call to action right under it: a newsletter promotion (by hand)
PROMO_SPAN = 2  # ... within this many lines under it (by hand)
# The best score must reach this, or the page has no headline line: derive the title (by
# hand: below it sit lines with no sign but their shape).
HEADLINE_MIN_SCORE = 0.5
# A headline is written in the body's script: its share of CJK letters differs by at most
# this (by hand: a link in another script, "阅读简体中文版" over an English article,
# differs by 1).
HEADLINE_SCRIPT_GAP = 0.5
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
# A <title> carries at least this many words before a headline can be told from a menu entry.
ANCHOR_MIN_WORDS = 4


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


def is_headline_shaped(text: str, page_title: str | None = None) -> bool:
    """Could be the headline: a single line of HEADLINE_MIN_WORDS to HEADLINE_MAX_WORDS, longer
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
