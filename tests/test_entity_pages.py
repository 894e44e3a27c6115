"""Which names get a page of their own (corpus/facts.py `choose_pages`): the names in the
most articles, at most `ENTITY_PAGES_PER_TYPE` per type, never one cut from its tied group,
so the site grows by one page per article and not by several."""

from __future__ import annotations

import dataclasses

from hypothesis import given, strategies as st

from generator.corpus import facts
from generator.corpus.facts import ENTITY_PAGE_MIN_ARTICLES, choose_pages
from generator.model import Entity, EntityType, Mention


def entity(key: str, n_articles: int, type_: EntityType = EntityType.PERSON) -> Entity:
    mentions = tuple(Mention(surface=key, type=type_, article=f"a{i}", paragraph=1, sentence=key)
                     for i in range(n_articles))
    return Entity(key=key, name=key, type=type_, aliases=(), descriptions=(), mentions=mentions)


def paged(entities) -> set[str]:
    return {e.key for e in choose_pages(tuple(entities)) if e.page}


def test_a_name_in_one_article_has_no_page_and_one_in_two_has():
    assert ENTITY_PAGE_MIN_ARTICLES == 2
    assert paged([entity("one", 1), entity("two", 2)]) == {"two"}


def test_each_type_keeps_only_its_most_named(monkeypatch):
    monkeypatch.setattr(facts, "ENTITY_PAGES_PER_TYPE", 2)
    people = [entity(f"p{n}", n) for n in (2, 3, 4, 5)]
    places = [entity(f"g{n}", n, EntityType.PLACE) for n in (2, 9)]
    assert paged(people + places) == {"p5", "p4", "g9", "g2"}


def test_a_tie_across_the_bound_leaves_the_whole_group_out(monkeypatch):
    monkeypatch.setattr(facts, "ENTITY_PAGES_PER_TYPE", 2)
    assert paged([entity("a", 7), entity("b", 3), entity("c", 3), entity("d", 2)]) == {"a"}
    assert paged([entity("b", 3), entity("c", 3), entity("d", 3)]) == set()


@given(st.lists(st.integers(min_value=1, max_value=6), max_size=30), st.integers(min_value=0, max_value=8))
def test_pages_are_bounded_and_never_skip_a_more_named_name(counts, bound):
    entities = [entity(f"e{i}", n) for i, n in enumerate(counts)]
    original = facts.ENTITY_PAGES_PER_TYPE
    facts.ENTITY_PAGES_PER_TYPE = bound
    try:
        chosen = choose_pages(tuple(entities))
    finally:
        facts.ENTITY_PAGES_PER_TYPE = original
    with_page = [e for e in chosen if e.page]
    assert len(with_page) <= bound
    assert all(len(e.articles) >= ENTITY_PAGE_MIN_ARTICLES for e in with_page)
    least = min((len(e.articles) for e in with_page), default=None)
    if least is not None:  # every name named more often than the least-named page has one too
        assert all(e.page for e in chosen if len(e.articles) >= least)
    assert [dataclasses.replace(e, page=False) for e in chosen] == entities
