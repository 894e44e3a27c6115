"""Make the spaCy pipeline faster without changing what it outputs.

tests/test_nlp_speed.py checks it: every token's tag, POS, dependency, head, entity and
sentence start equal the stock pipeline's on the seeds and the 61 extraction-dev bodies.
Imported by `nlp.load_nlp` only.
"""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, IS_SPACE, LOWER, POS, TAG
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


_KEY_PLACE = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # a rule's attribute → its place in a key


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
        self.by_tag: dict[str, tuple] = {}  # tag → the rules whose condition on this token allows it

    def _rules_for(self, tag: str) -> tuple:
        """The rules a token tagged `tag` may meet (their own token's TAG condition allows
        it), in order: most keys share a tag, and most rules name one tag."""
        rules = self.by_tag.get(tag)
        if rules is None:
            own = ((r, r[1][r[2]]) for r in self.rules)  # a rule and its condition on this token
            rules = self.by_tag[tag] = tuple(r for r, cond in own
                                             if "TAG" not in cond or self._matches({"TAG": cond["TAG"]}, (tag,)))
        return rules

    @staticmethod
    def _matches(cond: dict, key: tuple) -> bool:
        """Whether a token whose (tag, lower, dep, is_space) is `key` meets `cond`."""
        for attr, want in cond.items():
            have = key[_KEY_PLACE[attr]]
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
        base, last, rules = None, -1, self._rules_for(key[0])
        for order, conds, index, value in rules:
            if len(conds) == 1 and self._matches(conds[0], key):
                base, last = value, order
        later = tuple(r for r in rules if len(r[1]) > 1 and r[0] > last
                      and self._matches(r[1][r[2]], key))
        return base, later

    def _neighbours_match(self, rows: list, strings, at: int, conds, index) -> bool:
        start = at - index
        if start < 0 or start + len(conds) > len(rows):
            return False
        return all(self._matches(c, self._key(strings, row))
                   for c, row in zip(conds, rows[start:start + len(conds)]))

    @staticmethod
    def _key(strings, row) -> tuple:
        """(tag, lower, dep, is_space) of a `to_array` row of ids: the strings `_matches` reads."""
        tag, lower, dep, space = row[:4]
        return strings[tag], strings[lower], strings[dep], bool(space)

    def __call__(self, doc):
        """Read the four attributes of every token in one `to_array` and write the POS
        column back in one `from_array`: making a `Token` per word and reading its strings
        was 7% of the parse (the model's layers are the rest)."""
        if not len(doc):
            return doc
        plans, strings = self.plans, doc.vocab.strings
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE, POS]).tolist()
        column = []
        for at, row in enumerate(rows):
            key = (row[0], row[1], row[2], row[3])
            plan = plans.get(key)
            if plan is None:
                plan = plans[key] = self._plan(self._key(strings, row))
            pos, later = plan
            for _, conds, index, value in later:
                if self._neighbours_match(rows, strings, at, conds, index):
                    pos = value
            column.append(row[4] if pos is None else pos)
        doc.from_array([POS], numpy.array(column, dtype=numpy.uint64).reshape(-1, 1))
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
