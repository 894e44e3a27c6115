"""A parsed web page to the same `Cleaned` lines a text dump gives, plus what its markup states.

Measured on ../shared/extraction-dev/html (`benchmarks/eval_extraction.py --html`, body F1):
trafilatura alone 0.962, our cleaner alone on the page's text 0.937, our cleaner over
trafilatura's text 0.935 (its body run cuts in where trafilatura is right), this mix 0.973
(5-fold CV 0.973):
- the body is trafilatura's main content (head/p/list/quote/table), less the headline and
  standfirst it keeps on top (headings before the first paragraph); where trafilatura
  stopped early, our cleaner's body run on the page's text (`Fallback`);
- every other line of the page's text (html-text's layout, the plain dumps' style) keeps
  the fate our cleaner gives it (videos, related headlines, kind, column), so these come
  from the same rules as for dumps; its body lines outside the chosen body go to the
  cleaning report (`outside-main-content`);
- headline, authors, agency, date, outlet and section come from the markup (html_meta.py),
  captions from `<figcaption>`, a standfirst outside the article from og:description.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import html_text
import lxml.html
import trafilatura

from generator.ingest.clean import clean_lines
from generator.ingest.html_meta import PageMeta, page_meta
from generator.model import Cleaned, Decision, Fate, Line, SourceText
from generator.ingest.read_html import HtmlSource
from generator.ingest.segment import segment_lines
from generator.ingest.structure import MARKUP_AUTHOR_RULE

# Tags of trafilatura's main content that hold one body line each (lists and tables give
# one line per item or row).
_BLOCKS = ("p", "head", "quote", "code")
# A page line of at least this many words found inside a body paragraph is part of it (the
# page's text splits a paragraph where an inline element is set as a block); a shorter one
# ("Video", "Email") is a menu entry that happens to occur in the text. Set by hand (three
# words already match common menu phrases such as "Share this story"); the body figures of
# --html are the same for 3 to 6.
COVER_MIN_WORDS = 4
# Fates of the page-text lines our cleaner still decides: the markup has no better answer
# (kicker, opinion label and column only where they sit just above the headline,
# layout.KICKER_WINDOW, as on a text dump).
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


def split_lead(main: list[tuple[str, str]], title: str | None) -> tuple[list[str], list[str]]:
    """(standfirst, body): trafilatura keeps the headline and standfirst on top of the main
    content, as headings before the first paragraph; a page of headings only is all body."""
    lead = 0
    while lead < len(main) and main[lead][0] == "head":
        lead += 1
    if lead == len(main):
        return [], [text for _, text in main]
    standfirst = [text for _, text in main[:lead] if title is None or _norm(text) != _norm(title)]
    return standfirst, [text for _, text in main[lead:]]


def figure_captions(tree: lxml.html.HtmlElement) -> frozenset[str]:
    """The text of every <figcaption> (and itemprop="caption"): a photo's caption and credit."""
    return frozenset(_norm(_text(e)) for e in tree.xpath('//figcaption | //*[@itemprop="caption"]')
                     if _text(e))


@dataclass(frozen=True, slots=True)
class _Marked:
    """What the markup says of the page's lines, for `page_decision`."""

    kept: frozenset[str]  # title, standfirst and body lines (normalised)
    kept_text: str  # the same, joined: a page line may be a fragment of a body paragraph
    captions: frozenset[str]
    description: str  # og:description and the like, normalised
    section_known: bool


def page_decision(d: Decision, marked: _Marked) -> Decision | None:
    """The fate of one line of the page's text, or None when the markup's lines already
    hold it (a title, standfirst or body line)."""
    key = _norm(d.line.text)
    if key in marked.kept or (len(key.split()) >= COVER_MIN_WORDS and key in marked.kept_text):
        return None
    if key in marked.captions:
        return Decision(d.line, Fate.IMAGE, "html-figcaption")
    if key == marked.description:
        return Decision(d.line, Fate.STANDFIRST, "html-description")
    if d.fate in _KEPT_FATES and not (d.fate is Fate.SECTION and marked.section_known):
        return d
    return Decision(d.line, Fate.FURNITURE, d.rule if d.fate is Fate.FURNITURE else "outside-main-content")


@dataclass(frozen=True, slots=True)
class Fallback:
    """When our cleaner's body replaces trafilatura's: trafilatura stopped early (an article
    split over several containers) when at least `contained` of its words lie inside the
    cleaner's body run and that run has at least `longer` times as many words.

    Chosen by 5-fold cross-validation over pages on ../shared/extraction-dev/html
    (`benchmarks/eval_extraction.py --html --cv 5`, which prints the held-out figure; every
    fold chose these values); re-run it after a change here.
    """

    contained: float = 0.8
    longer: float = 1.5


