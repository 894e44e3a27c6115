"""A parsed web page to the same `Cleaned` lines a text dump gives, plus what its markup states.

Measured on ../shared/extraction-dev/html (benchmarks/eval_extraction.py --html):
- the body is trafilatura's main content (its `<main>` of head/p/list/quote/table), less
  the headline and the standfirst it keeps at the top (headings before the first paragraph);
  our cleaner on the page's text lines scores lower (0.935 vs 0.962 F1), and so does our
  cleaner run over trafilatura's text (its body run cuts in where trafilatura is right);
- every other line of the page's text (html-text's layout, as the plain dumps) is fated by
  our own cleaner, so captions, videos, related headlines, the section and the kind come
  from the same rules as for dumps, and its body lines outside the main content go to the
  cleaning report (`outside-main-content`);
- headline, authors, agency, date and outlet come from the markup (html_meta.py).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import html_text
import lxml.html
import trafilatura

from generator.clean import clean_lines
from generator.html_meta import PageMeta, page_meta
from generator.model import Cleaned, Decision, Fate, Line, SourceText
from generator.read_html import HtmlSource
from generator.segment import segment_lines

# Tags of trafilatura's main content that hold one body line each (lists and tables give
# one line per item or row).
_BLOCKS = ("p", "head", "quote", "code")
# Fates of the page-text lines our cleaner still decides: the markup has no better answer.
_KEPT_FATES = frozenset({Fate.SECTION, Fate.KIND, Fate.COLUMN, Fate.IMAGE, Fate.LEAD_IMAGE,
                         Fate.VIDEO, Fate.RELATED, Fate.COMMENT_COUNT, Fate.AUTHOR_BIO,
                         Fate.CONTRIBUTOR})


@dataclass(frozen=True, slots=True)
class HtmlCleaned:
    """The page's lines with their fates, and the metadata its markup states."""

    cleaned: Cleaned
    meta: PageMeta


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join("".join(element.itertext()).split())


def main_lines(body: lxml.html.HtmlElement | None) -> list[tuple[str, str]]:
    """(tag, text) of each line of trafilatura's main content, in order; a `<lb/>` inside a
    paragraph splits it, as the page shows it."""
    if body is None:
        return []
    lines: list[tuple[str, str]] = [("p", body.text or "")]
    for child in body:
        if child.tag == "list":
            lines += [("item", _text(item)) for item in child.iter("item")]
        elif child.tag == "table":
            lines += [("row", " | ".join(_text(c) for c in row.iter("cell"))) for row in child.iter("row")]
        elif child.tag in _BLOCKS:
            parts, current = [], [child.text or ""]
            for sub in child:
                if sub.tag == "lb":
                    parts.append("".join(current))
                    current = [sub.tail or ""]
                else:
                    current += ["".join(sub.itertext()), sub.tail or ""]
            parts.append("".join(current))
            lines += [(child.tag, " ".join(p.split())) for p in parts]
        lines.append(("p", " ".join((child.tail or "").split())))  # text trafilatura left loose
    return [(tag, text) for tag, text in lines if text]


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def html_cleaned(source: HtmlSource, text_source: SourceText) -> HtmlCleaned:
    """Fate every line: markup for title and authors, trafilatura for the body, our cleaner
    for the rest of the page's text."""
    tree = source.tree
    document = trafilatura.bare_extraction(copy.deepcopy(tree), include_comments=False,
                                           with_metadata=False, deduplicate=False)
    main = main_lines(getattr(document, "body", None))
    meta = page_meta(tree, "\n".join(text for _, text in main))
    page = clean_lines(text_source, segment_lines(text_source))

    title = meta.title
    # The headline and standfirst trafilatura keeps on top: headings before the first paragraph.
    lead = 0
    standfirst: list[str] = []
    while lead < len(main) and main[lead][0] == "head":
        if title is None or _norm(main[lead][1]) != _norm(title):
            standfirst.append(main[lead][1])
        lead += 1
    if lead == len(main):  # only headings: they are the article
        lead, standfirst = 0, []
    body = [text for _, text in main[lead:]]

    covered = "\n".join(_norm(t) for t in [title or ""] + standfirst + body)
    number_of: dict[str, int] = {}
    decisions: list[tuple[int, int, Decision]] = []
    for order, d in enumerate(page.decisions):
        key = _norm(d.line.text)
        number_of.setdefault(key, d.line.number)
        if key in covered:
            continue  # the page's copy of a title, standfirst or body line
        if d.fate in _KEPT_FATES:
            decisions.append((d.line.number, order, d))
        else:
            rule = d.rule if d.fate is Fate.FURNITURE else "outside-main-content"
            decisions.append((d.line.number, order, Decision(d.line, Fate.FURNITURE, rule)))

    made: list[tuple[int, int, Decision]] = []

    def place(text: str, fate: Fate, rule: str, after: int) -> int:
        """At the number of the page line that shows `text`, never before `after`: the
        markup's lines keep their own order among the page's."""
        number = max(number_of.get(_norm(text), after), after)
        made.append((number, len(decisions) + len(made), Decision(Line(number=number, text=text), fate, rule)))
        return number

    last = place(title, Fate.TITLE, "html-headline", 0) if title is not None else 0
    for name in meta.authors:
        made.append((last, len(decisions) + len(made),
                     Decision(Line(number=last, text=name), Fate.AUTHOR, "html-author")))
    for text in standfirst:
        last = place(text, Fate.STANDFIRST, "html-standfirst", last)
    for text in body:
        last = place(text, Fate.BODY, "main-content", last)
    ordered = sorted(decisions + made, key=lambda t: (t[0], t[1]))
    result = [d for _, _, d in ordered]
    return HtmlCleaned(Cleaned(source=text_source, decisions=tuple(result)), meta)


def page_text(source: HtmlSource) -> str:
    """The page's visible text with one line per block, blank lines between paragraphs
    (html-text's layout, the plain dumps' style), for our cleaner and the cleaning report."""
    return html_text.extract_text(copy.deepcopy(source.tree), guess_layout=True)
