"""The cleaner's rules on hand-built pages, and properties that must hold for any text.

Each page here is written by hand so that its true body is known without running the
cleaner; the property tests use the hand-written seed gold as the oracle.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import load_gold
from generator.ingest.clean import clean_lines
from generator.ingest.headline import title_anchor
from generator.ingest.layout import find_body_run, table_rows
from generator.ingest.shapes import is_prose, words
from generator.model import Fate, SourceText
from generator.ingest.segment import segment_lines

PARAGRAPHS = (
    "The city council voted on Tuesday to expand the bus network to three new districts.",
    "Officials said the first routes would open in the spring, once drivers had been hired.",
    "Residents who spoke at the meeting welcomed the plan but asked for later evening services.",
    "The council will review the cost of the expansion again at its budget meeting in June.",
)
MENU = ("Home", "News", "Sport", "Weather", "Business", "Culture", "Travel", "Contact")


def clean_text(text: str):
    source = SourceText(path=Path("page.txt"), text=text, encoding="utf-8", sha256="0")
    return clean_lines(source, segment_lines(source))


def body_of(text: str) -> list[str]:
    return [d.line.text for d in clean_text(text).decisions if d.fate is Fate.BODY]


def page(*blocks: str) -> str:
    """Blocks separated by blank lines, as a browser copies paragraphs."""
    return "\n\n".join(blocks) + "\n"


# --- word counts ------------------------------------------------------------------------

def test_words_counts_spaced_words():
    assert words("one two  three") == 3


def test_words_falls_back_to_characters_for_cjk():
    # 20 ideographs/kana and no spaces: 8 words at 2.5 characters a word, not 1.
    assert words("東京都は新しい交通計画を発表しました。今日") == 8


# --- the body run -----------------------------------------------------------------------

def test_body_run_skips_a_menu_above_the_article():
    texts = MENU + PARAGRAPHS
    numbers = tuple(range(1, len(MENU) + 1)) + tuple(20 + 2 * i for i in range(len(PARAGRAPHS)))
    assert find_body_run(texts, numbers) == (len(MENU), len(texts) - 1)


def test_menu_and_footer_are_not_body():
    text = "\n".join(MENU) + "\n\n" + page(*PARAGRAPHS) + "\n".join(
        ("Privacy Policy", "Terms of Use", "About us"))
    assert body_of(text) == list(PARAGRAPHS)


def test_comment_thread_after_the_article_is_not_body():
    comments = []
    for n, (name, comment) in enumerate((
            ("janedoe", "I take the bus every day and this is the best news I have heard all year."),
            ("busfan", "Later evening services would really help the people who work night shifts."),
            ("rob_k", "I doubt the spring date, these plans always take longer than anyone says."),
            ("mo", "Good to see the council listening to residents for once, about time really."))):
        comments.append(f"Rating: {n + 3} Votes\n{name}\n{n + 1} days ago at 07:5{n} am\n\n{comment}")
    text = page("Council expands bus network", *PARAGRAPHS, "Top Rated Comments", *comments)
    assert body_of(text) == list(PARAGRAPHS)


def test_one_long_comment_does_not_outweigh_a_shorter_article():
    """A comment of 84 words under its username and time beats four paragraphs of 62 by sum;
    opening right after a repeated time line marks it as one record of a thread."""
    long_comment = " ".join(["I have used these buses for years and every change has made it worse."] * 2)
    comments = []
    for n, name in enumerate(("janedoe", "busfan", "rob_k")):
        comments.append(f"{name}\n{n + 1} days ago at 07:5{n} am\n\n"
                        "Later evening services would really help the people who work night shifts.")
    comments.append("mo\n4 days ago at 08:51 am\n\n" + "\n\n".join([long_comment] * 3))
    text = page("Council expands bus network", *PARAGRAPHS, "Top Rated Comments", *comments)
    assert sum(words(p) for p in PARAGRAPHS) < 3 * words(long_comment) < 2 * sum(words(p) for p in PARAGRAPHS)
    assert body_of(text) == list(PARAGRAPHS)


def test_short_sentences_next_to_the_body_join_it():
    text = page("Home\nNews\nSport", "Why it matters.", *PARAGRAPHS, "This plan will help you!",
                "Privacy Policy")
    assert body_of(text) == ["Why it matters.", *PARAGRAPHS, "This plan will help you!"]


def test_glued_headline_and_teaser_lines_are_not_prose():
    rail = ("Customers Leave Without Paying Bill At Troy SteakhouseA party of six left the restaurant.",
            "Michigan To Mail Redistricting Panel ApplicationsThe state will mail the forms next week.",
            "Is Violence In Sports On The Rise?Violence is part of the game in many sports today.")
    assert all(not is_prose(line) for line in rail)
    assert all(is_prose(line) for line in PARAGRAPHS)
    assert is_prose("In the 1990s, McDonald's and YouTube said the iPhone would sell well.")


def test_japanese_article_keeps_its_body():
    paragraphs = (
        "東京都は十九日、来年の春から新しいバス路線を三つの地区に開設すると発表した。",
        "都の担当者によると、運転手の採用が終わり次第、最初の路線の運行を始める予定だという。",
        "説明会に参加した住民からは、夜遅くまで運行してほしいという声が多く聞かれた。",
    )
    text = "\n".join(("ホーム", "ニュース", "スポーツ", "天気")) + "\n\n" + page(*paragraphs)
    assert body_of(text) == list(paragraphs)


STANDINGS = ("Pos.\tTeam\tPlayed\tPoints", "1\tNorthgate\t12\t30", "2\tEastfield\t12\t27",
             "3\tRiverside\t12\t21", "4\tHillcrest\t12\t18", "5\tOld Town\t12\t12")


def test_table_between_paragraphs_stays_in_the_body():
    """Twelve short table rows would cost twelve gaps and split the article in two."""
    rows = STANDINGS + tuple(f"{n}\tClub {n}\t12\t{20 - n}" for n in range(6, 12))
    text = "\n".join(MENU) + "\n\n" + page(PARAGRAPHS[0], PARAGRAPHS[1], "\n".join(rows),
                                            PARAGRAPHS[2], PARAGRAPHS[3])
    assert body_of(text) == [PARAGRAPHS[0], PARAGRAPHS[1], *rows, PARAGRAPHS[2], PARAGRAPHS[3]]


def test_flattened_table_rows_count_as_a_table():
    rows = ("1 Northgate 12 30 9 3", "2 Eastfield 12 27 8 3", "3 Riverside 12 21 6 3",
            "4 Hillcrest 12 18 5 3")
    assert table_rows(("Home",) + rows + ("Scores updated 1 hour ago",)) == frozenset(range(1, 5))


def test_a_lone_numeric_line_is_not_a_table():
    assert table_rows(("Home", "1 Northgate 12 30 9 3", PARAGRAPHS[0])) == frozenset()


# --- the <title> anchor and the comment form -------------------------------------------

TEASERS = tuple(f"{place} police say a second man has been arrested after the fire at the old mill."
                for place in ("Northgate", "Eastfield", "Riverside", "Hillcrest", "Old Town", "Westbury",
                              "Southport", "Kingsway", "Millbrook", "Ashford", "Lakeside", "Fairview"))


def test_title_anchor_is_the_headline_repeating_the_page_title():
    texts = ("Council expands bus network - The Daily Post", "Home", "News",
             "Council expands bus network", "By Jane Doe", *PARAGRAPHS)
    assert title_anchor(texts) == 3


def test_no_title_anchor_without_a_title_line_or_its_repeat():
    assert title_anchor(("Home", "News", "Home", *PARAGRAPHS)) is None
    assert title_anchor(("Council expands bus network - The Daily Post", "Home", *PARAGRAPHS)) is None


def test_article_under_the_repeated_title_beats_a_longer_teaser_rail():
    """Most prose lines packed (a rail of twelve teasers): packing says little on such a page,
    and the rail outweighs four short paragraphs; the headline that repeats the <title>
    anchors the article."""
    rail = "\n".join(TEASERS)
    menu = "\n".join(MENU)
    title = "Council expands bus network | The Daily Post"
    assert body_of(page(title, menu, rail, menu, "Council expands bus network", *PARAGRAPHS)) == list(PARAGRAPHS)
    # Without the <title> line the rail wins: the anchor is what decides.
    assert body_of(page(menu, rail, menu, "Council expands bus network", *PARAGRAPHS)) == list(TEASERS)


def test_comment_form_prose_after_the_article_is_not_body():
    consent = ("By submitting this form you agree to the publisher using your data to publish your comment.",
               "Your personal data will only be shared with third parties for the purposes of spam filtering.",
               "You may revoke this consent at any time, in which case your personal data will be deleted.")
    text = page("Council expands bus network", *PARAGRAPHS, "Leave a Reply", "Name *", "Email *",
                *consent)
    assert body_of(text) == list(PARAGRAPHS)


def test_a_list_announced_after_the_body_joins_it():
    items = ("New routes to three districts", "Later evening services on weekdays",
             "A night bus to the airport")
    text = page(*PARAGRAPHS, "The plan brings:", "\n".join(items), "Share this:", "Facebook\nTwitter")
    assert body_of(text) == [*PARAGRAPHS, "The plan brings:", *items]


def test_a_list_after_the_body_without_a_lead_in_stays_out():
    """Without the announcing line the block is as likely a rail of links as the article's."""
    items = ("New routes to three districts", "Later evening services on weekdays",
             "A night bus to the airport")
    assert body_of(page(*PARAGRAPHS, "\n".join(items))) == list(PARAGRAPHS)


