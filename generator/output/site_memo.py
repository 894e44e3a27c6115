"""Whether the website, the bundle and the zip are already what a site build would make.

MkDocs and the bundle are most of a rebuild that changes nothing: 4.0 of 5.4 s at 1,000
synthetic articles, 18.3 of 21.3 s at 5,000 (benchmarks/bench_build.py). Their output is a
function of the site's inputs, and the build makes it deterministically (a fixed build
date, a fixed hash seed, the zip's fixed timestamps), so when the inputs are those of the
last site build and its outputs are still as it left them, the build keeps them.

The inputs, in one digest (`site_key`): mkdocs.yml's bytes, and by their paths and bytes
every file of what it builds from (docs_dir: the generated pages and any a person put there;
the theme's custom_dir; the hooks), the settings, and `index_fingerprint` (every file of
the package, the page-cache plugin among them; every installed distribution, MkDocs and
Material among them; Python). A folder with a link in it, or a mkdocs.yml with a tag
(`!ENV` reads the environment) or an `INHERIT`, is never kept: what they stand for can
change while their own bytes do not.

The outputs (`outputs_signature`) are our own, replaced whole by each build (site.py
`swap_in`): every file's path, size, modification time and inode. Any writing to one, or a
file added, removed or replaced, changes that; content hashing them (355 MB twice at 5,000)
would cost each site build half a second more to catch only a deliberate restoring of
times.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import yaml

from generator.config import Settings
from generator.output.cache import hash_package_files
from generator.output.index_cache import index_fingerprint
from generator.output.write import write_atomic

SITE_MEMO = "site-memo.json"  # in .briefing-cache/: the last site build's key and outputs


def tree_digest(folder: Path) -> str | None:
    """sha256 of every file under `folder` (itself a folder or a link to one) by its
    relative path and bytes, as the package is hashed (compiled files left out: the hooks'
    are written while MkDocs runs); None when it is missing or holds a link."""
    if not folder.is_dir():
        return None
    folder = folder.resolve()
    if any(path.is_symlink() for path in folder.rglob("*")):
        return None
    digest = hashlib.sha256()
    hash_package_files(digest, folder)
    return digest.hexdigest()


class _Untagged(yaml.SafeLoader):
    """mkdocs.yml read as plain data; any tag (`!ENV`, `!relative`, `!!python/name`) fails."""


def config_files(config: bytes, folder: Path) -> list[Path] | None:
    """The files and folders mkdocs.yml (`config`, in `folder`) makes the site from: docs_dir,
    the theme's custom_dir, the hooks. None when the file says more than we can follow: a
    tag (its value may come from the environment), another file it inherits (`INHERIT`)."""
    try:
        data = yaml.load(config, Loader=_Untagged)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict) or "INHERIT" in data:
        return None
    theme = data.get("theme")
    named = [data.get("docs_dir", "docs")] + list(data.get("hooks") or [])
    if isinstance(theme, dict) and theme.get("custom_dir"):
        named.append(theme["custom_dir"])
    if not all(isinstance(n, str) for n in named):
        return None
    return [folder / n for n in named]


def site_key(settings: Settings, code: str | None = None) -> str | None:
    """The site's inputs in one digest (module docstring); None when they cannot be told.
    `code`: `index_fingerprint()` when the caller has it (the docs/ stage made it)."""
    try:
        config = (settings.root / "mkdocs.yml").read_bytes()
        files = config_files(config, settings.root)
        trees = [tree_digest(f) if f.is_dir() else hashlib.sha256(f.read_bytes()).hexdigest()
                 for f in files or ()]
    except OSError:
        return None
    if files is None or None in trees:
        return None
    return hashlib.sha256(json.dumps([settings.outcome, code or index_fingerprint(), hashlib.sha256(config).hexdigest(),
                                      [str(f.relative_to(settings.root)) if f.is_relative_to(settings.root) else str(f)
                                       for f in files], trees]).encode()).hexdigest()


def _signature_lines(path: Path, name: str):
    st = os.lstat(path)
    yield f"{name}\0{st.st_mode}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\n"
    if path.is_dir() and not path.is_symlink():
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames.sort()
            for entry in sorted(dirnames + filenames):
                full = os.path.join(dirpath, entry)
                st = os.lstat(full)
                yield (f"{name}/{os.path.relpath(full, path)}\0{st.st_mode}\0{st.st_size}\0"
                       f"{st.st_mtime_ns}\0{st.st_ino}\n")


def outputs_signature(settings: Settings) -> str | None:
    """site/, offline/ and the zip as they stand (module docstring); None when one is missing."""
    digest = hashlib.sha256()
    try:
        for path, name in ((settings.site, "site"), (settings.offline, "offline"),
                           (settings.root / settings.zip_name, "zip")):
            for line in _signature_lines(path, name):
                digest.update(line.encode())
    except OSError:
        return None
    return digest.hexdigest()


def site_is_current(folder: Path, settings: Settings, key: str | None) -> bool:
    """Whether the last site build (`remember_site`) had inputs `key` and left the outputs
    as they are now."""
    try:
        saved = json.loads((folder / SITE_MEMO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (key is not None and isinstance(saved, dict) and saved.get("key") == key
            and saved.get("outputs") is not None and saved.get("outputs") == outputs_signature(settings))


def remember_site(folder: Path, settings: Settings, key: str | None) -> None:
    """Keep `key` with the outputs just swapped in; without a key, forget the last one."""
    memo = folder / SITE_MEMO
    if key is None:
        memo.unlink(missing_ok=True)
        return
    write_atomic(memo, json.dumps({"key": key, "outputs": outputs_signature(settings)}, sort_keys=True) + "\n")
