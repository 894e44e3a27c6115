"""Calibration of the story grouping (generator/stories.py) on real articles.

    .venv/bin/python benchmarks/eval_stories.py

Enriches the 61 extraction-dev bodies (with their hand-checked titles) and the five seeds
(~1 minute: the spaCy model runs), then prints, for the whole set and for the seeds alone,
the pairs with the highest similarity and lift, each marked as one of the two known
same-event pairs (`SAME_EVENT`, read by hand from the titles and bodies) or not, and the
stories `find_stories` forms. Every other pair is a different story: the five seeds are
five stories on one topic. Re-run after changing stories.py or the NLP stage.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

import yaml  # noqa: E402

from conftest import make_article  # noqa: E402
from make_copies import gold_bodies  # noqa: E402

from generator.corpus import stories as S  # noqa: E402
from generator.config import Settings  # noqa: E402
from generator.corpus.briefing import build_briefing  # noqa: E402
from generator.nlp.enrich import enrich_articles  # noqa: E402
from generator.ingest.parse import parse_article  # noqa: E402

DEV = ROOT.parent / "shared" / "extraction-dev"
# extraction-dev ids (prefixes) of separately written reports of one event.
SAME_EVENT = ({"c7e39ac4", "dc7ccccc"}, {"7bb1ca90", "a078b365"})


def dev_and_seeds(settings: Settings):
    articles = []
    for key, paragraphs in gold_bodies(DEV / "gold").items():
        meta = yaml.safe_load((DEV / "meta" / f"{key}.yml").read_text(encoding="utf-8"))
        articles.append(dataclasses.replace(make_article(*paragraphs, id=key[:8]), title=meta["title"]))
    articles += [parse_article(p) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return enrich_articles(tuple(articles), settings).enriched


def report(name: str, enriched) -> None:
    briefing = build_briefing(enriched)
    ordered = sorted(enriched, key=lambda e: e.article.id)
    named = S.lead_entities(briefing.entities)
    pairs = S.similarities([S.lead_signals(e, named.get(e.article.id, set())) for e in ordered])
    background = S.backgrounds(pairs, len(ordered))
    rows = []
    for i, j, s in zip(pairs.row, pairs.col, pairs.data):
        a, b = ordered[i].article, ordered[j].article
        lift = s / max(background[i], background[j]) if max(background[i], background[j]) else float("inf")
        same = any({a.id[:8], b.id[:8]} == pair for pair in SAME_EVENT)
        rows.append((float(s), lift, same, a.title[:38], b.title[:38]))
    print(f"== {name}: {len(ordered)} articles")
    for label, key in (("similarity", lambda r: -r[0]), ("lift", lambda r: -r[1])):
        print(f"-- highest {label}")
        for s, lift, same, ta, tb in sorted(rows, key=key)[:6]:
            print(f"  {s:.3f}  lift {lift:6.2f}  {'SAME EVENT' if same else 'different '}  {ta} | {tb}")
    truth = [set(p) for p in SAME_EVENT]
    for story in briefing.stories:
        ids = {i[:8] for i in story.articles}
        print(f"  story {story.key}: {len(ids)} articles, {'a known pair' if ids in truth else 'NOT a known pair'}")


def main() -> int:
    enriched = dev_and_seeds(Settings(root=ROOT))
    report("extraction-dev + seeds", enriched)
    report("seeds alone", tuple(e for e in enriched if "_" in e.article.id))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
