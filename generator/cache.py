"""Per-article results cached by content and code, so a rebuild re-processes only what changed.

The key of an article is the hash of its source bytes and file name; the cache folder is
named after a fingerprint of the generator's own source code and the spaCy model, so any
code or model change starts a fresh cache instead of serving stale results. Entries are
pickles we wrote ourselves (never shared between users); a damaged entry is a miss.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import pickle
from dataclasses import dataclass
from pathlib import Path

from generator.write import write_bytes_atomic

CACHE_DIR = ".briefing-cache"


def code_fingerprint(model: str) -> str:
    """Hash of every generator source file and the model name: the cache's generation."""
    digest = hashlib.sha256(model.encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")) + sorted(package.glob("*.json")):
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
        """The current generation's folder; folders of older generations are removed."""
        base = root / CACHE_DIR
        folder = base / code_fingerprint(model)
        if base.is_dir():
            for old in sorted(base.iterdir()):
                if old.is_dir() and old != folder:
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