def test_a_sentence_broken_over_lines_after_the_body_joins_it():
    """Each piece is too short for prose and ends in a comma; the last one closes the sentence."""
    broken = ("また、その他にも、", "もとの商品を小分けにして販売するような行為は、", "商標権侵害と判断される場合があります。")
    paragraphs = (
        "東京都は十九日、来年の春から新しいバス路線を三つの地区に開設すると発表した。",
        "都の担当者によると、運転手の採用が終わり次第、最初の路線の運行を始める予定だという。",
    )
    text = page(*paragraphs, "\n".join(broken), "関連記事\nホーム\nニュース")
    assert body_of(text) == [*paragraphs, *broken]


def test_comma_ended_lines_that_never_close_a_sentence_stay_out():
    text = page(*PARAGRAPHS, "Northgate, Eastfield,\nRiverside, Hillcrest,", "Home\nNews")
    assert body_of(text) == list(PARAGRAPHS)


# --- rules inside the body --------------------------------------------------------------

def test_lone_headline_between_paragraphs_is_related():
    related = "Mayor promises new tram line for the eastern suburbs"
    text = page(PARAGRAPHS[0], PARAGRAPHS[1], related, PARAGRAPHS[2], PARAGRAPHS[3])
    fates = {d.line.text: d.fate for d in clean_text(text).decisions}
    assert fates[related] is Fate.RELATED
    assert body_of(text) == list(PARAGRAPHS)


