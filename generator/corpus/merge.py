"""The cross-article merge: one `Entity` per real-world entity, however the articles spell it.

Mentions are merged in two passes. First every spelling gets a *base key*: countries by
ISO code (pycountry plus the common names in `places.COUNTRY_ALIASES`: "US", "America", "PRC"),
regions by `places.REGIONS`, people by their name words without honorifics or initials
("Antony J. Blinken" = "Antony Blinken"), organisations by their normal form with British
spellings made American ("Centres" = "Centers"); near-identical spellings of the same
length are joined by a fuzzy ratio. Then *short forms* ("Pardo", "Mr Xi", "DEA", "US
Centers for Disease Control", "Treasury") are resolved mention by mention to the one full
form they abbreviate, preferring the mention's own article and refusing when two
candidates remain: "Li" in an article about Spencer Li is Spencer Li, and a bare "Li"
where the corpus has two Lis stays apart. Names match whole words only, so "Xi" is never
"Wu Xinbo" and "House" is never "White House".

`corpus/lookup.py` answers the same question for a name found elsewhere (a quote's speaker).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable, Sequence

import numpy
import pycountry
from rapidfuzz import fuzz, process

from generator.model import Entity, EntityType, Mention
from generator.ingest.structure import slugify
from generator.nlp.names import (GIVEN_NAME_TITLES, HONORIFICS, TITLE_WORDS, normal, person_key_words,
                                 person_words)
from generator.nlp.cues import COUNTRY_DEMONYM_ENDINGS, DEMONYM_ENDINGS
from generator.nlp.places import gazetteer, place_index

# Small words skipped when an acronym is read off a name ("DEA" for Drug Enforcement
# Administration, "CDC" for Centers for Disease Control).
FUNCTION_WORDS = frozenset("of for and the on in at to &".split())
# A bare name plus one of these is the same body: "Treasury" and "Treasury Department".
ORG_SUFFIXES = frozenset({"department", "ministry"})
# An organisation name that is the start of a longer one cut at "and" ("Centers for
# Disease Control" of "... and Prevention") must keep at least this many words, so a
# two-word start ("Ministry of") never matches. Calibrated on the seeds' CDC variants.
MIN_PREFIX_WORDS = 3
# Fuzzy matching joins only names of equal word count whose words are equal but one, and
# that one word is long and near-identical: "Zelensky"/"Zelenskyy" (94), while
# "Austria"/"Australia" (single words) and "Jong-un"/"Jong-il" (71) stay apart.
# Calibrated by hand on such pairs; re-run tests/test_entities.py after a change.
FUZZY_WORD_RATIO = 85
FUZZY_NAME_RATIO = 90
FUZZY_MIN_WORD = 6
# Majority-type ties go to the type listed first: one-word PERSON labels are the model's
# commonest error ("Xinhua", "Fentanyl").
TYPE_TIE_ORDER = (EntityType.ORGANISATION, EntityType.PLACE, EntityType.PERSON)
_TIE_VALUES = tuple(t.value for t in TYPE_TIE_ORDER)  # `majority_types` counts by value
_TIE_TYPES = {t.value: t for t in TYPE_TIE_ORDER}


def base_key(surface: str, kind: EntityType, places: dict[str, str]) -> str:
    """Spellings with one base key are the same entity, whatever else is known."""
    form = normal(surface)
    if kind is EntityType.PLACE:
        return places.get(form, f"place:{form}")
    if kind is EntityType.PERSON:
        return "person:" + " ".join(person_key_words(surface) or form.split())
    return f"organisation:{form}"


def _words(key: str) -> tuple[str, ...]:
    return tuple(key.split(":", 1)[1].split())


def _acronym(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w not in FUNCTION_WORDS and w[0].isalpha())


def _without_country(words: tuple[str, ...], places: dict[str, str]) -> tuple[str, ...] | None:
    """"us drug enforcement administration" → "drug enforcement administration"."""
    for n in (3, 2, 1):
        if len(words) > n + 1 and places.get(" ".join(words[:n]), "").startswith("country:"):
            return words[n:]
    return None


def abbreviates(short: str, full: str, places: dict[str, str], remote: bool = False) -> bool:
    """Whether base key `short` is a shorter way of writing base key `full` (same type).
    `remote`: the short form is written in another article than the full name, where a
    first name alone says too little ("Elizabeth" of Elizabeth Warren in an article about
    another Elizabeth), so only a surname counts. A given-name title's key ("queen
    elizabeth") is no short form, and its name is a first name, never a surname."""
    kind, other = short.split(":", 1)[0], full.split(":", 1)[0]
    s, f = _words(short), _words(full)
    if kind != other or not s or len(s) >= len(f) and kind == "person":
        return False
    if kind == "person":
        if s[0] in GIVEN_NAME_TITLES:
            return False
        if len(s) == 1:
            titled = f[0] in GIVEN_NAME_TITLES
            first, last = (f[1], None) if titled else (f[0], f[-1])
            return s[0] == last or not remote and s[0] == first
        return any(f[i:i + len(s)] == s for i in range(len(f) - len(s) + 1))
    if kind != "organisation" or s == f:
        return False
    bare = _without_country(f, places)
    for longer in (f, bare) if bare else (f,):
        if s == longer:
            return True
        if len(s) >= MIN_PREFIX_WORDS and longer[:len(s) + 1] == s + ("and",):
            return True
        if len(longer) == len(s) + 1 and longer[:-1] == s and longer[-1] in ORG_SUFFIXES:
            return True
        if len(s) == 1 and 2 <= len(s[0]) <= 6 and len(longer) > 1:
            cut = longer[:longer.index("and")] if "and" in longer[1:] else longer
            if s[0] in (_acronym(longer), _acronym(cut)):
                return True
    return False


