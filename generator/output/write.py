"""The only writer of output files: atomic, write-if-changed, and never over a person's page."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import WriteError


def write_atomic(path: Path, text: str) -> bool:
    """Write via a temporary file and `os.replace`; skip when the bytes are already there."""
    return write_bytes_atomic(path, text.encode("utf-8"))


TMP_PREFIX = ".briefing-tmp-"  # ours alone: a person's ".tmp-notes.md" in docs/ is theirs, never cleaned up


# A kept entry of the caches (cache.py, page_cache.py) is the sha256 of its payload, then the
# payload: a flipped bit or a truncated file is seen, and the entry is made again, never used.
DIGEST_BYTES = 32
# What unpickling intact bytes of code since changed may raise.
UNPICKLE_ERRORS = (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError)


def seal(payload: bytes) -> bytes:
    return hashlib.sha256(payload).digest() + payload


def unseal(data: bytes) -> bytes | None:
    """The payload of `seal`ed bytes, or None when they do not match their digest."""
    payload = data[DIGEST_BYTES:]
    return payload if len(data) >= DIGEST_BYTES and hashlib.sha256(payload).digest() == data[:DIGEST_BYTES] else None


def read_sealed(path: Path) -> bytes | None:
    """The payload kept at `path`, or None: missing, unreadable or damaged."""
    try:
        return unseal(path.read_bytes())
    except OSError:
        return None


def read_pickle(path: Path):
    """The value `write_pickle` kept at `path`, or None (missing, damaged, or not loadable)."""
    payload = read_sealed(path)
    try:
        return None if payload is None else pickle.loads(payload)
    except UNPICKLE_ERRORS:
        return None


def write_pickle(path: Path, value) -> None:
    write_bytes_atomic(path, seal(pickle.dumps(value, protocol=5)))


def write_bytes_atomic(path: Path, data: bytes, compared: bool = False) -> bool:
    """A reader sees the old file or the new one, never half of one; unchanged files keep
    their mtime, so MkDocs and the incremental build see only real changes. A file system
    error (permissions, a full disk) is a `WriteError` naming the file. `compared`: the
    caller has just read the file and found other bytes (`write_pages`), so it is not read
    again."""
    try:
        if not compared and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    except OSError as err:
        raise WriteError(path, f"cannot read: {err.strerror or err}") from err
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TMP_PREFIX, suffix=path.suffix)
        os.fchmod(fd, 0o666 & ~current_umask())  # mkstemp makes 0600 whatever the umask
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException as err:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise WriteError(path, f"cannot write: {err.strerror or err}") from err
        raise
    return True


def current_umask() -> int:
    """The process umask (Python can only read it by setting it; set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_output(out_dir: Path, name: str, text: str) -> Path:
    """A `convert` output: DIR/<stem>.<format>, never outside DIR."""
    target = out_dir / name
    if target.resolve().parent != out_dir.resolve():
        raise WriteError(target, "refusing to write outside the output folder")
    write_atomic(target, text)
    return target


# Held (flock) for the whole of `briefing build`: two builds in one folder interleaved their
# docs/, site/, offline/ and zip. The kernel drops the lock when its holder dies, however it
# dies, so a killed build never leaves the project locked; the file itself stays.
BUILD_LOCK = ".briefing.lock"


@contextlib.contextmanager
def build_lock(root: Path):
    """One build at a time per project: a second one refuses at once, saying why."""
    path = root / BUILD_LOCK
    try:
        handle = open(path, "a", encoding="utf-8")
    except OSError as err:
        raise WriteError(path, f"cannot open the build lock: {err.strerror or err}") from err
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise WriteError(path, "another build of this project is running",
                             hint="wait until it ends, then build again") from None
        yield


MANIFEST = ".briefing-manifest.json"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def page_bytes(page) -> bytes:
    """A `Page`'s file contents: its text as UTF-8, or the bytes it holds."""
    return page.text if isinstance(page.text, bytes) else page.text.encode("utf-8")


# What a build is about to write, saved before it writes any page and removed once the
# manifest is: after a crash (kill -9, a full disk) the next build still knows the pages
# that landed as its own. Path → every sha256 a build that stopped may have left there.
JOURNAL = ".briefing-journal.json"


def load_manifest(docs: Path, name: str = MANIFEST) -> dict:
    """Generated path → sha256 of what we wrote there last time (for the journal, a list)."""
    try:
        return json.loads((docs / name).read_text(encoding="utf-8"))["pages"]
    except FileNotFoundError:
        return {}
    except OSError as err:
        raise WriteError(docs / name, f"cannot read: {err.strerror or err}") from err
    except (ValueError, KeyError, TypeError) as err:
        raise WriteError(docs / name, f"manifest is not valid: {err}",
                         hint="delete it only if docs/ holds no page a person wrote") from err


def remove_temp_files(docs: Path) -> None:
    """Temporary files a killed build left (ours by their prefix)."""
    for tmp in sorted(docs.rglob(TMP_PREFIX + "*")) if docs.is_dir() else ():
        if tmp.is_file():
            tmp.unlink()


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
    what we last wrote was edited by a person. Both are reported, never overwritten. A
    file system error (a read-only docs/, a full disk) is one `WriteError` naming the file.
    """
    try:
        return _write_pages(docs, pages)
    except OSError as err:
        raise WriteError(err.filename or docs, f"cannot write: {err.strerror or err}") from err


def _write_pages(docs: Path, pages) -> WriteReport:
    failures: list[WriteError] = []
    remove_temp_files(docs)
    manifest = load_manifest(docs)
    pending = {path: set(digests) for path, digests in load_manifest(docs, JOURNAL).items()}
    for path, known in manifest.items():
        pending.setdefault(path, set()).add(known)  # every content a build of ours left
    written: dict[str, str] = {}
    todo: list[tuple[Path, bytes, str, str, bool]] = []  # ..., whether docs/ holds other bytes
    unchanged = removed = 0
    by_path: dict[str, object] = {}
    folders: dict[Path, bool] = {}  # inside docs/ or not, for `_inside`
    for page in sorted(pages, key=lambda p: p.path):
        if page.path in by_path:
            failures.append(WriteError(docs / page.path, "two pages for one path, from "
                                       f"{by_path[page.path].source} and {page.source}"))
            continue
        by_path[page.path] = page
        target = _inside(docs, page.path, folders)
        data = page_bytes(page)
        new = page.sha256 or digest(data)
        try:  # a page read back from docs/ by this build (`Page.sha256`) is not read again:
            existing = data if page.sha256 else target.read_bytes()  # 1,000 reads an add-one
        except FileNotFoundError:
            existing = None
        if existing is not None:
            current = new if existing == data else digest(existing)  # most pages are unchanged: hash once
            if page.path not in pending:
                failures.append(WriteError(target, "a page a person wrote is in the way; not overwritten",
                                           hint="rename it, or move the article"))
                continue
            if current not in pending[page.path] and current != new:
                failures.append(WriteError(target, "generated page was edited by hand; not overwritten",
                                           hint="delete it to let the build regenerate it"))
                if page.path in manifest:
                    written[page.path] = manifest[page.path]
                continue
            if current == manifest.get(page.path) == new:
                written[page.path] = current  # unchanged: not rewritten (a rebuild after
                unchanged += 1                # one new article touches only what changed)
                continue
        todo.append((target, data, page.path, new, existing != data))
    if todo:  # (a rebuild that changes nothing copies no journal)
        journal = {path: set(digests) for path, digests in pending.items()}
        for _, _, path, new, _ in todo:
            journal.setdefault(path, set()).add(new)
        write_atomic(docs / JOURNAL, json.dumps({"generated_by": "briefing", "pages": {
            path: sorted(digests) for path, digests in journal.items()}}, indent=1, sort_keys=True) + "\n")
    for target, data, path, new, differs in todo:
        write_bytes_atomic(target, data, compared=differs)
        written[path] = new
    for stale in sorted(set(pending) - set(written)):
        target = _inside(docs, stale, folders)
        if target.exists() and digest(target.read_bytes()) in pending[stale]:
            target.unlink()
            removed += 1
            _remove_empty_dirs(target.parent, docs)
        elif target.exists():
            failures.append(WriteError(target, "stale generated page was edited by hand; kept"))
    write_atomic(docs / MANIFEST, json.dumps({"generated_by": "briefing", "pages": written},
                                             indent=1, sort_keys=True) + "\n")
    (docs / JOURNAL).unlink(missing_ok=True)
    return WriteReport(tuple(failures), len(todo), unchanged, removed)


def manifest_digest(docs: Path) -> str | None:
    """sha256 of docs/'s manifest as it is now (None: there is none)."""
    try:
        return digest((docs / MANIFEST).read_bytes())
    except FileNotFoundError:
        return None
    except OSError as err:
        raise WriteError(docs / MANIFEST, f"cannot read: {err.strerror or err}") from err


def as_last_written(docs: Path, manifest: str) -> WriteReport | None:
    """What `write_pages` reports when given again the pages the last build wrote, found
    without them: docs/ still holds that build's manifest (its sha256 is `manifest`), no
    journal or temporary file of a build that stopped, and every page the manifest lists
    with the bytes it lists (a page a person edited or deleted is a difference). None when
    anything differs: then the pages are made and written as usual."""
    try:
        raw = (docs / MANIFEST).read_bytes()
        if digest(raw) != manifest or (docs / JOURNAL).exists() or any(docs.rglob(TMP_PREFIX + "*")):
            return None
        pages = json.loads(raw)["pages"]
        for path, known in pages.items():
            if digest((docs / path).read_bytes()) != known:
                return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return WriteReport(failures=(), written=0, unchanged=len(pages), removed=0)


def _inside(root: Path, relative: str, folders: dict[Path, bool]) -> Path:
    """`root / relative`, refused when it resolves (every link followed) outside `root`.
    `folders`: folder → whether it resolves inside `root`, kept across the calls of one
    write. A file that is no link resolves into its folder's resolved path, so only its
    folder is resolved, once: `Path.resolve` walks every part of a path in Python, and
    resolving each of 1,400 pages afresh took 0.07 s of every build that writes docs/."""
    path = root / relative
    if path.name in ("", ".", "..") or os.path.islink(path):
        inside = path.resolve().is_relative_to(root.resolve())
    elif (inside := folders.get(path.parent)) is None:
        inside = folders[path.parent] = path.parent.resolve().is_relative_to(root.resolve())
    if not inside:
        raise WriteError(path, "refusing to write outside docs/")
    return path


def _remove_empty_dirs(folder: Path, root: Path) -> None:
    while folder.resolve() != root.resolve() and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
