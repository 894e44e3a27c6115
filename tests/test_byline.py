"""byline.py reads one credit line: person names by shape, an agency or desk apart, dates and
handles cut off. Every line here is made up; none is copied from a dev page."""

from __future__ import annotations

import pytest

from generator.ingest.byline import (Credit, bare_credit, explicit_credit, is_countdown, is_date_line, is_job_title,
                              is_org, is_person_name, parse_credit)


@pytest.mark.parametrize("line, names, agency", [
    ("By Jane Doe", ("Jane Doe",), None),
    ("by Lena Marsh and Tom Okafor", ("Lena Marsh", "Tom Okafor"), None),
    ("By Priya K. Raman, Staff Writer", ("Priya K. Raman",), None),
    ("By Omar Haddad | Northwire", ("Omar Haddad",), "Northwire"),
    ("By Ines Costa, Harbor Business", ("Ines Costa",), "Harbor Business"),
    ("By Ines Costa, HRB Staff", ("Ines Costa",), "HRB Staff"),
    ("BY GRETA HOLM AND PAUL ADEYEMI", ("Greta Holm", "Paul Adeyemi"), None),
    ("By Karl Brandt Updated March 3, 2021, 9:15 am EST", ("Karl Brandt",), None),
    ("Tuesday March 2, 2021 6:10 pm PST by Nora Lind", ("Nora Lind",), None),
    ("Posted by Deltasoft", (), "Deltasoft"),  # one capitalised word: a company or desk
    ("Analysis by Sam Rook, Chief Economics Correspondent", ("Sam Rook",), None),
    ("By Eva de la Cruz", ("Eva de la Cruz",), None),
    ("By Lena Marsh; Tom Okafor", ("Lena Marsh", "Tom Okafor"), None),  # a semicolon between names
    ("Von Jonas Albers veröffentlicht am 4. März 2021", ("Jonas Albers",), None),
    ("By Reuters", (), "Reuters"),
    ("By Western Press Agency", (), "Western Press Agency"),
    ("By admin - 2021-03-04", (), None),
    ("By Mia Wong on Friday, March 5th, 2021 at 10:02 a.m.", ("Mia Wong",), None),
])
def test_explicit_credits(line, names, agency):
    credit = parse_credit(line)
    assert credit is not None
    assert credit == Credit(names, agency)


@pytest.mark.parametrize("line", [
    "Trade by the numbers: what changed in March",  # "by" inside a headline
    "Edited by: Rosa Diaz",  # an editor is no author
    "Photos by Leo Grant",
    "The plan was backed by most of the council members who spoke at the long meeting on Monday",
    "PARTY TIME tonight",  # "PAR" is no "Par ..." credit
])
def test_lines_that_are_no_credit(line):
    assert parse_credit(line) is None


def test_a_bare_by_line_introduces_the_next_line():
    assert explicit_credit("By") == ""


@pytest.mark.parametrize("line, names, agency", [
    ("Hana Sato", ("Hana Sato",), None),
    ("Luis Ortega @luisortega", ("Luis Ortega",), None),
    ("March 4, 2021 Aiko Tanaka", ("Aiko Tanaka",), None),
    ("Ravi Menon Senior Contributor", ("Ravi Menon",), None),
    ("Associated Newswire", (), "Associated Newswire"),
])
def test_bare_credits(line, names, agency):
    assert bare_credit(line) == Credit(names, agency)


@pytest.mark.parametrize("line", [
    "Share All", "Order Reprints", "In Pictures", "KEY FACTS", "Marta Ruiz says the plan will fail",
    "Read the full story.", "Sign Up",
])
def test_menu_entries_and_sentences_are_no_bare_credit(line):
    credit = bare_credit(line)
    assert credit is None or not credit.names


def test_person_name_shape():
    assert is_person_name("Ana Lopes")
    assert is_person_name("J. R. Hartley")
    assert not is_person_name("Smith")  # one token: a first name, an account or a company
    assert not is_person_name("The Goods")
    assert not is_person_name("Foreign Minister")
    assert not is_person_name("Metro News")


def test_org_and_job_shapes():
    assert is_org("AFX") and is_org("Coastal Press") and is_org("Plains Radio Network")
    assert not is_org("Ana Lopes")
    assert is_job_title("Staff Writer") and is_job_title("Senior Contributor")
    assert not is_job_title("Ana Lopes")


@pytest.mark.parametrize("line, dated", [
    ("Mar. 4, 2021 8:03 am ET", True),
    ("4 MAR 2021", True),
    ("Published 3 hours ago", True),
    ("Thursday 5:30PM", True),
    ("Your video will play in 00:25", False),  # a player's countdown (is_countdown), no date
    ("21:17", True),
    ("Four Ways to Fix the Bus Network", False),
    ("2021 Regional Chess Results", False),
])
def test_date_lines(line, dated):
    assert is_date_line(line) is dated


def test_a_countdown_is_no_date():
    assert is_countdown("Your video will play in 00:25") and not is_countdown("Mar 4, 2021 4:00 PM")
