"""The build is strict: a page MkDocs warns about fails it, with MkDocs' words as the error,
and the previous outputs stay (tests/test_hostile.py). Before, `--quiet` made MkDocs drop
its warnings before strict mode counted them (mkdocs/mkdocs#4126)."""

from __future__ import annotations

import pytest

from conftest import make_project, run_build
from generator.output.page_workers import WORKERS_VARIABLE


@pytest.mark.parametrize("workers", ["2", "0"])
def test_a_page_that_warns_fails_the_strict_build(tmp_path, monkeypatch, workers):
    """End to end: the warning reaches MkDocs' strict mode, with workers ahead of it or not,
    and the error says what is wrong in MkDocs' words, once."""
    monkeypatch.setenv(WORKERS_VARIABLE, workers)
    project = make_project(tmp_path / "p")
    assert run_build(project).returncode == 0
    (project / "docs" / "broken.md").write_text(
        "---\ntitle: B\ngenerated_by: briefing\n---\n\nSee [gone](gone.md).\n", encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 1
    assert result.stderr.startswith("briefing: mkdocs.yml: mkdocs build failed:\n"
                                    "Doc file 'broken.md' contains a link 'gone.md', but the target is not "
                                    "found among documentation files."), result.stderr
    assert result.stderr.count("gone.md") == 1


def test_the_navigation_leaves_out_pages_docs_does_not_hold(tmp_path):
    """mkdocs.yml lists the hand-written About page; a project without one still builds
    strict (generator/theme/hooks.py)."""
    from generator.theme.hooks import present_nav

    (tmp_path / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "topics").mkdir()
    (tmp_path / "topics" / "index.md").write_text("# Topics\n", encoding="utf-8")
    nav = [{"Home": "index.md"}, {"About": "about.md"}, "loose.md", {"Site": "https://example.com/x.md"},
           {"More": [{"Topics": "topics/index.md"}, {"Gone": "gone.md"}]}, {"Empty": [{"Gone": "gone.md"}]}]
    assert present_nav(nav, tmp_path) == [{"Home": "index.md"}, {"Site": "https://example.com/x.md"},
                                          {"More": [{"Topics": "topics/index.md"}]}]
