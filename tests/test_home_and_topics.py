"""The home page a busy reader skims, the topics, and the index pages, on the built seeds."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from conftest import make_article
from generator.model import Article
from generator.topics import select_topics, singular

ARTICLE_MAIN = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def visible_text(page: Path) -> str:
    main = ARTICLE_MAIN.search(page.read_text(encoding="utf-8")).group(1)
    return html.unescape(re.sub(r"<[^>]+>", " ", main))


def links(page: Path) -> list[str]:
    main = ARTICLE_MAIN.search(page.read_text(encoding="utf-8")).group(1)
    return re.findall(r'<a [^>]*href="([^"#]+)(?:#[^"]*)?"', main)


@pytest.fixture(scope="module")
def site(built_project) -> Path:
    return built_project / "site"


@pytest.fixture(scope="module")
def data(site) -> dict:
    return json.loads((site / "briefing.json").read_text(encoding="utf-8"))


def test_home_has_every_section_and_fits_in_600_words(site):
    text = visible_text(site / "index.html")
    for heading in ("Key points", "Who's who", "Key figures", "Latest events", "Notable quotes"):
        assert heading in text
    assert len(text.split()) <= 600
    assert "This briefing gathers 5 articles (3 news, 2 opinion)" in text


def test_home_reaches_every_article_in_one_click(site, data):
    targets = set(links(site / "index.html"))
    for article in data["articles"]:
        assert f"articles/{article['slug']}.html" in targets


def test_every_link_of_every_index_page_resolves(site):
    pages = [site / "index.html", site / "quotes.html", site / "timeline.html", site / "articles" / "index.html"]
    pages += sorted((site / "topics").glob("*.html")) + sorted((site / "people").glob("*.html"))
    pages += sorted((site / "organisations").glob("*.html")) + sorted((site / "places").glob("*.html"))
    assert len(pages) > 20
    for page in pages:
        for target in links(page):
            if target.startswith(("http:", "https:", "mailto:")):
                continue
            assert (page.parent / target).resolve().is_file(), f"{page.name} → {target}"


def test_home_sentences_come_from_the_articles(site, data):
    """Extractive: every figure and event line on the home page quotes an article sentence."""
    bodies = " ".join(p for a in data["articles"] for p in a["body"])
    text = visible_text(site / "index.html")
    section = text[text.index("Key figures"):text.index("Latest events")]
    sentences = re.findall(r": (.+?\.) —", section)
    assert sentences
    for sentence in sentences:
        assert " ".join(sentence.split()) in " ".join(bodies.split())


def test_topics_include_section_labels_and_shared_phrases(data):
    names = {t["name"] for t in data["topics"]}
    assert {"Fentanyl and other opioids", "US-China relations"} <= names
    assert "Opinion" not in names
    shared = [t for t in data["topics"] if t["name"] not in ("Fentanyl and other opioids", "US-China relations")]
    assert shared and all(len(t["articles"]) >= 2 for t in shared)
    assert any(t["name"].lower().startswith("precursor chemical") for t in shared)


def test_topics_are_tags_of_their_articles(built_project, data):
    for topic in data["topics"]:
        for article_id in topic["articles"]:
            article = next(a for a in data["articles"] if a["id"] == article_id)
            page = (built_project / "docs" / "articles" / f"{article['slug']}.md").read_text(encoding="utf-8")
            assert topic["name"].replace("&", "&amp;") in page.split("---")[1]


def article(id_: str, section: str | None) -> Article:
    return make_article(id=id_, section=section)


def test_select_topics_needs_two_articles_and_folds_plurals():
    articles = (article("a", "World"), article("b", "Opinion"), article("c", None))
    phrases = {"a": (("precursor chemical", "precursor chemicals"), ("trade war", "trade war")),
               "b": (("precursor chemical", "precursor chemical"),),
               "c": (("lonely phrase", "lonely phrase"),)}
    topics = select_topics(articles, phrases)
    assert [(t.name, t.articles, t.from_section) for t in topics] == [
        ("World", ("a",), True), ("Precursor chemical", ("a", "b"), False)]
    assert singular("policies") == "policy" and singular("chemicals") == "chemical" and singular("crisis") == "crisis"


def test_phrase_variants_make_one_topic():
    articles = (article("a", None), article("b", None), article("c", None))
    phrases = {"a": (("mexican cartel", "Mexican cartels"), ("mexican drug cartel", "Mexican drug cartels")),
               "b": (("mexican cartel", "Mexican cartels"), ("mexican drug cartel", "Mexican drug cartels")),
               "c": (("mexican cartel", "Mexican cartels"),)}
    assert [t.name for t in select_topics(articles, phrases)] == ["Mexican cartels"]


def test_summary_line_is_the_lead_sentence_and_never_runs_on():
    from generator.render_index import SUMMARY_MAX_CHARS, summary_line
    short = make_article("The first sentence is long enough to be a lead sentence here. The second one.")
    assert summary_line(short) == "The first sentence is long enough to be a lead sentence here."
    huge = make_article("word " * 60_000)
    line = summary_line(huge)
    assert line.endswith("…") and len(line) <= SUMMARY_MAX_CHARS + 1


def test_names_in_two_articles_get_a_page_and_names_in_one_link_to_their_article(built_project, data):
    """A page for a one-article name would only repeat its article: the index links the
    paragraph that names it instead, and no page (or link to one) is made."""
    docs = built_project / "docs"
    folders = {"person": "people", "organisation": "organisations", "place": "places"}
    slugs = {a["id"]: a["slug"] for a in data["articles"]}
    once = [e for e in data["entities"] if len(e["articles"]) == 1]
    recurring = [e for e in data["entities"] if len(e["articles"]) >= 2]
    assert once and recurring
    for entity in recurring:
        assert (docs / folders[entity["type"]] / f"{entity['id']}.md").is_file(), entity["id"]
    every_page = "\n".join(p.read_text(encoding="utf-8") for p in docs.rglob("*.md"))
    for entity in once:
        folder = folders[entity["type"]]
        assert not (docs / folder / f"{entity['id']}.md").exists(), entity["id"]
        assert f"{folder}/{entity['id']}.md)" not in every_page, entity["id"]  # Markdown links
        assert f"{folder}/{entity['id']}.html" not in every_page, entity["id"]  # HTML lists
        index = (docs / folder / "index.md").read_text(encoding="utf-8")
        assert f'href="../articles/{slugs[entity["articles"][0]]}.html' in index


def test_a_section_or_title_named_index_does_not_collide_with_a_listing(tmp_path):
    """`Index` as a section label made topics/index.md twice (issue 13); as a title,
    articles/index.md."""
    import dataclasses

    from generator.config import Settings
    from generator.corpus import assign_slugs, build_briefing
    from generator.model import Enriched
    from generator.pipeline import render_pages
    from generator.structure import slugify
    from generator.write import write_pages

    made = [article(f"a{i}", "Index") for i in range(2)] + [article("a2", None)]
    made = [dataclasses.replace(a, title="Index", slug=slugify("Index")) for a in made]
    briefing = build_briefing(tuple(Enriched(a) for a in assign_slugs(tuple(made))))
    pages = render_pages(briefing, Settings(root=tmp_path))
    paths = [p.path for p in pages]
    assert len(paths) == len(set(paths))
    assert {"topics/index.md", "articles/index.md", "topics/index-1.md", "articles/index-1.md"} <= set(paths)
    assert write_pages(tmp_path, pages) == []
