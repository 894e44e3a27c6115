"""One file to one `Article`: read → segment → clean → structure (and its optional sidecar).

Its own module because the cache stores what it returns: `cache.CACHED_STAGES` names it, so
a change here, or in any module it imports, starts a fresh cache.
"""

from __future__ import annotations

from pathlib import Path

from generator.clean import clean_lines
from generator.model import Article, Cleaned
from generator.read import read_sidecar, read_source
from generator.segment import segment_lines
from generator.structure import structure_article


def clean_file(path: Path) -> Cleaned:
    source = read_source(path)
    return clean_lines(source, segment_lines(source))


def parse_article(path: Path) -> Article:
    """read → segment → clean → structure, for one file (and its optional sidecar)."""
    return structure_article(clean_file(path), read_sidecar(path))
