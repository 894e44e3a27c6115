"""Slug assignment across the briefing: one page per article, stable as articles come and go."""

from __future__ import annotations

import dataclasses

from conftest import make_article
from generator.corpus.briefing import assign_slugs


def titled(id: str, slug: str):
    return dataclasses.replace(make_article("x", id=id), slug=slug)


def slugs(*articles) -> dict[str, str]:
    return {a.id: a.slug for a in assign_slugs(tuple(articles))}


def test_distinct_slugs_are_left_alone():
    assert slugs(titled("b", "harbour-strike"), titled("a", "port-talks")) == {
        "a": "port-talks", "b": "harbour-strike"}


def test_twins_keep_the_first_id_plain_and_suffix_the_later_with_its_id():
    assert slugs(titled("y", "harbour-strike"), titled("x", "harbour-strike")) == {
        "x": "harbour-strike", "y": "harbour-strike-y"}


def test_adding_a_twin_later_in_order_never_renames_the_existing_page():
    before = slugs(titled("m", "harbour-strike"))
    after = slugs(titled("m", "harbour-strike"), titled("z", "harbour-strike"))
    assert after["m"] == before["m"] == "harbour-strike" and after["z"] == "harbour-strike-z"


def test_a_suffix_is_made_of_slug_characters_whatever_the_file_name():
    got = slugs(titled("a", "harbour-strike"), titled("b) <img src=x onerror=alert(1)> (", "harbour-strike"))
    assert got["b) <img src=x onerror=alert(1)> ("] == "harbour-strike-b-img-src-x-onerror-alert-1"


def test_a_suffix_that_is_taken_or_empty_gets_a_number():
    got = slugs(titled("a", "strike"), titled("b", "strike"), titled("c", "strike-b"), titled("))", "strike"))
    assert got == {"))": "strike", "a": "strike-a", "b": "strike-b-2", "c": "strike-b"}


def test_slugs_depend_on_the_seeds_alone_so_an_earlier_twin_takes_the_plain_slug():
    """The price of cached and cold builds agreeing: no memory of the page a slug had."""
    assert slugs(titled("m", "harbour-strike"), titled("a", "harbour-strike")) == {
        "a": "harbour-strike", "m": "harbour-strike-m"}
