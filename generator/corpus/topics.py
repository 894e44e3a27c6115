"""Topics from the articles themselves: their section labels and the key phrases that recur.

A phrase (nlp/phrases.py) becomes a topic when at least `MIN_ARTICLES` articles use it; a
section label is a topic on its own. Variants, word orders and near-synonyms merge into one
topic named by its most used form.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping

import ahocorasick

from generator.ingest import shapes as F
from generator.ingest.structure import slugify
from generator.model import Article, Topic
from generator.nlp.phrases import singular

MIN_ARTICLES = 2
# Topics beyond the section labels, most widely shared first. Calibrated so that the
# home page and the topics index stay skimmable; raise for very large briefings.
MAX_TOPICS = 24
# A phrase used by more than this share of articles says nothing a reader can navigate
# by (every article of a fentanyl briefing mentions fentanyl); applies from 5 articles.
MAX_SHARE = 0.8
# A head noun framing at least this many different modifiers in a briefing is "light"
# (`light_heads`). On the five seeds: problem 7, crisis 6, cooperation 6, relations 4,
# issue 3, chemical 4 (precursor, fentanyl-related, ...), overdose 2. With 3, "Fentanyl
# crisis/problem/issue" became one topic; re-check topics/index.md after a change.
LIGHT_HEAD_MODIFIERS = 3


# A word of letters in any script ("Économie", "Экономика"): ASCII-only cut accented words
# ("conomie") and dropped non-Latin ones.
_LETTERS = re.compile(r"[^\W\d_]+")


def section_slug(label: str) -> str:
    """The topic slug of a section label: labels that slugify alike ("World", "WORLD"; "U.S.",
    "US") are one topic; a label with no Latin letters gets a stable slug of its own (two
    such labels shared the fallback "section" and the second lost its articles)."""
    return slugify(label) or "section-" + hashlib.sha256(label.encode()).hexdigest()[:8]


def variant_of(key: str, other: str) -> bool:
    """Same head noun, and one phrase's words contain the other's."""
    a, b = key.split(), other.split()
    return a[-1] == b[-1] and (set(a) <= set(b) or set(b) <= set(a))


def light_heads(keys: Iterable[str]) -> frozenset[str]:
    """Head nouns that frame many different modifiers in this briefing ("problem",
    "crisis", "cooperation"): with such a head the modifier names the topic, so "fentanyl
    crisis" and "fentanyl problem" are one. Measured on the briefing itself, no word list."""
    modifiers: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        if not (words := key.split()):
            continue
        modifiers[words[-1]].add(" ".join(sorted(words[:-1])))
    return frozenset(h for h, m in modifiers.items() if len(m) >= LIGHT_HEAD_MODIFIERS)


def near_synonym(key: str, other: str, light: frozenset[str]) -> bool:
    """The same modifiers (in any order) before two light heads: "US-China relations" and
    "China-US cooperation"."""
    a, b = key.split(), other.split()
    return a[-1] != b[-1] and a[-1] in light and b[-1] in light and sorted(a[:-1]) == sorted(b[:-1])


def section_key(label: str) -> str:
    """A section label in the key form of `phrase_of` (for merging with phrase topics)."""
    words = [w for w in re.findall(_LETTERS, label)]
    return " ".join(sorted(w.lower() for w in words[:-1]) + [singular(words[-1])]) if words else ""


# Words between the first preposition, relative pronoun or comma of a role description
# and its end do not name the role: "a professor of criminology at ..." is a professor.
_ROLE_END = re.compile(r",|\b(?:of|at|in|on|for|from|with|who|which|that|and)\b", re.I)


def role_head(description: str) -> str | None:
    """The noun a role description names ("a Georgetown University professor who ..." →
    "professor")."""
    words = re.findall(_LETTERS, _ROLE_END.split(description, maxsplit=1)[0])
    return singular(words[-1]) if words else None


def folded_words(text: str) -> list[str]:
    return [singular(w) for w in re.findall(_LETTERS, text)]


