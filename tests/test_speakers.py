"""Speaker resolution across the briefing: a quote's name points at the entity it is, the
fullest name first and the quote's own article preferred; unknown stays unknown."""

from __future__ import annotations

from generator.corpus.merge import merge_entities
from generator.corpus.briefing import resolve_speakers
from generator.model import EntityType, Mention, Quote


def mention(surface: str, article: str) -> Mention:
    return Mention(surface=surface, type=EntityType.PERSON, article=article, paragraph=1,
                   sentence=f"{surface} spoke.")


ENTITIES = merge_entities([mention("Spencer Li", "a1"), mention("Li", "a1"),
                           mention("Li Qiang", "a2"), mention("Li", "a2"),
                           mention("Bryce Pardo", "a3")])
KEYS = {e.name: e.key for e in ENTITIES}


def quote(article: str, speaker: str | None, full: str | None = None, described: str | None = None) -> Quote:
    return Quote(text="We will act.", speaker=speaker, described_as=described, article=article,
                 paragraph=1, speaker_name=full)


def speakers(*quotes: Quote) -> list[tuple[str, str]]:
    return [(s.quote.article, s.entity) for s in resolve_speakers(quotes, ENTITIES)]


def test_a_surname_resolves_to_the_person_of_its_own_article():
    assert speakers(quote("a1", "Li"), quote("a2", "Li")) == [("a1", KEYS["Spencer Li"]), ("a2", KEYS["Li Qiang"])]


def test_the_fullest_name_is_tried_first():
    assert speakers(quote("a9", "Li", full="Li Qiang")) == [("a9", KEYS["Li Qiang"])]


def test_a_name_from_another_article_resolves_when_unique():
    assert speakers(quote("a9", "Pardo")) == [("a9", KEYS["Bryce Pardo"])]


def test_an_ambiguous_or_unknown_name_and_an_unnamed_source_get_no_speaker():
    assert speakers(quote("a9", "Li"), quote("a9", "Nobody Known"), quote("a9", None, described="a spokeswoman")) == []
