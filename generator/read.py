"""Decode a source file whatever its encoding, or refuse it with a message naming it.

Users paste text from browsers, Word, old Windows tools: UTF-8 with or without BOM,
UTF-16 with BOM, cp1252/latin-1, or UTF-8 that was once decoded as cp1252 (mojibake).
We keep the text verbatim apart from repairing the encoding and normalising newlines.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

import charset_normalizer
import ftfy
import yaml

from generator.errors import InputError
from generator.model import SourceMeta, SourceText

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The legacy encoding browsers assume for Western text without a declared charset.
PREFERRED_LEGACY_ENCODING = "cp1252"
# Control characters other than tab/newline/CR/form feed. More than this share of them in
# a decoded text means it is not prose (a binary file that happened to decode).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01
# Invisible characters that only break word matching; removing them changes no visible text.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# Only mojibake repair: quotes, widths, ligatures and HTML entities stay as the source has them.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=True, fix_encoding=True,
    restore_byte_a0=True, replace_lossy_sequences=True, decode_inconsistent_utf8=True,
    fix_c1_controls=True, fix_latin_ligatures=False, fix_character_width=False,
    uncurl_quotes=False, fix_line_breaks=False, fix_surrogates=True,
    remove_control_chars=False, normalization=None, explain=False,
)


def read_source(path: Path) -> SourceText:
    """Read and decode `path`; raise `InputError` naming it for binary, empty or blank input."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror or err}") from err
    if not data:
        raise InputError(path, "empty file", hint="nothing to convert; remove it or add the article text")
    text, encoding = decode_bytes(path, data)
    text = normalise_text(text)
    if not text.strip():
        raise InputError(path, "blank file: only white space", hint="add the article text or remove the file")
    return SourceText(path=path, text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest())


def decode_bytes(path: Path, data: bytes) -> tuple[str, str]:
    """Decode with a BOM if present, else UTF-8, else the best charset-normalizer guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(path, data.decode(encoding)), encoding
            except UnicodeDecodeError as err:
                raise InputError(path, f"cannot decode as {encoding} despite its byte-order mark "
                                 f"(byte {err.start})", hint="re-save the file as UTF-8") from err
    if b"\x00" in data:
        raise InputError(path, "binary file: contains NUL bytes",
                         hint="only text files (.txt) can be converted")
    try:
        return _check_text(path, data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(path, "cannot decode as UTF-8, UTF-16 or a single-byte encoding",
                         hint="is this a binary file? re-save it as UTF-8 text")
    # Code pages often tie (cp1250 and cp1252 score alike on French or German text, and
    # cp1250 sorts first, turning "naïve" into "naďve"); break ties as browsers do (WHATWG).
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    best = next((m for m in tied if m.encoding == PREFERRED_LEGACY_ENCODING), best)
    return _check_text(path, str(best)), best.encoding


def _check_text(path: Path, text: str) -> str:
    if text and len(_CONTROL.findall(text)) / len(text) > MAX_CONTROL_SHARE:
        raise InputError(path, "binary file: too many control characters",
                         hint="only text files (.txt) can be converted")
    return text


# UTF-8 read as cp1252 or latin-1 turns each multi-byte character into a lead character
# (Â..ô) followed by a continuation character (\x80-\xbf, or what cp1252 maps those bytes
# to); C1 controls are what ftfy's fix_c1_controls repairs. Text with neither has nothing for
# our ftfy settings to fix, and skipping ftfy halves the reading time of clean text.
_MOJIBAKE_HINT = re.compile("[\u0080-\u009f]|[\u00c2-\u00f4][\u00a0-\u00bf\u0152\u0153\u0160\u0161"
                            "\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e"
                            "\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


def normalise_text(text: str) -> str:
    """Repair mojibake, unify newlines to \\n and drop invisible zero-width characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _MOJIBAKE_HINT.search(text):
        text = ftfy.fix_text(text, _FTFY)
    return _INVISIBLE.sub("", text)


# The optional sidecar next to a seed: `<stem>.meta.yml` beside `<stem>.txt`.
SIDECAR_SUFFIX = ".meta.yml"
SIDECAR_KEYS = ("published", "outlet", "url")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def sidecar_path(source: Path) -> Path:
    return source.with_name(source.stem + SIDECAR_SUFFIX)


def read_sidecar(source: Path) -> SourceMeta | None:
    """What the user tells us about a seed: `published: 2024-01-31`, `outlet:`, `url:`.

    Only with a publication date can relative dates ("last August") be placed; without a
    sidecar they are left out. An unknown key or a malformed date is an error naming the file.
    """
    path = sidecar_path(source)
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise InputError(path, f"not valid YAML: {err}") from err
    if not isinstance(data, dict):
        raise InputError(path, "expected a mapping of published, outlet, url")
    unknown = sorted(str(k) for k in data if k not in SIDECAR_KEYS)
    if unknown:
        raise InputError(path, f"unknown key {unknown[0]!r}", hint="known keys: " + ", ".join(SIDECAR_KEYS))
    published = data.get("published")
    published = None if published is None else str(published)
    if published is not None and not _ISO_DATE.match(published):
        raise InputError(path, f"published must be a date like 2024-01-31, not {published!r}")
    return SourceMeta(published=published,
                      outlet=None if data.get("outlet") is None else str(data["outlet"]),
                      url=None if data.get("url") is None else str(data["url"]))


def source_fingerprint(path: Path) -> str | None:
    """What a parsed article depends on: the file's name and bytes and its sidecar's bytes.
    None when the file cannot be read (parsing it will report why)."""
    digest = hashlib.sha256(path.name.encode("utf-8") + b"\0")
    try:
        digest.update(path.read_bytes())
        sidecar = sidecar_path(path)
        if sidecar.is_file():
            digest.update(b"\0sidecar\0" + sidecar.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


# What a seed may be: a text dump or a saved web page.
SOURCE_SUFFIXES = (".txt", ".html", ".htm")


def list_sources(folder: Path) -> tuple[list[Path], list[str]]:
    """The `.txt`, `.html` and `.htm` files of the seeds folder, sorted (output order never
    depends on the file system); other files, but sidecars, are ignored with a note naming them."""
    if not folder.is_dir():
        raise InputError(folder, "no seeds folder", hint="put article .txt or .html files in seeds/")
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    notes = [f"{p}: ignored: not a .txt or .html file" for p in files
             if p.suffix.lower() not in SOURCE_SUFFIXES and not p.name.endswith(SIDECAR_SUFFIX)]
    return [p for p in files if p.suffix.lower() in SOURCE_SUFFIXES], notes
