"""Quality gate: entities, quotes and events on ../shared/nlp-dev must not fall below the floor.

The floor lives in `eval_nlp_baseline.json` (figures from nlp-dev's own score.py over a
build of its 14 articles). Raising it is a reviewed commit; a change that lowers a figure
fails here unless BRIEFING_LOWER_FLOOR=1 says it is on purpose (then lower the JSON in the
same commit). `events_false` and `quotes_extra` are ceilings. Skipped, with the reason, where the set is absent.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NLP_DEV = ROOT.parent / "shared" / "nlp-dev"
BASELINE = Path(__file__).resolve().parent / "eval_nlp_baseline.json"
# score.py prints three decimals; the floor is pinned at that precision.
TOLERANCE = 0.0005
CEILINGS = frozenset({"events_false", "quotes_extra"})
FIGURES = [k for k in json.loads(BASELINE.read_text(encoding="utf-8")) if not k.startswith("_")]

pytestmark = pytest.mark.skipif(not (NLP_DEV / "score.py").exists(),
                                reason=f"{NLP_DEV} is absent: no nlp-dev set to gate on")


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    spec = importlib.util.spec_from_file_location("eval_nlp", ROOT / "benchmarks" / "eval_nlp.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.evaluate_nlp_dev()[0]


@pytest.mark.parametrize("name", FIGURES)
def test_figure_at_or_above_floor(figures, name):
    floor = json.loads(BASELINE.read_text(encoding="utf-8"))[name]
    got = figures[name]
    if os.environ.get("BRIEFING_LOWER_FLOOR") == "1":
        pytest.skip(f"BRIEFING_LOWER_FLOOR=1: {name} {got} vs floor {floor} not enforced")
    if name in CEILINGS:
        assert got <= floor, f"{name} {got} rose above the ceiling {floor} in {BASELINE.name}"
    else:
        assert got >= floor - TOLERANCE, (
            f"{name} {got} fell below the floor {floor} in {BASELINE.name}; fix the regression, "
            "or set BRIEFING_LOWER_FLOOR=1 and lower the floor in a reviewed commit")


def test_floor_is_a_real_target():
    """A floor of 0 would pass anything: it stays at least at the figures measured before
    issue 16 (people P 0.869, organisations R 0.767, 63/82 quotes right)."""
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    assert baseline["people_precision"] >= 0.869 and baseline["organisations_recall"] >= 0.767
    assert baseline["quotes_right"] >= 63 and baseline["events_false"] <= 3


def test_floor_meets_the_issue_16_targets():
    """R and P >= 0.90 for the three types, >= 85% of the 82 quotes with the right speaker,
    no quote outside the gold, >= 42/43 events with <= 3 false."""
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    for kind in ("people", "organisations", "places"):
        assert baseline[f"{kind}_recall"] >= 0.90 and baseline[f"{kind}_precision"] >= 0.90, kind
    assert baseline["quotes_right"] >= 0.85 * 82 and baseline["quotes_extra"] == 0
    assert baseline["events_placed"] >= 42 and baseline["events_false"] <= 3
