"""Entity links in an article body: one per entity per page, at its first real mention, and
never inside a longer name the mention is part of."""

from __future__ import annotations

import re

from conftest import make_article
from generator.model import Entity, EntityType, Mention
from generator.render.article import in_longer_name, link_mentions


def entity(key: str, name: str, article, type_=EntityType.PLACE, page: bool = True) -> Entity:
    """An entity with a mention at every occurrence of `name` in the article's body."""
    mentions = tuple(Mention(surface=name, type=type_, article=article.id, paragraph=n, sentence=p.text,
                             start=m.start(), end=m.end())
                     for n, p in enumerate(article.body, start=1) for m in re.finditer(re.escape(name), p.text))
    return Entity(key=key, name=name, type=type_, aliases=(), descriptions=(), mentions=mentions)


def link_entities(article, entities, page_of, depth: int = 1):
    """`link_mentions` given whole entities: their mentions in this article."""
    return link_mentions(article, [(m, e) for e in entities for m in e.mentions if m.article == article.id],
                         page_of, depth)


def page_of(e: Entity) -> str | None:
    return None if e.key.startswith("nopage") else f"places/{e.key}.md"


def links(paragraphs) -> list[str]:
    return [m for p in paragraphs for m in re.findall(r"\[([^\]]+)\]\(", p)]


def test_an_entity_is_linked_once_per_article_at_its_first_mention():
    article = make_article("Talks in China began.", "China and Mexico met. China said so.", "Mexico agreed.")
    china, mexico = entity("china", "China", article), entity("mexico", "Mexico", article)
    out = link_entities(article, (china, mexico), page_of)
    assert links(out) == ["China", "Mexico"]
    assert out[0] == "Talks in [China](../places/china.md) began."
    assert out[1].startswith("China and [Mexico](../places/mexico.md) met.")


def test_a_name_inside_a_longer_name_is_not_linked_and_the_next_mention_is():
    article = make_article("The drug was sold under the name “China White”.", "Later China banned it.")
    out = link_entities(article, (entity("china", "China", article),), page_of)
    assert "[China]" not in out[0]
    assert out[1] == "Later [China](../places/china.md) banned it."


def test_a_mention_inside_another_entitys_mention_is_not_linked_even_without_its_page():
    article = make_article("Officials of the Mexico City police spoke.", "Mexico agreed.")
    city = entity("nopage-city", "Mexico City police", article, EntityType.ORGANISATION)
    mexico = entity("mexico", "Mexico", article)
    out = link_entities(article, (city, mexico), page_of)
    assert links(out) == ["Mexico"] and out[1].startswith("[Mexico]")


def test_titles_and_sentence_openings_do_not_make_a_longer_name():
    text = "US President Joe Biden spoke. In China the law changed. The Beijing Municipal Bureau said."
    def at(name, nth=0):
        start = [m.start() for m in re.finditer(name, text)][nth]
        return in_longer_name(text, start, start + len(name))
    assert not at("US")  # a title follows: still the country
    assert not at("China")  # "In" opens the sentence
    assert at("Beijing")  # "Beijing Municipal Bureau" is another name
