"""Key figures: the value a number states, with its scale word and not a unit's letter."""

from __future__ import annotations

import pytest

from generator.nlp.figures import number_value


@pytest.mark.parametrize(("text", "label", "value"), [
    ("108,000", "CARDINAL", 108_000),
    ("$400m", "MONEY", 400_000_000),
    ("£2.5bn", "MONEY", 2_500_000_000),
    ("3 million", "CARDINAL", 3_000_000),
    ("1.2 billion", "MONEY", 1_200_000_000),
    ("400 m", "QUANTITY", 400),        # metres, not millions
    ("400 m", "CARDINAL", 400),        # a letter apart from the digits is a unit
    ("400m", "QUANTITY", 400),         # the 400m hurdles
    ("88 per cent", "PERCENT", 88),
])
def test_number_value_scales_only_by_what_states_a_scale(text, label, value):
    assert number_value(text, label) == value


def test_no_number_is_none():
    assert number_value("dozens", "CARDINAL") is None
