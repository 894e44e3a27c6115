"""What an event's date label means: the words a reader sees and the span of days it covers.

Labels keep the precision the article gave (generator/dates.py): "2019", "2022-08",
"2022-08-02", a decade "1980s", or a century written as its first year "1800s" (from
"the 19th century" or "the 1800s", which say the same). The span lets briefing.json sort
and compare them; the words keep the page from showing "2022-08".
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

_LABEL = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$|^(?P<decade>\d{3}0)s$")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def is_century(label: str) -> bool:
    """"1800s" is a century, "1980s" a decade. "2000s" stays the decade: the articles' own
    "the 2000s" means 2000-2009 far more often than the 21st century."""
    return bool(re.fullmatch(r"\d{2}00s", label)) and label != "2000s"


# Labels recur (a briefing of 5,000 articles has 65,000 events on far fewer dates), and the
# index pages and briefing.json ask for each event's words and span: each label is worked
# out once. The functions are pure; the bound only caps the memory.
LABEL_MEMO = 1 << 16


@functools.lru_cache(maxsize=LABEL_MEMO)
def readable_date(label: str) -> str:
    """"August 2022", "2 August 2022", "2019", "the 1980s", "19th century"; an unknown
    label as it is."""
    m = _LABEL.match(label)
    if m is None:
        return label
    if m["decade"]:
        return f"{_ordinal(int(label[:2]) + 1)} century" if is_century(label) else f"the {label}"
    if m["day"]:
        return f"{int(m['day'])} {calendar.month_name[int(m['month'])]} {m['year']}"
    if m["month"]:
        return f"{calendar.month_name[int(m['month'])]} {m['year']}"
    return m["year"]


@functools.lru_cache(maxsize=LABEL_MEMO)
def date_span(label: str) -> tuple[str, str] | None:
    """The first and last day (ISO) a label covers, or None for a label we do not know."""
    m = _LABEL.match(label)
    if m is None:
        return None
    try:
        if m["decade"]:
            first = int(m["decade"])
            last = first + (99 if is_century(label) else 9)
            return dt.date(first, 1, 1).isoformat(), dt.date(last, 12, 31).isoformat()
        year = int(m["year"])
        if m["day"]:
            day = dt.date(year, int(m["month"]), int(m["day"])).isoformat()
            return day, day
        if m["month"]:
            month = int(m["month"])
            return (dt.date(year, month, 1).isoformat(),
                    dt.date(year, month, calendar.monthrange(year, month)[1]).isoformat())
        return dt.date(year, 1, 1).isoformat(), dt.date(year, 12, 31).isoformat()
    except ValueError:
        return None


def starts_after(label: str, reference: str | None) -> bool:
    """Whether all of the date `label` lies after the ISO date `reference` (when known): a
    date later than the article that states it can only be a plan or a forecast."""
    span = date_span(label)
    return bool(reference and span and span[0] > reference[:10])
