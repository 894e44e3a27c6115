"""The only writer of output files: atomic, write-if-changed, and never over a person's page."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import WriteError


def write_atomic(path: Path, text: str) -> bool:
    """Write via a temporary file and `os.replace`; skip when the bytes are already there."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> bool:
    """A reader sees the old file or the new one, never half of one; unchanged files keep
    their mtime, so MkDocs and the incremental build see only real changes."""
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


MANIFEST = ".briefing-manifest.json"
MARKER = "generated_by: briefing"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_manifest(docs: Path) -> dict[str, str]:
    """Generated path → sha256 of what we wrote there last time."""
    try:
        return json.loads((docs / MANIFEST).read_text(encoding="utf-8"))["pages"]
    except FileNotFoundError:
        return {}
    except (ValueError, KeyError, TypeError) as err:
        raise WriteError(docs / MANIFEST, f"manifest is not valid: {err}",
                         hint="delete it only if docs/ holds no page a person wrote") from err


@dataclass(frozen=True, slots=True)
class WriteReport:
    """What `write_pages` did: the build's closing summary counts the pages it rewrote."""

    failures: tuple[WriteError, ...]
    written: int  # pages whose bytes changed (or that are new)
    unchanged: int  # pages already there with the same bytes, left alone
    removed: int  # stale generated pages deleted


def write_pages(docs: Path, pages) -> WriteReport:
    """Write generated pages under docs/, keep every page a person wrote or edited, and
    remove generated pages that are no longer produced (only if nobody edited them).

    A target without our manifest entry is a person's page; one whose bytes differ from
    what we last wrote was edited by a person. Both are reported, never overwritten.
    """
    failures: list[WriteError] = []
    manifest = load_manifest(docs)
    written: dict[str, str] = {}
    changed = unchanged = removed = 0
    by_path: dict[str, object] = {}
    root = docs.resolve()
    for page in sorted(pages, key=lambda p: p.path):
        if page.path in by_path:
            failures.append(WriteError(docs / page.path, "two pages for one path, from "
                                       f"{by_path[page.path].source} and {page.source}"))
            continue
        by_path[page.path] = page
        target = _inside(docs, page.path, root)
        data = page.text.encode("utf-8")
        new = digest(data)
        if target.exists():
            current = digest(target.read_bytes())
            if page.path not in manifest:
                failures.append(WriteError(target, "a page a person wrote is in the way; not overwritten",
                                           hint="rename it, or move the article"))
                continue
            if current != manifest[page.path] and current != new:
                failures.append(WriteError(target, "generated page was edited by hand; not overwritten",
                                           hint="delete it to let the build regenerate it"))
                written[page.path] = manifest[page.path]
                continue
            if current == manifest[page.path] == new:
                written[page.path] = current  # unchanged: not rewritten (a rebuild after
                unchanged += 1                # one new article touches only what changed)
                continue
        write_bytes_atomic(target, data)
        written[page.path] = new
        changed += 1
    for stale in sorted(set(manifest) - set(written)):
        target = _inside(docs, stale)
        if target.exists() and digest(target.read_bytes()) == manifest[stale]:
            target.unlink()
            removed += 1
            _remove_empty_dirs(target.parent, docs)
        elif target.exists():
            failures.append(WriteError(target, "stale generated page was edited by hand; kept"))
    write_atomic(docs / MANIFEST, json.dumps({"generated_by": "briefing", "pages": written},
                                             indent=1, sort_keys=True) + "\n")
    return WriteReport(tuple(failures), changed, unchanged, removed)


def _inside(root: Path, relative: str, resolved_root: Path | None = None) -> Path:
    target = (root / relative).resolve()
    if not target.is_relative_to(resolved_root or root.resolve()):
        raise WriteError(root / relative, "refusing to write outside docs/")
    return root / relative


def _remove_empty_dirs(folder: Path, root: Path) -> None:
    while folder.resolve() != root.resolve() and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
