"""People, organisations and places named in one article, read from spaCy's entities.

The model is the recogniser; small rules repair what it gets wrong in a known way. The
spans are repaired first (`spans.py`: trimmed, split, joined, added); then:
- the type is corrected by what the article itself shows: a one-word name that is the
  first or last word of a person named in the article is that person ("Pardo" labelled
  ORG, "Blinken" labelled GPE); country and region names are places;
- non-entities are dropped: honorifics alone, furniture words, sentence adverbs, a
  capitalised common noun the article also writes in lower case ("Fentanyl" opening a
  sentence), the "State" of "Secretary of State", the first words of a title compound
  ("UK Home" of "UK Home Secretary", "House" of "House Speaker"), ranks ("Lt Col");
- last, the cues in the sentence (`cues.py`: "the journal ...", "Saturn's moon ...",
  "told Xinhua", "according to a poll by ...",
  "Addison, a village", "Jefferies analyst", demonyms, events) type every mention of the
  name in the article when any mention has one; across articles `corpus/merge.py`'s `majority_types`
  lets cued mentions outvote the rest.
Nationalities and groups (NORP) are never entities, though a NORP span may be a
misread surname or a place the gazetteer knows ("Punjab") and is checked as both. Each mention keeps its sentence, its paragraph
and the role the sentence gives it ("a professor at the University of Macau").
"""

from __future__ import annotations

from collections import Counter, defaultdict

from generator.model import EntityType, Mention
from generator.nlp.columns import lower_case_words, sentence_text
from generator.nlp.cues import DROP, PLACE_PREPOSITIONS, name_cue
from generator.nlp.load import ParsedArticle
from generator.nlp.names import HONORIFICS, NAME_PREFIXES, TITLE_WORDS, normal
from generator.nlp.places import Gazetteer, gazetteer as load_gazetteer, place_index
from generator.nlp.spans import (ORG_HEADS, REPAIRED, Piece, capital_of_sentence, entity_pieces, join_pieces,
                                 token_names)

# Words that are never an entity on their own (normal forms): page furniture, sentence
# adverbs the model sometimes labels, generic nouns.
NON_ENTITIES = frozenset("""
advertisement photo photos video getty images reuters/getty afp/getty file opinion analysis
editorial comment comments reply share subscribe newsletter learn more however meanwhile
instead moreover nevertheless furthermore therefore thus still yet also analysts officials
experts critics admin staff
""".split()) | {"leave a reply", "learn more", "read more"}
# Generational suffixes after a surname ("James P. Kennedy Jr."): not the surname.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

# A name longer than this many words is a misparse, not a name.
MAX_NAME_WORDS = 10
# Roles longer than this (in tokens) are clauses, not descriptions.
MAX_ROLE_TOKENS = 25


def _role_title_object(doc, start: int, end: int) -> bool:
    """"State" in "Secretary of State": one word governed by "of" after a title word."""
    return (end - start == 1 and start >= 2 and doc[start - 1].lower_ == "of"
            and normal(doc[start - 2].text) in TITLE_WORDS)


def _title_modifier(doc, piece: Piece, places: dict[str, str]) -> bool:
    """"UK Home" of "UK Home Secretary", "House" of "House Speaker": the model cut a title
    compound after its first words. A country in front ("US Secretary of State") stays, and
    so does a name the article also writes on its own (`extract_mentions` checks that:
    "the White House" makes "White House Chief of Staff" a mention of it)."""
    if piece.end >= len(doc) or piece.type is EntityType.PLACE:
        return False
    after = doc[piece.end]
    return (after.text[:1].isupper() and normal(after.text) in TITLE_WORDS
            and normal(doc[piece.start:piece.end].text) not in places)


def _lower_words(docs) -> frozenset[str]:
    return frozenset().union(*(lower_case_words(d) for d in docs))


