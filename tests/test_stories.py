"""Story groups (generator/stories.py): separately written reports of one event are one story;
articles that only share a topic are not.

The synthetic briefings here are made of invented words (benchmarks/make_corpus.py's
`make_word`), so which articles share what is known by construction: a story's articles
share a rare person, a date and the words of the event in their leads; a topic's articles
share only the topic's names and words, each reporting an event of its own.
"""

from __future__ import annotations

import dataclasses
import json
import random
import sys

import pytest

from conftest import ROOT, make_article

sys.path.insert(0, str(ROOT / "benchmarks"))

from make_corpus import make_word  # noqa: E402

from generator.corpus.merge import merge_entities  # noqa: E402
from generator.corpus.briefing import article_related, build_briefing, story_units  # noqa: E402
from generator.model import Enriched, EntityType, Event, Mention, SourceMeta  # noqa: E402
from generator.render.home import key_points  # noqa: E402
from generator.corpus.stories import WINDOW_DAYS, find_stories  # noqa: E402


def words(rng: random.Random, n: int) -> list[str]:
    return [make_word(rng, 2, 4).lower() for _ in range(n)]


def report(article_id: str, rng: random.Random, shared: list[str], people: list[str], date: str,
           published: str | None = None) -> Enriched:
    """An article whose first paragraph holds the `shared` words among 20 of its own, names
    `people` and dates one event; four more paragraphs of its own words (the first three
    paragraphs are the lead a story is told by)."""
    own = words(rng, 20)
    lead = " ".join(people + shared + own) + "."
    rest = [" ".join(words(rng, 20 if i < 2 else 40)) + "." for i in range(4)]
    article = make_article(lead, *rest, id=article_id)
    article = dataclasses.replace(article, title=" ".join(own[:6]).capitalize(),
                                  meta=SourceMeta(published=published) if published else None)
    mentions = tuple(Mention(surface=p, type=EntityType.PERSON, article=article_id, paragraph=1, sentence=lead,
                             start=lead.index(p), end=lead.index(p) + len(p)) for p in people)
    return Enriched(article=article, mentions=mentions,
                    events=(Event(date=date, text=lead, article=article_id, paragraph=1),))


def person(rng: random.Random) -> str:
    return f"{make_word(rng, 2, 3)} {make_word(rng, 2, 3)}"


def briefing_articles(seed: str, story_dates: tuple[str | None, ...] = (None, None, None)) -> list[Enriched]:
    """Twelve unrelated articles, eight on one topic (each its own event), and one story of
    three reports (ids `story-a/b/c`)."""
    rng = random.Random(seed)
    out = [report(f"other-{i:02d}", rng, [], [person(rng)], f"20{10 + i}-0{1 + i % 9}") for i in range(12)]
    topic_words, topic_people = words(rng, 6), [person(rng), person(rng)]
    out += [report(f"topic-{i}", rng, topic_words + words(rng, 4), topic_people + [person(rng)],
                   f"2023-{1 + i:02d}-1{i}") for i in range(8)]
    event_words, witness = words(rng, 24), person(rng)
    out += [report(f"story-{x}", rng, event_words + topic_words[:2], [witness, person(rng)], "2024-05-14", published)
            for x, published in zip("abc", story_dates)]
    return out


def stories_of(articles: list[Enriched]) -> list[set[str]]:
    entities = merge_entities(m for e in articles for m in e.mentions)
    return [set(s.articles) for s in find_stories(tuple(articles), entities)]


@pytest.mark.parametrize("seed", ["one", "two", "three"])
def test_reports_of_one_event_are_one_story_and_a_topic_is_not(seed):
    assert stories_of(briefing_articles(seed)) == [{"story-a", "story-b", "story-c"}]


def test_a_topic_alone_is_no_story():
    """Without the story and the unrelated articles, the topic's eight articles stay apart."""
    assert stories_of([e for e in briefing_articles("one") if e.article.id.startswith("topic")]) == []


def test_publication_dates_far_apart_split_a_story():
    near = briefing_articles("one", ("2024-05-14", "2024-05-15", "2024-05-16"))
    assert stories_of(near) == [{"story-a", "story-b", "story-c"}]
    late = f"2024-{5 + (WINDOW_DAYS // 28) + 1:02d}-20"
    split = briefing_articles("one", ("2024-05-14", "2024-05-15", late))
    assert stories_of(split) == [{"story-a", "story-b"}]


def test_story_order_and_key_are_stable():
    articles = briefing_articles("two")
    first = find_stories(tuple(articles), merge_entities(m for e in articles for m in e.mentions))
    again = find_stories(tuple(reversed(articles)), merge_entities(m for e in articles for m in e.mentions))
    assert first == again and first[0].key == "story-story-a"


def test_story_pages_and_key_points():
    briefing = build_briefing(tuple(briefing_articles("three")))
    (story,) = briefing.stories
    related = article_related(briefing)
    assert {a.id for a in related["story-b"].story} == set(story.articles) - {"story-b"}
    units = story_units(briefing)
    assert story.articles in units and len(units) == 12 + 8 + 1
    # 21 stories: more than one line each can have; the story of three comes first.
    points = key_points(briefing)
    assert points[0].endswith(")") and "(3 articles: also [" in points[0]
    assert sum("articles: also" in p for p in points) == 1


