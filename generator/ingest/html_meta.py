"""What a page's markup states about its article: headline, authors, agency, date, outlet.

Sources, in the order they are trusted (each measured with score_meta.py on
../shared/extraction-dev/html, see benchmarks/eval_extraction.py --html):
- headline: the visible `<h1>` that agrees best with what the page calls itself (og:title,
  JSON-LD headline, `<title>`); an `<h1>` that is the site's name is no headline. Without
  one, that metadata title less its site-name suffix.
- authors: the first source naming a person: JSON-LD `author` of type Person; trafilatura's
  author (meta tags, byline markup); a "By ..." line just under the headline. A name is no
  person when it is the outlet's or an Organization's, a CMS account ("admin"), a URL, has
  an acronym beside words in normal case, ends in an organisation noun ("... Agency") or, as
  one word, is in the site's host name or credited in brackets in the body ("(Reuters)").
  An Organization author, or a credit refused as a person, is the agency.
- published: htmldate's original publication date (no network: it gets the tree).
- outlet: og:site_name, JSON-LD publisher, as trafilatura reads them.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass

import lxml.html
from trafilatura.metadata import extract_metadata

from generator.ingest.byline import (CMS_ACCOUNTS, CREDIT_PREFIX, DATE_WORDS, NAME_MAX_TOKENS, NAME_SEPARATOR,
                                     ORG_NOUNS, PARTICLES)
from generator.ingest.shapes import OPINION_MARKERS

# The best <h1> agreeing with the page's metadata titles at least this much (token F1) is
# the headline. On ../shared/extraction-dev/html the headline <h1>s score 0.35 to 1 (0.35
# where og:title words it anew), the other <h1>s (site names, widget heads) at most 0.2 but
# one at 0.5 that loses to its page's headline: the bound sits in that gap.
HEADLINE_MIN_AGREEMENT = 0.3
# schema.org types of an opinion piece.
OPINION_TYPES = frozenset({"OpinionNewsArticle", "AnalysisNewsArticle"})
# A section label has at most this many words (JSON-LD articleSection sometimes holds a list
# of keywords or a sentence).
SECTION_MAX_WORDS = 4
_TOKEN = re.compile(r"\w+")
# Site-name suffixes of a metadata title: "Headline | Site", "Headline - Site".
_SUFFIX = re.compile(r"\s+[|\-–—:·•»]\s+")
_NOT_NAME = re.compile(r"https?://|www\.|@|\d")
_BYLINE_START = re.compile(r"^by\s+\S", re.IGNORECASE)
# How many text blocks after the headline a "By ..." line may sit, and its longest length.
BYLINE_LOOKAHEAD = 12
BYLINE_MAX_CHARS = 160


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str | None = None
    authors: tuple[str, ...] = ()
    agency: str | None = None
    published: str | None = None
    outlet: str | None = None
    description: str | None = None  # og:description and the like: often the standfirst
    section: str | None = None  # article:section, JSON-LD articleSection
    opinion: str | None = None  # the label that makes it opinion: an opinion section, or the
    # JSON-LD type OpinionNewsArticle (then "Opinion")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def agreement(a: str, b: str) -> float:
    """Token F1 of two titles."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    common = sum(min(ta.count(t), tb.count(t)) for t in set(ta))
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _same(a: str | None, b: str | None) -> bool:
    """Equal up to case, spaces and punctuation ("CBSSports.com" and "CBS Sports .com")."""
    return bool(a and b) and "".join(_tokens(a)) == "".join(_tokens(b))


def jsonld_objects(tree: lxml.html.HtmlElement) -> list[dict]:
    """Every JSON object of the page's JSON-LD, @graph members included; broken JSON skipped."""
    found: list[dict] = []

    def walk(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            found.append(node)
            walk(node.get("@graph"))

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            walk(json.loads(script.text_content()))
        except (ValueError, RecursionError):
            continue
    return found


def _types(obj: dict) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k) for k in kinds if k}


