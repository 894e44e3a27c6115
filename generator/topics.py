"""Topics from the articles themselves: their section labels and the key phrases that recur.

A key phrase is a noun chunk with at least two content words whose head is a common noun
("precursor chemicals", "opioid crisis", "Pelosi visit"): single words are too vague to
navigate by, and names alone already have entity pages. A phrase becomes a topic when at
least `MIN_ARTICLES` articles use it; a section label is a topic on its own.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterable

from generator import furniture as F
from generator.model import Article, Topic
from generator.nlp import ParsedArticle
from generator.structure import slugify

MIN_ARTICLES = 2
# Topics beyond the section labels, most widely shared first. Calibrated so that the
# home page and the topics index stay skimmable; raise for very large briefings.
MAX_TOPICS = 24
# A phrase used by more than this share of articles says nothing a reader can navigate
# by (every article of a fentanyl briefing mentions fentanyl); applies from 5 articles.
MAX_SHARE = 0.8
MAX_PHRASE_TOKENS = 4
_CONTENT_POS = ("NOUN", "PROPN", "ADJ")
# Head nouns too general to name a topic ("American people", "recent years").
GENERIC_HEADS = frozenset({"people", "person", "thing", "things", "way", "ways", "time", "times",
                           "lot", "part", "number", "kind", "side", "sides", "matter", "fact",
                           "case", "cases", "point", "place", "area", "areas", "group", "end"})
_UNITS = re.compile(r"^(?:per|cent|percent|times|year|years|month|months|week|weeks|day|days"
                    r"|dozens?|tens|hundreds?|thousands?|millions?|billions?)$", re.I)


def singular(word: str) -> str:
    """A light plural fold for matching only ("chemicals" ~ "chemical"); display keeps the text."""
    lower = word.lower()
    if len(lower) > 4 and lower.endswith("ies"):
        return lower[:-3] + "y"
    if len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return lower[:-1]
    return lower


def phrase_of(chunk) -> tuple[str, str] | None:
    """(match key, display text) of a noun chunk, or None when it is no key phrase."""
    tokens = [t for t in chunk if t.pos_ in _CONTENT_POS and not t.is_stop and t.is_alpha
              and not t.like_num and not _UNITS.match(t.text)]
    if (not tokens or tokens[-1] != chunk.root or chunk.root.pos_ != "NOUN"
            or chunk.root.lower_ in GENERIC_HEADS):
        return None
    # Keep one name before the head noun: "House Speaker Nancy Pelosi's visit" → "Pelosi's visit".
    names = [t for t in tokens if t.pos_ == "PROPN"]
    start = names[-1].i if names else tokens[0].i
    doc = chunk.doc
    # ... with the words it is hyphenated to: "US-China cooperation", "fentanyl-related substances".
    while (start - 2 >= chunk.start and doc[start - 1].text == "-"
           and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_):
        start -= 2
    span = doc[start:chunk.end]
    words = [t for t in span if t.is_alpha and not (t.like_num or _UNITS.match(t.text))]
    if not 2 <= len(words) <= MAX_PHRASE_TOKENS or any(t.pos_ in ("DET", "PRON", "NUM") for t in span):
        return None
    # Names first, in a fixed order: "US-China cooperation" and "China-US cooperation" are one.
    lead = [t for t in words if t.pos_ == "PROPN" and t.i < chunk.root.i]
    rest = [t for t in words if t not in lead]
    key = " ".join(sorted(t.text.lower() for t in lead) + [singular(t.text) for t in rest])
    display = "".join(t.text_with_ws if t.pos_ == "PROPN" else t.text_with_ws.lower() for t in span).strip()
    return key, display


def article_phrases(parsed: ParsedArticle) -> tuple[tuple[str, str], ...]:
    """Every key phrase occurrence in the article's own text, in reading order."""
    return tuple(p for doc in parsed.docs for chunk in doc.noun_chunks if (p := phrase_of(chunk)))


def variant_of(key: str, other: str) -> bool:
    """Same head noun, and one phrase's words contain the other's."""
    a, b = key.split(), other.split()
    return a[-1] == b[-1] and (set(a) <= set(b) or set(b) <= set(a))


def section_topic(article: Article) -> str | None:
    section = article.section
    if not section or F.OPINION_MARKERS.match(section):
        return None
    return section


def select_topics(articles: Iterable[Article],
                  phrases: dict[str, tuple[tuple[str, str], ...]]) -> tuple[Topic, ...]:
    """Section labels, then the phrases shared by enough articles, ranked by how many."""
    articles = tuple(articles)
    topics: dict[str, Topic] = {}
    by_section: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        if (section := section_topic(article)) is not None:
            by_section[section].append(article.id)
    for name, ids in sorted(by_section.items(), key=lambda kv: kv[0].casefold()):
        key = slugify(name) or "section"
        topics[key] = Topic(key=key, name=name, articles=tuple(sorted(ids)), from_section=True)

    users: dict[str, set[str]] = defaultdict(set)
    uses: Counter[str] = Counter()
    shown: dict[str, Counter[str]] = defaultdict(Counter)
    for article_id in sorted(phrases):
        for key, display in phrases[article_id]:
            users[key].add(article_id)
            uses[key] += 1
            shown[key][display] += 1
    limit = len(articles) * MAX_SHARE if len(articles) >= 5 else len(articles)
    ranked = sorted((k for k, ids in users.items() if MIN_ARTICLES <= len(ids) <= limit),
                    key=lambda k: (-len(users[k]), -uses[k], k))
    chosen: list[str] = []
    for key in ranked:
        if len(topics) >= MAX_TOPICS + len(by_section):
            break
        if any(variant_of(key, other) and users[key] & users[other] for other in chosen):
            continue  # "Mexican drug cartels" after "Mexican cartels": one topic, not two
        chosen.append(key)
        display = min(shown[key].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        slug = slugify(key)
        if slug and slug not in topics:
            topics[slug] = Topic(key=slug, name=display[0].upper() + display[1:],
                                 articles=tuple(sorted(users[key])))
    return tuple(topics.values())
