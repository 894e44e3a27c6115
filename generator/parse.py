"""One file to one `Article`: read → segment → clean → structure (and its optional sidecar).

Its own module because the cache stores what it returns: `cache.CACHED_STAGES` names it, so
a change here, or in any module it imports, starts a fresh cache.
"""

from __future__ import annotations

from pathlib import Path

from generator.clean import clean_lines
from generator.model import Article, Cleaned
from generator.read import MAX_SEED_BYTES, read_sidecar, read_source
from generator.segment import segment_lines
from generator.structure import structure_article


def clean_file(path: Path, max_bytes: int = MAX_SEED_BYTES) -> Cleaned:
    source = read_source(path, max_bytes)
    return clean_lines(source, segment_lines(source))


def parse_article(path: Path, max_bytes: int = MAX_SEED_BYTES) -> Article:
    """read → segment → clean → structure, for one file (and its optional sidecar)."""
    return structure_article(clean_file(path, max_bytes), read_sidecar(path))