DEFAULT_FALLBACK = Fallback()


def _words(lines: list[str]) -> int:
    return sum(len(line.split()) for line in lines)


def choose_body(main_body: list[str], cleaner_body: list[str], fallback: Fallback) -> tuple[list[str], str]:
    """(body lines, rule): trafilatura's, or the cleaner's where trafilatura stopped early."""
    inside = {_norm(t) for t in cleaner_body}
    joined = "\n".join(inside)
    shared = _words([t for t in main_body if _norm(t) in inside
                     or (len(t.split()) >= COVER_MIN_WORDS and _norm(t) in joined)])
    total = _words(main_body)
    if total and shared >= fallback.contained * total and _words(cleaner_body) >= fallback.longer * total:
        return cleaner_body, "body-run-beyond-main-content"
    return main_body, "main-content"


def html_cleaned(source: HtmlSource, text_source: SourceText,
                 fallback: Fallback = DEFAULT_FALLBACK) -> HtmlCleaned:
    """Fate every line: markup for title, authors, section and captions, trafilatura for the
    body, our cleaner for the rest of the page's text."""
    tree = source.tree
    document = trafilatura.bare_extraction(copy.deepcopy(tree), include_comments=False,
                                           with_metadata=False, deduplicate=False)
    main = main_lines(getattr(document, "body", None))
    meta = page_meta(tree, "\n".join(text for _, text in main))
    page = clean_lines(text_source, segment_lines(text_source), headline=meta.title)
    standfirst, body = split_lead(main, meta.title)
    standfirst_keys = {_norm(t) for t in standfirst}
    body, body_rule = choose_body(body, [d.line.text for d in page.lines_with(Fate.BODY)
                                         if _norm(d.line.text) not in standfirst_keys],
                                  fallback)
    if meta.description and _norm(meta.description) in {_norm(t) for t in body[1:]}:
        # The description is body where it opens the article (measured: dropping it there
        # cost recall on 8 of the 61 dev pages); elsewhere it is a standfirst that the main
        # content picked up from the header.
        standfirst += [t for t in body[1:] if _norm(t) == _norm(meta.description)][:1]
        body = body[:1] + [t for t in body[1:] if _norm(t) != _norm(meta.description)]
    kept = [_norm(t) for t in [meta.title or ""] + standfirst + body]
    description = _norm(meta.description or "")
    title_key = _norm(meta.title or "")
    marked = _Marked(kept=frozenset(kept), kept_text="\n".join(kept), captions=figure_captions(tree),
                     description="" if description in kept or standfirst else description,
                     section_known=meta.section is not None)
    # The page line of the headline (0 when the page does not show it).
    title_at = next((d.line.number for d in page.decisions if _norm(d.line.text) == title_key), 0)

    number_of: dict[str, int] = {}
    placed: list[tuple[int, int, Decision]] = []
    for d in page.decisions:
        number_of.setdefault(_norm(d.line.text), d.line.number)
        if (decision := page_decision(d, marked)) is not None:
            placed.append((d.line.number, len(placed), decision))

    def place(text: str, fate: Fate, rule: str, after: int) -> int:
        """At the number of the page line that shows `text`, never before `after`: the
        markup's lines keep their own order among the page's."""
        number = max(number_of.get(_norm(text), after), after)
        placed.append((number, len(placed), Decision(Line(number=number, text=text), fate, rule)))
        return number

    if meta.section is not None:
        place(meta.section, Fate.SECTION, "html-section", max(title_at - 1, 0))
    if meta.opinion:
        place(meta.opinion, Fate.KIND, "html-opinion", max(title_at - 1, 0))
    last = place(meta.title, Fate.TITLE, "html-headline", 0) if meta.title is not None else 0
    for name in meta.authors:
        place(name, Fate.AUTHOR, MARKUP_AUTHOR_RULE, last)
    for text in standfirst:
        last = place(text, Fate.STANDFIRST, "html-standfirst", last)
    for text in body:
        last = place(text, Fate.BODY, body_rule, last)
    decisions = tuple(d for _, _, d in sorted(placed, key=lambda t: (t[0], t[1])))
    return HtmlCleaned(Cleaned(source=text_source, decisions=decisions), meta)


def page_text(source: HtmlSource) -> str:
    """The page's visible text with one line per block, blank lines between paragraphs
    (html-text's layout, the plain dumps' style), for our cleaner and the cleaning report."""
    return html_text.extract_text(copy.deepcopy(source.tree), guess_layout=True)