def near_identical(a: str, b: str) -> bool:
    """Two base keys of one type that differ by one long, near-identical word."""
    if a.split(":", 1)[0] != b.split(":", 1)[0]:
        return False
    x, y = _words(a), _words(b)
    if len(x) != len(y) or len(x) < 2:
        return False
    diff = [(p, q) for p, q in zip(x, y) if p != q]
    if len(diff) != 1:
        return False
    p, q = diff[0]
    return (min(len(p), len(q)) >= FUZZY_MIN_WORD and fuzz.ratio(p, q) >= FUZZY_WORD_RATIO
            and fuzz.ratio(" ".join(x), " ".join(y)) >= FUZZY_NAME_RATIO)


def _place_root(word: str, places: dict[str, str], below) -> str | None:
    """The place a word names or derives from: "austria", "austrian" → country:AUT;
    `below` is the gazetteer (cities, states), for "berliner"."""
    if word in places:
        return places[word]
    if word in below:
        return f"place:{word}"
    for end in DEMONYM_ENDINGS + COUNTRY_DEMONYM_ENDINGS:
        stem = word[:-len(end)]
        if word.endswith(end) and len(stem) >= 4:
            if stem in places:
                return places[stem]
            if end in DEMONYM_ENDINGS and stem in below:
                return f"place:{stem}"
    return None


def two_names(a: str, b: str, places: dict[str, str], below, together: set[tuple[str, str]]) -> bool:
    """Near-identical keys that are still two names: their differing words are (or derive
    from) two places ("Austrian Airlines", "Australian Airlines"), or one article writes
    both (`together`: sorted key pairs), which a writer does only for two things."""
    if (min(a, b), max(a, b)) in together:
        return True
    p, q = next((p, q) for p, q in zip(_words(a), _words(b)) if p != q)
    roots = _place_root(p, places, below), _place_root(q, places, below)
    return None not in roots and roots[0] != roots[1]


def majority_types(mentions: Sequence[Mention], forms: dict[str, str]) -> dict[str, EntityType]:
    """Normal form → the type most mentions give it (an entity misread once keeps its type).
    Mentions typed by a cue in their sentence (`Mention.cue`: "the Twitter account", "the
    journal ...") outvote those typed by the model's label alone, in every article: the
    cue is read off the text, the label is a guess. `forms` maps each surface to its
    normal form."""
    # Counted by the type's value, per (surface, value, cue) in C first: 55,000 mentions at
    # 1,000 articles are ~7,000 such triples, and `.value` or hashing a member runs Python
    # code each time (`_value_` is the plain attribute behind `.value`).
    tally = Counter((m.surface, m.type._value_, bool(m.cue)) for m in mentions)
    votes: dict[str, Counter] = defaultdict(Counter)
    cued: dict[str, Counter] = defaultdict(Counter)
    for (surface, value, cue), n in tally.items():
        votes[forms[surface]][value] += n
        if cue:
            cued[forms[surface]][value] += n
    votes.update(cued)
    return {form: _TIE_TYPES[max(_TIE_VALUES, key=lambda v: (count[v], -_TIE_VALUES.index(v)))]
            for form, count in votes.items()}


class _Groups:
    """Union-find over base keys; the smallest key names a group (deterministic)."""

    def __init__(self, keys: Iterable[str]):
        self.parent = {k: k for k in keys}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def pick_group(candidates: set[str], in_article: set[str], remote: set[str] | None = None) -> str | None:
    """The one candidate group, preferring those the same article names in full; one
    named only in other articles must also be among the `remote` candidates (those a
    surname fits; default: all), so "Li" with a Spencer Li and a Li Qiang elsewhere is
    neither."""
    local = candidates & in_article
    if len(local) == 1:
        return next(iter(local))
    if not local and len(candidates) == 1 and (remote is None or candidates <= remote):
        return next(iter(candidates))
    return None