def article_text(article: Article) -> str:
    return "\n".join((article.title, *article.standfirst, *(p.text for p in article.body)))


def section_topic(article: Article) -> str | None:
    section = article.section
    if not section or F.OPINION_MARKERS.match(section):
        return None
    return section


@dataclass(slots=True)
class _Group:
    """A topic being assembled: its member keys, the articles that use them, display counts."""

    slug: str  # of the section label or the most used key: stable as articles come and go
    keys: list[str]
    users: set[str]  # articles whose phrases (or section) are the topic's
    shown: Counter
    sections: set[str]


def select_topics(articles: Iterable[Article],
                  phrases: dict[str, tuple[tuple[str, str], ...]],
                  roles: dict[str, tuple[str, ...]] | None = None,
                  texts: Mapping[str, str] | None = None) -> tuple[Topic, ...]:
    """Section labels and the phrases shared by enough articles, as one set of topics.

    Variants (one phrase's words inside the other's, same head: "Mexican drug cartels" and
    "Mexican cartels"), word orders and plurals (the key is a lemma set) and near-synonyms
    (`near_synonym`) merge into one topic named by its most used form. A phrase whose head
    is the role the articles give people ("University professor", from role descriptions in
    `roles`, article id → descriptions) is no topic. Each topic then lists every article
    whose text contains one of its forms, not only those where the parser made it a chunk
    (`texts`: each article's `folded_text`, else made here)."""
    articles = tuple(articles)
    roles = roles or {}
    users: dict[str, set[str]] = defaultdict(set)
    uses: Counter[str] = Counter()
    shown: dict[str, Counter[str]] = defaultdict(Counter)
    for article_id in sorted(phrases):
        for key, display in phrases[article_id]:
            users[key].add(article_id)
            uses[key] += 1
            shown[key][display] += 1
    sections: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        if (section := section_topic(article)) is not None:
            sections[section].append(article.id)
    light = light_heads(list(users) + [section_key(s) for s in sections])
    role_heads: dict[str, set[str]] = defaultdict(set)  # head → articles using it as a role
    for article_id, descriptions in roles.items():
        for description in descriptions:
            if (head := role_head(description)) is not None:
                role_heads[head].add(article_id)

    groups: list[_Group] = []
    # Group indices by the head and by the modifiers of their keys: only keys sharing one can
    # be variants or near-synonyms, and comparing each key with every group's keys grew with
    # the number of distinct phrases (~100,000 at 1,000 articles) times the topics.
    by_head: dict[str, set[int]] = defaultdict(set)
    by_modifiers: dict[tuple[str, ...], set[int]] = defaultdict(set)

    def add(index: int, key: str) -> None:
        words = key.split()
        groups[index].keys.append(key)
        by_head[words[-1]].add(index)
        by_modifiers[tuple(sorted(words[:-1]))].add(index)

    def merging(key: str) -> int | None:
        words = key.split()
        near = by_modifiers.get(tuple(sorted(words[:-1])), set()) if words[-1] in light else set()
        for index in sorted(by_head.get(words[-1], set()) | near):
            if any(variant_of(key, k) or near_synonym(key, k, light) for k in groups[index].keys):
                return index
        return None

    section_group: dict[str, int] = {}  # section slug → its group: labels alike are one topic
    for name in sorted(sections, key=lambda s: (s.casefold(), s)):
        slug = section_slug(name)
        if slug not in section_group:
            section_group[slug] = len(groups)
            groups.append(_Group(slug, [], set(), Counter(), set()))
        index = section_group[slug]
        groups[index].users |= set(sections[name])
        groups[index].shown[name] += len(sections[name])
        groups[index].sections.add(name)
        if (key := section_key(name)) and key not in groups[index].keys:
            add(index, key)
    limit = len(articles) * MAX_SHARE if len(articles) >= 5 else len(articles)
    ranked = sorted((k for k, ids in users.items() if MIN_ARTICLES <= len(ids) <= limit),
                    key=lambda k: (-len(users[k]), -uses[k], k))
    phrase_groups = 0  # groups of phrases alone (not sections), counted as they are made
    for key in ranked:
        head = key.split()[-1]
        if len(role_heads.get(head, set()) & users[key]) * 2 >= len(users[key]):
            continue  # "University professor": a role the articles give people
        index = merging(key)
        if index is None:
            if phrase_groups >= MAX_TOPICS:
                continue
            phrase_groups += 1
            groups.append(_Group(slugify(key), [], set(), Counter(), set()))
            index = len(groups) - 1
        add(index, key)
        groups[index].users |= users[key]
        groups[index].shown.update(shown[key])
    # Rarer variants of a chosen phrase count too ("Mexican drug cartels" in one article).
    for key in users:
        for index in sorted(by_head.get(key.split()[-1], ())):
            if key not in groups[index].keys and any(variant_of(key, k) for k in groups[index].keys):
                groups[index].users |= users[key]
    found_in = articles_containing(articles, groups, texts)  # after the rarer variants: all forms
    topics: dict[str, Topic] = {}
    for group, contained in zip(groups, found_in):
        display = min(group.shown.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        name = display[0].upper() + display[1:]
        # The share limit applies to the merged phrase (a section is the outlet's own label);
        # the articles that merely contain a form are listed, not counted against it.
        if not group.slug or group.slug in topics or (len(group.users) > limit and not group.sections):
            continue
        named_by = next((k for k in group.keys if display in shown.get(k, ())), None)
        slug = slugify(named_by) if named_by and display not in group.sections else group.slug
        if slug in topics:
            continue
        topics[slug] = Topic(key=slug, name=name, articles=tuple(sorted(group.users | contained)),
                             from_section=bool(group.sections) and display in group.sections)
    return tuple(topics.values())


def folded_text(article: Article, folded: dict[str, str]) -> str:
    """The article's words folded like the keys, one space apart (a word is letters only):
    per article, so a rebuild may keep it (pipeline.py). `folded`: word → `singular(word)`,
    shared by a batch (the ~1,000,000 words of 1,000 articles are ~20,000 distinct)."""
    return " ".join([folded.get(w) or folded.setdefault(w, singular(w))
                     for w in re.findall(_LETTERS, article_text(article))])


def fold_articles(articles: Iterable[Article], known: Mapping[str, str] | None = None) -> dict[str, str]:
    """Article id → `folded_text`, taken from `known` (made before from the same article by
    this code) where it is there."""
    known = known or {}
    folded: dict[str, str] = {}
    return {a.id: known[a.id] if a.id in known else folded_text(a, folded) for a in articles}


def articles_containing(articles: tuple[Article, ...], groups: list["_Group"],
                        texts: Mapping[str, str] | None = None) -> list[set[str]]:
    """For each group, the articles whose text holds one of its shown forms as a run of
    words (folded like the keys: "precursor chemical" finds "precursor chemicals").
    `folded_text` is its words one space apart, so a run is the form with a space on each
    side, in the text with a space on each side; one Aho-Corasick automaton of all the forms
    (pyahocorasick) finds every one, overlapping ones too, in one pass over each text, in C:
    walking the ~1,000,000 words of 1,000 articles in Python and looking up the word runs
    that start with a form's first word took 0.12-0.2 s of the index stage, 0.04 s now.
    `texts`: article id → `folded_text`, else made here."""
    forms: dict[str, list[int]] = defaultdict(list)  # " form " → the groups showing it
    for i, group in enumerate(groups):
        for display in group.shown:
            words = folded_words(display)
            if len(words) >= 2 and i not in forms[(form := f" {' '.join(words)} ")]:
                forms[form].append(i)
    found: list[set[str]] = [set() for _ in groups]
    if not forms:
        return found
    automaton = ahocorasick.Automaton()
    for form, indices in forms.items():
        automaton.add_word(form, indices)
    automaton.make_automaton()
    text_of = texts if texts is not None else fold_articles(articles)
    for article in articles:
        for _, indices in automaton.iter(f" {text_of[article.id]} "):
            for i in indices:
                found[i].add(article.id)
    return found
