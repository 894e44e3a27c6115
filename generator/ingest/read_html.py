"""Decode and parse a saved web page (`.html`, `.htm`), or refuse it with a message naming it.

The bytes are decoded as the HTML standard says a browser does (byte-order mark, then the
page's `<meta charset>`, then sniffing; w3lib's `html_to_unicode`), mojibake left by a wrong
`<meta charset>` is repaired as for text dumps, and the page is parsed once with lxml into a
tree that nothing downstream serialises back to HTML: only its text leaves this module's
callers. Nothing is fetched: the tree, never a string, is what trafilatura and htmldate get
(htmldate downloads a string that looks like a URL).
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
import lxml.etree
import lxml.html
from w3lib.encoding import html_to_unicode

from generator.errors import InputError
from generator.ingest.read import normalise_text

HTML_SUFFIXES = (".html", ".htm")
# The largest page we parse. The 61 pages of ../shared/extraction-dev weigh 14 KB to 1.5 MB, a
# single-file save with its images inlined a few MB more;
# a bigger file is an archive or an attack (50 MB of nested divs), not one article. Reading
# is about linear in size: 4 MB of paragraphs takes 19 s (trafilatura half of it), so the
# limit bounds the worst page near 50 s.
MAX_HTML_BYTES = 10_000_000
# A page is HTML when one of these tags opens within its first characters (after a BOM,
# comments and a doctype): a text file renamed .html has none.
_HTML_START = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|meta|title|article|div|p)[\s>/]",
                         re.IGNORECASE)
HTML_SNIFF_CHARS = 4096
# Elements whose text is never article text and never shown (scripts, styles, embedded
# documents and forms): dropped from the tree before anything reads it.
DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "frame", "frameset",
                "object", "embed", "applet", "svg", "math", "form", "button", "select",
                "textarea", "input", "canvas", "audio", "video", "source", "track", "link",
                "base")


@dataclass(frozen=True, slots=True)
class HtmlSource:
    """A parsed page: the tree with scripts and forms removed, and how it was decoded."""

    path: Path
    tree: lxml.html.HtmlElement
    encoding: str
    sha256: str


def is_html(path: Path) -> bool:
    return path.suffix.lower() in HTML_SUFFIXES


def _sniff(data: bytes) -> str | None:
    """The encoding of a page that declares none: UTF-8 when it decodes, else the best guess."""
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(data[:200_000]).best()
        return best.encoding if best else None


def decode_html(path: Path, data: bytes) -> tuple[str, str]:
    """The page's text and the encoding used: a byte-order mark, then bytes that are valid
    UTF-8, then the HTML standard's order (`<meta charset>`, then sniffing).

    Valid UTF-8 outranks `<meta charset>`, unlike in a browser: a page re-saved as UTF-8
    keeps its old declaration (every page of ../shared/extraction-dev/html does), and UTF-8
    read as cp1252 loses characters for good (0x9d of a closing quote is undefined there),
    while legacy text with accented letters is almost never valid UTF-8."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return normalise_text(data.decode("utf-8")), "utf-8"
        except UnicodeDecodeError:
            pass
    encoding, text = html_to_unicode(None, data, default_encoding="cp1252", auto_detect_fun=_sniff)
    return normalise_text(text), encoding


def read_html(path: Path) -> HtmlSource:
    """Read, decode and parse `path`; raise `InputError` naming it when it is not a page."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror or err}") from err
    if not data.strip():
        raise InputError(path, "empty file", hint="save the page again, or remove the file")
    if len(data) > MAX_HTML_BYTES:
        raise InputError(path, f"page too large: {len(data):,} bytes (the limit is {MAX_HTML_BYTES:,})",
                         hint="save the article's page alone, without its resources")
    text, encoding = decode_html(path, data)
    head = re.sub(r"<!--.*?-->", "", text[:HTML_SNIFF_CHARS * 4], flags=re.DOTALL)[:HTML_SNIFF_CHARS]
    if "\x00" in text or not _HTML_START.search(head):
        raise InputError(path, "not an HTML page: no <html>, <head> or <body> tag at its start",
                         hint="save the page as HTML, or save its text as a .txt file")
    try:
        tree = lxml.html.document_fromstring(text, parser=_parser())
    except (lxml.etree.ParserError, ValueError) as err:
        raise InputError(path, f"cannot parse as HTML: {err}") from err
    strip_page(tree)
    return HtmlSource(path=path, tree=tree, encoding=encoding, sha256=hashlib.sha256(data).hexdigest())


def _parser() -> lxml.html.HTMLParser:
    """Comments and processing instructions dropped, no network, no huge-tree mode (so a
    page nested thousands of levels deep is cut at libxml2's depth limit, not recursed)."""
    return lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False,
                                no_network=True, huge_tree=False, default_doctype=False)


def strip_page(tree: lxml.html.HtmlElement) -> None:
    """Drop scripts (but JSON-LD, which is data: headline, author, dates), styles, embeds and
    forms, and every attribute but the few the text
    readers use (class and id for where a byline sits, itemprop/rel/property/name/content for
    metadata, datetime for dates): no event handler or URL survives in the tree."""
    for element in tree.xpath("|".join(f"//{tag}" for tag in DROPPED_TAGS)):
        if element.getparent() is not None and not (
                element.tag == "script" and element.get("type", "").strip().lower() == JSON_LD):
            element.drop_tree()
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name in list(element.attrib):
            if name not in KEPT_ATTRIBUTES:
                del element.attrib[name]


KEPT_ATTRIBUTES = frozenset({"class", "id", "itemprop", "itemtype", "rel", "property", "name",
                             "content", "datetime", "charset", "lang", "type"})
JSON_LD = "application/ld+json"