def test_packed_list_items_in_the_body_stay_body():
    items = ("Route 12: Northgate to the central station", "Route 14: Eastfield to the hospital")
    text = page(PARAGRAPHS[0], PARAGRAPHS[1], "\n".join(items), PARAGRAPHS[2], PARAGRAPHS[3])
    assert body_of(text) == [PARAGRAPHS[0], PARAGRAPHS[1], *items, PARAGRAPHS[2], PARAGRAPHS[3]]


def test_short_subheading_inside_the_body_stays_body():
    text = page(PARAGRAPHS[0], PARAGRAPHS[1], "What happens next", PARAGRAPHS[2], PARAGRAPHS[3])
    assert "What happens next" in body_of(text)


def test_advertisement_inside_the_body_is_furniture():
    text = page(PARAGRAPHS[0], "Advertisement", PARAGRAPHS[1], PARAGRAPHS[2])
    decision = next(d for d in clean_text(text).decisions if d.line.text == "Advertisement")
    assert (decision.fate, decision.rule) == (Fate.FURNITURE, "furniture-vocabulary")

def test_caption_with_a_bracketed_credit_is_an_image():
    caption = "Protesters wore masks to hide their faces from the cameras (Image: GETTY )"
    text = page(PARAGRAPHS[0], PARAGRAPHS[1], caption, PARAGRAPHS[2], PARAGRAPHS[3])
    decision = next(d for d in clean_text(text).decisions if d.line.text == caption)
    assert decision.fate is Fate.IMAGE
    assert body_of(text) == list(PARAGRAPHS)



