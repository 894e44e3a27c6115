"""The structure stage on hand-built input: derived titles (`derive_title`, and the flag
`structure_article` sets) and the one slug rule (`slugify`). Every expected value is
written by hand from the rule, never copied from the code's output."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest.structure import derive_title, slugify, structure_article
from generator.model import Cleaned, Decision, Fate, Line, Paragraph, SourceText


def lead(text: str) -> tuple[Paragraph, ...]:
    return (Paragraph(text), Paragraph("A second paragraph that no derived title reads."))


def cleaned(*lines: tuple[str, Fate], stem: str = "007_harbour-works") -> Cleaned:
    source = SourceText(path=Path(f"{stem}.txt"), text="", encoding="utf-8", sha256="0")
    return Cleaned(source=source, decisions=tuple(
        Decision(line=Line(number=n, text=text), fate=fate, rule="test")
        for n, (text, fate) in enumerate(lines, start=1)))


# derive_title: the lead sentence, cut at a real sentence end.

def test_derived_title_is_cut_at_a_real_sentence_end():
    body = (Paragraph("Walt Disney Co. said on Oct. 9 that U.S. visitors rose. Analysts expected less."),)
    assert derive_title(body, "x") == "Walt Disney Co. said on Oct. 9 that U.S. visitors rose."


@pytest.mark.parametrize("text, title", [
    # A company abbreviation before a capital ends nothing.
    ("Walt Disney Co. Chief Executive Bob Iger spoke on Monday. He took questions.",
     "Walt Disney Co. Chief Executive Bob Iger spoke on Monday."),
    # A month abbreviation before a day ends nothing.
    ("The vote on Oct. 9 was close. Turnout fell.", "The vote on Oct. 9 was close."),
    # A dotted acronym ends nothing, before a capital either.
    ("Officials in the U.S. Treasury said rates would hold. Markets rose.",
     "Officials in the U.S. Treasury said rates would hold."),
    # An initial ends nothing.
    ("A speech by John F. Kennedy opened the archive. Visitors queued.",
     "A speech by John F. Kennedy opened the archive."),
    # "No." before a number ends nothing; "no." before a word ends the sentence.
    ("The No. 5 seed won. Fans cheered.", "The No. 5 seed won."),
    ("He said no. Then he left the room.", "He said no."),
    # A full stop before a lower-case word is no sentence end.
    ("Shares in Acme Inc. fell. Traders sold.", "Shares in Acme Inc. fell."),
    # A question ends a sentence as a full stop does.
    ("Who pays for the dredging? The council has not said.", "Who pays for the dredging?"),
])
def test_derived_title_never_ends_at_an_abbreviation(text, title):
    assert derive_title(lead(text), "x") == title


def test_derived_title_of_a_long_sentence_is_cut_at_a_word():
    body = (Paragraph("The harbour authority approved a plan on Monday to dredge the northern channel "
                      "for larger ferries from the spring."),)
    title = derive_title(body, "x")
    assert title.endswith("…") and len(title) <= 91 and body[0].text.startswith(title[:-1])


def test_a_long_lead_is_cut_before_the_word_that_crosses_the_limit_and_loses_its_comma():
    # Sixteen four-letter words (80 characters with their spaces), "deep, " (86), then
    # "floodwaters" across the 90th character: the cut falls after "deep," and the comma goes.
    text = ("Rain fell hard upon each road near town late last week when many cars were left deep, "
            "floodwaters rising fast around them")
    assert derive_title(lead(text), "x") == (
        "Rain fell hard upon each road near town late last week when many cars were left deep…")


def test_a_short_lead_without_a_sentence_end_is_the_whole_title():
    assert derive_title(lead("Harbour works delayed again"), "x") == "Harbour works delayed again"


def test_no_body_derives_the_fallback():
    assert derive_title((), "007_harbour-works") == "007_harbour-works"


# structure_article: a title read off the page, or derived and marked so.

def test_a_page_without_a_headline_gets_a_derived_title_marked_derived():
    article = structure_article(cleaned(
        ("Home", Fate.FURNITURE),
        ("The vote on Oct. 9 was close. Turnout fell to a record low in the harbour ward.", Fate.BODY),
        ("Officials said the count would be checked again on Friday.", Fate.BODY)))
    assert article.title == "The vote on Oct. 9 was close."
    assert article.title_derived is True
    assert article.slug == "the-vote-on-oct-9-was-close"


def test_a_headline_line_is_the_title_and_not_derived():
    article = structure_article(cleaned(
        ("Harbour vote is close", Fate.TITLE),
        ("The vote on Oct. 9 was close. Turnout fell to a record low in the harbour ward.", Fate.BODY)))
    assert article.title == "Harbour vote is close"
    assert article.title_derived is False


def test_a_page_with_neither_headline_nor_body_is_named_by_its_file():
    article = structure_article(cleaned(("Home", Fate.FURNITURE), stem="007_harbour-works"))
    assert article.title == "007_harbour-works"
    assert article.title_derived is True
    assert article.slug == "007-harbour-works"


# slugify: the one slug rule.

@pytest.mark.parametrize("text, slug", [
    ("Harbour Authority Approves Plan", "harbour-authority-approves-plan"),
    ("People's Choice", "peoples-choice"),
    ("Don’t Look Back", "dont-look-back"),
    ("Café déjà vu", "cafe-deja-vu"),
    ("  Rates, rents & wages: 2024!  ", "rates-rents-wages-2024"),
    ("U.S. exports", "u-s-exports"),
    ("日本語のニュース", ""),
    ("Index", "index-1"),
    ("index", "index-1"),
    ("Index of prices", "index-of-prices"),
])
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_a_long_slug_is_cut_at_a_word_boundary():
    assert slugify("alpha beta gamma", max_chars=12) == "alpha-beta"
    # 13 words of four letters: 64 characters hyphenated; the default cut (60) drops the last.
    text = " ".join(["port"] * 13)
    assert slugify(text) == "-".join(["port"] * 12)


def test_no_limit_keeps_the_whole_slug():
    text = " ".join(["port"] * 20)
    assert slugify(text, max_chars=None) == "-".join(["port"] * 20)
