"""The whole build, top to bottom. Phase one parses every article; phase two, which needs
them all, builds the cross-article indexes and writes. Only stage calls live here."""

from __future__ import annotations

from pathlib import Path

from generator.clean import clean_lines
from generator.config import Settings
from generator.errors import BriefingError
from generator.export import article_record, dumps_json
from generator.model import Article, Cleaned
from generator.read import read_source
from generator.render_article import render_article
from generator.segment import segment_lines
from generator.structure import structure_article


def clean_file(path: Path) -> Cleaned:
    source = read_source(path)
    return clean_lines(source, segment_lines(source))


def parse_article(path: Path) -> Article:
    """read → segment → clean → structure, for one file."""
    return structure_article(clean_file(path))


def explain_lines(cleaned: Cleaned) -> str:
    """Each line with its number, fate and rule: for a person debugging a new outlet."""
    return "".join(f"{d.line.number:>5}  {d.fate.value:<18} {d.rule:<22} {d.line.text}\n"
                   for d in cleaned.decisions)


def convert_one(path: Path, fmt: str) -> str:
    article = parse_article(path)
    if fmt == "txt":
        return "\n\n".join(p.text for p in article.body) + "\n"
    if fmt == "json":
        return dumps_json(article_record(article))
    return render_article(article, path=f"{article.slug}.md").text


def convert(paths: list[Path], fmt: str, out: Path | None, settings: Settings,
            explain: bool = False) -> list[BriefingError]:
    """One output per input; a bad file is reported and the others still convert."""
    from generator import write

    failures: list[BriefingError] = []
    for path in paths:
        try:
            if explain:
                print(f"# {path}")
                print(explain_lines(clean_file(path)), end="")
                continue
            write.write_output(out, f"{path.stem}.{fmt}", convert_one(path, fmt))
        except BriefingError as err:
            failures.append(err)
    return failures


def build(settings: Settings, site: bool = True) -> list[BriefingError]:
    raise NotImplementedError
