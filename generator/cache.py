"""Per-article results cached by content and code, so a rebuild re-processes only what changed.

The key of an article is the hash of its source bytes and file name; the cache folder is
named after a fingerprint of the code that produces a cached result (the per-article stages
and every generator module they import) and the spaCy model, so a change there starts a fresh
cache instead of serving stale results, while a change to the index pages or the site does
not throw away an hour of NLP. Entries are pickles we wrote ourselves (never shared between
users); a damaged entry is a miss.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import pickle
import re
from dataclasses import dataclass
from pathlib import Path

from generator.write import write_bytes_atomic

CACHE_DIR = ".briefing-cache"
_GENERATION = re.compile(r"[0-9a-f]{16}")  # a folder named by `code_fingerprint`


# The modules whose results the cache holds: one file to an article (read, segment, clean,
# structure) and its NLP enrichment. Whatever they import from the package is fingerprinted
# with them.
CACHED_STAGES = ("parse", "enrich")


def stage_modules(package: Path, roots: tuple[str, ...] = CACHED_STAGES) -> tuple[Path, ...]:
    """The root modules and every generator module they import, at any depth (imports
    inside functions too, such as nlp's lazy nlp_speed), read from the source, not run."""
    found: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        path = package / f"{name}.py"
        if name in found or not path.is_file():
            continue
        found.add(name)
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.ImportFrom) and node.module == "generator":
                todo += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator."):
                todo.append(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                todo += [a.name.split(".")[1] for a in node.names if a.name.startswith("generator.")]
    return tuple(sorted(package / f"{name}.py" for name in found))


PACKAGE = Path(__file__).resolve().parent


def code_fingerprint(model: str, package: Path = PACKAGE) -> str:
    """Hash of the cached stages' source files and the model: the cache's generation."""
    digest = hashlib.sha256(model.encode())
    for path in stage_modules(package):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    try:  # the version from package metadata: importing spaCy here cost every build 1.3 s
        digest.update(importlib.metadata.version("spacy").encode())
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover
        pass
    return digest.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Cache:
    folder: Path

    @classmethod
    def open(cls, root: Path, model: str) -> "Cache":
        """The current generation's folder; folders of older generations are removed (only
        those: `pages/`, MkDocs' page cache, lives beside them)."""
        base = root / CACHE_DIR
        folder = base / code_fingerprint(model)
        if base.is_dir():
            for old in sorted(base.iterdir()):
                if old.is_dir() and old != folder and _GENERATION.fullmatch(old.name):
                    for entry in old.iterdir():
                        entry.unlink()
                    old.rmdir()
        return cls(folder)

    def get(self, key: str):
        try:
            return pickle.loads((self.folder / f"{key}.pickle").read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
            return None

    def put(self, key: str, value) -> None:
        write_bytes_atomic(self.folder / f"{key}.pickle", pickle.dumps(value, protocol=5))
