"""The offline zip (generator/output/bundle_zip.py): the bytes `ZipFile.writestr` writes, and
the same bytes whether or not the last zip's members were reused."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

import generator.output.bundle_zip as bundle_zip
from generator.config import ZIP_EPOCH
from generator.output.bundle_zip import COMMENT, MEMBER_MODE, ZIP_LEVEL, write_zip

EPOCH = 1_700_000_000


def make_folder(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


FILES = {
    "index.html": b"<html>" + b"briefing " * 5000 + b"</html>",
    "empty.txt": b"",
    "articles/caf\u00e9-na\u00efve.html": "\u00e9t\u00e9 \u2014 r\u00e9sum\u00e9".encode() * 300,
    "assets/blob.bin": bytes(range(256)) * 64,
    "search/search_index.json": b'{"docs": [' + b'{"text": "cooperation"},' * 2000 + b"{}]}",
}


def writestr_zip(folder: Path, target: Path, epoch: int) -> None:
    """The zip as the standard library's `writestr` writes it: the reference."""
    stamp = time.gmtime(max(epoch, ZIP_EPOCH))[:6]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as archive:
        archive.comment = COMMENT
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"offline/{path.relative_to(folder).as_posix()}", date_time=stamp)
            info.external_attr = MEMBER_MODE
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=ZIP_LEVEL)


@pytest.fixture
def deflations(monkeypatch) -> list[int]:
    """The size of each member compressed (not reused) by `write_zip`."""
    sizes: list[int] = []
    real = bundle_zip._deflate

    def counted(data: bytes) -> bytes:
        sizes.append(len(data))
        return real(data)

    monkeypatch.setattr(bundle_zip, "_deflate", counted)
    return sizes


def test_the_zip_is_the_bytes_writestr_writes(tmp_path):
    folder = make_folder(tmp_path / "offline", FILES)
    write_zip(folder, tmp_path / "ours.zip", EPOCH)
    writestr_zip(folder, tmp_path / "reference.zip", EPOCH)
    assert (tmp_path / "ours.zip").read_bytes() == (tmp_path / "reference.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "ours.zip") as archive:
        assert archive.testzip() is None
        assert {n.removeprefix("offline/"): archive.read(n) for n in archive.namelist()} == FILES


def test_unchanged_members_are_reused_and_the_zip_is_the_same(tmp_path, deflations):
    folder = make_folder(tmp_path / "offline", FILES)
    write_zip(folder, tmp_path / "old.zip", EPOCH)
    assert len(deflations) == len(FILES)
    (folder / "index.html").write_bytes(FILES["index.html"].replace(b"briefing", b"brief", 1))  # changed
    (folder / "empty.txt").unlink()  # removed
    (folder / "new.html").write_bytes(b"<p>new</p>")  # added
    deflations.clear()
    write_zip(folder, tmp_path / "reused.zip", EPOCH, previous=tmp_path / "old.zip")
    assert sorted(deflations) == sorted([len(b"<p>new</p>"), len(FILES["index.html"]) - 3])
    writestr_zip(folder, tmp_path / "reference.zip", EPOCH)
    assert (tmp_path / "reused.zip").read_bytes() == (tmp_path / "reference.zip").read_bytes()


def test_a_member_is_reused_only_if_it_inflates_to_the_new_bytes(tmp_path, deflations):
    """An old member with the new file's name, size and CRC but other data (CRC-32 is easy to
    collide, and an old zip may be edited) is compressed again, never copied."""
    folder = make_folder(tmp_path / "offline", {"page.html": b"the true text " * 100})
    new = (folder / "page.html").read_bytes()
    stamp = time.gmtime(EPOCH)[:6]
    with zipfile.ZipFile(tmp_path / "forged.zip", "w") as archive:
        archive.comment = COMMENT
        info = zipfile.ZipInfo("offline/page.html", date_time=stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        other = b"the fake text " * 100
        assert len(other) == len(new)
        bundle_zip._add_deflated(archive, info, bundle_zip._deflate(other), zipfile.crc32(new), len(new))
    deflations.clear()
    write_zip(folder, tmp_path / "out.zip", EPOCH, previous=tmp_path / "forged.zip")
    assert deflations == [len(new)]
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        assert archive.read("offline/page.html") == new


@pytest.mark.parametrize("damage", ["truncated", "garbage", "other comment", "missing", "folder"])
def test_a_damaged_or_foreign_last_zip_is_not_used(tmp_path, deflations, damage):
    folder = make_folder(tmp_path / "offline", FILES)
    old = tmp_path / "old.zip"
    write_zip(folder, old, EPOCH)
    data = old.read_bytes()
    if damage == "truncated":
        old.write_bytes(data[:len(data) // 2])
    elif damage == "garbage":
        old.write_bytes(b"not a zip at all" * 100)
    elif damage == "other comment":
        with zipfile.ZipFile(old, "a") as archive:
            archive.comment = b"made by another tool"
    elif damage == "missing":
        old.unlink()
    else:
        old.unlink()
        old.mkdir()
    deflations.clear()
    write_zip(folder, tmp_path / "out.zip", EPOCH, previous=old)
    assert len(deflations) == len(FILES)
    writestr_zip(folder, tmp_path / "reference.zip", EPOCH)
    assert (tmp_path / "out.zip").read_bytes() == (tmp_path / "reference.zip").read_bytes()


def test_a_member_whose_stored_bytes_are_cut_short_is_compressed_again(tmp_path, deflations):
    """The central directory intact, a member's data overwritten: inflating it fails or gives
    other bytes, and the member is made afresh."""
    folder = make_folder(tmp_path / "offline", FILES)
    old = tmp_path / "old.zip"
    write_zip(folder, old, EPOCH)
    with zipfile.ZipFile(old) as archive:
        info = archive.getinfo("offline/index.html")
    data = bytearray(old.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode())
    data[start:start + 16] = b"\xff" * 16
    old.write_bytes(bytes(data))
    deflations.clear()
    write_zip(folder, tmp_path / "out.zip", EPOCH, previous=old)
    assert deflations == [len(FILES["index.html"])]
    writestr_zip(folder, tmp_path / "reference.zip", EPOCH)
    assert (tmp_path / "out.zip").read_bytes() == (tmp_path / "reference.zip").read_bytes()
