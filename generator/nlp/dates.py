"""Explicitly dated events: each body sentence that names a date, under that date.

A date keeps the precision the text gives it: "2019", "2022-08" (from "August 2022" or
"2022 August"), "2022-08-02", "1980s" (also "mid-2010s" → "2010s"), "1800s" (from "the
19th century"). Patterns find the candidates; the parse vets bare years, because a
four-digit number can count things ("1500 troops"). Counts, percentages and durations
("108,000", "eight in 10", "12 months", "01:44") never match a date pattern at all.

Relative dates ("last August", "earlier this month", "on Tuesday") are resolved only
against a publication date the user gave (an ISO date), and say what they were resolved
from; without one they are left out, never guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from generator.model import Event
from generator.nlp.load import ParsedArticle
from generator.nlp.date_labels import starts_after

MONTHS = {name.casefold(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS.update({abbr.casefold(): n for n, abbr in enumerate(calendar.month_abbr) if abbr})
MONTHS.update({"sept": 9})
WEEKDAYS = {name.casefold(): n for n, name in enumerate(calendar.day_name)}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                "twelve": 12}

# Years we place on a timeline. A year written alone must be at least FIRST_BARE_YEAR:
# on ../shared/extraction-dev bodies the four-digit numbers below it were benchmark scores
# ("from 1061 to 1128"), while every real bare year was later than 1500; older history
# comes with a month or as a century ("the 14th century"). Re-run tests/test_dates.py and
# benchmarks/eval_quotes_dates.py after a change.
FIRST_YEAR, FIRST_BARE_YEAR, LAST_YEAR = 1000, 1500, 2099

_MONTH = (r"(?P<month>" + "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
          + r")\.?")
_YEAR = r"(?P<year>1\d{3}|20\d{2})"
# Not part of a bigger number, an amount or a time: "108,000", "$2019", "2019.5", "2019%".
_ALONE_BEFORE = r"(?<![\w,.$£€¥#:/])(?<!\d-)"
_ALONE_AFTER = r"(?![\w%]|[,.:/]\d)"


@dataclass(frozen=True, slots=True)
class Pattern:
    """One kind of explicit date: a name for the tests, the expression, and how a match
    becomes a date label."""

    name: str
    regex: re.Pattern
    label: object  # Callable[[re.Match], str | None]
    # What every match holds, found by a scan much cheaper than `regex`'s (which tries its
    # alternatives of month names at every word): a sentence without it is not scanned by
    # `regex`. These scans were a sixth of the NLP stage's own time after spaCy.
    needs: re.Pattern


def _ymd(m: re.Match) -> str | None:
    try:
        day = dt.date(int(m["year"]), MONTHS[m["month"].casefold()], int(m["day"]))
    except ValueError:
        return None
    return day.isoformat()


def _ym(m: re.Match) -> str:
    return f"{int(m['year']):04d}-{MONTHS[m['month'].casefold()]:02d}"


def _century(m: re.Match) -> str | None:
    number = m["number"]
    n = int(number) if number.isdigit() else ORDINAL_WORDS.get(number.casefold())
    if not n or not 11 <= n <= 21:
        return None
    return f"{(n - 1) * 100}s"


# Every match of a pattern with a year or a decade holds one (`_YEAR`, and "1980s").
_YEAR_DIGITS = re.compile(r"1\d{3}|20\d{2}")

# Most specific first: a match masks its text from the patterns after it.
EXPLICIT = (
    Pattern("day-month-year", re.compile(
        _ALONE_BEFORE + r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR
        + _ALONE_AFTER, re.I), _ymd, _YEAR_DIGITS),
    Pattern("month-day-year", re.compile(
        r"\b" + _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+" + _YEAR + _ALONE_AFTER, re.I), _ymd,
        _YEAR_DIGITS),
    Pattern("month-year", re.compile(
        r"\b" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR + _ALONE_AFTER, re.I), _ym, _YEAR_DIGITS),
    Pattern("year-month", re.compile(
        _ALONE_BEFORE + _YEAR + r"\s+" + _MONTH + r"(?![\w])", re.I), _ym, _YEAR_DIGITS),
    Pattern("century", re.compile(
        r"\b(?P<number>\d{2}|[a-z]+(?:-[a-z]+)?)(?:st|nd|rd|th)?[\s-]+century\b", re.I), _century,
        re.compile("century", re.I)),
    Pattern("decade", re.compile(
        _ALONE_BEFORE + r"(?P<decade>1\d{2}0|20\d0)[’']?s\b"),
        lambda m: f"{m['decade']}s", _YEAR_DIGITS),
    Pattern("year", re.compile(_ALONE_BEFORE + _YEAR + _ALONE_AFTER), lambda m: m["year"], _YEAR_DIGITS),
)

# Month names that are also ordinary words: only a date next to a year or a preposition.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "jan", "mar", "sept", "sep", "dec", "aug", "oct", "nov", "jun", "jul", "apr", "feb"})
# Entity labels under which a four-digit number is not a date ("$2019", "2019 %", "2019 kg").
NOT_DATE_ENTITIES = frozenset({"MONEY", "PERCENT", "QUANTITY", "TIME", "ORDINAL"})
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "that",
                         "these", "those", "'s", "’s"})


def _bare_year_is_date(doc, start: int, end: int, year: int) -> bool:
    """A lone four-digit number is a year unless the parse says it counts something:
    "1979 people died" (a number modifying a plural noun, with no determiner before it,
    unlike "the 2019 elections"), or the model tags it as money, a percentage or a time."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return FIRST_BARE_YEAR <= year <= LAST_YEAR
    token = span[0]
    if token.ent_type_ in NOT_DATE_ENTITIES or not FIRST_BARE_YEAR <= year <= LAST_YEAR:
        return False
    before = doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.whitespace_ and (
            (before.is_upper and before.is_alpha and len(before) > 1) or any(c.isdigit() for c in before.text)):
        return False  # a model number: "GTX 1660", "i5-9300H 1080p"
    if token.dep_ == "nummod" and token.head.tag_ in {"NNS", "NNPS"} and token.head.i > token.i:
        before = doc[token.i - 1].text.casefold() if token.i > 0 else ""
        return before in DETERMINERS
    return True


