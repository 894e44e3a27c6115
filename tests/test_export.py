"""briefing.json's writer: orjson, which must write the bytes json's compact encoder does
on everything the briefing holds (render/export.py `compact_json`)."""

from __future__ import annotations

import json

from hypothesis import given, settings, strategies as st

from generator.render.export import compact_json


def json_compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


# What briefing.json is made of: its schema has strings, integers, booleans and null, in
# arrays and objects with string keys (no fractional number).
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2 ** 63), max_value=2 ** 64 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=40)


@settings(max_examples=2000, deadline=None)
@given(VALUES)
def test_compact_json_is_what_json_writes(value):
    assert compact_json(value).decode("utf-8") == json_compact(value)


def test_controls_quotes_and_line_separators_escape_alike():
    value = {"a\"b\\c": ["\x00\x1f\x7f\u2028\u2029\n\r\t", "é😀", "</script>"], "": None}
    assert compact_json(value).decode("utf-8") == json_compact(value)


def test_built_briefing_json_is_what_json_writes(built_project):
    """The real record (seeds): a float or another type orjson spells otherwise would show."""
    text = (built_project / "docs" / "briefing.json").read_text(encoding="utf-8")
    assert text == json_compact(json.loads(text))


def test_the_word_count_follows_the_body_through_replace_and_pickle():
    """`Article.words` is counted when the article is made: a copy with another body
    counts that body, a copy with another slug keeps the count, and the cache's pickle
    (model.py `_pickle_by_slots`) brings it back as it was."""
    import dataclasses
    import pickle

    from conftest import make_article
    from generator.model import Paragraph

    article = make_article("Three words here.", "  and  four\nmore words ")
    assert article.words == 7
    assert dataclasses.replace(article, slug="other").words == 7
    assert dataclasses.replace(article, body=(Paragraph("one"),)).words == 1
    assert pickle.loads(pickle.dumps(article)).words == 7
