"""Body-extraction quality on ../shared/extraction-dev: F1/precision/recall per dump style.

    .venv/bin/python benchmarks/eval_extraction.py            # figures with the shipped weights
    .venv/bin/python benchmarks/eval_extraction.py --cv 5     # plus k-fold cross-validation
    .venv/bin/python benchmarks/eval_extraction.py --html     # body, title and authors, dumps and HTML
    .venv/bin/python benchmarks/eval_extraction.py --html --cv 5   # plus the HTML body held out

The metric is score.py's own (imported from the dev set, not reimplemented): 4-token
shingles per page, precision and recall macro-averaged over pages, F1 of the two means.
`--cv K` is the honest figure for the calibrated `RunWeights`: the pages are split into K
folds by sorted id; for each fold the grid point best on the other folds (mean F1 of both
styles) is chosen and scored on the held-out fold only. Both dumps of a page fall in the
same fold, so a page never helps to score itself.

`--html` prints, for each input of the same pages (browser dump, plain dump, saved HTML
page), body F1 (score.py) beside score_meta.py's title exact, authors F1 and pages with
invented authors, each article read by `parse_article` as a build reads it; then the two
things the HTML reader combines, each alone (trafilatura's text, title and author; our
cleaner on the page's text). With `--cv K` it adds the held-out body F1 of the HTML
reader's one fitted choice (html_article.Fallback), folds as above.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import importlib.util
import itertools
import os
import statistics
import sys
from dataclasses import replace
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import contextlib  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import tempfile  # noqa: E402

from generator.ingest.clean import clean_lines  # noqa: E402
from generator.ingest.layout import DEFAULT_WEIGHTS, RunWeights  # noqa: E402
from generator.model import Article, Fate  # noqa: E402
from generator.ingest.parse import parse_article  # noqa: E402
from generator.ingest.read import read_source  # noqa: E402
from generator.ingest.segment import segment_lines  # noqa: E402
from generator.ingest.structure import structure_article  # noqa: E402

DEV_DIR = ROOT.parent / "shared" / "extraction-dev"
STYLES = ("browser", "plain")
# The calibration grid: a few values around the hand-set starting point per weight.
# record_factor, anchor_factor and form_factor at 1.0 and packed_page_gain equal to
# packed_gain switch those signals off, so the folds can reject them.
GRID = {
    "gap_penalty": (8.0, 10.0, 12.0),
    "packed_gain": (0.3, 0.5),
    "nonprose_gain": (0.3, 0.5),
    "template_factor": (1.0, 3.0),
    "record_factor": (0.5, 1.0),
    "packed_page_gain": (0.5, 1.0),
    "anchor_factor": (1.0, 2.0),
    "form_factor": (1.0, 10.0),
}

PageScore = tuple[float | None, float | None]  # (precision, recall), None as score.py has it


def load_scorer(dev: Path = DEV_DIR, name: str = "score.py") -> ModuleType:
    spec = importlib.util.spec_from_file_location("extraction_dev_" + name[:-3], dev / name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def body_text(path: Path, weights: RunWeights = DEFAULT_WEIGHTS) -> str:
    """What `convert --format txt` writes for the page: its body paragraphs."""
    source = read_source(path)
    article = structure_article(clean_lines(source, segment_lines(source), weights))
    return "\n\n".join(p.text for p in article.body)


def page_scores(scorer: ModuleType, dev: Path, style: str,
                weights: RunWeights = DEFAULT_WEIGHTS) -> dict[str, PageScore]:
    scores = {}
    for gold in sorted((dev / "gold").glob("*.txt")):
        pred = body_text(dev / "dumps" / style / gold.name, weights)
        precision, recall, *_ = scorer.page_score(gold.read_text(encoding="utf-8"), pred)
        scores[gold.stem] = (precision, recall)
    return scores


def aggregate(scores: list[PageScore]) -> tuple[float, float, float]:
    """score.py's figure: F1 of the macro precision (empty predictions left out) and recall."""
    precisions = [p for p, _ in scores if p is not None]
    recalls = [r for _, r in scores if r is not None]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall


def evaluate(dev: Path = DEV_DIR, weights: RunWeights = DEFAULT_WEIGHTS) -> dict[str, tuple[float, float, float]]:
    scorer = load_scorer(dev)
    return {style: aggregate(list(page_scores(scorer, dev, style, weights).values()))
            for style in STYLES}


