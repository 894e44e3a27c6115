"""Decode a source file whatever its encoding, or refuse it with a message naming it.

Users paste text from browsers, Word, old Windows tools: UTF-8 with or without BOM,
UTF-16 with BOM, cp1252/latin-1, or UTF-8 that was once decoded as cp1252 (mojibake).
We keep the text verbatim apart from repairing the encoding and normalising newlines.
"""

from __future__ import annotations

import codecs
import datetime
import errno
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
import ftfy
import yaml

from generator.errors import InputError, printable
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


# A seed larger than this is refused (`[tool.briefing] max_seed_bytes`): the longest
# articles of the dev sets are under 100 KB, and a 50 MB file was still in NLP after
# 4 minutes. 5 MB of text is ~800,000 words, about 80 s of NLP on one core.
MAX_SEED_BYTES = 5_000_000


def read_limited(handle, limit: int) -> bytes:
    """The file's first `limit` + 1 bytes at most (one more than allowed says it is too
    large). Asked for `limit` + 1 bytes at once, Python sets aside that much for every
    file, 5 MB for a 7 KB article: half of the time of fingerprinting 1,000 seeds. So the
    file's size is asked first, and a file that grew since is read on to the limit."""
    size = os.fstat(handle.fileno()).st_size
    data = handle.read(min(size, limit) + 1)
    if len(data) > size and len(data) <= limit:
        data += handle.read(limit + 1 - len(data))
    return data


