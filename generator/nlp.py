"""Load the spaCy model once per process and parse an article's texts in batches.

The model name comes from settings (`spacy_model`) so a user with the official
`en_core_web_sm` can use it; a missing model is a clear error, not a traceback.
Entities, quotes and dates all read the same parsed `Doc`s: the text is parsed once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from thinc.api import Model, NumpyOps

from generator.errors import BriefingError
from generator.model import Article

# Components the later stages read: tagger for POS, parser for sentences and grammar
# (quotes, dates, entity roles), ner for entities. The lemmatizer is not needed; the
# attribute_ruler is swapped for `pos_from_tag` (below), which gives the same `pos_` at a
# quarter of the cost (the ruler's Matcher took ~20% of the stage; it also set MORPH and
# LEMMA, which nothing reads).
EXCLUDE = ("lemmatizer",)
# Calibrated with benchmarks/bench_nlp.py on the seeds (one core): 64 → ~6,200 words/s,
# 256 → ~7,400, 1000 → ~9,000 (bigger matrices per call). Re-run the benchmark after a change.
BATCH_SIZE = 1000


class MatmulOps(NumpyOps):
    """NumpyOps whose matrix product is numpy's (OpenBLAS) instead of blis: blis 1.3 runs
    ~25 GFLOPS on the build machines' AMD CPUs, OpenBLAS ~70 on one core, and the tok2vec
    and NER layers are mostly matrix products. Same results on the seeds (entities,
    parses and tags compared token by token)."""

    name = "matmul"

    def gemm(self, x, y, out=None, trans1=False, trans2=False):
        x = x.T if trans1 else x
        y = y.T if trans2 else y
        if out is None:
            return numpy.matmul(x, y)
        numpy.matmul(x, y, out=out)
        return out


class PosFromTag:
    """The attribute_ruler's POS rules without its Matcher. A rule is (per-token conditions,
    index of the token it sets, POS); a later match wins, as in the ruler. The outcome of
    the one-token rules depends only on a token's (tag, lower, dep, is_space), so it is
    planned once per such key (kept on this instance); rules that look at a neighbour
    ("there is") are checked per token."""

    def __init__(self, rules: list):
        self.rules = tuple((order, tuple(conds), index, POS_IDS[pos])
                           for order, (conds, index, pos) in enumerate(rules))
        self.plans: dict[tuple, tuple] = {}

    @staticmethod
    def _matches(cond: dict, tag: str, lower: str, dep: str, space: bool) -> bool:
        for attr, want in cond.items():
            have = {"TAG": tag, "LOWER": lower, "DEP": dep, "IS_SPACE": space}[attr]
            if isinstance(want, dict):
                if "IN" in want and have not in want["IN"]:
                    return False
                if "NOT_IN" in want and have in want["NOT_IN"]:
                    return False
            elif have != want:
                return False
        return True

    def _plan(self, key: tuple) -> tuple:
        """(POS from one-token rules or None, later multi-token rules to try)."""
        base, last = None, -1
        for order, conds, index, value in self.rules:
            if len(conds) == 1 and self._matches(conds[0], *key):
                base, last = value, order
        later = tuple(r for r in self.rules if len(r[1]) > 1 and r[0] > last
                      and self._matches(r[1][r[2]], *key))
        return base, later

    def _neighbours_match(self, doc, token, conds, index) -> bool:
        start = token.i - index
        if start < 0 or start + len(conds) > len(doc):
            return False
        return all(self._matches(c, t.tag_, t.lower_, t.dep_, t.is_space)
                   for c, t in zip(conds, doc[start:start + len(conds)]))

    def __call__(self, doc):
        plans = self.plans
        for token in doc:
            key = (token.tag_, token.lower_, token.dep_, token.is_space)
            plan = plans.get(key)
            if plan is None:
                plan = plans[key] = self._plan(key)
            pos, later = plan
            for _, conds, index, value in later:
                if self._neighbours_match(doc, token, conds, index):
                    pos = value
            if pos is not None:
                token.pos = pos
        return doc


@Language.factory("briefing_pos_from_tag", default_config={"rules": []})
def make_pos_from_tag(nlp, name: str, rules: list) -> PosFromTag:
    return PosFromTag(rules)


def pos_rules(ruler) -> list:
    """The POS-setting patterns of a spaCy attribute_ruler, as (conditions, index, POS)."""
    return [(pattern, rule.get("index", 0), rule["attrs"]["POS"])
            for rule in ruler.patterns if "POS" in rule["attrs"]
            for pattern in rule["patterns"]]


def speed_up(nlp):
    """Swap the attribute_ruler for `pos_from_tag` and blis for numpy matrix products, on this
    pipeline only (each model node gets its own ops: no process-wide `set_current_ops`)."""
    if "attribute_ruler" in nlp.pipe_names:
        rules = pos_rules(nlp.get_pipe("attribute_ruler"))
        nlp.replace_pipe("attribute_ruler", "briefing_pos_from_tag", config={"rules": rules})
        nlp.rename_pipe("attribute_ruler", "pos_from_tag")
    ops = MatmulOps()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                node.ops = ops
    return nlp


@dataclass(frozen=True, slots=True)
class TextUnit:
    """One piece of an article's own text: which field it is, and its paragraph number
    (1-based for body paragraphs, 0 for everything outside the body)."""

    article: str
    field: str
    paragraph: int
    text: str


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    article: Article
    units: tuple[TextUnit, ...]
    docs: tuple[Any, ...] = field(compare=False)  # spacy.tokens.Doc, one per unit


def load_nlp(name: str):
    """The spaCy pipeline `name`, or a `BriefingError` saying how to install it."""
    try:
        import spacy
    except ImportError as err:  # pragma: no cover - spaCy is a dependency
        raise BriefingError(None, "spaCy is not installed", hint="run the README's setup command") from err
    try:
        return speed_up(spacy.load(name, exclude=list(EXCLUDE)))
    except OSError as err:
        raise BriefingError(None, f"spaCy model {name!r} is not installed",
                            hint="run the README's setup command, or set [tool.briefing] "
                                 "spacy_model to a model you have (e.g. en_core_web_sm)") from err


def article_units(article: Article) -> tuple[TextUnit, ...]:
    """All of the article's own text: title, standfirst, captions, bylines, body, bio."""
    units = [TextUnit(article.id, "title", 0, article.title)] if not article.title_derived else []
    units += [TextUnit(article.id, "standfirst", 0, s) for s in article.standfirst]
    images = ((article.lead_image,) if article.lead_image else ()) + article.images
    units += [TextUnit(article.id, "caption", 0, i.caption) for i in images]
    units += [TextUnit(article.id, "byline", 0, a) for a in article.authors + article.contributors]
    units += [TextUnit(article.id, "body", n, p.text) for n, p in enumerate(article.body, start=1)]
    if article.author_bio:
        units.append(TextUnit(article.id, "author_bio", 0, article.author_bio))
    return tuple(units)


def parse_articles(nlp, articles: Sequence[Article], n_process: int = 1) -> tuple[ParsedArticle, ...]:
    """Parse every unit of every article in one `nlp.pipe` stream (batched, optionally on
    several processes; spaCy keeps the order, so the output does not depend on it)."""
    units = [article_units(a) for a in articles]
    flat = [u.text for us in units for u in us]
    docs = iter(nlp.pipe(flat, batch_size=BATCH_SIZE, n_process=max(1, n_process)))
    return tuple(ParsedArticle(a, us, tuple(next(docs) for _ in us)) for a, us in zip(articles, units))