def _acronym_sources(words: tuple[str, ...], places: dict[str, str]) -> tuple[tuple[str, ...], ...]:
    bare = _without_country(words, places)
    sources = []
    for longer in (words, bare) if bare else (words,):
        sources.append(longer)
        if "and" in longer[1:]:
            sources.append(longer[:longer.index("and")])
    return tuple(sources)


class LongerForms:
    """Which keys a short key may abbreviate, without comparing every pair: keys are indexed
    by each of their words and (organisations) by their acronyms, and only keys holding
    all the short key's words, or its acronym, are tested with `abbreviates`."""

    def __init__(self, keys: Iterable[str], places: dict[str, str], surnames: frozenset[str] = frozenset()):
        self.places = places
        self.surnames = surnames  # `written_surnames`: may stand first in a full name elsewhere
        self.by_word: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.by_acronym: dict[str, set[str]] = defaultdict(set)
        for key in keys:
            kind, words = key.split(":", 1)[0], _words(key)
            for word in words:
                self.by_word[(kind, word)].add(key)
            if kind == "organisation" and len(words) > 1:
                for source in _acronym_sources(words, self.places):
                    self.by_acronym[_acronym(source)].add(key)

    def of(self, key: str, remote: bool = False) -> set[str]:
        """The keys `key` may abbreviate (`remote`: written in another article)."""
        kind, words = key.split(":", 1)[0], _words(key)
        if not words:
            return set()
        found = set.intersection(*(self.by_word.get((kind, w), set()) for w in words))
        if kind == "organisation" and len(words) == 1:
            found = found | self.by_acronym.get(words[0], set())
        remote = remote and not (len(words) == 1 and words[0] in self.surnames)
        return {k for k in found if k != key and abbreviates(key, k, self.places, remote)}


def written_surnames(surfaces: Iterable[str]) -> frozenset[str]:
    """Single names written after an honorific or a title that goes with a surname ("Mr
    Xi", "President Xi"): surnames, so another article's "Xi Jinping" may be theirs though
    the name stands first there."""
    found = set()
    for surface in surfaces:
        words, name = normal(surface).split(), person_words(surface)
        if len(name) == 1 and words and words[0] in _SURNAME_TITLES:
            found.add(name[0])
    return frozenset(found)


# What `written_surnames` looks for before a single name (made once: it asks for every surface).
_SURNAME_TITLES = HONORIFICS | TITLE_WORDS - GIVEN_NAME_TITLES


def _near_identical_pairs(keys: Sequence[str]) -> list[tuple[str, str]]:
    """Pairs of keys equal but for one word: bucketed by the key with that word masked, so
    only those pairs are compared, and each bucket's differing words scored at once in C
    (`rapidfuzz.process.cdist`): a surname bucket holds hundreds of first names at 5,000
    articles, and scoring each pair in Python took 25 s there."""
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for key in keys:
        kind, words = key.split(":", 1)[0], _words(key)
        if len(words) >= 2:
            for i in range(len(words)):
                if len(words[i]) >= FUZZY_MIN_WORD:
                    buckets[(kind, i, words[:i], words[i + 1:])].append(key)
    pairs = []
    for (_, i, _, _), bucket in buckets.items():
        if len(bucket) < 2:
            continue
        differing = [_words(key)[i] for key in bucket]
        scores = process.cdist(differing, differing, scorer=fuzz.ratio, score_cutoff=FUZZY_WORD_RATIO,
                               dtype=numpy.uint8)
        for a, b in zip(*numpy.nonzero(numpy.triu(scores, 1))):
            if near_identical(bucket[a], bucket[b]):
                pairs.append((bucket[a], bucket[b]))
    return pairs


