"""The small error hierarchy the CLI understands (cf. mkdocs/exceptions.py).

Every error names the file (and line when known), so a batch can report each
failure and still finish the other files.
"""

from __future__ import annotations

import re
from pathlib import Path

# C0 and C1 controls, DEL, and lone surrogates (the bytes of a name that is not UTF-8).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str, keep: str = "") -> str:
    """`text` with control characters and undecodable bytes as `\\xNN` escapes."""
    def escape(match: re.Match) -> str:
        char = match.group()
        if char in keep:
            return char
        code = ord(char)
        return f"\\x{code - 0xdc00:02x}" if 0xdc80 <= code <= 0xdcff else char.encode("unicode_escape").decode()
    return _UNPRINTABLE.sub(escape, text)


class BriefingError(Exception):
    """A problem with the user's input or setup, reported as `path:line: problem (hint: ...)`."""

    def __init__(self, path: Path | str | None, problem: str, *, line: int | None = None,
                 hint: str | None = None) -> None:
        self.path = None if path is None else str(path)
        self.problem = problem
        self.line = line
        self.hint = hint
        super().__init__(self.message)

    def __reduce__(self):
        """Rebuilt from its fields, so an error raised in an NLP worker process reaches the
        build unchanged (the default pickles only the message)."""
        return _rebuild, (type(self), self.path, self.problem, self.line, self.hint)

    @property
    def message(self) -> str:
        """One line (a MkDocs failure adds MkDocs' own lines): control characters, which a
        file name may hold, are shown as escapes, never sent raw to the terminal."""
        where = ""
        if self.path is not None:
            where = printable(self.path) + (f":{self.line}" if self.line is not None else "") + ": "
        hint = f" (hint: {printable(self.hint)})" if self.hint else ""
        return f"{where}{printable(self.problem, keep=chr(10))}{hint}"


def _rebuild(cls: type[BriefingError], path: str | None, problem: str, line: int | None,
             hint: str | None) -> BriefingError:
    return cls(path, problem, line=line, hint=hint)


class InputError(BriefingError):
    """A source file we refuse to read: binary, empty, undecodable."""


class ConfigError(BriefingError):
    """A bad `[tool.briefing]` setting."""


class WriteError(BriefingError):
    """A page we must not write: a person's page, or two sources for one path."""


class SiteError(BriefingError):
    """MkDocs or the offline bundle failed."""


class CacheError(BriefingError):
    """A damaged cache entry: reported as a note, and the article parsed again."""