def choose_headline(tree: lxml.html.HtmlElement, titles: list[str], outlet: str | None) -> str | None:
    """The visible headline: the <h1> that best agrees with the page's metadata titles."""
    best, best_score = None, 0.0
    for h1 in tree.iter("h1"):
        text = _clean(h1.text_content())
        if not text or _same(text, outlet):
            continue
        score = max((agreement(text, t) for t in titles), default=0.0)
        if score > best_score:
            best, best_score = text, score
    if best is not None and best_score >= HEADLINE_MIN_AGREEMENT:
        return best
    for title in titles:
        parts = [p for p in _SUFFIX.split(title) if p and not _same(p, outlet)]
        if parts:
            return max(parts, key=len) if len(parts) > 1 and _SUFFIX.search(title) else parts[0]
    return None


def is_stamp(tokens: list[str], n: int, after_name: bool) -> bool:
    """Token `n` opens a date stamp (byline.DATE_WORDS: "Updated", "Monday", "Nov"): after a
    name, or before another stamp word or a number ("Updated Monday", "November 18"); a
    first name that is also a month stays one ("Jan Novak", "May Lee")."""
    if not DATE_WORDS.match(tokens[n]):
        return False
    following = tokens[n + 1] if n + 1 < len(tokens) else ""
    return after_name or not following or bool(DATE_WORDS.match(following)) or following[:1].isdigit()


def person_names(text: str) -> list[str]:
    """The person names in a byline string: 'By A, B and C', run-on dates and roles cut."""
    names = []
    for part in NAME_SEPARATOR.split(CREDIT_PREFIX.sub("", _clean(text), count=1)):
        words: list[str] = []
        tokens = part.split()
        for n, word in enumerate(tokens):
            if is_stamp(tokens, n, bool(words)) or (word[:1].islower() and word.casefold() not in PARTICLES):
                break  # a date or a sentence runs on after the name
            if len(words) >= 2 and all(w.isupper() for w in words) and not word.isupper():
                break  # "JILL LAWLESS Associated Press": the outlet after a name in capitals
            words.append(word)
        name = " ".join(words).strip(" .,|")
        if name:
            names.append(name)
    return names


# Words that make a credit a CMS account, not a person or an agency: "Staff" and "Editors"
# are also organisation nouns, which head a desk ("IGN Staff") and stay agencies.
_ACCOUNT_WORDS = CMS_ACCOUNTS - ORG_NOUNS


def is_account(name: str) -> bool:
    """A CMS account printed as the author: only words of `byline.CMS_ACCOUNTS` ("admin",
    "Guest Author"), or one token that opens or closes with one, a login ("jdadmin").
    Inside a person's name such a word is a name: "Al Root", "Sadmina Khan"."""
    words = [w.strip(".,;:()").casefold() for w in name.split()]
    if len(words) == 1:
        return any(words[0].startswith(a) or words[0].endswith(a) for a in _ACCOUNT_WORDS)
    return bool(words) and all(w in CMS_ACCOUNTS for w in words)


def is_person(name: str, outlet: str | None, organisations: set[str],
              site: frozenset[str] = frozenset(), credited: str = "") -> bool:
    """Shape of a person's name: a few words, no URL or digit, not the outlet or an
    Organization of the page, not a CMS account (`is_account`), no acronym beside
    words in normal case ("CNN Business"), no organisation noun at the end ("European
    Space Agency"), no initial as the last word ("Science X staff"). One word ("Regan") is
    no person when it is a word of the site's name or host (`site`: "Vortex" of "Vortex
    Cannon Entertainment") or the body credits it in brackets, as a wire's dateline does
    ("LONDON (Reuters) -", in `credited`)."""
    words = name.split()
    if not 1 <= len(words) <= NAME_MAX_TOKENS or _NOT_NAME.search(name) or is_account(name):
        return False
    if _same(name, outlet) or any(_same(name, o) for o in organisations):
        return False
    if f"({name.casefold()})" in credited or words[-1].casefold() in ORG_NOUNS:
        return False
    if len(words) == 1:
        return not (name.islower() or name.isupper()) and name.casefold() not in site
    if not name.isupper() and any(len(w) > 1 and w.isupper() and w.isalpha() for w in words):
        return False
    return len(words[-1].strip(".")) > 1


def title_suffix(page_title: str, headline: str | None) -> str | None:
    """The site name a <title> adds after the headline ("Headline – Vortex Cannon Entertainment")."""
    if not headline or not page_title.casefold().startswith(headline.casefold()):
        return None
    rest = page_title[len(headline):]
    match = _SUFFIX.match(rest)
    return _clean(rest[match.end():]) or None if match else None