def group_mentions(mentions: Sequence[Mention], kinds: dict[str, EntityType],
                   places: dict[str, str]) -> dict[str, list[Mention]]:
    """Group id → its mentions, keyed by the settled type of each surface (`kinds`, from
    `majority_types`), not the type its article gave it."""
    surfaces = {m.surface for m in mentions}  # far fewer than mentions: key each once
    key_of = {surface: base_key(surface, kinds[surface], places) for surface in surfaces}
    mention_keys = [key_of[m.surface] for m in mentions]
    keys = sorted(set(mention_keys))
    groups = _Groups(keys)
    pairs = _near_identical_pairs(keys)
    if pairs:  # the gazetteer costs 0.3 s the first time in a process: only when a pair is to be checked
        below = gazetteer()
        by_article: dict[str, set[str]] = defaultdict(set)
        for m, key in zip(mentions, mention_keys):
            by_article[m.article].add(key)
        paired = {k for pair in pairs for k in pair}
        together = {(a, b) for ks in by_article.values() for a in sorted(ks & paired)
                    for b in sorted(ks & paired) if a < b}
        pairs = [(a, b) for a, b in pairs if not two_names(a, b, places, below, together)]
    for a, b in pairs:
        groups.union(a, b)
    group_of = {key: groups.find(key) for key in keys}  # settled: looked up per mention below
    members: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        members[group_of[key]].add(key)
    # A key is short if it abbreviates a key of another group; a group is full if one of
    # its keys is not short. Short keys of non-full groups are resolved per mention.
    longer = LongerForms(keys, places, written_surnames(surfaces))
    targets = {key: {group_of[k] for k in longer.of(key)} - {group_of[key]} for key in keys}
    remote = {key: {group_of[k] for k in longer.of(key, remote=True)} - {group_of[key]}
              for key in keys if targets[key]}
    full = {g for g, ks in members.items() if any(not targets[k] for k in ks)}
    settled = {key: group_of[key] if group_of[key] in full else None for key in keys}  # None: per mention
    in_article: dict[str, set[str]] = defaultdict(set)
    for m, key in zip(mentions, mention_keys):
        if (g := settled[key]) is not None:
            in_article[m.article].add(g)
    out: dict[str, list[Mention]] = defaultdict(list)
    for m, key in zip(mentions, mention_keys):
        if (g := settled[key]) is None:
            g = pick_group(targets[key] & full, in_article[m.article], remote[key]) or group_of[key]
        out[g].append(m)
    return out


def _is_code(surface: str) -> bool:
    letters = surface.replace(".", "")
    return letters.isupper() and len(letters) <= 4


def canonical_name(mentions: Sequence[Mention], group: str, kind: EntityType) -> str:
    """The fullest form: most name words (people: initials and honorifics not counted, so
    "Antony Blinken" and "Antony J. Blinken" tie and the commoner wins; "Dr Bryce Pardo" loses
    to "Bryce Pardo"); for countries the
    ISO short name if the text uses it ("United States", "Taiwan"), else the most used
    spelled-out name ("Britain"), never a code ("US")."""
    counts = Counter(m.surface for m in mentions)

    def size(surface: str) -> int:
        return len(person_words(surface)) if kind is EntityType.PERSON else len(normal(surface).split())

    if group.startswith("country:"):
        country = pycountry.countries.get(alpha_3=group.split(":", 1)[1])
        usual = {normal(getattr(country, "common_name", None) or country.name)}
        spelled = [s for s in counts if not _is_code(s)] or list(counts)
        return min(spelled, key=lambda s: (normal(s) not in usual, -counts[s], len(s), s))
    def titled(surface: str) -> bool:
        words = normal(surface).split()
        return bool(words) and (words[0] in HONORIFICS or words[0] in TITLE_WORDS)

    return min(counts, key=lambda s: (-size(s), titled(s), -counts[s], -len(s), s.casefold(), s))


def slug(text: str) -> str:
    """An entity key: the project's slug rule, uncut (names are short)."""
    return slugify(text, max_chars=None)


def merge_entities(mentions: Iterable[Mention]) -> tuple[Entity, ...]:
    """Every mention of every article → one Entity per real-world entity, sorted by key.

    The entity's type is the one most of its mentions give it (`majority_types`); each
    mention keeps the type its own article gave it (the NLP stage's record, unchanged).
    The key is the slug of the name, made unique with the type (then a number) when two
    entities share a name."""
    ordered = sorted(mentions, key=lambda m: (m.article, m.part != "body", m.paragraph, m.start,
                                              m.surface, m.type._value_))  # `.value`: Python code per call
    forms = {surface: normal(surface) for surface in {m.surface for m in ordered}}
    types = majority_types(ordered, forms)
    kinds = {surface: types[form] for surface, form in forms.items()}
    places = place_index()
    found = []
    for group, members in group_mentions(ordered, kinds, places).items():
        kind = kinds[members[0].surface]  # one type per group: base keys begin with it
        name = canonical_name(members, group, kind)
        aliases = sorted({m.surface for m in members} - {name}, key=lambda s: (s.casefold(), s))
        descriptions = tuple(dict.fromkeys((m.article, m.description) for m in members if m.description))
        found.append((slug(name), kind, name, group, tuple(aliases), descriptions, tuple(members)))
    found.sort(key=lambda f: (f[0], f[1].value, f[3]))  # each name slugged once: 5,000 names at 1,000 articles
    taken: Counter[str] = Counter(f[0] for f in found)
    used: set[str] = set()
    entities = []
    for slugged, kind, name, _, aliases, descriptions, members in found:
        key = slugged or kind.value
        if taken[key] > 1:
            key = f"{key}-{kind.value}"
        base, n = key, 2
        while key in used:
            key, n = f"{base}-{n}", n + 1
        used.add(key)
        entities.append(Entity(key, name, kind, aliases, descriptions, members))
    return tuple(sorted(entities, key=lambda e: e.key))
