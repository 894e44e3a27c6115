"""Index facts (corpus/facts.py) on hand-built entities, quotes and events: who appears with
whom, the quotes of each source, the events of the paragraphs that name an entity, the
entities of a topic."""

from __future__ import annotations

from generator.corpus.facts import choose_pages, entity_facts, event_order, quotes_by_speaker, topic_facts
from generator.model import Entity, EntityType, Event, Mention, Quote, Speaker, SpeakerQuotes, Topic


def entity(key: str, name: str, *where: tuple[str, int]) -> Entity:
    return Entity(key=key, name=name, type=EntityType.PERSON, aliases=(), descriptions=(),
                  mentions=tuple(Mention(name, EntityType.PERSON, a, p, f"{name} spoke.") for a, p in where))


ADA = entity("ada", "Ada", ("a", 1), ("b", 2), ("c", 1))
BOB = entity("bob", "Bob", ("a", 3), ("b", 1))
CY = entity("cy", "Cy", ("a", 1), ("c", 2))
DEE = entity("dee", "Dee", ("b", 1))  # one article: no page, never a companion
ENTITIES = choose_pages((ADA, BOB, CY, DEE))


def quote(text: str, article: str, speaker: str | None = None, described_as: str | None = None) -> Quote:
    return Quote(text=text, speaker=speaker, described_as=described_as, article=article, paragraph=1)


def test_companions_count_shared_articles_of_entities_with_a_page():
    facts = {f.entity: f for f in entity_facts({"a", "b", "c"}, ENTITIES, (), ())}
    assert set(facts) == {"ada", "bob", "cy"}
    assert facts["ada"].companions == (("bob", 2), ("cy", 2))
    assert facts["bob"].companions == (("ada", 2), ("cy", 1))


def test_an_entity_has_its_quotes_and_the_events_of_the_paragraphs_that_name_it():
    said = quote("One", "a", "Ada")
    events = (Event(date="2020", text="Later.", article="b", paragraph=2),
              Event(date="2019", text="Earlier.", article="a", paragraph=1),
              Event(date="2018", text="Elsewhere.", article="a", paragraph=2))
    events = tuple(sorted(events, key=event_order))  # as the briefing holds them
    facts = {f.entity: f for f in entity_facts({"a", "b", "c"}, ENTITIES, (Speaker(said, "ada"),), events)}
    assert facts["ada"].quotes == (said,) and facts["bob"].quotes == ()
    assert [e.text for e in facts["ada"].events] == ["Earlier.", "Later."]
    assert facts["bob"].events == ()


def test_quotes_grouped_by_source_in_order_of_first_quote():
    """An entity with a page by its key; an entity of one article and an unresolved name by
    the name (so "Dee" is one source); unnamed sources by description."""
    q1, q2, q3 = quote("One", "a", "Ada"), quote("Two", "b", "Dee"), quote("Three", "c", "Dee")
    q4, q5 = quote("Four", "c", described_as="an aide"), quote("Five", "a", "Ada")
    speakers = (Speaker(q1, "ada"), Speaker(q2, "dee"), Speaker(q5, "ada"))
    assert quotes_by_speaker((q1, q2, q3, q4, q5), speakers, ENTITIES) == (
        SpeakerQuotes(quotes=(q1, q5), entity="ada"),
        SpeakerQuotes(quotes=(q2, q3), name="Dee"),
        SpeakerQuotes(quotes=(q4,), described_as="an aide"),
    )


def test_a_topic_lists_the_entities_two_of_its_articles_name_most_named_first():
    events = (Event(date="2021", text="In c.", article="c", paragraph=1),
              Event(date="2020", text="In a.", article="a", paragraph=1))
    events = tuple(sorted(events, key=event_order))
    (facts,) = topic_facts((Topic(key="t", name="T", articles=("a", "c")),), ENTITIES, events)
    assert facts.topic == "t" and facts.entities == ("ada", "cy")
    assert [e.text for e in facts.events] == ["In a.", "In c."]


def test_companions_of_equal_count_and_name_are_ordered_by_key_whatever_the_order_given():
    """Two "Georgia"s (a person and a place) beside one entity: ties fall to the key, never
    to the order a set or dict happened to give (it changes with PYTHONHASHSEED)."""
    lead = entity("lead", "Lead", ("a", 1), ("b", 1))
    twins = [entity(key, "Georgia", ("a", 2), ("b", 2)) for key in ("place:georgia", "person:georgia")]
    for order in (twins, twins[::-1]):
        facts = {f.entity: f for f in entity_facts({"a", "b"}, choose_pages((lead, *order)), (), ())}
        assert facts["lead"].companions == (("person:georgia", 2), ("place:georgia", 2))