def byline_under(tree: lxml.html.HtmlElement, headline: str | None) -> list[str]:
    """The names of a "By ..." line among the first text blocks after the headline's <h1>."""
    h1 = next((h for h in tree.iter("h1") if _clean(h.text_content()) == headline), None)
    if h1 is None:
        return []
    following = h1.xpath("following::*[self::p or self::div or self::span or self::li or self::address]"
                         f"[position() <= {BYLINE_LOOKAHEAD}]")
    for element in following:
        text = _clean(element.text_content())
        if text and len(text) <= BYLINE_MAX_CHARS and _BYLINE_START.match(text):
            return person_names(text)
    return []


def _strings(value: object) -> list[str]:
    """A JSON-LD text value: a string, or a list of strings (`"name": ["Jane Doe", "John
    Roe"]`); anything else (a number, an object) names nobody."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v for v in value if v.strip()]
    return []


def _names_of(value: object) -> tuple[list[str], set[str]]:
    """The names of a JSON-LD author or publisher (an object with a `name`, or a bare
    string) and its types."""
    if isinstance(value, dict):
        return _strings(value.get("name")), _types(value)
    return _strings(value), set()


def page_meta(tree: lxml.html.HtmlElement, body: str = "") -> PageMeta:
    """`body` is the article's text, where a wire's dateline credits it."""
    metadata = extract_metadata(copy.deepcopy(tree), date_config=DATE_CONFIG)
    objects = jsonld_objects(tree)
    outlet = _clean(metadata.sitename) or None
    titles = [_clean(t) for t in tree.xpath('//meta[@property="og:title" or @name="twitter:title"]/@content')]
    titles += [_clean(o.get("headline")) for o in objects if isinstance(o.get("headline"), str)]
    titles += [_clean(metadata.title), _clean(tree.findtext(".//title"))]
    titles = [t for t in dict.fromkeys(titles) if t]

    typed: list[str] = []
    organisations: set[str] = set()
    for obj in objects:
        authors = obj.get("author")
        for value in authors if isinstance(authors, list) else [authors]:
            names, kinds = _names_of(value)
            for name in names:
                if kinds & {"Organization", "NewsMediaOrganization", "Corporation"}:
                    organisations.add(_clean(name))
                elif "Person" in kinds:
                    typed += person_names(name)
        organisations.update(_clean(name) for name in _names_of(obj.get("publisher"))[0])
    headline = choose_headline(tree, titles, outlet)
    # The first source that names a person wins: JSON-LD, then meta tags and byline markup
    # (trafilatura), then a "By ..." line under the headline.
    rejected: list[str] = []
    authors: tuple[str, ...] = ()
    outlet = outlet or title_suffix(_clean(tree.findtext(".//title")), headline)
    site = frozenset(_tokens(outlet or "")) | frozenset(re.split(r"[.\-]", (metadata.hostname or "").casefold()))
    credited = body.casefold()
    for names in (typed, person_names(metadata.author or ""), byline_under(tree, headline)):
        names = list(dict.fromkeys(names))
        authors = tuple(n for n in names if is_person(n, outlet, organisations, site, credited))
        rejected += [n for n in names if n not in authors]
        if authors:
            break
    agency = next((o for o in sorted(organisations) if not _same(o, outlet)), None)
    agency = agency or next((n for n in rejected if not _same(n, outlet) and not is_account(n)
                             and not _NOT_NAME.search(n) and len(n.split()) <= 3), None)
    sections = [_clean(t) for t in tree.xpath('//meta[@property="article:section"]/@content')]
    for obj in objects:
        value = obj.get("articleSection")
        sections += [_clean(v) for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
    section = next((s for s in sections if s and len(s.split()) <= SECTION_MAX_WORDS), None)
    opinion = section if section and OPINION_MARKERS.match(section) else None
    if opinion is None and any(_types(o) & OPINION_TYPES for o in objects):
        opinion = "Opinion"
    return PageMeta(title=headline, authors=authors, agency=agency, published=metadata.date or None,
                    outlet=outlet, description=_clean(metadata.description) or None,
                    section=None if opinion == section else section, opinion=opinion)


# htmldate: the original publication date, from markup only (no extensive text search, so
# a date in a comment or a teaser is not taken), never later than a fixed bound (htmldate's
# default bound is today, which would make output depend on the clock).
DATE_CONFIG = {"extensive_search": False, "original_date": True, "max_date": "2100-12-31"}
