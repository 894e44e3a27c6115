"""Quote and timeline figures on the seeds, against ../shared/seeds-gold/{quotes,timeline}.yml.

    .venv/bin/python benchmarks/eval_quotes_dates.py [--published YYYY-MM-DD] [--list]

Quotes: found = a quote of the right article whose text starts with the gold `starts`;
speaker right = its full name (or the surface name) is the gold name or one of its
aliases in entities.yml, or both are null and `described_as` matches. Extra = quotes not
matching any gold entry. Timeline: recall over gold events (right date, article, and the
`contains` phrase in the sentence); false = events that match no gold (date, article).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "seeds-gold"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from generator.nlp.dates import find_events  # noqa: E402
from generator.nlp.quotes import find_quotes  # noqa: E402
from oracle import event_matches, name_variants, parse_seeds, quote_matches, speaker_right  # noqa: E402




def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--published", help="anchor relative dates to this ISO date (all seeds)")
    parser.add_argument("--list", action="store_true", help="print every quote and event found")
    args = parser.parse_args(argv)
    gold_quotes = yaml.safe_load((GOLD / "quotes.yml").read_text(encoding="utf-8"))
    gold_timeline = yaml.safe_load((GOLD / "timeline.yml").read_text(encoding="utf-8"))
    variants = name_variants(yaml.safe_load((GOLD / "entities.yml").read_text(encoding="utf-8")))
    seeds = parse_seeds()

    total = found = right = extra = found_quotes = 0
    for number in sorted(seeds):
        quotes = find_quotes(seeds[number])
        found_quotes += len(quotes)
        golds = gold_quotes.get(number) or []
        for gold in golds:
            total += 1
            hits = [q for q in quotes if quote_matches(q, gold)]
            if hits:
                found += 1
                right += speaker_right(hits[0], gold, variants)
            else:
                print(f"MISSED  {number} {gold}")
            if hits and not speaker_right(hits[0], gold, variants):
                print(f"WRONG   {number} {gold['speaker']!r} got {hits[0].speaker_name or hits[0].speaker!r}"
                      f" ({hits[0].described_as!r})")
        for q in quotes:
            if not any(quote_matches(q, g) for g in golds):
                extra += 1
                print(f"EXTRA   {number} p{q.paragraph} {q.speaker_name or q.speaker!r}: {q.text[:70]}")
            if args.list:
                print(f"quote   {number} p{q.paragraph} {q.speaker_name or q.speaker or q.described_as!r}: {q.text[:70]}")

    events = {n: find_events(p, args.published) for n, p in seeds.items()}
    recall_hits = 0
    for gold in gold_timeline:
        ok = all(any(event_matches(e, gold) for e in events[n]) for n in gold["in"])
        recall_hits += ok
        if not ok:
            print(f"MISSED  event {gold}")
    gold_keys = {(n, g["date"]) for g in gold_timeline for n in g["in"]}
    false = relative = 0
    for n in sorted(events):
        for e in events[n]:
            if e.resolved_from is not None:
                relative += 1
            elif (n, e.date) not in gold_keys:
                false += 1
                print(f"FALSE   event {n} p{e.paragraph} {e.date}: {e.text[:70]}")
            if args.list:
                print(f"event   {n} p{e.paragraph} {e.date} {e.resolved_from or ''}: {e.text[:70]}")

    print(f"quotes: found {found}/{total} ({found / total:.0%}), speaker right {right}/{total} "
          f"({right / total:.0%}), {found_quotes} quotes output, {extra} not in gold")
    print(f"timeline: recall {recall_hits}/{len(gold_timeline)} ({recall_hits / len(gold_timeline):.0%}), "
          f"false events {false}, relative events {relative}"
          + ("" if args.published else " (no publication date given)"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
