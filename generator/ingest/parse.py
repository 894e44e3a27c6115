"""One file to one `Article`: read → segment → clean → structure (and its optional sidecar).

A saved web page (`.html`, `.htm`) takes the same stages: its text lines are fated by the
cleaner and by its markup (html_article.py), then `structure_article` reads the fields off
the fates as for a text dump; what the markup states (agency, date, outlet) joins them, a
sidecar winning field by field.

Its own module because the cache stores what it returns: `cache.CACHED_STAGES` names it, so
a change here, or in any module it imports, starts a fresh cache.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.ingest.clean import clean_lines
from generator.errors import InputError
from generator.ingest.html_article import DEFAULT_FALLBACK, Fallback, HtmlCleaned, html_cleaned, page_text
from generator.model import Article, Cleaned, Fate, SourceMeta, SourceText
from generator.ingest.read import MAX_SEED_BYTES, read_sidecar, read_source
from generator.ingest.read_html import is_html, read_html
from generator.ingest.segment import segment_lines
from generator.ingest.structure import structure_article


def clean_html(path: Path, fallback: Fallback = DEFAULT_FALLBACK) -> HtmlCleaned:
    """A page's lines with their fates; refused when no article text is left."""
    source = read_html(path)
    text = page_text(source)
    if not text.strip():
        raise InputError(path, "no text left after removing the page's markup and scripts",
                         hint="is this the article's page? save it again, or its text as .txt")
    result = html_cleaned(source, SourceText(path=path, text=text, encoding=source.encoding,
                                             sha256=source.sha256), fallback)
    if not result.cleaned.lines_with(Fate.BODY):
        raise InputError(path, "no article text found in the page",
                         hint="is this the article's page? save it again, or its text as .txt")
    return result


def clean_file(path: Path, max_bytes: int = MAX_SEED_BYTES) -> Cleaned:
    if is_html(path):
        return clean_html(path).cleaned
    source = read_source(path, max_bytes)
    return clean_lines(source, segment_lines(source))


def merge_meta(sidecar: SourceMeta | None, page: SourceMeta) -> SourceMeta | None:
    """The sidecar's fields, and the page's where the sidecar says nothing."""
    if sidecar is None:
        return page if page != SourceMeta() else None
    return SourceMeta(published=sidecar.published or page.published,
                      outlet=sidecar.outlet or page.outlet, url=sidecar.url or page.url)


def parse_article(path: Path, max_bytes: int = MAX_SEED_BYTES) -> Article:
    """read → segment → clean → structure, for one file (and its optional sidecar)."""
    if not is_html(path):
        return structure_article(clean_file(path, max_bytes), read_sidecar(path))
    page = clean_html(path)
    meta = merge_meta(read_sidecar(path), SourceMeta(published=page.meta.published,
                                                     outlet=page.meta.outlet))
    article = structure_article(page.cleaned, meta)
    return replace(article, agency=page.meta.agency or article.agency)
