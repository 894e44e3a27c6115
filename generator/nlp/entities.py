"""People, organisations and places named in one article, read from spaCy's entities.

The model is the recogniser; small rules repair what it gets wrong in a known way:
- spans are trimmed of "the", a possessive, and (for people) a title in front ("Presidents
  Xi Jinping"); a person span missing its first name ("J. Blinken" of "Antony J.
  Blinken") takes back the capitalised name words before it;
- a span holding two names joined by a possessive or a comma ("the Treasury Department's
  Office of Foreign Assets Control", "the Golden Triangle of Southeast Asia") is split, and
  so is one cut by a verb ("Garrett hit Rudolph"), a slash ("Comcast/Xfinity"), a position
  code ("Browns DL Sheldon Richardson") or "and" before a plural place noun ("Orange and
  Riverside counties"); a list-shaped name stays whole ("Council on Energy, Environment
  and Water"); trailing lower-case words and numbers go ("The Associated Press that");
- names the model cut are joined: at a possessive before a head word ("Westminster
  Magistrate's Court"), at "and"/"of"/"for" when the article writes the whole name too,
  and a title's possessive is taken back ("The California Governor's Office of ...");
- names the model missed are added: an organisation after its class noun ("the group
  Doctors for Camp Closure") and a place the gazetteer knows ("the CBP McAllen facility");
- the type is corrected by what the article itself shows: a one-word name that is the
  first or last word of a person named in the article is that person ("Pardo" labelled
  ORG, "Blinken" labelled GPE); country and region names are places; news agencies and
  pollsters are organisations;
- non-entities are dropped: honorifics alone, furniture words, sentence adverbs, a
  capitalised common noun the article also writes in lower case ("Fentanyl" opening a
  sentence), the "State" of "Secretary of State", the first words of a title compound
  ("UK Home" of "UK Home Secretary", "House" of "House Speaker"), ranks ("Lt Col");
- last, the cues in the sentence (`cues.py`: "the journal ...", "Saturn's moon ...",
  "Addison, a village", "Jefferies analyst", demonyms, events) type every mention of the
  name in the article when any mention has one; across articles `corpus/merge.py`'s `majority_types`
  lets cued mentions outvote the rest.
Nationalities and groups (NORP) are never entities, though a NORP span may be a
misread surname or a place the gazetteer knows ("Punjab") and is checked as both. Each mention keeps its sentence, its paragraph
and the role the sentence gives it ("a professor at the University of Macau").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from generator.nlp.cues import DROP, name_cue, named_after_noun, ticker_after, unlabelled_places
from generator.model import EntityType, Mention
from generator.nlp.load import ParsedArticle
from generator.nlp.names import HONORIFICS, TITLE_WORDS, extend_name_left, normal
from generator.nlp.places import Gazetteer, gazetteer as load_gazetteer, place_index

LABELS = {"PERSON": EntityType.PERSON, "ORG": EntityType.ORGANISATION,
          "GPE": EntityType.PLACE, "LOC": EntityType.PLACE}
# Labels read only to be repaired: a NORP or FAC span can be a misread surname, and a
# FAC span can join two places ("the Golden Triangle of Southeast Asia"); any of them
# is kept when a cue types it ("Punjab" NORP, "the journal Nature Astronomy" WORK_OF_ART).
REPAIRED = frozenset({"NORP", "FAC", "WORK_OF_ART"})
# Words that are never an entity on their own (normal forms): page furniture, sentence
# adverbs the model sometimes labels, generic nouns.
NON_ENTITIES = frozenset("""
advertisement photo photos video getty images reuters/getty afp/getty file opinion analysis
editorial comment comments reply share subscribe newsletter learn more however meanwhile
instead moreover nevertheless furthermore therefore thus still yet also analysts officials
experts critics admin staff
""".split()) | {"leave a reply", "learn more", "read more"}
# Outlets, news agencies and pollsters: the small model often calls them people or places
# ("Xinhua" PERSON, "Bloomberg" GPE). Whole-name match only ("Michael Bloomberg" is a person).
MEDIA = frozenset(normal(n) for n in """
Xinhua|Reuters|Associated Press|AP|AFP|Agence France-Presse|Bloomberg|Bloomberg News|CNN|BBC
|CCTV|CGTN|Global Times|People's Daily|New York Times|Washington Post|Wall Street Journal
|Financial Times|South China Morning Post|SCMP|Kyodo|Kyodo News|Yonhap|Al Jazeera|NPR
|Fox News|Politico|Axios|Nikkei|Nikkei Asia|TASS|RIA Novosti|Interfax|Caixin|The Economist
|Morning Consult|Gallup|Ipsos|YouGov|Pew Research Center|Pew|Quinnipiac
""".replace("\n", "").split("|"))
# Heads that make a possessor an organisation when a span is split at its possessive
# ("the Treasury Department's Office of ..."); "People's Daily" is not split.
ORG_HEADS = frozenset("""
department ministry office agency council committee commission bureau administration
service university institute party government court parliament congress senate house
association foundation bank company corporation group police army navy force forces guard
""".split())
# Generational suffixes after a surname ("James P. Kennedy Jr."): not the surname.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Plural place nouns after names joined by "and": "Orange and Riverside counties" is two.
PLURAL_PLACE_NOUNS = frozenset({"counties", "states", "provinces", "cities", "districts", "regions"})
HINTS = {"place": EntityType.PLACE, "organisation": EntityType.ORGANISATION}
# A name longer than this many words is a misparse, not a name.
MAX_NAME_WORDS = 10
# Roles longer than this (in tokens) are clauses, not descriptions.
MAX_ROLE_TOKENS = 25


@dataclass(frozen=True, slots=True)
class Piece:
    """A token range of one Doc with the type it will have."""

    start: int
    end: int
    type: EntityType | None  # None: decided later (a repaired NORP/FAC span)
    label: str


def _is_possessive(token) -> bool:
    return token.tag_ == "POS" or token.text in {"'s", "’s", "'", "’"}


def _trailing_junk(token) -> bool:
    """A last token that is no part of a name: punctuation, a possessive, a lower-case word
    the model ran on into ("The Associated Press that"), a score or year ("Name 6-4")."""
    return (_is_possessive(token) or token.is_punct and token.text != "."
            or token.is_alpha and token.text.islower() and _spaced(token)
            or any(c.isdigit() for c in token.text)
            and not any(c.isalpha() for c in token.text))


def _spaced(token) -> bool:
    """Whether white space comes before the token ("Hau-yip": "yip" is part of the name)."""
    return token.i == 0 or bool(token.doc[token.i - 1].whitespace_)


def _trim(doc, start: int, end: int, person: bool) -> tuple[int, int]:
    """Drop a leading "the", trailing possessive, punctuation, lower-case words and numbers,
    and for people leading honorifics and titles."""
    while start < end and (doc[start].lower_ == "the" or not doc[start].text.strip("“”\"'‘’(")):
        start += 1
    while start < end and _trailing_junk(doc[end - 1]):
        end -= 1
    if person:
        while start < end - 1 and normal(doc[start].text) in HONORIFICS | TITLE_WORDS:
            start += 1
    return start, end


def _extend_owner(doc, start: int, taken: set[int]) -> int:
    """Take back a title's possessive the model left out of a body's name ("The California
    Governor's" before "Office of Emergency Services"): a capitalised title word and "'s"
    right before the span, and the proper nouns before that title."""
    if start < 2 or not _is_possessive(doc[start - 1]) or not doc[start - 2].text[:1].isupper() \
            or normal(doc[start - 2].text) not in TITLE_WORDS or start - 2 in taken:
        return start
    first = start - 2
    while first > 0 and doc[first - 1].tag_ == "NNP" and first - 1 not in taken:
        first -= 1
    return first


def _sentence_case(doc, start: int, end: int) -> int:
    """Skip a first word whose capital only marks the start of a sentence or headline
    ("Better US-China cooperation"): sentence-initial and not tagged a proper noun. Not for
    people: the tagger often misses a name opening a sentence ("Zha Daojiong is ...")."""
    if end - start > 1 and _capital_of_sentence(doc[start]):
        return start + 1
    return start


def _capital_of_sentence(token) -> bool:
    return token.is_sent_start and token.tag_ not in {"NNP", "NNPS"} and token.ent_type_ != "PERSON"


def _split(doc, start: int, end: int, places: dict[str, str],
           gazetteer: Gazetteer | frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """Spans holding two names → the names, each with a hint: "place", "organisation" or ""
    (keep the model's type)."""
    for i in range(start + 1, end - 1):
        if _is_possessive(doc[i]):
            owner = doc[start:i]
            if normal(owner.text) in places:
                return [(start, i, "place"), (i + 1, end, "")]
            if normal(doc[i - 1].text) in ORG_HEADS and i - start >= 2:
                return [(start, i, "organisation"), (i + 1, end, "")]
    ands = [i for i in range(start + 1, end - 1) if doc[i].lower_ == "and"]
    if ands and end < len(doc) and doc[end].lower_ in PLURAL_PLACE_NOUNS:
        return [(start, ands[0], "place"), (ands[0] + 1, end, "place")]
    slashes = [i for i in range(start + 1, end - 1) if doc[i].text == "/"]
    if slashes:  # "Comcast/Xfinity": two names of one body, or two bodies
        bounds = [start - 1, *slashes, end]
        return [(a + 1, b, "") for a, b in zip(bounds, bounds[1:]) if b > a + 1]
    verbs = [i for i in range(start + 1, end - 1) if doc[i].is_alpha and doc[i].text.islower()
             and doc[i].pos_ in {"VERB", "AUX"}]
    if verbs:  # "Garrett hit Rudolph": two names and the verb between them
        bounds = [start - 1, *verbs, end]
        return [(a + 1, b, "") for a, b in zip(bounds, bounds[1:]) if b > a + 1]
    capitals = [i for i in range(start + 1, end - 1) if _position_code(doc[i])]
    if capitals and doc[start].ent_type_ == "PERSON":  # "Browns DL Sheldon Richardson"
        i = capitals[0]
        owner_form = normal(doc[start:i].text)
        owner = "place" if owner_form in gazetteer or owner_form in places else "organisation"
        return [(start, i, owner), (i + 1, end, "")]
    commas = [i for i in range(start, end) if doc[i].text == ","]
    if commas and not _listed_name(doc, start, end, commas):
        bounds = [start, *commas, end]
        parts = [(a if a == start else a + 1, b) for a, b in zip(bounds, bounds[1:])]
        if all(b - a >= 2 and doc[a].text[:1].isupper() for a, b in parts):
            return [(a, b, "") for a, b in parts]
        return []
    return [(start, end, "")]


def _position_code(token) -> bool:
    """A short all-capital word inside a person's span that is no initial: a sports
    position or rank written before the name ("DL", "QB")."""
    return token.is_alpha and token.text.isupper() and 2 <= len(token.text) <= 3


def _listed_name(doc, start: int, end: int, commas: list[int]) -> bool:
    """"Council on Energy, Environment and Water": one name whose object is a list, told by
    a lower-case preposition before the first comma and an "and" after the last."""
    head = doc[start:commas[0]]
    tail = doc[commas[-1] + 1:end]
    middle = [doc[a + 1:b] for a, b in zip(commas, commas[1:])]
    prepositions = {"of", "on", "for"}
    return (any(t.lower_ in prepositions for t in head) and any(t.lower_ == "and" for t in tail)
            and not any(t.lower_ in prepositions for t in tail) and all(len(m) == 1 for m in middle))


def _split_place(doc, start: int, end: int, places: dict[str, str]) -> list[tuple[int, int, str]]:
    """"the Golden Triangle of Southeast Asia" → two places, when the part after "of" is a
    known country or region; otherwise the FAC span is not a place we index."""
    for i in range(start + 2, end - 1):
        if doc[i].lower_ == "of" and normal(doc[i + 1:end].text) in places:
            return [(start, i, "place"), (i + 1, end, "place")]
    return []


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
    return frozenset(t.text for d in docs for t in d if t.is_alpha and t.text.islower())


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


def _pieces(doc, places: dict[str, str], gazetteer: Gazetteer | frozenset[str] = frozenset()) -> list[Piece]:
    """The doc's entity spans, trimmed, extended and split, before type repair."""
    taken = {t.i for e in doc.ents for t in e}
    pieces = [Piece(a, b, EntityType.ORGANISATION, "ORG") for a, b in named_after_noun(doc)]
    pieces += [Piece(a, b, EntityType.PLACE, "GPE") for a, b in unlabelled_places(doc, gazetteer)]
    for ent in doc.ents:
        if ent.label_ not in LABELS and ent.label_ not in REPAIRED:
            continue
        person = ent.label_ == "PERSON"
        start, end = _trim(doc, ent.start, ent.end, person)
        if start >= end:
            continue
        if ent.label_ == "ORG":
            start = _extend_owner(doc, start, taken)
        if person and len(doc[start].text) == 2 and doc[start].text.endswith("."):
            start = extend_name_left(doc, start, end)
        start = _sentence_case(doc, start, end)
        if ent.label_ == "FAC":
            parts = _split_place(doc, start, end, places) or [(start, end, "")]
        else:
            parts = _split(doc, start, end, places, gazetteer)
        for a, b, hint in parts:
            a, b = _trim(doc, a, b, person and not hint)
            if b < len(doc) and _is_possessive(doc[b]) and ticker_after(doc, b + 1):
                b += 1  # "Lowe’s (LOW)": the possessive is part of the company's name
            if a < b:
                pieces.append(Piece(a, b, HINTS.get(hint, LABELS.get(ent.label_)), ent.label_))
    return sorted(pieces, key=lambda p: (p.start, p.end))


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


def _settle_type(doc, piece: Piece, surname_words: frozenset[str], places: dict[str, str],
                 lower: frozenset[str]) -> EntityType | None:
    """The piece's type after the repairs in the module docstring, or None to drop it."""
    span = doc[piece.start:piece.end]
    form = normal(span.text)
    words = form.split()
    if not form or not any(c.isupper() for c in span.text) or len(words) > MAX_NAME_WORDS:
        return None
    if form in NON_ENTITIES or all(w in HONORIFICS | TITLE_WORDS for w in words):
        return None
    if piece.type is EntityType.PERSON and any(c.isdigit() for c in form):  # "Q3", "G20"
        return None
    if _role_title_object(doc, piece.start, piece.end):
        return None
    bare = [w for w in words if w not in HONORIFICS]
    if len(bare) == 1 and bare[0] in surname_words and form not in places:
        return EntityType.PERSON
    if piece.type is None:
        return None
    if form in MEDIA:
        return EntityType.ORGANISATION
    if form in places:
        return EntityType.PLACE
    if len(span) == 1 and (span.text.lower() in lower or _capital_of_sentence(span[0])):
        return None
    if words[0] in HONORIFICS and len(words) > 1:
        return EntityType.PERSON
    return piece.type


def _joined(doc, pieces: list[Piece], full_names: frozenset[str]) -> list[Piece]:
    """Join what the model cut into two organisations: at a possessive before a bare head
    word ("Westminster Magistrate's" + "Court"), or at "and", "of" or "for" when the article
    also writes the joined name as one ("Customs" + "Border Protection")."""
    out: list[Piece] = []
    for piece in pieces:
        prev = out[-1] if out else None
        if prev is not None and prev.type is piece.type is EntityType.ORGANISATION:
            gap = doc[prev.end:piece.start]
            joined = normal(doc[prev.start:piece.end].text)
            if len(gap) == 1 and (gap[0].lower_ in {"and", "of", "for"} and joined in full_names
                                  or _is_possessive(gap[0]) and piece.end - piece.start == 1
                                  and normal(doc[piece.start].text) in ORG_HEADS):
                out[-1] = Piece(prev.start, piece.end, prev.type, prev.label)
                continue
        out.append(piece)
    return out


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
    docs_pieces = [(doc, _pieces(doc, places, gazetteer)) for doc in parsed.docs]
    full_names = frozenset(normal(doc[p.start:p.end].text) for doc, pieces in docs_pieces
                           for p in pieces if p.type is EntityType.ORGANISATION)
    docs_pieces = [(doc, _joined(doc, pieces, full_names)) for doc, pieces in docs_pieces]
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
            kind = _settle_type(doc, piece, surname_words, places, lower)
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
        for a, b, part_kind in _token_names(span, kind, places, gazetteer):
            mentions.append(Mention(
                surface=doc.text[a:b], type=part_kind, article=unit.article, paragraph=unit.paragraph,
                sentence=span.sent.text.strip(), description=description, part=unit.field,
                start=a, end=b, cue=cue[1] if cue else None))
    return tuple(mentions)


def _token_names(span, kind: EntityType, places: dict[str, str], gazetteer: Gazetteer):
    """One token holding two places joined by a hyphen ("U.S.-Canada trade", which the
    tokenizer keeps whole), when both are known places; else the span itself. Character
    ranges and types."""
    whole = [(span.start_char, span.end_char, kind)]
    parts = span.text.split("-")
    if len(span) != 1 or len(parts) < 2 or not all(
            len(p) >= 2 and p[:1].isupper() and (normal(p) in places or normal(p) in gazetteer) for p in parts):
        return whole
    out, offset = [], span.start_char
    for p in parts:
        out.append((offset, offset + len(p), EntityType.PLACE))
        offset += len(p) + 1
    return out