def _description(doc, start: int, end: int) -> str | None:
    """The role the sentence gives the name: an apposition after it ("Spencer Li, a
    professor at ...") or a title in front ("US Secretary of State Antony Blinken")."""
    root = doc[start:end].root
    for child in root.rights:
        if (child.dep_ == "appos" and not child.ent_type_
                and (child.pos_ == "NOUN" or normal(child.text) in TITLE_WORDS)
                and end < len(doc) and doc[end].text == "," and child.left_edge.i == end + 1):
            role = doc[child.left_edge.i:child.right_edge.i + 1]
            if len(role) <= MAX_ROLE_TOKENS:
                return role.text.strip(" ,;:–—-")
    lefts = [c for c in root.lefts if c.i < start and c.dep_ in {"compound", "nmod", "amod"}]
    if lefts:
        role = doc[min(c.left_edge.i for c in lefts):start]
        words = [normal(t.text) for t in role if t.is_alpha]
        if len(role) <= MAX_ROLE_TOKENS and (any(w in TITLE_WORDS for w in words) or any(
                t.pos_ == "NOUN" and t.text.islower() for t in role)):
            if not all(w in HONORIFICS for w in words):
                return role.text.strip(" ,;:")
    if (root.dep_ == "appos" and root.head.pos_ == "NOUN" and (root.head.i == start - 1 or (
            root.head.i == start - 2 and doc[start - 1].text == ","))):
        head = root.head
        role = doc[head.left_edge.i:head.i + 1]
        if len(role) <= MAX_ROLE_TOKENS and not any(t.ent_type_ == "PERSON" for t in role):
            return role.text.strip(" ,;:")
    return None


def _person_words(docs_pieces) -> frozenset[str]:
    """First and last words of every person the model names with two or more words."""
    words = set()
    for doc, pieces in docs_pieces:
        for p in pieces:
            if p.type is EntityType.PERSON and p.label == "PERSON":
                name = [normal(t.text) for t in doc[p.start:p.end] if len(t.text.strip(".")) > 1
                        and normal(t.text) and normal(t.text) not in NAME_SUFFIXES]
                if len(name) >= 2:
                    words.update((name[0], name[-1]))
    return frozenset(words)


def _written_as_place(doc, piece: Piece, form: str, gazetteer) -> bool:
    """A name word of a person used as a place: "Austin, Texas" labelled GPE with a Lloyd
    Austin in the article, "officials in Washington" with a Denzel Washington. A place name
    the model labels as one, or any name after a locative preposition ("in Warren's view"
    keeps its owner)."""
    if form in gazetteer and piece.label in {"GPE", "LOC"}:
        return True
    owned = piece.end < len(doc) and doc[piece.end].tag_ == "POS"
    return piece.start > 0 and doc[piece.start - 1].lower_ in PLACE_PREPOSITIONS and not owned


def _settle_type(doc, piece: Piece, surname_words: frozenset[str], places: dict[str, str],
                 lower: frozenset[str], gazetteer=frozenset()) -> EntityType | None:
    """The piece's type after the repairs in the module docstring, or None to drop it."""
    span = doc[piece.start:piece.end]
    form = normal(span.text)
    words = form.split()
    if not form or not any(c.isupper() for c in span.text) or len(words) > MAX_NAME_WORDS:
        return None
    if form in NON_ENTITIES or all(w in NAME_PREFIXES for w in words):
        return None
    if piece.type is EntityType.PERSON and any(c.isdigit() for c in form):  # "Q3", "G20"
        return None
    if _role_title_object(doc, piece.start, piece.end):
        return None
    bare = [w for w in words if w not in HONORIFICS]
    if (len(bare) == 1 and bare[0] in surname_words and form not in places
            and not _written_as_place(doc, piece, form, gazetteer)):
        return EntityType.PERSON
    if piece.type is None:
        return None
    if form in places:
        return EntityType.PLACE
    if len(span) == 1 and (span.text.lower() in lower or capital_of_sentence(span[0])):
        return None
    if words[0] in HONORIFICS and len(words) > 1:
        return EntityType.PERSON
    return piece.type


