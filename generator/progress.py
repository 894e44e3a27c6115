"""How a build tells the command line where it is: (stage, done, total). Stages never print;
cli.py draws the bars (only on a terminal) from these calls."""

from __future__ import annotations

from typing import Callable

Progress = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    """The default `Progress`: tests and library callers see nothing."""
