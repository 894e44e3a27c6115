"""Smoke test of the benchmark corpus: the timings mean nothing if the synthetic dumps do
not parse like real ones, or if every article names the same people."""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from bench_build import LAST_DOCS_STAGE, Run, our_stages_s, pages_written  # noqa: E402
from conftest import make_project, run_build  # noqa: E402
from make_corpus import make_corpus  # noqa: E402

from generator.ingest.parse import parse_article  # noqa: E402
from generator.output.write import MANIFEST  # noqa: E402

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


def test_the_benchmark_reads_our_stages_and_the_pages_written_off_a_real_build(tmp_path):
    """`bench_build` sums "our stages" up to the last stage `write_docs` reports and reads the
    pages written off the build's closing summary. Both follow the build's own output, so a
    renamed stage or a reworded summary fails here, not as a silent blank in a benchmark."""
    project = make_project(tmp_path / "project")
    timings = tmp_path / "timings.json"
    result = run_build(project, "0", "--no-site", "--timings", str(timings))
    assert result.returncode == 0, result.stderr
    stages = tuple(json.loads(timings.read_text(encoding="utf-8")))
    run = Run(label="cold", exit_code=0, wall_s=0.0, cpu_s=0.0, max_process_rss_mb=0.0, tree_peak_rss_mb=0.0,
              load_before=0.0, stages=stages, stderr_tail=result.stderr)
    assert stages[-1]["stage"] == LAST_DOCS_STAGE  # --no-site: the stages that write docs/, and no other
    assert our_stages_s(run) == pytest.approx(sum(s["wall_s"] for s in stages), abs=0.002)
    manifest = json.loads((project / "docs" / MANIFEST).read_text(encoding="utf-8"))
    assert pages_written(run) == len(manifest["pages"]) > 5  # a first build writes every page
    one = Run(**{**dataclasses.asdict(run), "stderr_tail": result.stderr.replace(f"{len(manifest['pages'])} pages written",
                                                                         "1 page written")})
    assert pages_written(one) == 1  # the summary says "page" for one


def test_the_paired_bench_prints_each_round_of_both_revisions(tmp_path):
    """`bench_add_pairs.py` builds one project per revision and adds the same articles to
    both: a row per round, both builds' our stages and their difference, the medians."""
    import subprocess

    from conftest import ROOT

    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_add_pairs.py"), "HEAD", "HEAD",
                             "--n", "3", "--rounds", "2", "--no-site", "--workdir", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    rows = [line.split() for line in lines if re.match(r"\s*(\d+|median)\s", line)]
    assert [r[0] for r in rows] == ["0", "1", "median"]
    for row in rows[:2]:
        first, second, difference = map(float, row[-3:])
        assert first > 0 and second > 0 and abs(second - first - difference) < 0.002
    assert re.search(r"HEAD faster in [0-2] of 2 rounds", result.stdout)
    assert list(tmp_path.iterdir()) == []  # the projects are removed