def test_key_points_are_one_line_per_story():
    keep = {"story-a", "story-b", "story-c", "other-00", "other-01", "other-02", "other-03", "other-04"}
    briefing = build_briefing(tuple(e for e in briefing_articles("one") if e.article.id in keep))
    points = key_points(briefing)
    assert len(points) == 8 - 3 + 1  # eight articles, three of them one story
    (story_line,) = [p for p in points if "articles: also" in p]
    lead = briefing.stories[0].articles[0]
    assert f"(articles/{lead}.md)" in story_line.split(" (3 articles")[0]


def test_seeds_are_five_stories(built_project):
    """The five seeds are five different stories on one topic (and no copies)."""
    data = json.loads((built_project / "docs" / "briefing.json").read_text(encoding="utf-8"))
    assert len(data["articles"]) == 5
    assert data["stories"] == []
    assert [(a["story"], a["duplicate_of"]) for a in data["articles"]] == [(None, None)] * 5


_PRINT_STORIES = """
import sys; sys.path[:0] = [{tests!r}, {bench!r}]
from test_stories import briefing_articles
from generator.corpus.merge import merge_entities
from generator.corpus import stories as S
articles = briefing_articles("one")
ordered = sorted(articles, key=lambda e: e.article.id)
entities = merge_entities(m for e in articles for m in e.mentions)
named = S.lead_entities(entities)
pairs = S.similarities([S.lead_signals(e, named.get(e.article.id, set())) for e in ordered])
print(repr(S.find_stories(tuple(articles), entities)), sorted(zip(pairs.row.tolist(), pairs.col.tolist(), pairs.data.tolist())))
"""


def test_same_stories_and_scores_across_hash_seeds():
    import os
    import subprocess

    code = _PRINT_STORIES.format(tests=str(ROOT / "tests"), bench=str(ROOT / "benchmarks"))
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                              env=dict(os.environ, PYTHONHASHSEED=seed)).stdout for seed in ("1", "2", "3")}
    assert len(outputs) == 1 and "story-story-a" in outputs.pop()


def test_per_article_cache_does_not_depend_on_cross_article_modules():
    """Copies and stories are found after the cache: changing them re-parses nothing."""
    from generator.output.cache import PACKAGE, stage_modules

    names = {p.relative_to(PACKAGE).as_posix() for p in stage_modules(PACKAGE)}
    assert {"ingest/parse.py", "nlp/enrich.py"} <= names
    assert not [n for n in names if n.startswith("corpus/")]


def test_the_stop_words_are_spacys_read_without_importing_spacy():
    """The story signals drop spaCy's English stop words; reading them must not import
    spaCy into the process that builds the index pages (the NLP worker has it)."""
    import subprocess
    import sys

    code = ("import sys; from generator.corpus.stories import stop_words; words = stop_words(); "
            "print(len(words), 'spacy' in sys.modules, 'datasketch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[1:] == ["False", "False"]
    from spacy.lang.en.stop_words import STOP_WORDS

    from generator.corpus.stories import stop_words

    assert stop_words() == frozenset(STOP_WORDS) and int(out[0]) == len(STOP_WORDS)


@pytest.mark.parametrize("seed", ["one", "two", "three"])
def test_kept_lead_words_find_what_made_ones_find(seed):
    """The pipeline hands `find_stories` each article's `lead_words` as a rebuild kept them
    (output/index_cache.py LEAD_WORDS): the stories and every pair's score are those it finds
    making them itself."""
    from generator.corpus.stories import lead_signals, lead_words, similarities
    articles = briefing_articles(seed)
    entities = merge_entities(m for e in articles for m in e.mentions)
    kept = {e.article.id: lead_words(e.article) for e in articles}
    assert find_stories(tuple(articles), entities, kept) == find_stories(tuple(articles), entities)
    made = similarities([lead_signals(e, set()) for e in articles])
    given = similarities([lead_signals(e, set(), kept[e.article.id]) for e in articles])
    assert (made != given).nnz == 0 and made.nnz > 0
    emptied = similarities([lead_signals(e, set(), frozenset()) for e in articles])
    assert (emptied != made).nnz > 0  # the words given are the words used


def test_backgrounds_are_each_articles_rank_th_highest_similarity():
    """`backgrounds` sorts in numpy: the same values as ranking each article's similarities
    one by one (duplicates, ties and articles with fewer pairs than the rank included)."""
    import numpy as np
    from scipy import sparse

    from generator.corpus.stories import BACKGROUND_RANK, backgrounds

    rng = np.random.default_rng(7)
    for _ in range(300):
        n, k = int(rng.integers(1, 25)), int(rng.integers(0, 80))
        rows, cols = rng.integers(0, n, k), rng.integers(0, n, k)
        values = rng.choice([0.25, 0.5, rng.random(), rng.random()], k)
        seen = [[] for _ in range(n)]
        for i, j, v in zip(rows, cols, values):
            seen[i].append(v)
            seen[j].append(v)
        expected = [sorted(v, reverse=True)[BACKGROUND_RANK - 1] if len(v) >= BACKGROUND_RANK else 0.0 for v in seen]
        assert backgrounds(sparse.coo_matrix((values, (rows, cols)), shape=(n, n)), n).tolist() == expected
