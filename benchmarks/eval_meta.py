"""Headline and byline quality on ../shared/extraction-dev: the structure stage on both dumps.

    .venv/bin/python benchmarks/eval_meta.py              # the table, both dump styles
    .venv/bin/python benchmarks/eval_meta.py --worst 10   # plus the worst pages and why
    .venv/bin/python benchmarks/eval_meta.py --cv 5       # plus k-fold cross-validation

Each page's dump goes through read → segment → clean → structure (`parse.parse_article`,
no NLP: title and authors are the structure stage's), its `title` and `authors` are
written as `<id>.json` into a scratch folder, as `convert --format json` writes them, and
the dev set's own `score_meta.py` scores the folder (imported, not reimplemented): title
exact (mean over pages), authors P/R/F1 pooled over names, pages with invented authors
(the gold credits no person, we name some).

`--cv K` is the honest figure for anything calibrated on these pages: the pages are split
into K folds by sorted id; for each fold the point of `GRID` best on the other folds (mean
of title exact and authors F1, both styles, less a point per invented page) is chosen and
scored on the held-out fold only. Both dumps of a page fall in one fold.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import itertools
import json
import re
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.ingest import headline, structure  # noqa: E402
from generator.ingest.clean import clean_lines  # noqa: E402
from generator.ingest.read import read_source  # noqa: E402
from generator.ingest.segment import segment_lines  # noqa: E402
from generator.ingest.structure import structure_article  # noqa: E402

DEV_DIR = ROOT.parent / "shared" / "extraction-dev"
STYLES = ("browser", "plain")
# score_meta.py's contract: its last line is always of this form.
TOTAL_LINE = re.compile(r"title exact (?P<exact>[\d.]+), title F1 (?P<tf1>[\d.]+), authors P "
                        r"(?P<p>[\d.]+) R (?P<r>[\d.]+) F1 (?P<f1>[\d.]+), invented (?P<invented>\d+)")
# What an invented page costs in the cross-validation objective (one page of 61 is 0.016).
INVENTED_COST = 0.02
# The calibration grid for --cv: the module constants of generator/ingest/headline.py that
# weigh the headline signals (module, name) → values tried, the shipped value among them. The
# byline rules have no weights (shapes and positions only), so nothing there is fitted.
GRID: dict[tuple[str, str], tuple] = {
    ("headline", "HEADLINE_META_WEIGHT"): (2.0, 3.0, 4.0),
    ("headline", "HEADLINE_TEXT_WEIGHT"): (1.0, 2.0, 3.0),
    ("headline", "HEADLINE_BODY_WEIGHT"): (1.0, 2.0, 3.0),
    ("headline", "HEADLINE_RAIL_PENALTY"): (0.5, 1.5, 2.5),
}


@dataclass(frozen=True, slots=True)
class Figures:
    title_exact: float
    title_f1: float
    precision: float
    recall: float
    f1: float
    invented: int


def load_scorer(dev: Path = DEV_DIR) -> ModuleType:
    spec = importlib.util.spec_from_file_location("extraction_dev_score_meta", dev / "score_meta.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(path: Path) -> dict:
    """The structure stage's title and authors for one dump, as `convert --format json` has them."""
    source = read_source(path)
    article = structure_article(clean_lines(source, segment_lines(source)))
    return {"title": article.title, "authors": list(article.authors), "agency": article.agency}


def predictions(dev: Path, style: str, ids: list[str] | None = None) -> dict[str, dict]:
    gold_ids = ids if ids is not None else sorted(p.stem for p in (dev / "meta").glob("*.yml"))
    return {page: predict(dev / "dumps" / style / f"{page}.txt") for page in gold_ids}


def score(scorer: ModuleType, dev: Path, preds: dict[str, dict], per_page: bool = False) -> tuple[Figures, str]:
    """Run score_meta.py on `preds` (only those pages' gold); its printed text and the totals."""
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir, pred_dir = Path(tmp) / "gold", Path(tmp) / "pred"
        gold_dir.mkdir()
        pred_dir.mkdir()
        for page, pred in preds.items():
            (gold_dir / f"{page}.yml").write_bytes((dev / "meta" / f"{page}.yml").read_bytes())
            (pred_dir / f"{page}.json").write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
        out = io.StringIO()
        argv = [str(pred_dir), "--gold", str(gold_dir)] + (["--show"] if per_page else [])
        with contextlib.redirect_stdout(out):
            scorer.main(argv)
    text = out.getvalue()
    m = TOTAL_LINE.search(text.strip().splitlines()[-1])
    return Figures(float(m["exact"]), float(m["tf1"]), float(m["p"]), float(m["r"]), float(m["f1"]),
                   int(m["invented"])), text


def evaluate(dev: Path = DEV_DIR) -> dict[str, Figures]:
    scorer = load_scorer(dev)
    return {style: score(scorer, dev, predictions(dev, style))[0] for style in STYLES}