def grid_point_scores(dev: Path, weights: RunWeights) -> dict[str, dict[str, PageScore]]:
    """Every page's score under one grid point (one task of the process pool)."""
    scorer = load_scorer(dev)
    return {style: page_scores(scorer, dev, style, weights) for style in STYLES}


def cross_validate(dev: Path, folds: int) -> dict[str, tuple[float, float, float]]:
    grid = [replace(DEFAULT_WEIGHTS, **dict(zip(GRID, values)))
            for values in itertools.product(*GRID.values())]
    # The grid runs on every core; map keeps the grid's order, so the choice is deterministic.
    with concurrent.futures.ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        table = dict(zip(grid, pool.map(grid_point_scores, itertools.repeat(dev), grid, chunksize=4)))
    ids = sorted(next(iter(table.values()))["browser"])
    fold_of = {page: n % folds for n, page in enumerate(ids)}
    held_out: dict[str, list[PageScore]] = {style: [] for style in STYLES}
    for k in range(folds):
        train = [p for p in ids if fold_of[p] != k]

        def train_f1(w: RunWeights) -> float:
            return statistics.mean(aggregate([table[w][s][p] for p in train])[0] for s in STYLES)

        best = max(grid, key=lambda w: (train_f1(w), w == DEFAULT_WEIGHTS))
        print(f"fold {k}: chose {best}")
        for style in STYLES:
            held_out[style] += [table[best][style][p] for p in ids if fold_of[p] == k]
    return {style: aggregate(held_out[style]) for style in STYLES}


# Every input style of a page: the two dumps and the saved page itself.
INPUTS = {"browser": "dumps/browser/{}.txt", "plain": "dumps/plain/{}.txt", "html": "html/{}.html"}
_META_LINE = re.compile(r"title exact (?P<title>[\d.]+), title F1 [\d.]+, authors P [\d.]+ R [\d.]+ "
                        r"F1 (?P<authors>[\d.]+), invented (?P<invented>\d+)")


def page_articles(dev: Path, style: str) -> dict[str, Article]:
    """Each dev page as the build reads it (`parse_article`: the same path as `build`)."""
    return {gold.stem: parse_article(dev / INPUTS[style].format(gold.stem))
            for gold in sorted((dev / "gold").glob("*.txt"))}


def meta_figures(dev: Path, articles: dict[str, Article]) -> dict[str, float]:
    """score_meta.py's own figures (title exact, authors F1, invented) for these articles:
    predictions written as `convert --format json` names them, scored by its main()."""
    scorer = load_scorer(dev, "score_meta.py")
    with tempfile.TemporaryDirectory() as folder:
        for page, article in articles.items():
            record = {"title": article.title, "authors": list(article.authors)}
            (Path(folder) / f"{page}.json").write_text(json.dumps(record), encoding="utf-8")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            scorer.main([folder, "--gold", str(dev / "meta")])
    match = _META_LINE.search(out.getvalue().strip().splitlines()[-1])
    return {"title_exact": float(match["title"]), "authors_f1": float(match["authors"]),
            "invented": int(match["invented"])}


def html_alternatives(dev: Path) -> dict[str, dict[str, Article]]:
    """What html_article.py chose between, on the same pages: trafilatura alone (its text,
    title and author) and our cleaner alone on the page's text (as for a plain dump)."""
    import copy as copy_module

    import trafilatura

    from generator.ingest.html_article import page_text
    from generator.ingest.read_html import read_html
    from generator.model import Paragraph, SourceText
    from generator.ingest.structure import structure_article as structure

    alone: dict[str, Article] = {}
    cleaner: dict[str, Article] = {}
    for gold in sorted((dev / "gold").glob("*.txt")):
        source = read_html(dev / INPUTS["html"].format(gold.stem))
        text = SourceText(path=source.path, text=page_text(source), encoding="utf-8", sha256="")
        article = structure(clean_lines(text, segment_lines(text)))
        cleaner[gold.stem] = article
        doc = trafilatura.bare_extraction(copy_module.deepcopy(source.tree), include_comments=False,
                                          with_metadata=True, deduplicate=False)
        body = tuple(Paragraph(t) for t in (doc.text or "").split("\n") if t.strip())
        names = tuple(n.strip() for n in re.split(r"[;,]", doc.author or "") if n.strip())
        alone[gold.stem] = replace(article, title=doc.title or "", authors=names, body=body)
    return {"html: trafilatura alone": alone, "html: our cleaner alone": cleaner}


