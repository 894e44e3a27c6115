"""Make the spaCy pipeline faster without changing what it outputs.

tests/test_nlp_speed.py checks it: every token's tag, POS, dependency, head, entity and
sentence start equal the stock pipeline's on the seeds and the 61 extraction-dev bodies.
Imported by `nlp.load_nlp` only.
"""

from __future__ import annotations

import numpy
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from thinc.api import Model, NumpyOps


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