@dataclass(frozen=True, slots=True)
class Anchor:
    """The publication date the relative expressions are resolved against."""

    year: int
    month: int | None
    day: int | None

    @property
    def date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.month and self.day else None


def parse_published(published: str | None) -> Anchor | None:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a time after a `T` is ignored); None if absent.
    A malformed value raises ValueError naming it: the caller knows the sidecar file."""
    if not published:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?", published.strip())
    if not m:
        raise ValueError(f"publication date {published!r} is not an ISO date (YYYY-MM-DD)")
    year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError as err:
        raise ValueError(f"publication date {published!r} is not a calendar date ({err})") from None
    return Anchor(year, month or None, day or None)


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _is_past(doc, start: int) -> bool:
    """Whether the clause around a relative date tells of the past ("met in November")
    or of what is coming ("arrives on Wednesday", "will meet in November")."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    token = span[0] if span is not None and len(span) else None
    for _ in range(6):
        if token is None:
            return True
        if token.pos_ in {"VERB", "AUX"}:
            if any(c.text.casefold() in {"will", "'ll", "shall"} for c in token.children):
                return False
            if token.tag_ in {"VBD"} or (token.tag_ == "VBN" and any(
                    c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBZ", "VBP", "VBD"} for c in token.children)):
                return True
            if token.tag_ in {"VBZ", "VBP", "VB", "VBG"}:
                return False
        if token.head is token:
            return True
        token = token.head
    return True


def _month_label(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _resolve_month_name(anchor: Anchor, month: int, past: bool) -> str | None:
    if anchor.month is None:
        return None
    if past:
        year = anchor.year if month <= anchor.month else anchor.year - 1
    else:
        year = anchor.year if month >= anchor.month else anchor.year + 1
    return _month_label(year, month)


def _resolve_weekday(anchor: Anchor, weekday: int, past: bool, last: bool = False) -> str | None:
    base = anchor.date
    if base is None:
        return None
    if past or last:
        delta = (base.weekday() - weekday) % 7
        if last and delta == 0:
            delta = 7
        return (base - dt.timedelta(days=delta)).isoformat()
    return (base + dt.timedelta(days=(weekday - base.weekday()) % 7)).isoformat()


_MONTH_WORD = r"(?P<mname>" + "|".join(calendar.month_name[1:]) + r")"
_WEEKDAY_WORD = r"(?P<wname>" + "|".join(calendar.day_name) + r")"
_COUNT = r"(?P<count>\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"

# Relative expressions, resolved only against a known publication date.
RELATIVE = (
    ("month-last-year", re.compile(r"\b" + _MONTH_WORD + r",?\s+(?P<which>last|this|next)\s+year\b")),
    ("last-month-name", re.compile(r"\b(?P<which>last|this|next)\s+" + _MONTH_WORD + r"\b")),
    ("this-month", re.compile(r"\b(?:(?:earlier|later)\s+)?(?P<which>this|last|next)\s+(?P<unit>month|year)\b", re.I)),
    ("ago", re.compile(r"\b" + _COUNT + r"\s+(?P<unit>year|month|day)s?\s+ago\b", re.I)),
    ("day-word", re.compile(r"\b(?P<word>yesterday|tomorrow)\b", re.I)),
    ("weekday", re.compile(r"\b(?:(?P<which>last|next|this)\s+)?" + _WEEKDAY_WORD + r"\b")),
    ("in-month", re.compile(r"\b(?:in|since|until|by|from|before|after|during|through|early|late|mid|mid-)"
                            r"\s*(?:early\s+|late\s+|mid-?)?" + _MONTH_WORD + r"(?!\s*,?\s*\d)\b")),
)


def _resolve(name: str, m: re.Match, anchor: Anchor, past: bool) -> str | None:
    groups = m.groupdict()
    if name == "month-last-year":
        shift = {"last": -1, "this": 0, "next": 1}[groups["which"]]
        return _month_label(anchor.year + shift, MONTHS[groups["mname"].casefold()])
    if name == "last-month-name":
        month = MONTHS[groups["mname"].casefold()]
        if anchor.month is None:
            return None
        if groups["which"] == "last":
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif groups["which"] == "next":
            year = anchor.year if month > anchor.month else anchor.year + 1
        else:
            year = anchor.year
        return _month_label(year, month)
    if name == "this-month":
        shift = {"last": -1, "this": 0, "next": 1}[groups["which"].casefold()]
        if groups["unit"].casefold() == "year":
            return f"{anchor.year + shift:04d}"
        if anchor.month is None:
            return None
        return _month_label(*_shift_month(anchor.year, anchor.month, shift))
    if name == "ago":
        count = groups["count"].casefold()
        n = int(count) if count.isdigit() else NUMBER_WORDS[count]
        unit = groups["unit"].casefold()
        if unit == "year":
            return f"{anchor.year - n:04d}"
        if unit == "month":
            return None if anchor.month is None else _month_label(*_shift_month(anchor.year, anchor.month, -n))
        return None if anchor.date is None else (anchor.date - dt.timedelta(days=n)).isoformat()
    if name == "day-word":
        if anchor.date is None:
            return None
        delta = -1 if groups["word"].casefold() == "yesterday" else 1
        return (anchor.date + dt.timedelta(days=delta)).isoformat()
    if name == "weekday":
        which = groups["which"]
        return _resolve_weekday(anchor, WEEKDAYS[groups["wname"].casefold()],
                                past=past if which is None else which == "last", last=which == "last")
    if name == "in-month":
        return _resolve_month_name(anchor, MONTHS[groups["mname"].casefold()], past)
    return None


def _mask(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def dates_in_sentence(sentence, anchor: Anchor | None = None) -> tuple[tuple[str, str | None], ...]:
    """(date, resolved_from) pairs of one spaCy sentence span, in the order they appear."""
    return tuple((label, source) for _, label, source in dated_positions(sentence, anchor))


def dated_positions(sentence, anchor: Anchor | None = None) -> tuple[tuple[int, str, str | None], ...]:
    """(character offset in the doc, date, resolved_from) of each date in one sentence."""
    doc, offset = sentence.doc, sentence.start_char
    text = sentence.text
    found: list[tuple[int, str, str | None]] = []
    for pattern in EXPLICIT:
        if not pattern.needs.search(text):
            continue
        for m in pattern.regex.finditer(text):
            if "month" in m.groupdict() and m["month"] and m["month"].casefold() in AMBIGUOUS_MONTHS \
                    and not m["month"][0].isupper():
                continue
            if pattern.name == "year" and not _bare_year_is_date(doc, offset + m.start(), offset + m.end(),
                                                                int(m["year"])):
                continue
            label = pattern.label(m)
            if label is None:
                continue
            year = int(label[:4]) if pattern.name != "century" else None
            if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
                continue
            found.append((m.start(), label, None))
            text = _mask(text, m.start(), m.end())
    if anchor is not None:
        for name, regex in RELATIVE:
            for m in regex.finditer(text):
                label = _resolve(name, m, anchor, _is_past(doc, offset + m.start()))
                if label is not None:
                    found.append((m.start(), label, m.group(0).strip()))
                text = _mask(text, m.start(), m.end())
    seen: set[str] = set()
    out: list[tuple[int, str, str | None]] = []
    for start, label, source in sorted(found, key=lambda f: (f[0], f[2] is not None)):
        if label not in seen:
            seen.add(label)
            out.append((offset + start, label, source))
    return tuple(out)


# Verbs that put what they govern ahead: "is expected to reach", "plans to build", "aims to".
# Matched by form (the pipeline runs without a lemmatizer): each root with its endings.
FORECAST_VERBS = frozenset(form for root in ("expect", "plan", "aim", "hope", "target", "intend", "forecast",
                                             "project", "predict", "schedule", "pledge", "vow", "promise")
                           for form in (root, root + "s", root + "ed", root + "d", root + "ing",
                                        root + root[-1] + "ed", root + root[-1] + "ing"))


def is_ahead(doc, start: int) -> bool:
    """Whether the clause that holds the date at `start` tells of a plan or a forecast:
    a verb with "will"/"shall" (or "going to"), a forecasting verb not in the past ("is
    expected to", "plans to"), or a deadline "by <date>" under a verb not in the past.
    Walks up from the date as `_is_past` does; a past tense verb settles it as the past."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    token = span[0] if span is not None and len(span) else None
    deadline = token is not None and token.head.lower_ == "by" and token.dep_ == "pobj"
    for _ in range(8):
        if token is None:
            return False
        if token.pos_ in {"VERB", "AUX"}:
            children = {c.lower_ for c in token.children}
            if children & {"will", "'ll", "shall", "wo"} or (token.lower_ == "going" and "to" in
                                                             {c.lower_ for c in token.rights}):
                return True
            if token.tag_ == "VBD" or (token.tag_ == "VBN" and any(
                    c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in token.children)):
                return False
            if token.lower_ in FORECAST_VERBS and token.tag_ != "VBD":
                return True
            if token.tag_ in {"VBZ", "VBP"}:
                return deadline
        if token.head is token:
            return deadline
        token = token.head
    return deadline


def find_events(parsed: ParsedArticle, published: str | None = None) -> tuple[Event, ...]:
    """One event per (body sentence, date), in reading order. `published` (ISO) anchors
    relative dates; without it they are left out."""
    anchor = parse_published(published)
    events: list[Event] = []
    for unit, doc in zip(parsed.units, parsed.docs):
        if unit.field != "body":
            continue
        for sentence in doc.sents:
            for start, label, source in dated_positions(sentence, anchor):
                ahead = is_ahead(doc, start) or starts_after(label, published)
                events.append(Event(date=label, text=sentence.text.strip(), article=parsed.article.id,
                                    paragraph=unit.paragraph, resolved_from=source, ahead=ahead))
    return tuple(events)