def input_figures(dev: Path = DEV_DIR, alternatives: bool = False) -> dict[str, dict[str, float]]:
    """Body F1 (score.py) and title/authors (score_meta.py) for each input style (and, with
    `alternatives`, for what the HTML reader combines, each alone)."""
    scorer = load_scorer(dev)
    inputs = {style: page_articles(dev, style) for style in INPUTS}
    if alternatives:
        inputs.update(html_alternatives(dev))
    figures = {}
    for style, articles in inputs.items():
        scores = [scorer.page_score((dev / "gold" / f"{page}.txt").read_text(encoding="utf-8"),
                                    "\n\n".join(p.text for p in article.body))[:2]
                  for page, article in articles.items()]
        figures[style] = {"body_f1": aggregate(scores)[0], **meta_figures(dev, articles)}
    return figures


# The grid for html_article.Fallback; contained above 1 switches the fallback off.
FALLBACK_GRID = {"contained": (0.5, 0.8, 0.9, 1.01), "longer": (1.2, 1.5, 2.0)}


def html_body_scores(dev: Path, fallback) -> dict[str, PageScore]:
    """Every saved page's body score under one Fallback (one task of the process pool)."""
    from generator.ingest.parse import clean_html

    scorer = load_scorer(dev)
    scores = {}
    for gold in sorted((dev / "gold").glob("*.txt")):
        cleaned = clean_html(dev / INPUTS["html"].format(gold.stem), fallback).cleaned
        body = "\n\n".join(d.line.text for d in cleaned.lines_with(Fate.BODY))
        scores[gold.stem] = tuple(scorer.page_score(gold.read_text(encoding="utf-8"), body)[:2])
    return scores


def cross_validate_html(dev: Path, folds: int) -> tuple[float, float, float]:
    """Held-out body F1 of the saved pages: each fold's Fallback chosen on the other folds."""
    from generator.ingest.html_article import DEFAULT_FALLBACK, Fallback

    grid = [Fallback(*values) for values in itertools.product(*FALLBACK_GRID.values())]
    with concurrent.futures.ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        table = dict(zip(grid, pool.map(html_body_scores, itertools.repeat(dev), grid)))
    ids = sorted(table[grid[0]])
    held_out: list[PageScore] = []
    for k in range(folds):
        train = [p for n, p in enumerate(ids) if n % folds != k]
        best = max(grid, key=lambda f: (aggregate([table[f][p] for p in train])[0], f == DEFAULT_FALLBACK))
        print(f"fold {k}: chose {best}")
        held_out += [table[best][p] for n, p in enumerate(ids) if n % folds == k]
    return aggregate(held_out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV_DIR, help="the extraction-dev folder")
    parser.add_argument("--cv", type=int, default=0, metavar="K",
                        help="also report K-fold cross-validated figures of the weight grid")
    parser.add_argument("--html", action="store_true",
                        help="body F1, title exact, authors F1 and invented authors per input "
                             "(browser dump, plain dump, saved HTML page)")
    args = parser.parse_args(argv)
    if not (args.dev / "score.py").exists():
        sys.exit(f"eval_extraction: {args.dev}: no score.py (the extraction-dev set is missing)")
    if args.html:
        print(f"{'input':<24} {'body F1':>8} {'title exact':>12} {'authors F1':>11} {'invented':>9}")
        for style, f in input_figures(args.dev, alternatives=True).items():
            print(f"{style:<24} {f['body_f1']:>8.3f} {f['title_exact']:>12.3f} "
                  f"{f['authors_f1']:>11.3f} {f['invented']:>9}")
        if args.cv:
            f1, p, r = cross_validate_html(args.dev, args.cv)
            print(f"html body {args.cv}-fold CV   F1 {f1:.3f}  precision {p:.3f}  recall {r:.3f}")
        return 0
    for style, (f1, p, r) in evaluate(args.dev).items():
        print(f"{style:<8} in-sample   F1 {f1:.3f}  precision {p:.3f}  recall {r:.3f}")
    if args.cv:
        for style, (f1, p, r) in cross_validate(args.dev, args.cv).items():
            print(f"{style:<8} {args.cv}-fold CV   F1 {f1:.3f}  precision {p:.3f}  recall {r:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
