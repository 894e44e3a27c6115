"""Every field of every hand-written seed gold file, as seed × field (`[003-section]`)."""

from __future__ import annotations

import pytest

from conftest import load_gold, seed_path
from generator.render.export import article_record
from generator.ingest.parse import parse_article

GOLD = load_gold()
FIELDS = [k for k in next(iter(GOLD.values())) if k not in ("seed", "title")]
CASES = [pytest.param(n, f, id=f"{n}-{f}") for n in GOLD for f in FIELDS]


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    return {n: article_record(parse_article(seed_path(n))) for n in GOLD}


@pytest.mark.parametrize("number,field", CASES)
def test_field_matches_gold(records, number, field):
    expected = GOLD[number][field]
    got = records[number][field]
    if field == "body":
        got, expected = [p.strip() for p in got], [p.strip() for p in expected]
    assert got == expected


@pytest.mark.parametrize("number", list(GOLD))
def test_title_or_derived_title(records, number):
    record, expected = records[number], GOLD[number]["title"]
    if expected is None:
        assert record["title_derived"] is True
        assert record["title"] and record["title"] not in record["removed_lines"]
    else:
        assert (record["title"], record["title_derived"]) == (expected, False)


@pytest.mark.parametrize("number", list(GOLD))
def test_no_body_paragraph_is_furniture(records, number):
    removed = set(GOLD[number]["removed_lines"])
    assert not removed & set(records[number]["body"])
