"""docs/ is shared with people: generated pages are tracked, a person's page is never touched."""

from __future__ import annotations

from generator.model import Page
from generator.write import MANIFEST, write_pages


def page(path: str, text: str = "---\ngenerated_by: briefing\n---\nx\n", source: str = "a.txt") -> Page:
    return Page(path=path, text=text, source=source)


def test_writes_pages_and_manifest(tmp_path):
    assert write_pages(tmp_path, [page("articles/a.md"), page("index.md")]).failures == ()
    assert (tmp_path / "articles/a.md").read_text() == page("a").text
    assert "articles/a.md" in (tmp_path / MANIFEST).read_text()


def test_a_persons_page_is_never_overwritten(tmp_path):
    mine = tmp_path / "articles" / "a.md"
    mine.parent.mkdir()
    mine.write_text("my notes\n")
    failures = write_pages(tmp_path, [page("articles/a.md"), page("index.md")]).failures
    assert [f.message for f in failures] == [
        f"{mine}: a page a person wrote is in the way; not overwritten (hint: rename it, or move the article)"]
    assert mine.read_text() == "my notes\n"
    assert (tmp_path / "index.md").exists()


def test_stale_generated_page_is_removed_and_persons_pages_stay(tmp_path):
    (tmp_path / "notes.md").write_text("mine\n")
    write_pages(tmp_path, [page("articles/a.md"), page("articles/b.md")])
    assert write_pages(tmp_path, [page("articles/a.md")]).failures == ()
    assert not (tmp_path / "articles/b.md").exists()
    assert (tmp_path / "notes.md").read_text() == "mine\n"


def test_generated_page_edited_by_hand_is_kept(tmp_path):
    write_pages(tmp_path, [page("articles/a.md")])
    (tmp_path / "articles/a.md").write_text("edited\n")
    failures = write_pages(tmp_path, [page("articles/a.md", text="new\n")]).failures
    assert len(failures) == 1 and "edited by hand; not overwritten" in failures[0].message
    assert (tmp_path / "articles/a.md").read_text() == "edited\n"
    failures = write_pages(tmp_path, []).failures
    assert "stale generated page was edited by hand; kept" in failures[0].message
    assert (tmp_path / "articles/a.md").exists()


def test_two_pages_for_one_path_name_both_sources(tmp_path):
    failures = write_pages(tmp_path, [page("x.md", source="one.txt"), page("x.md", source="two.txt")]).failures
    assert [f.message for f in failures] == [f"{tmp_path / 'x.md'}: two pages for one path, from one.txt and two.txt"]


def test_unchanged_page_is_not_rewritten(tmp_path):
    """Pages are replaced by rename (a new inode), so the same inode means not rewritten."""
    write_pages(tmp_path, [page("a.md"), page("b.md")])
    before = {name: (tmp_path / name).stat().st_ino for name in ("a.md", "b.md")}
    assert write_pages(tmp_path, [page("a.md"), page("b.md", text="---\ngenerated_by: briefing\n---\ny\n")]).failures == ()
    assert (tmp_path / "a.md").stat().st_ino == before["a.md"]
    assert (tmp_path / "b.md").stat().st_ino != before["b.md"]
    assert (tmp_path / "b.md").read_text().endswith("y\n")


def test_report_counts_written_unchanged_and_removed_pages(tmp_path):
    first = write_pages(tmp_path, [page("a.md"), page("b.md")])
    assert (first.written, first.unchanged, first.removed) == (2, 0, 0)
    second = write_pages(tmp_path, [page("a.md"), page("c.md", text="---\ngenerated_by: briefing\n---\nc\n")])
    assert (second.written, second.unchanged, second.removed) == (1, 1, 1)
