"""`mkdocs build --strict` into site/, then the offline bundle and its zip from that one build.

The website is built with the offline plugin and `use_directory_urls: false`, which serves
from any static host as well as from file://, so the bundle is a copy of the website rather
than a second MkDocs build. Each output is built beside its target and swapped in, so a
crash or Ctrl-C mid-build leaves the previous site/ and offline/ intact.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from generator.config import Settings
from generator.errors import SiteError

# Tags that make a browser fetch something; a remote one in the bundle breaks offline use.
# (A plain <a href> to another site is a link a reader may click, not a fetch.) Browsers
# read `\\` as `//` in a URL and `https:host` as `https://host` from an http or file page,
# so any http(s) scheme or a pair of slashes either way counts as remote.
_REMOTE_URL = r"""(?:https?:|[/\\]{2})"""
REMOTE_REFERENCE = re.compile(
    r"""<(?:script|link|img|iframe|source|video|audio|embed|object|track)\b[^>]*?"""
    r"""\b(?:src|href|data|srcset|poster)\s*=\s*["']?\s*""" + _REMOTE_URL, re.IGNORECASE)
REMOTE_CSS = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])""" + _REMOTE_URL, re.IGNORECASE)


def run_mkdocs(settings: Settings, site_dir: Path) -> None:
    """Run MkDocs in a subprocess (its own logging and exit status) with a fixed build date."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(settings.source_date_epoch), PYTHONHASHSEED="0")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--quiet",
         "--config-file", str(settings.root / "mkdocs.yml"), "--site-dir", str(site_dir.resolve())],
        cwd=settings.root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SiteError(settings.root / "mkdocs.yml", "mkdocs build failed:\n" + (result.stderr or result.stdout).strip())


def swap_in(new: Path, target: Path) -> None:
    """Replace `target` by `new` with renames only, so either the old or the new one is there."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def fresh_dir(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
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


# zlib level 3: on the 1,000-article bundle (151 MB, 4,738 files) level 6 took 1.85 s for
# 29.2 MB, level 3 0.93 s for 33.0 MB, level 1 0.79 s for 34.9 MB; level 9 took ~4x level 6
# for <1% less. Every build rewrites the zip, so its time counts more than 13% of its size.
ZIP_LEVEL = 3


def write_zip(folder: Path, target: Path, epoch: int) -> None:
    """A deterministic zip: sorted entries, fixed times and permissions, under `offline/`."""
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    tmp = target.with_name(f".{target.name}.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"offline/{path.relative_to(folder).as_posix()}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    os.replace(tmp, target)


def build_website(settings: Settings) -> Path:
    """MkDocs into a staging folder beside site/ (docs/briefing.json is copied as it is)."""
    staging = fresh_dir(settings.root / f".{settings.site_dir}.new")
    run_mkdocs(settings, staging)
    remote = remote_references(staging)
    if remote:
        raise SiteError(staging, "the build references remote resources: " + "; ".join(remote[:5]))
    return staging


def build_bundle(settings: Settings, staging: Path) -> None:
    """The bundle is the website (built offline-ready); swap both in, then zip the bundle."""
    offline_staging = fresh_dir(settings.root / f".{settings.offline_dir}.new")
    shutil.copytree(staging, offline_staging, copy_function=link_or_copy)
    swap_in(staging, settings.site)
    swap_in(offline_staging, settings.offline)
    write_zip(settings.offline, settings.root / settings.zip_name, settings.source_date_epoch)
