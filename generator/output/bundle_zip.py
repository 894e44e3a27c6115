"""The offline bundle's zip, deterministic, and made again from what the last one holds.

Every build writes the zip whole, and compressing it was most of the offline stage: 1.5 s
for the 82 MB bundle of 1,000 articles, 8.6-9.3 s at 5,000, unchanged builds included,
while a rebuild after one added article changes about 8% of the files. So a member whose
bytes the last zip already holds is copied from it still compressed, and only the others
are compressed. A copied member is byte for byte what compressing it again would give: the
same data, deflated by the same zlib at the same level (the zip's comment names both, and a
zip whose comment differs gives nothing), so the zip is the same with or without the last
one. A member is copied only when it inflates to exactly the new bytes, never on its
checksum alone (CRC-32 is easy to collide): an old zip that is damaged, foreign or edited
costs time, never content.

The standard library writes no precompressed member, so `_add_deflated` does what
`ZipFile.writestr` does, with the deflating done here; `tests/test_bundle_zip.py` checks
the bytes against `writestr`'s.
"""

from __future__ import annotations

import struct
import time
import zipfile
import zlib
from pathlib import Path

from generator.config import ZIP_EPOCH

# zlib level 3. On the 82 MB bundle of 1,000 synthetic articles (1,420 files): level 1 took
# 0.53 s for 17.9 MB, level 3 0.52 s for 16.5 MB, level 6 (zlib's default) 1.29 s for
# 14.3 MB. Before this module the zip was meant to be level 3 and was level 6: `writestr`
# given a ZipInfo deflates at the ZipInfo's level, never the ZipFile's `compresslevel`.
ZIP_LEVEL = 3
# What made the members' compressed bytes: a zip with another comment is never reused.
COMMENT = f"briefing offline bundle: deflate level {ZIP_LEVEL}, zlib {zlib.ZLIB_RUNTIME_VERSION}".encode("ascii")
MEMBER_MODE = 0o644 << 16
# A local file header: 30 bytes, the lengths of the name and extra field that follow it last.
LOCAL_HEADER_BYTES = 30
LOCAL_HEADER_SIGNATURE = b"PK\x03\x04"


def write_zip(folder: Path, target: Path, epoch: int, previous: Path | None = None) -> None:
    """A deterministic zip of `folder` under `offline/`: sorted entries, fixed times and
    permissions. `previous`: the last build's zip, whose members are reused where their
    bytes are unchanged (see the module docstring)."""
    stamp = time.gmtime(max(epoch, ZIP_EPOCH))[:6]
    with _OldMembers(previous) as old, zipfile.ZipFile(target, "w") as archive:  # members come deflated
        archive.comment = COMMENT
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"offline/{path.relative_to(folder).as_posix()}", date_time=stamp)
            info.external_attr = MEMBER_MODE
            info.compress_type = zipfile.ZIP_DEFLATED
            data = path.read_bytes()
            crc = zlib.crc32(data)
            raw = old.deflated(info.filename, data, crc)
            _add_deflated(archive, info, _deflate(data) if raw is None else raw, crc, len(data))


def _deflate(data: bytes) -> bytes:
    """Raw deflate, as `ZipFile.writestr` compresses a member at `ZIP_LEVEL`."""
    deflate = zlib.compressobj(ZIP_LEVEL, zlib.DEFLATED, -15)
    return deflate.compress(data) + deflate.flush()


def _add_deflated(archive: zipfile.ZipFile, info: zipfile.ZipInfo, raw: bytes, crc: int, size: int) -> None:
    """Append a member whose deflated bytes are `raw`, as `ZipFile.writestr` would write it
    (its `_open_to_write` and the close of its writer, for a seekable file and a single
    write: header with the final CRC and sizes, then the data)."""
    info.flag_bits = 0
    info.CRC, info.file_size, info.compress_size = crc, size, len(raw)
    zip64 = size * 1.05 > zipfile.ZIP64_LIMIT
    if not zip64 and len(raw) > zipfile.ZIP64_LIMIT:
        raise RuntimeError("Compressed size too large")  # as writestr: its header has no room
    archive.fp.seek(archive.start_dir)  # where the central directory will go (ZipFile keeps it)
    info.header_offset = archive.fp.tell()
    archive.fp.write(info.FileHeader(zip64))
    archive.fp.write(raw)
    archive.start_dir = archive.fp.tell()
    archive.filelist.append(info)
    archive.NameToInfo[info.filename] = info


class _OldMembers:
    """The last zip's members, by name, while it is open; nothing when it is missing,
    unreadable, not a zip, or made with another comment (`COMMENT`)."""

    def __init__(self, path: Path | None) -> None:
        self.archive: zipfile.ZipFile | None = None
        if path is None:
            return
        try:
            archive = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile, ValueError, EOFError):
            return
        if archive.comment == COMMENT:
            self.archive = archive
        else:
            archive.close()

    def deflated(self, name: str, data: bytes, crc: int) -> bytes | None:
        """The deflated bytes the last zip holds for `name`, if they inflate to `data`."""
        if self.archive is None:
            return None
        info = self.archive.NameToInfo.get(name)
        if info is None or info.compress_type != zipfile.ZIP_DEFLATED or info.file_size != len(data) or info.CRC != crc:
            return None
        try:
            raw = self._raw(info)
            inflate = zlib.decompressobj(-15)
            if inflate.decompress(raw, len(data) + 1) != data or not inflate.eof or inflate.unused_data:
                return None
        except (OSError, zlib.error, zipfile.BadZipFile, ValueError, EOFError):
            return None
        return raw

    def _raw(self, info: zipfile.ZipInfo) -> bytes:
        """A member's stored bytes: past its local header, whose name and extra field may
        differ in length from the central directory's."""
        handle = self.archive.fp
        handle.seek(info.header_offset)
        header = handle.read(LOCAL_HEADER_BYTES)
        if len(header) != LOCAL_HEADER_BYTES or header[:4] != LOCAL_HEADER_SIGNATURE:
            raise zipfile.BadZipFile("bad local header")
        handle.seek(sum(struct.unpack("<HH", header[26:30])), 1)  # its name and extra field
        raw = handle.read(info.compress_size)
        if len(raw) != info.compress_size:
            raise zipfile.BadZipFile("truncated member")
        return raw

    def __enter__(self) -> "_OldMembers":
        return self

    def __exit__(self, *exc) -> None:
        if self.archive is not None:
            self.archive.close()