def test_video_block_is_video():
    text = page(PARAGRAPHS[0], PARAGRAPHS[1], "01:44", "Bus drivers go on strike",
                "Bus drivers go on strike", PARAGRAPHS[2], PARAGRAPHS[3])
    fates = [d.fate for d in clean_text(text).decisions if d.line.text in ("01:44", "Bus drivers go on strike")]
    assert fates == [Fate.VIDEO] * 3


def test_comment_count_at_the_very_end():
    text = page("Council expands bus network", *PARAGRAPHS, "12")
    last = clean_text(text).decisions[-1]
    assert (last.line.text, last.fate) == ("12", Fate.COMMENT_COUNT)


# --- labels over the headline -----------------------------------------------------------

NAV = ("Home", "News", "Sport", "Opinion", "Obituaries", "Business", "Culture", "Travel")


def fates_of(text: str) -> dict[str, Fate]:
    return {d.line.text: d.fate for d in clean_text(text).decisions}


def test_an_opinion_entry_of_a_menu_far_above_the_headline_is_no_label():
    """A nav bar's "Opinion" and the entry after it are menu entries, not the piece's kind
    and column: they sit further above the headline than KICKER_WINDOW lines."""
    text = page("\n".join(NAV), *[f"Teaser line {n}" for n in range(6)],
                "Council expands bus network", "By Jane Doe", *PARAGRAPHS)
    fates = fates_of(text)
    assert Fate.KIND not in fates.values() and Fate.COLUMN not in fates.values()
    assert (fates["Opinion"], fates["Obituaries"]) == (Fate.FURNITURE, Fate.FURNITURE)


def test_an_opinion_entry_of_a_menu_ending_on_the_headline_is_no_label():
    """Within KICKER_WINDOW lines of the headline, but one of a run of packed menu entries."""
    text = page("\n".join(("Home", "News", "Sport", "Opinion", "Obituaries", "Travel")),
                "Council expands bus network", "By Jane Doe", *PARAGRAPHS)
    assert {Fate.KIND, Fate.COLUMN}.isdisjoint(fates_of(text).values())


def test_an_opinion_label_just_above_the_headline_is_the_kind():
    text = page("\n".join(NAV), *[f"Teaser line {n}" for n in range(6)], "Opinion\nTransport matters",
                "Council expands bus network", "By Jane Doe", *PARAGRAPHS)
    decisions = [d for d in clean_text(text).decisions if d.fate in (Fate.KIND, Fate.COLUMN)]
    assert [(d.line.text, d.fate) for d in decisions] == [("Opinion", Fate.KIND), ("Transport matters", Fate.COLUMN)]


# --- properties -------------------------------------------------------------------------

LINE_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"),
                    max_size=120)


@settings(max_examples=200, deadline=None)
@given(st.lists(LINE_TEXT, max_size=40))
def test_any_text_every_line_one_fate_body_verbatim_in_order(lines):
    text = "\n".join(lines)
    cleaned = clean_text(text)
    non_empty = [line.strip() for line in text.split("\n") if line.strip()]
    assert [d.line.text for d in cleaned.decisions] == non_empty
    assert all(isinstance(d.fate, Fate) and d.rule for d in cleaned.decisions)
    body = [d.line for d in cleaned.decisions if d.fate is Fate.BODY]
    assert [line.number for line in body] == sorted(line.number for line in body)
    assert all(line.text in non_empty for line in body)


GOLD = load_gold()
GOLD_CASES = [(n, g) for n, g in sorted(GOLD.items()) if g["body"] and g["removed_lines"]]


@settings(max_examples=60, deadline=None)
@given(case=st.sampled_from(GOLD_CASES), data=st.data())
def test_gold_removed_lines_inserted_into_gold_body_leave_it_unchanged(case, data):
    """Each removed line goes in as a line of its own between two paragraphs (at most one
    per gap), as furniture sits in the seeds; the body must come out exactly as before."""
    _, gold = case
    body = [p.strip() for p in gold["body"]]
    gaps = data.draw(st.lists(st.integers(1, len(body) - 1), min_size=1, max_size=4, unique=True))
    removed = {gap: data.draw(st.sampled_from(gold["removed_lines"])) for gap in gaps}
    blocks = []
    for n, paragraph in enumerate(body):
        if n in removed:
            blocks.append(removed[n])
        blocks.append(paragraph)
    head = (gold["title"],) if gold["title"] else ()
    assert body_of(page(*head, *blocks)) == body
