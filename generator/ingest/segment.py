"""Number the source lines and strip them; blank lines only separate, they get no fate."""

from __future__ import annotations

from generator.model import Line, SourceText


def segment_lines(source: SourceText) -> tuple[Line, ...]:
    """Every non-empty line, stripped of surrounding white space (NBSP and tabs included)."""
    return tuple(
        Line(number=i, text=stripped)
        for i, raw in enumerate(source.text.split("\n"), start=1)
        if (stripped := raw.strip())
    )
