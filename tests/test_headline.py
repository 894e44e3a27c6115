"""Where the headline and the byline sit: headline.find_title / find_bylines and what the
structure stage makes of them, on hand-built pages (no dev page copied). Each page is a
menu, a header block and a body whose true headline and credit are known by construction."""

from __future__ import annotations

from pathlib import Path

from generator.ingest.clean import clean_lines
from generator.ingest.headline import find_title, is_headline_shaped
from generator.model import Paragraph, SourceText
from generator.ingest.segment import segment_lines
from generator.ingest.structure import dateline_agency, structure_article

BODY = (
    "The harbour authority approved a plan on Monday to dredge the northern channel for larger ferries.",
    "Engineers said the work would begin in the autumn and take about eighteen months to finish.",
    "Fishing crews who use the channel asked for the dredging to pause during the spawning season.",
    "The authority said it would publish a timetable for the dredging works before the summer.",
)
HEADLINE = "Harbour authority approves plan to dredge northern ferry channel"
MENU = ("Home", "News", "Sport", "Smart Home", "Wearable Tech", "In Pictures", "Special Reports")


def article_of(*lines: str, blank_before_body: bool = True):
    text = "\n".join(lines) + ("\n\n" if blank_before_body else "\n") + "\n\n".join(BODY) + "\n"
    source = SourceText(path=Path("page.txt"), text=text, encoding="utf-8", sha256="0")
    return structure_article(clean_lines(source, segment_lines(source)))


def test_headline_above_byline_and_date_under_a_menu():
    article = article_of(*MENU, HEADLINE, "By Clara Voss", "March 4, 2021 8:03 am ET")
    assert (article.title, article.title_derived) == (HEADLINE, False)
    assert article.authors == ("Clara Voss",)
    assert [p.text for p in article.body] == list(BODY)


def test_menu_entries_shaped_like_names_are_never_authors():
    article = article_of(HEADLINE, *MENU, "March 4, 2021")
    assert article.authors == ()


def test_a_rail_of_headlines_above_the_article_headline_is_skipped():
    rail = ("Council delays vote on new cycle lanes", "Storm closes coastal road for a second day",
            "Museum reopens its maritime gallery")
    article = article_of(*MENU, *rail, HEADLINE, "By Clara Voss")
    assert article.title == HEADLINE


def test_headline_over_a_headline_shaped_standfirst():
    standfirst = "Ferries twice the size could dock by next winter under the new scheme"
    article = article_of(*MENU, HEADLINE, standfirst, "By Clara Voss", "4 March 2021")
    assert article.title == HEADLINE
    assert article.authors == ("Clara Voss",)


def test_the_pages_title_line_picks_the_repeated_headline():
    # An HTML-to-text dump opens with <title>: "Headline | Outlet".
    article = article_of(f"{HEADLINE} | Coastline Daily", *MENU, "Ferry news", HEADLINE,
                         "Ferries twice the size could dock by next winter under the new scheme.")
    assert article.title == HEADLINE


def test_page_furniture_is_never_a_title():
    # (A short sentence right above the body joins it, so the modal line is not last.)
    article = article_of(*MENU, "This is a modal window.", "Share on Reddit",
                         "SIGN UP FOR OUR NEWSLETTER", "Your video will play in 00:25")
    assert article.title not in ("Share on Reddit", "SIGN UP FOR OUR NEWSLETTER",
                                 "Your video will play in 00:25", "This is a modal window.")
    assert article.title_derived is True
    assert BODY[0].startswith(article.title.rstrip("…"))


def test_agency_apart_from_the_person():
    article = article_of(*MENU, HEADLINE, "By Clara Voss and Iman Farouk | Tidewater Press")
    assert article.authors == ("Clara Voss", "Iman Farouk")
    assert article.agency == "Tidewater Press"


def test_agency_only_credit_names_no_person():
    article = article_of(*MENU, HEADLINE, "By Northwire", "4 March 2021")
    assert (article.authors, article.agency) == ((), "Northwire")


def test_bare_name_under_the_headline_beside_a_date_is_the_byline():
    article = article_of(*MENU, HEADLINE, "Clara Voss", "3 hours ago", "Share", "Tweet")
    assert article.authors == ("Clara Voss",)


def test_names_stacked_one_per_line_are_a_list_not_a_byline():
    article = article_of(*MENU, HEADLINE, "Clara Voss 1st place", "Iman Farouk Harbour Club",
                         "Tomas Berg North Club", "Posted: Fri 6:45 PM, Mar 5, 2021")
    assert article.authors == ()


def test_a_credit_far_above_the_headline_is_a_teaser_not_the_byline():
    teaser = ("Museum reopens its maritime gallery after a year", "By Rafael Mendes")
    article = article_of(*teaser, *MENU, *MENU, HEADLINE, "4 March 2021")
    assert article.authors == ()


def test_a_wire_dateline_credits_the_agency_when_no_byline_does():
    assert dateline_agency((Paragraph("PORTVILLE, Ore. (Northwire) — The harbour authority voted."),)) == "Northwire"
    assert dateline_agency((Paragraph("(NWA) — The harbour authority voted on Monday."),)) == "NWA"
    assert dateline_agency((Paragraph("The authority (which met on Monday) voted to dredge."),)) is None


def test_a_newsletter_promotion_is_not_the_headline():
    article = article_of(*MENU, HEADLINE,
                         "Ferries twice the size could dock by next winter under the new scheme.",
                         "Morning Briefing Emails", "Get the day's top stories in your inbox every morning.",
                         "SUBSCRIBE", "4 March 2021", "By Clara Voss")
    assert article.title == HEADLINE


def test_author_box_links_glued_captions_and_labels_are_not_headline_shaped():
    assert is_headline_shaped(HEADLINE)
    for line in ("About Clara Voss", "Follow Clara Voss on Twitter", "More from Clara Voss",
                 "Ferries queue at the pier in Portville, Oregon.Ana Ruiz / Coastal Press file",
                 "Ana Ruiz/Coastal Press", "Filed to: transport", "Home > News > Transport",
                 "Share on Reddit", "Your video will play in 00:25"):
        assert not is_headline_shaped(line), line


def test_standfirst_bullets_mark_the_headline_over_a_byline_above_it():
    article = article_of("Ferry channel dredging news", "By Clara Voss", HEADLINE,
                         "• Ferries twice the size could dock by next winter",
                         "• Fishing crews want a pause in the spawning season")
    assert article.title == HEADLINE and article.authors == ("Clara Voss",)
    assert article.standfirst == ("Ferries twice the size could dock by next winter",
                                  "Fishing crews want a pause in the spawning season")


def test_a_line_in_another_script_is_not_the_headline():
    # Right above the body and under the byline, the link is placed like a headline.
    texts = ("Home", "News", "By Clara Voss", "阅读本文的简体中文版本和繁体中文版本", *BODY)
    assert find_title(texts, len(texts) - len(BODY), len(texts) - 1) is None


def test_call_to_action_verbs_are_words_not_one_templates_icon_tokens():
    """The verbs that open a call to action are words every outlet uses; an icon font's
    ligature name ("chevron_left") is one template's markup, not vocabulary."""
    import re

    from generator.ingest.shapes import CALL_TO_ACTION

    verbs = re.search(r"\(\?:(.*?)\)\\b", CALL_TO_ACTION.pattern).group(1).split("|")
    assert len(verbs) > 20 and not [v for v in verbs if "_" in v]
