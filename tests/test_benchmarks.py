"""Smoke test of the benchmark corpus: the timings mean nothing if the synthetic dumps do
not parse like real ones, or if every article names the same people."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from make_corpus import make_corpus  # noqa: E402

from generator.ingest.parse import parse_article  # noqa: E402

# "First Surname" as the generator writes people: two capitalised words.
PERSON = re.compile(r"\b([A-Z][a-z]+ [A-Z][a-z]+), a ")
NUMBER = re.compile(r"\b\d[\d,]*\b")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, ...]:
    return make_corpus(3, tmp_path_factory.mktemp("corpus"), seed=0)


def test_makes_n_txt_files(corpus):
    assert len(corpus) == 3
    assert all(p.suffix == ".txt" and p.is_file() for p in corpus)
    assert len({p.name for p in corpus}) == 3


def test_each_file_parses_with_a_body_and_no_furniture(corpus):
    for path in corpus:
        article = parse_article(path)
        body = [p.text for p in article.body]
        assert body, path
        assert sum(len(t.split()) for t in body) > 500, path
        assert "Advertisement" not in body and "Learn more" not in body, path
        assert article.title and article.title not in body, path
        assert len(article.standfirst) == 2, path


def test_names_titles_and_numbers_vary(corpus):
    texts = [p.read_text(encoding="utf-8") for p in corpus]
    people = [set(PERSON.findall(t)) for t in texts]
    assert all(people), "every article quotes someone by name and role"
    assert len(set.union(*people)) > len(people[0]), "articles draw different people"
    numbers = [set(NUMBER.findall(t)) for t in texts]
    assert numbers[0] != numbers[1] != numbers[2]
    assert len({parse_article(p).title for p in corpus}) == 3


def test_same_seed_same_bytes_other_seed_other_text(tmp_path):
    first = make_corpus(2, tmp_path / "a", seed=7)
    again = make_corpus(2, tmp_path / "b", seed=7)
    other = make_corpus(2, tmp_path / "c", seed=8)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]


def test_adding_an_article_keeps_the_existing_ones(tmp_path):
    """The incremental benchmark adds article N to a corpus of N without touching the rest."""
    base = make_corpus(3, tmp_path / "a", seed=0)
    grown = make_corpus(1, tmp_path / "a", seed=0, start=3, corpus_size=3)
    assert [p.name for p in base] == sorted(p.name for p in (tmp_path / "a").iterdir())[:3]
    assert grown[0].name.startswith("00003_") and grown[0] not in base
    fresh = make_corpus(3, tmp_path / "b", seed=0)
    assert [p.read_bytes() for p in base] == [p.read_bytes() for p in fresh]