def page_faults(scorer: ModuleType, dev: Path, style: str, preds: dict[str, dict]) -> list[tuple[float, str, str]]:
    """(badness, page, what is wrong) for every page with a wrong title or author set."""
    import yaml

    faults = []
    for page, pred in preds.items():
        gold = yaml.safe_load((dev / "meta" / f"{page}.yml").read_text(encoding="utf-8"))
        title_ok = scorer.norm_title(pred["title"]) == scorer.norm_title(gold["title"])
        got, want = scorer.name_set(pred["authors"]), scorer.name_set(gold["authors"])
        wrong_names = len(got ^ want)
        if title_ok and not wrong_names:
            continue
        bad = (0 if title_ok else 1 + (1 - scorer.token_f1(pred["title"], gold["title"]))) + wrong_names
        why = []
        if not title_ok:
            why.append(f"title {pred['title']!r} (gold {gold['title']!r})")
        if wrong_names:
            why.append(f"authors {pred['authors']} (gold {gold['authors']})")
        faults.append((bad, page, "; ".join(why)))
    return sorted(faults, key=lambda f: (-f[0], f[1]))


def print_table(rows: dict[str, Figures], label: str) -> None:
    print(f"| dump ({label}) | title exact | authors P | authors R | authors F1 | pages with invented authors |")
    print("|---|---|---|---|---|---|")
    for style, f in rows.items():
        print(f"| {style} | {f.title_exact:.3f} | {f.precision:.2f} | {f.recall:.2f} | {f.f1:.3f} | {f.invented} |")


@contextlib.contextmanager
def constants(point: dict[tuple[str, str], object]):
    """Set module constants for one grid point, restoring them after (the benchmark only)."""
    modules = {"headline": headline, "structure": structure}
    saved = {key: getattr(modules[key[0]], key[1]) for key in point}
    try:
        for (mod, name), value in point.items():
            setattr(modules[mod], name, value)
        yield
    finally:
        for (mod, name), value in saved.items():
            setattr(modules[mod], name, value)


def shipped(point: dict[tuple[str, str], object]) -> bool:
    """True for the grid point equal to the constants in the code (it wins ties)."""
    modules = {"headline": headline, "structure": structure}
    return all(getattr(modules[mod], name) == value for (mod, name), value in point.items())


def cross_validate(dev: Path, folds: int) -> dict[str, Figures]:
    scorer = load_scorer(dev)
    ids = sorted(p.stem for p in (dev / "meta").glob("*.yml"))
    points = [dict(zip(GRID, values)) for values in itertools.product(*GRID.values())] or [{}]
    table = {}
    for n, point in enumerate(points):
        with constants(point):
            table[n] = {style: predictions(dev, style, ids) for style in STYLES}
    fold_of = {page: n % folds for n, page in enumerate(ids)}
    held_out: dict[str, dict[str, dict]] = {style: {} for style in STYLES}
    for k in range(folds):
        train = [p for p in ids if fold_of[p] != k]

        def objective(n: int) -> float:
            total = 0.0
            for style in STYLES:
                f = score(scorer, dev, {p: table[n][style][p] for p in train})[0]
                total += (f.title_exact + f.f1) / 2 - INVENTED_COST * f.invented
            return total / len(STYLES)

        best = max(range(len(points)), key=lambda n: (objective(n), shipped(points[n]))) if len(points) > 1 else 0
        chosen = {name: value for (_, name), value in points[best].items()}
        print(f"fold {k}: chose {chosen or 'the shipped constants (nothing fitted)'}")
        for style in STYLES:
            held_out[style].update({p: table[best][style][p] for p in ids if fold_of[p] == k})
    return {style: score(scorer, dev, held_out[style])[0] for style in STYLES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV_DIR, help="the extraction-dev folder")
    parser.add_argument("--cv", type=int, default=0, metavar="K",
                        help="also report K-fold cross-validated figures of GRID")
    parser.add_argument("--worst", type=int, default=0, metavar="N",
                        help="list the N worst pages of each style and what is wrong on them")
    parser.add_argument("--show", action="store_true", help="print score_meta.py --show per style")
    args = parser.parse_args(argv)
    if not (args.dev / "score_meta.py").exists():
        sys.exit(f"eval_meta: {args.dev}: no score_meta.py (the extraction-dev set is missing)")
    scorer = load_scorer(args.dev)
    rows = {}
    for style in STYLES:
        preds = predictions(args.dev, style)
        rows[style], text = score(scorer, args.dev, preds, per_page=args.show)
        if args.show:
            print(f"## {style}\n{text}")
        if args.worst:
            print(f"## worst {args.worst} pages, {style} dumps")
            for bad, page, why in page_faults(scorer, args.dev, style, preds)[:args.worst]:
                print(f"  {page[:12]}  {why}")
    print_table(rows, "in-sample")
    if args.cv:
        print_table(cross_validate(args.dev, args.cv), f"{args.cv}-fold CV")
    return 0


if __name__ == "__main__":
    sys.exit(main())
