"""`mkdocs build --strict` into site/, then the offline bundle and its zip from that one build.

The website is built with the offline plugin and `use_directory_urls: false`, which serves
from any static host as well as from file://, so the bundle is a copy of the website rather
than a second MkDocs build. Each output is built beside its target and swapped in, so a
crash or Ctrl-C mid-build leaves the previous site/ and offline/ intact.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

from generator.config import Settings
from generator.errors import SiteError
from generator.output.bundle_zip import write_zip

# Tags that make a browser fetch something; a remote one in the bundle breaks offline use.
# (A plain <a href> to another site is a link a reader may click, not a fetch.) Browsers
# read `\\` as `//` in a URL and `https:host` as `https://host` from an http or file page,
# so any http(s) scheme or a pair of slashes either way counts as remote.
_REMOTE_URL = r"""(?:https?:|[/\\]{2})"""
REMOTE_REFERENCE = re.compile(
    r"""<(?:script|link|img|iframe|source|video|audio|embed|object|track)\b[^>]*?"""
    r"""\b(?:src|href|data|srcset|poster)\s*=\s*["']?\s*""" + _REMOTE_URL, re.IGNORECASE)
REMOTE_CSS = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])""" + _REMOTE_URL, re.IGNORECASE)


# MkDocs' own log lines that say what went wrong ("WARNING -  Doc file 'x.md' contains ...").
_MKDOCS_PROBLEM = re.compile(r"^(?:WARNING|ERROR)\s+-\s+(.*)$", re.MULTILINE)


def run_mkdocs(settings: Settings, site_dir: Path) -> None:
    """Run MkDocs in a subprocess (its own logging and exit status) with a fixed build date.
    Strict, and not `--quiet`: MkDocs 1.6's `--quiet` raises its logger to ERROR, so strict
    mode never saw a warning (mkdocs/mkdocs#4126) and a page linking to a missing one
    built. Its output is captured; on failure its warnings and errors are the message."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(settings.source_date_epoch), PYTHONHASHSEED="0",
               NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
         "--config-file", str(settings.root / "mkdocs.yml"), "--site-dir", str(site_dir.resolve())],
        cwd=settings.root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        output = f"{result.stderr}\n{result.stdout}"
        problems = list(dict.fromkeys(_MKDOCS_PROBLEM.findall(output)))
        raise SiteError(settings.root / "mkdocs.yml", "mkdocs build failed:\n"
                        + ("\n".join(problems) if problems else output.strip()))


def remove_output(path: Path) -> bool:
    """Remove an old output of ours (a folder or the zip), making its folders writable first
    (a user may have made site/ read-only); False when it cannot be removed, and it stays."""
    def writable(func, name, _exc) -> None:
        for folder in (os.path.dirname(name), name):
            with contextlib.suppress(OSError):
                os.chmod(folder, stat.S_IRWXU)
        func(name)

    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, onerror=writable)
        elif path.exists() or path.is_symlink():
            path.unlink()
    except OSError:
        return False
    return True


def aside(target: Path) -> Path:
    """A free name beside `target` to move it to: `.site.old`, or `.site.old.2` when an
    old copy that could not be removed is still in the way (it never blocks a build)."""
    number = 1
    while True:
        old = target.with_name(f".{target.name}.old" + (f".{number}" if number > 1 else ""))
        if not (old.exists() or old.is_symlink()):
            return old
        number += 1


def swap_in(pairs: tuple[tuple[Path, Path], ...]) -> None:
    """Replace each `target` by its `new` with renames only, all or none: every target is
    moved aside, then every new one moved in; a failure midway moves everything back, so
    site/, offline/ and the zip are always of one build. Old copies are removed last."""
    for _, target in pairs:
        for leftover in sorted(target.parent.glob(f".{glob.escape(target.name)}.old*")):
            remove_output(leftover)  # from a build that stopped before removing them
    moved: list[tuple[Path, Path]] = []
    olds: list[Path] = []
    try:
        for _, target in pairs:
            if target.exists() or target.is_symlink():
                olds.append(aside(target))
                os.rename(target, olds[-1])
                moved.append((target, olds[-1]))
        for new, target in pairs:
            os.rename(new, target)
            moved.append((new, target))
    except OSError as err:
        for source, moved_to in reversed(moved):
            with contextlib.suppress(OSError):
                os.rename(moved_to, source)
        raise SiteError(err.filename or target, f"cannot swap in the new outputs: {err.strerror or err}",
                        hint="the previous site/, offline/ and zip are kept") from err
    for old in olds:
        remove_output(old)


def fresh_dir(path: Path) -> Path:
    if not remove_output(path):
        raise SiteError(path, "cannot remove this leftover of an earlier build", hint="remove it by hand")
    return path


def remote_references(folder: Path) -> list[str]:
    """Every `file: reference` in HTML, CSS or JS that would fetch from the network."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".html", ".css") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        pattern = REMOTE_REFERENCE if path.suffix == ".html" else REMOTE_CSS
        found += [f"{path.relative_to(folder)}: {m.group(0)}" for m in pattern.finditer(text)]
    return found


def link_or_copy(source: str, target: str) -> None:
    """Hard-link where the file system allows (the bundle's files are the website's, and a
    build replaces both folders whole), else copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def build_website(settings: Settings) -> Path:
    """MkDocs into a staging folder beside site/ (docs/briefing.json is copied as it is)."""
    staging = fresh_dir(settings.root / f".{settings.site_dir}.new")
    run_mkdocs(settings, staging)
    remote = remote_references(staging)
    if remote:
        raise SiteError(staging, "the build references remote resources: " + "; ".join(remote[:5]))
    return staging


def build_bundle(settings: Settings, staging: Path) -> None:
    """The bundle is the website (built offline-ready) and the zip is the bundle: all three
    are made beside their targets, then swapped in together. The zip reuses what the last
    one compressed (output/bundle_zip.py)."""
    offline_staging = fresh_dir(settings.root / f".{settings.offline_dir}.new")
    zip_target = settings.root / settings.zip_name
    zip_staging = zip_target.with_name(f".{zip_target.name}.new")
    try:
        shutil.copytree(staging, offline_staging, copy_function=link_or_copy)
        write_zip(offline_staging, zip_staging, settings.source_date_epoch, previous=zip_target)
    except OSError as err:  # a full disk: the previous outputs are still all in place
        raise SiteError(err.filename or offline_staging, f"cannot write: {err.strerror or err}") from err
    swap_in(((staging, settings.site), (offline_staging, settings.offline), (zip_staging, zip_target)))