def read_source(path: Path, max_bytes: int = MAX_SEED_BYTES) -> SourceText:
    """Read and decode `path`; raise `InputError` naming it for binary, empty, blank or
    oversized input."""
    try:
        with path.open("rb") as handle:
            data = read_limited(handle, max_bytes)
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror or err}") from err
    if len(data) > max_bytes:
        raise InputError(path, f"too large: over {max_bytes:,} bytes",
                         hint="split it, or raise [tool.briefing] max_seed_bytes")
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
# A sidecar holds three short values: a few lines. The limits refuse what is no sidecar
# (a pasted article, a YAML bomb) before YAML spends time or memory on it.
MAX_SIDECAR_BYTES = 64 * 1024
MAX_SIDECAR_DEPTH = 3  # the mapping, a list in it, one more; a value is a scalar anyway
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class SidecarLoader(yaml.SafeLoader):
    """Safe YAML without aliases, anchors, deep nesting or duplicate keys, and with dates
    left as text: PyYAML turns an unquoted `2024-02-30` into a ValueError and a
    traceback; here every date is checked, quoted or not, by `published_date`."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise yaml.YAMLError(f"line {event.start_mark.line + 1}: anchors and aliases are not allowed")
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_SIDECAR_DEPTH:
                raise yaml.YAMLError(f"line {event.start_mark.line + 1}: nested too deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=True) for key, _ in node.value]
        repeated = next((k for i, k in enumerate(keys) if k in keys[:i]), None)
        if repeated is not None:
            raise yaml.YAMLError(f"duplicate key {repeated!r}")
        return super().construct_mapping(node, deep)


def sidecar_path(source: Path) -> Path:
    return source.with_name(source.stem + SIDECAR_SUFFIX)


def published_date(path: Path, value) -> str | None:
    """`published` as an ISO date that exists (2024-02-30 and 0000-01-01 do not)."""
    if value is None:
        return None
    text = str(value)
    try:
        if not _ISO_DATE.match(text):
            raise ValueError
        datetime.date.fromisoformat(text)
    except ValueError:
        raise InputError(path, f"published must be a date like 2024-01-31, not {text!r}") from None
    return text


def read_sidecar(source: Path) -> SourceMeta | None:
    """What the user tells us about a seed: `published: 2024-01-31`, `outlet:`, `url:`.

    Only with a publication date can relative dates ("last August") be placed; without a
    sidecar they are left out. Anything else than those keys with a text value each (an
    unknown key, a list, an impossible date, an unreadable or oversized file) is an error
    naming the file, and the seed is not built.
    """
    path = sidecar_path(source)
    try:
        if not path.exists():
            return None
        with path.open("rb") as handle:
            raw = read_limited(handle, MAX_SIDECAR_BYTES)
    except OSError as err:
        if err.errno == errno.ENAMETOOLONG:  # no sidecar can have that name
            return None
        raise InputError(path, f"cannot read: {err.strerror or err}") from err
    if len(raw) > MAX_SIDECAR_BYTES:
        raise InputError(path, f"too large for a sidecar (over {MAX_SIDECAR_BYTES:,} bytes)")
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=SidecarLoader) or {}
    except UnicodeDecodeError as err:
        raise InputError(path, "not UTF-8 text") from err
    except (yaml.YAMLError, ValueError, RecursionError) as err:
        problem = " ".join(str(err).split())
        raise InputError(path, f"not valid YAML: {problem}") from err
    if not isinstance(data, dict):
        raise InputError(path, "expected a mapping of published, outlet, url")
    unknown = sorted(str(k) for k in data if k not in SIDECAR_KEYS)
    if unknown:
        raise InputError(path, f"unknown key {unknown[0]!r}", hint="known keys: " + ", ".join(SIDECAR_KEYS))
    for key in SIDECAR_KEYS:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, (str, int, float, type(None))):
            raise InputError(path, f"{key} must be text, not {type(value).__name__}")
    return SourceMeta(published=published_date(path, data.get("published")),
                      outlet=None if data.get("outlet") is None else str(data["outlet"]),
                      url=None if data.get("url") is None else str(data["url"]))


def source_fingerprint(path: Path, max_bytes: int = MAX_SEED_BYTES) -> str | None:
    """What a parsed article depends on: the file's name and bytes and its sidecar's bytes.
    None when the file cannot be read or is over `max_bytes` (parsing it will report why):
    a file is never read whole just to be hashed, and a cached article never skips the size
    limit after the limit was lowered. (A saved page between this and its own, larger limit
    builds, uncached.)"""
    digest = hashlib.sha256(path.name.encode("utf-8", "surrogateescape") + b"\0")
    try:
        with path.open("rb") as handle:
            data = read_limited(handle, max_bytes)
        if len(data) > max_bytes:
            return None
        digest.update(data)
        sidecar = sidecar_path(path)
        if sidecar.is_file():
            digest.update(b"\0sidecar\0" + sidecar.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


# What a seed may be: a text dump or a saved web page.
SOURCE_SUFFIXES = (".txt", ".html", ".htm")


@dataclass(frozen=True, slots=True)
class Sources:
    """The seeds to build, what was ignored (notes) and what was refused (errors)."""

    paths: tuple[Path, ...]
    notes: tuple[str, ...]
    refused: tuple[InputError, ...]


def list_sources(folder: Path) -> Sources:
    """The `.txt`, `.html` and `.htm` files of the seeds folder, sorted (output order never depends on the file
    system); other files, but sidecars, and links to files outside the folder are ignored
    with a note naming them. A name that is not UTF-8, or that names the same article as
    another but for case (`dupe.txt`, `dupe.TXT`: one id, one page), is refused."""
    if not folder.is_dir():
        raise InputError(folder, "no seeds folder", hint="put article .txt or .html files in seeds/")
    inside = folder.resolve()
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    notes, refused, paths, ids = [], [], [], {}
    for path in files:
        if path.suffix.lower() not in SOURCE_SUFFIXES:
            if not path.name.endswith(SIDECAR_SUFFIX):
                notes.append(f"{printable(str(path))}: ignored: not a .txt or .html file")
        elif path.is_symlink() and not path.resolve().is_relative_to(inside):
            notes.append(f"{printable(str(path))}: ignored: a link to a file outside {folder.name}/")
        elif not _is_utf8(path.name):
            refused.append(InputError(path, "file name is not valid UTF-8", hint="rename the file"))
        elif (other := ids.get(path.stem.casefold())) is not None:
            refused.append(InputError(path, f"same article name as {printable(str(other))} but for "
                                      "case or extension", hint="rename one of them"))
        else:
            ids[path.stem.casefold()] = path
            paths.append(path)
    return Sources(tuple(paths), tuple(notes), tuple(refused))


def _is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes come back from the OS as lone surrogates
        return False
    return True