def _bare_surnames(docs_pieces) -> Counter:
    """How often each one-word person name stands alone: "Rudolph" a dozen times makes the
    "Mason Rudolph" the model once called an organisation a person."""
    counts: Counter = Counter()
    for doc, pieces in docs_pieces:
        for p in pieces:
            if p.type is EntityType.PERSON and p.end - p.start == 1:
                counts[normal(doc[p.start].text)] += 1
    return counts


# A multi-word name whose last word stands alone as a person this many times in the
# article is that person, whatever the model labelled it ("Mason Rudolph" ORG once,
# "Rudolph" PERSON twelve times). Two: one bare mention may itself be the misreading.
MIN_BARE_SURNAME = 2


def extract_mentions(parsed: ParsedArticle, places: dict[str, str] | None = None,
                     gazetteer: Gazetteer | None = None) -> tuple[Mention, ...]:
    """Every person, organisation and place the article names, in text order. `places` is
    `places.place_index()` and `gazetteer` `places.gazetteer()`, which a caller enriching
    many articles builds once (they cost 7 ms and 0.3 s).

    Each mention is typed by the model's label and the repairs in the module docstring,
    then by the cues around every mention of the same name in the article (`cues.py`):
    when any mention of a name has a cue, the cues decide for all of them."""
    places = place_index() if places is None else places
    gazetteer = load_gazetteer() if gazetteer is None else gazetteer
    docs_pieces = [(doc, entity_pieces(doc, places, gazetteer)) for doc in parsed.docs]
    full_names = frozenset(normal(doc[p.start:p.end].text) for doc, pieces in docs_pieces
                           for p in pieces if p.type is EntityType.ORGANISATION)
    docs_pieces = [(doc, join_pieces(doc, pieces, full_names)) for doc, pieces in docs_pieces]
    surname_words = _person_words(docs_pieces)
    bare = _bare_surnames(docs_pieces)
    lower = _lower_words(parsed.docs)
    titled = {(id(doc), p.start) for doc, pieces in docs_pieces for p in pieces if _title_modifier(doc, p, places)}
    standalone = frozenset(normal(doc[p.start:p.end].text) for doc, pieces in docs_pieces
                           for p in pieces if (id(doc), p.start) not in titled)
    found = []
    cued: dict[str, Counter] = defaultdict(Counter)
    for unit, (doc, pieces) in zip(parsed.units, docs_pieces):
        for piece in pieces:
            kind = _settle_type(doc, piece, surname_words, places, lower, gazetteer)
            span = doc[piece.start:piece.end]
            form = normal(span.text)
            words = form.split()
            if kind is None and piece.type is None and piece.label not in REPAIRED:
                continue
            if (id(doc), piece.start) in titled and form not in standalone:
                continue
            if (kind is not None and kind is not EntityType.PERSON and len(words) >= 2
                    and bare[words[-1]] >= MIN_BARE_SURNAME and span[0].text[:1].isupper()
                    and not set(words) & ORG_HEADS and form not in places):
                kind = EntityType.PERSON
            cue = None
            if form not in places and not (kind is EntityType.PERSON and len(words) == 1 and form in surname_words):
                cue = name_cue(doc, piece.start, piece.end, piece.label, gazetteer, places)
            if cue is not None:
                cued[form][cue[0]] += 1
            if kind is None and cue is None:
                continue
            found.append((unit, doc, piece, kind, cue))
    decided = {form: max(sorted(votes, key=str), key=lambda k: votes[k]) for form, votes in cued.items()}
    mentions = []
    for unit, doc, piece, kind, cue in found:
        span = doc[piece.start:piece.end]
        form = normal(span.text)
        kind = decided.get(form, kind)
        if kind is None or kind == DROP:
            continue
        description = (_description(doc, piece.start, piece.end)
                       if kind is not EntityType.PLACE else None)
        for a, b, part_kind in token_names(span, kind, places, gazetteer):
            mentions.append(Mention(
                surface=unit.text[a:b], type=part_kind, article=unit.article, paragraph=unit.paragraph,
                sentence=sentence_text(doc, unit.text, piece.start), description=description, part=unit.field,
                start=a, end=b, cue=cue[1] if cue else None))
    return tuple(mentions)
