"""Span repair: the names in one parsed sentence, from the model's entity spans cut where
it gets them wrong in a known way (typing them is `entities.py`'s job).

- spans are trimmed of "the", a possessive, and (for people) a title in front ("Presidents
  Xi Jinping"); a person span missing its first name ("J. Blinken" of "Antony J.
  Blinken") takes back the capitalised name words before it (`names.extend_name_left`);
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
  Doctors for Camp Closure") and a place the gazetteer knows ("the CBP McAllen facility").
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import EntityType
from generator.nlp.cues import named_after_noun, ticker_after, unlabelled_places
from generator.nlp.names import NAME_PREFIXES, TITLE_WORDS, extend_name_left, normal
from generator.nlp.places import Gazetteer

LABELS = {"PERSON": EntityType.PERSON, "ORG": EntityType.ORGANISATION,
          "GPE": EntityType.PLACE, "LOC": EntityType.PLACE}
# Labels read only to be repaired: a NORP or FAC span can be a misread surname, and a
# FAC span can join two places ("the Golden Triangle of Southeast Asia"); any of them
# is kept when a cue types it ("Punjab" NORP, "the journal Nature Astronomy" WORK_OF_ART).
REPAIRED = frozenset({"NORP", "FAC", "WORK_OF_ART"})

# Heads that make a possessor an organisation when a span is split at its possessive
# ("the Treasury Department's Office of ..."); "People's Daily" is not split.
ORG_HEADS = frozenset("""
department ministry office agency council committee commission bureau administration
service university institute party government court parliament congress senate house
association foundation bank company corporation group police army navy force forces guard
""".split())

# Plural place nouns after names joined by "and": "Orange and Riverside counties" is two.
PLURAL_PLACE_NOUNS = frozenset({"counties", "states", "provinces", "cities", "districts", "regions"})
HINTS = {"place": EntityType.PLACE, "organisation": EntityType.ORGANISATION}


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
        while start < end - 1 and normal(doc[start].text) in NAME_PREFIXES:
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
    if end - start > 1 and capital_of_sentence(doc[start]):
        return start + 1
    return start


def capital_of_sentence(token) -> bool:
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


def entity_pieces(doc, places: dict[str, str], gazetteer: Gazetteer | frozenset[str] = frozenset()) -> list[Piece]:
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


def join_pieces(doc, pieces: list[Piece], full_names: frozenset[str]) -> list[Piece]:
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


def token_names(span, kind: EntityType, places: dict[str, str], gazetteer: Gazetteer):
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
