"""docs/ is shared with people: generated pages are tracked, a person's page is never touched."""

from __future__ import annotations

from generator.model import Page
from generator.output.write import MANIFEST, write_pages


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


def crash_on_write(monkeypatch, after: int, error: OSError) -> None:
    """os.replace (how a page lands) fails once `after` pages have landed: a full disk,
    a read-only folder, or the process killed between two pages."""
    import generator.output.write as write

    real, calls = write.os.replace, []

    def replace(source, target):
        if str(target).endswith(".md"):
            calls.append(target)
            if len(calls) > after:
                raise error
        return real(source, target)

    monkeypatch.setattr(write.os, "replace", replace)


def test_a_build_after_a_crash_in_docs_recognises_its_own_pages(tmp_path, monkeypatch):
    import errno

    import pytest

    from generator.errors import WriteError

    pages = [page(f"articles/{name}.md", f"---\ngenerated_by: briefing\n---\n{name}\n") for name in "abcd"]
    crash_on_write(monkeypatch, 2, OSError(errno.ENOSPC, "No space left on device"))
    with pytest.raises(WriteError) as err:
        write_pages(tmp_path, pages)
    assert err.value.message == f"{tmp_path}/articles/c.md: cannot write: No space left on device"
    assert (tmp_path / "articles/b.md").exists() and not (tmp_path / "articles/c.md").exists()
    assert not list(tmp_path.rglob(".briefing-tmp-*"))
    (tmp_path / "articles" / ".briefing-tmp-killed.md").write_bytes(b"")  # what kill -9 leaves
    (tmp_path / "articles" / ".tmp-mine.md").write_bytes(b"a person's file")
    monkeypatch.undo()
    assert write_pages(tmp_path, pages[1:]).failures == ()
    assert not (tmp_path / "articles/a.md").exists()  # landed before the crash, then stale
    assert sorted(p.name for p in (tmp_path / "articles").iterdir()) == [".tmp-mine.md", "b.md", "c.md", "d.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST, "articles"]


def test_a_read_only_docs_folder_is_one_line_naming_the_page(tmp_path, monkeypatch):
    import errno

    import pytest

    from generator.errors import WriteError

    crash_on_write(monkeypatch, 0, PermissionError(errno.EACCES, "Permission denied"))
    with pytest.raises(WriteError) as err:
        write_pages(tmp_path, [page("articles/a.md")])
    assert err.value.message == f"{tmp_path}/articles/a.md: cannot write: Permission denied"


def test_written_files_honour_the_umask(tmp_path):
    import os

    old = os.umask(0o027)
    try:
        write_pages(tmp_path, [page("articles/a.md")])
    finally:
        os.umask(old)
    assert (tmp_path / "articles/a.md").stat().st_mode & 0o777 == 0o640
    assert (tmp_path / MANIFEST).stat().st_mode & 0o777 == 0o640


def test_a_stale_page_that_cannot_be_removed_is_one_line_naming_it(tmp_path, monkeypatch):
    import errno
    from pathlib import Path

    import pytest

    from generator.errors import WriteError

    write_pages(tmp_path, [page("articles/a.md"), page("articles/b.md")])

    def unlink(self, missing_ok=False):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "unlink", unlink)
    with pytest.raises(WriteError) as err:
        write_pages(tmp_path, [page("articles/a.md")])
    assert err.value.message == f"{tmp_path}/articles/b.md: cannot write: Permission denied"
def test_report_counts_written_unchanged_and_removed_pages(tmp_path):
    first = write_pages(tmp_path, [page("a.md"), page("b.md")])
    assert (first.written, first.unchanged, first.removed) == (2, 0, 0)
    second = write_pages(tmp_path, [page("a.md"), page("c.md", text="---\ngenerated_by: briefing\n---\nc\n")])
    assert (second.written, second.unchanged, second.removed) == (1, 1, 1)


def test_as_last_written_holds_only_while_docs_is_as_the_last_build_left_it(tmp_path):
    """The index stage's memo (output/index_cache.py `IndexCache.docs_written`) skips making the pages
    only when this says docs/ is exactly what the last build wrote: any page edited or
    deleted, a journal or a temporary file of a build that stopped, another manifest, and
    the pages are made and written as usual."""
    from generator.output.write import JOURNAL, TMP_PREFIX, as_last_written, manifest_digest

    pages = [page("articles/a.md"), page("index.md", text="---\ngenerated_by: briefing\n---\nhome\n")]
    first = write_pages(tmp_path, pages)
    sha = manifest_digest(tmp_path)
    assert as_last_written(tmp_path, sha) == write_pages(tmp_path, pages) == first.__class__(
        failures=(), written=0, unchanged=2, removed=0)
    assert as_last_written(tmp_path, "0" * 64) is None
    (tmp_path / "notes.md").write_text("a person's page beside ours changes nothing\n")
    assert as_last_written(tmp_path, sha) is not None
    for damage, repair in (
            (lambda: (tmp_path / "index.md").write_text("edited\n"), lambda: None),
            (lambda: (tmp_path / "articles/a.md").unlink(), lambda: None),
            (lambda: (tmp_path / JOURNAL).write_text("{}"), lambda: (tmp_path / JOURNAL).unlink()),
            (lambda: (tmp_path / "articles" / f"{TMP_PREFIX}x.md").write_text(""), lambda: None)):
        damage()
        assert as_last_written(tmp_path, sha) is None
        repair()  # then the damaged page goes and the build writes it again
        (tmp_path / "index.md").unlink(missing_ok=True)
        write_pages(tmp_path, pages)
        assert manifest_digest(tmp_path) == sha and as_last_written(tmp_path, sha) is not None


def test_no_page_is_written_through_a_link_out_of_docs(tmp_path):
    """A folder of docs/ that links out, a page that is a link out, or `..` in a page's path
    is refused before anything is written; a link that stays inside docs/ is followed, and
    pages beside the refused one in its folder are checked each (the folder is resolved
    once for them all)."""
    import pytest

    from generator.errors import WriteError

    outside = tmp_path / "outside"
    outside.mkdir()
    for make, path in ((lambda docs: (docs / "articles").symlink_to(outside, target_is_directory=True), "articles/a.md"),
                       (lambda docs: (docs / "topics" / "b.md").symlink_to(outside / "b.md"), "topics/b.md"),
                       (lambda docs: None, "../escape.md"),
                       (lambda docs: None, "topics/../../escape.md")):
        docs = tmp_path / f"docs-{len(list(tmp_path.iterdir()))}"
        (docs / "topics").mkdir(parents=True)
        make(docs)
        with pytest.raises(WriteError, match="outside docs/"):
            write_pages(docs, [page("topics/a.md"), page(path), page("topics/c.md")])
        assert list(outside.iterdir()) == [] and not (tmp_path / "escape.md").exists()
    docs = tmp_path / "inside"
    (docs / "real").mkdir(parents=True)
    (docs / "topics").symlink_to(docs / "real", target_is_directory=True)
    write_pages(docs, [page("topics/a.md"), page("topics/b.md")])
    assert sorted(p.name for p in (docs / "real").iterdir()) == ["a.md", "b.md"]
