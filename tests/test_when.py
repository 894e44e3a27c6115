"""Date labels in words and as ISO spans (the timeline's labels, briefing.json's start/end)."""

from __future__ import annotations

import pytest

from generator.nlp.date_labels import date_span, readable_date, starts_after


@pytest.mark.parametrize("label,words,span", [
    ("2019", "2019", ("2019-01-01", "2019-12-31")),
    ("2022-08", "August 2022", ("2022-08-01", "2022-08-31")),
    ("2024-02", "February 2024", ("2024-02-01", "2024-02-29")),
    ("2022-08-02", "2 August 2022", ("2022-08-02", "2022-08-02")),
    ("1980s", "the 1980s", ("1980-01-01", "1989-12-31")),
    ("2030s", "the 2030s", ("2030-01-01", "2039-12-31")),
    ("1800s", "19th century", ("1800-01-01", "1899-12-31")),
    ("1000s", "11th century", ("1000-01-01", "1099-12-31")),
    ("2000s", "the 2000s", ("2000-01-01", "2009-12-31")),
])
def test_labels_in_words_and_as_spans(label, words, span):
    assert readable_date(label) == words
    assert date_span(label) == span


def test_an_unknown_label_is_shown_as_it_is_and_has_no_span():
    assert readable_date("soon") == "soon" and date_span("soon") is None
    assert date_span("2022-13") is None


def test_starts_after_needs_the_whole_span_after_the_reference():
    assert starts_after("2025", "2024-06-30")
    assert not starts_after("2024", "2024-06-30")  # the year of the article is not all ahead
    assert not starts_after("2030", None)
