"""The only writer of output files: atomic, write-if-changed, and never over a person's page."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from generator.errors import WriteError


def write_atomic(path: Path, text: str) -> bool:
    """Write via a temporary file and `os.replace`; skip when the bytes are already there."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_output(out_dir: Path, name: str, text: str) -> Path:
    """A `convert` output: DIR/<stem>.<format>, never outside DIR."""
    target = out_dir / name
    if target.resolve().parent != out_dir.resolve():
        raise WriteError(target, "refusing to write outside the output folder")
    write_atomic(target, text)
    return target
