"""`briefing convert`: one output file per input, no site. txt is the cleaned body, md the
article page, json the gold field names plus the enrichment (the model loaded once, every
article parsed in one batch); `--explain` shows each line's fate and rule."""

from __future__ import annotations

from pathlib import Path

from generator.config import Settings
from generator.errors import BriefingError, printable
from generator.ingest.parse import clean_file, parse_article
from generator.model import Article
from generator.nlp.enrich import enrich_articles
from generator.output.write import write_output
from generator.render.article import render_article
from generator.render.export import dumps_json, enriched_record


def explain_file(path: Path, settings: Settings) -> str:
    """Each line with its number, fate and rule: for a person debugging a new outlet. The
    line's text goes to a terminal: its control characters are shown as escapes, never
    sent (an article line holding ESC ] 0; ... retitled the window)."""
    return "".join(f"{d.line.number:>5}  {d.fate.value:<18} {d.rule:<22} {printable(d.line.text)}\n"
                   for d in clean_file(path, settings.max_seed_bytes).decisions)


def render_output(article: Article, fmt: str, settings: Settings) -> str:
    """`convert`'s txt (the body, paragraphs separated by a blank line) or md (the page)."""
    if fmt == "txt":
        return "\n\n".join(p.text for p in article.body) + "\n"
    return render_article(article, path=f"{article.slug}.md", words_per_minute=settings.words_per_minute).text


def convert(paths: list[Path], fmt: str, out: Path, settings: Settings) -> list[BriefingError]:
    """One output per input; a bad file is reported and the others still convert."""
    failures: list[BriefingError] = []
    articles: dict[Path, Article] = {}
    for path in paths:
        try:
            if (other := next((p for p in articles if p.stem == path.stem), None)) is not None:
                raise BriefingError(path, f"same output name as {other}: {path.stem}.{fmt}")
            articles[path] = parse_article(path, settings.max_seed_bytes)
        except BriefingError as err:
            failures.append(err)
    if fmt == "json" and articles:
        enriched = enrich_articles(tuple(articles.values()), settings).enriched
        outputs = {path: dumps_json(enriched_record(e)) for path, e in zip(articles, enriched)}
    else:
        outputs = {path: render_output(article, fmt, settings) for path, article in articles.items()}
    for path, text in outputs.items():
        try:
            write_output(out, f"{path.stem}.{fmt}", text)
        except BriefingError as err:
            failures.append(err)
    return failures
