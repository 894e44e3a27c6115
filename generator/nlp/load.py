"""Load the spaCy model once per process and parse an article's texts in batches.

The model name comes from settings (`spacy_model`) so a user with the official
`en_core_web_sm` can use it; a missing model is a clear error, not a traceback.
Entities, quotes and dates all read the same parsed `Doc`s: the text is parsed once.
spaCy is imported only when a model is loaded, so commands without NLP start fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence

from generator.errors import BriefingError
from generator.model import Article

# Components the later stages read: tagger for POS, parser for sentences and grammar
# (quotes, dates, entity roles), ner for entities. The lemmatizer is not needed; the
# attribute_ruler is swapped for `pos_from_tag` (below), which gives the same `pos_` at a
# quarter of the cost (the ruler's Matcher took ~20% of the stage; it also set MORPH and
# LEMMA, which nothing reads).
EXCLUDE = ("lemmatizer",)
# Texts per `nlp.pipe` batch. Re-measured after the nlp_speed ops (one core): the seeds
# (benchmarks/bench_nlp.py) give 10,300-10,600 words/s for 64, 128, 256 and 1000 alike; 100
# synthetic articles (benchmarks/make_corpus.py) ~8,000-8,500 words/s alike, but a process's
# peak memory is 301 MB at 128, 417 MB at 250, 649 MB at 1000: the batch's intermediate
# arrays, held once per NLP worker, were what took a 5,000-article build past 2 GiB.
BATCH_SIZE = 128


@dataclass(frozen=True, slots=True)
class TextUnit:
    """One piece of an article's own text: which field it is, and its paragraph number
    (1-based for body paragraphs, 0 for everything outside the body)."""

    article: str
    field: str
    paragraph: int
    text: str


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """An article's units and their `Doc`s. A doc's text is its unit's text, character for
    character (spaCy's tokenizer loses nothing; the pieces of a long text join back), so the
    stages read `unit.text`: `doc.text` joins every token again at each call, and that was
    a fifth of entity extraction's time."""

    article: Article
    units: tuple[TextUnit, ...]
    docs: tuple[Any, ...] = field(compare=False)  # spacy.tokens.Doc, one per unit


def load_nlp(name: str):
    """The spaCy pipeline `name`, or a `BriefingError` saying how to install it."""
    try:
        import spacy

        from generator.nlp.components import speed_up  # registers its spaCy component
    except ImportError as err:  # pragma: no cover - spaCy is a dependency
        raise BriefingError(None, "spaCy is not installed", hint="run the README's setup command") from err
    try:
        nlp = spacy.load(name, exclude=[*EXCLUDE, "tokenizer"])
    except OSError as err:
        raise BriefingError(None, f"spaCy model {name!r} is not installed",
                            hint="run the README's setup command, or set [tool.briefing] "
                                 "spacy_model to a model you have (e.g. en_core_web_sm)") from err
    return speed_up(tokenizer_as_saved(nlp))


def tokenizer_as_saved(nlp):
    """The model's tokenizer as saved, read only when it differs from the one `spacy.load`
    made. spacy.load builds the language's default tokenizer (~2,700 special cases), then
    reads the saved one over it, which adds them all again: 0.06-0.13 s of the ~0.35 s the
    NLP worker of an add-one rebuild spends loading its model while the build waits. The
    saved bytes are what `Tokenizer.from_disk` would read; when they equal the default's
    own (the shipped model: tests/test_load.py), reading them changes nothing; a
    model with tokenizer rules of its own gets them."""
    if nlp.path is None:  # not read from disk: there is no saved tokenizer
        return nlp
    saved = Path(nlp.path) / "tokenizer"
    if saved.read_bytes() != nlp.tokenizer.to_bytes(exclude=["vocab"]):
        nlp.tokenizer.from_disk(saved, exclude=["vocab"])  # as Language.from_disk reads it
    return nlp


def article_units(article: Article) -> tuple[TextUnit, ...]:
    """All of the article's own text: title, standfirst, captions, bylines, body, bio."""
    units = [TextUnit(article.id, "title", 0, article.title)] if not article.title_derived else []
    units += [TextUnit(article.id, "standfirst", 0, s) for s in article.standfirst]
    images = ((article.lead_image,) if article.lead_image else ()) + article.images
    units += [TextUnit(article.id, "caption", 0, i.caption) for i in images]
    units += [TextUnit(article.id, "byline", 0, a) for a in article.authors + article.contributors]
    units += [TextUnit(article.id, "body", n, p.text) for n, p in enumerate(article.body, start=1)]
    if article.author_bio:
        units.append(TextUnit(article.id, "author_bio", 0, article.author_bio))
    return tuple(units)


# A text longer than this is parsed in pieces joined back into one `Doc` (same text, same
# offsets): spaCy refuses texts over `nlp.max_length` (1,000,000 characters, error E088),
# and the memory of a parse grows with the text. Pieces end at the white space after a
# sentence where there is one, so the parse of a piece is that of its sentences.
PIECE_CHARS = 100_000
_BREAK = re.compile(r"[.!?][\"'”’)\]]*\s+|\s+")


def pieces(text: str, size: int) -> list[str]:
    """`text` cut into pieces of at most `size` characters (about), each ending in the white
    space after a sentence if one is in its last half, else after a word."""
    out, start = [], 0
    while len(text) - start > size:
        breaks = list(_BREAK.finditer(text[start:start + size], size // 2))
        sentences = [m.end() for m in breaks if m.group()[0] in ".!?"]
        cut = (sentences or [m.end() for m in breaks] or [size])[-1]
        out.append(text[start:start + cut])
        start += cut
    return out + [text[start:]]


def parse_articles(nlp, articles: Sequence[Article]) -> Iterator[ParsedArticle]:
    """Parse every unit of every article in one batched `nlp.pipe` stream (spaCy keeps the
    order; the NLP stage runs one stream per worker process, see enrich.py). Yields
    each article as soon as its units are parsed, so a caller that keeps only its results
    holds one article's `Doc`s at a time, not the whole briefing's."""
    from spacy.tokens import Doc

    size = min(PIECE_CHARS, nlp.max_length)
    units = [article_units(a) for a in articles]
    cut = [[pieces(u.text, size) for u in us] for us in units]
    docs = nlp.pipe((piece for us in cut for parts in us for piece in parts), batch_size=BATCH_SIZE)

    def joined(parts: list[str]):
        parsed = [next(docs) for _ in parts]
        return parsed[0] if len(parsed) == 1 else Doc.from_docs(parsed, ensure_whitespace=False)

    for article, article_units_, parts in zip(articles, units, cut):
        yield ParsedArticle(article, article_units_, tuple(joined(p) for p in parts))
