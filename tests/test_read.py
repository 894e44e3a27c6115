"""The reader (issues 3 and 5): any bytes give text or an `InputError` naming the file, never
another exception; every encoding users produce decodes to the same text. Expected texts
are written by hand here, never taken from the reader's output."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from generator.errors import InputError
from generator.ingest.read import read_source

HINT_BINARY = "(hint: only text files (.txt) can be converted)"
TEXT = "Café owners in Zürich said the naïve plan “would never work” — 50 € a head.\nSecond line.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encode", [
    pytest.param(lambda t: t.encode("utf-8"), id="utf-8"),
    pytest.param(lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), id="utf-8-bom"),
    pytest.param(lambda t: t.encode("utf-16"), id="utf-16-bom"),
    pytest.param(lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), id="utf-16-be-bom"),
    pytest.param(lambda t: t.encode("utf-32"), id="utf-32-bom"),
    pytest.param(lambda t: t.encode("cp1252"), id="cp1252"),
    # UTF-8 read as Windows-1252 and saved again as UTF-8 (bytes cp1252 lacks pass as latin-1).
    pytest.param(lambda t: "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b)
                                   for b in t.encode("utf-8")).encode("utf-8"), id="mojibake"),
    pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
    pytest.param(lambda t: t.replace("\n", "\r").encode("utf-8"), id="cr"),
    pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-16"), id="utf-16-crlf"),
])
def test_every_encoding_gives_the_same_text(tmp_path: Path, encode) -> None:
    source = read_source(write(tmp_path, "a.txt", encode(TEXT)))
    assert source.text == TEXT


def test_latin1_only_text_decodes(tmp_path: Path) -> None:
    text = "Le café était fermé à Genève, déclaré le maître d’hôtel.\n".replace("’", "'")
    assert read_source(write(tmp_path, "a.txt", text.encode("latin-1"))).text == text


def test_zero_width_removed_nbsp_and_tabs_kept(tmp_path: Path) -> None:
    raw = "Fen\u200btanyl\u200c seized\u2060 at\ufeff the port.\n\tTabbed\u00a0line.\n"
    assert read_source(write(tmp_path, "a.txt", raw.encode("utf-8"))).text == \
        "Fentanyl seized at the port.\n\tTabbed\u00a0line.\n"


def test_source_keeps_name_hash_and_encoding(tmp_path: Path) -> None:
    data = TEXT.encode("cp1252")
    source = read_source(write(tmp_path, "-odd name é.txt", data))
    assert source.path.name == "-odd name é.txt"
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert source.encoding.lower().replace("_", "") in ("cp1252", "windows1252")


@pytest.mark.parametrize("data, message", [
    (b"", "empty file (hint: nothing to convert; remove it or add the article text)"),
    (" \n\t\r\n\u00a0\n".encode("utf-8"),
     "blank file: only white space (hint: add the article text or remove the file)"),
    (codecs.BOM_UTF8 + b"  \n", "blank file: only white space (hint: add the article text or remove the file)"),
    ("\u200b\u200b\n".encode("utf-8"), "blank file: only white space (hint: add the article text or remove the file)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file: contains NUL bytes " + HINT_BINARY),
    (b"abc\x01\x02\x03\x04\x05\x06def" * 20, "binary file: too many control characters " + HINT_BINARY),
])
def test_refused_input_names_the_file(tmp_path: Path, data: bytes, message: str) -> None:
    path = write(tmp_path, "bad file.txt", data)
    with pytest.raises(InputError) as caught:
        read_source(path)
    assert caught.value.message == f"{path}: {message}"


def test_missing_file_names_it(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    with pytest.raises(InputError) as caught:
        read_source(path)
    assert caught.value.message == f"{path}: cannot read: No such file or directory"


def test_broken_utf16_after_bom_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xd8")
    with pytest.raises(InputError) as caught:
        read_source(path)
    assert caught.value.message.startswith(f"{path}: cannot decode as utf-16 despite its byte-order mark")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_any_bytes_give_text_or_input_error(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "x.txt", data)
    try:
        source = read_source(path)
    except InputError as err:
        assert err.path == str(path) and err.message.startswith(f"{path}: ")
        return
    assert source.text.strip()
    assert "\r" not in source.text


def _not_mojibake_prone(c: str) -> bool:
    """Characters outside Windows-1252's upper half: mojibake is UTF-8 bytes shown as those,
    so text without them is never 'repaired' (ftfy rightly fixes 'Â¡' to '¡')."""
    try:
        return ord(c) < 128 or not c.encode("cp1252")
    except UnicodeEncodeError:
        return True


UNICODE_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=200).filter(
    lambda t: t.strip() and not any(c in t for c in "\u200b\u200c\u200d\u2060\ufeff\u2028\u2029\x85"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(UNICODE_TEXT)
def test_encoding_does_not_change_the_text(tmp_path: Path, text: str) -> None:
    """The same text saved as UTF-8, UTF-8+BOM, UTF-16 or UTF-32 reads the same."""
    results = set()
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        try:
            results.add(read_source(write(tmp_path, "x.txt", text.encode(encoding))).text)
        except InputError as err:
            results.add(f"refused: {err.problem}")
    assert len(results) == 1, results


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(UNICODE_TEXT.filter(lambda t: all(_not_mojibake_prone(c) for c in t)),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_unicode_text_round_trips(tmp_path: Path, text: str, encoding: str) -> None:
    """Sane Unicode text comes back exactly as it was."""
    assert read_source(write(tmp_path, "x.txt", text.encode(encoding))).text == text


@pytest.mark.parametrize("original", ["café à Genève — ‘text’ … 50 € “quoted", "naïve ŒUVRE š ž Ÿ ƒ ˆ ˜ ‰ ‹ › ™ •"])
@pytest.mark.parametrize("wrong", ["cp1252", "latin-1"])
def test_mojibake_of_western_characters_trips_the_check_and_is_repaired(original, wrong):
    """Every character cp1252 can show must trip the cheap pre-check that gates ftfy."""
    from generator.ingest.read import _MOJIBAKE_HINT, normalise_text
    broken = original.encode("utf-8").decode(wrong)
    assert _MOJIBAKE_HINT.search(broken)
    assert normalise_text(broken) == original


def test_clean_text_skips_the_repair_and_stays_as_it_is():
    from generator.ingest.read import _MOJIBAKE_HINT, normalise_text
    text = "Plain “curly” text — with dashes, café, naïve, 50 € and ™ signs.\n"
    assert not _MOJIBAKE_HINT.search(text)
    assert normalise_text(text) == text


@pytest.mark.parametrize("size", [0, 1, 9, 10, 11, 50])
def test_read_limited_reads_one_byte_past_the_limit_at_most(tmp_path: Path, size: int) -> None:
    from generator.ingest.read import read_limited
    path = tmp_path / "f.txt"
    path.write_bytes(bytes(range(size)))
    with path.open("rb") as handle:
        assert read_limited(handle, 10) == bytes(range(size))[:11]


def test_read_limited_reads_on_when_the_file_is_longer_than_its_size_said() -> None:
    """A pipe's size is 0, as a file's that grew after it was asked: read on to the limit."""
    import os
    from generator.ingest.read import read_limited
    reader, writer = os.pipe()
    os.write(writer, b"x" * 30)
    os.close(writer)
    with os.fdopen(reader, "rb") as handle:
        assert read_limited(handle, 10) == b"x" * 11
    reader, writer = os.pipe()
    os.write(writer, b"abc")
    os.close(writer)
    with os.fdopen(reader, "rb") as handle:
        assert read_limited(handle, 10) == b"abc"
