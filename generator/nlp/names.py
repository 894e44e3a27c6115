"""The one name vocabulary: the comparison form of a name (`normal`), the words written
before a name that are not part of it (honorifics and titles), a person's name words, and
the one repair of a person's name the model cut short.

Entities, quotes, the merge and the article page all read names through this module, so
"Mr." and "Secretary" mean the same thing to each of them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Normal forms (casefolded, dots removed) of words written before a name that are not part
# of it. Honorifics are never a role; titles are ("US Secretary of State Antony Blinken",
# "CEO Craig Menear").
HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir dame lord lady rev".split())
TITLE_WORDS = frozenset("""
president presidents vice secretary minister premier prime senator sen rep representative
governor gov general gen judge justice chancellor king queen prince princess chairman
chairwoman chair ambassador mayor speaker commissioner director spokesman spokeswoman
spokesperson professor envoy leader leaders deputy chief president-elect former
lt lieutenant col colonel sgt sergeant capt captain cpl corporal adm admiral cmdr commander
ceo cfo coo executive founder co-founder
pope emperor empress sultan tsar czar
""".split())
# Words written before a name that are not part of it: built once, not per token.
NAME_PREFIXES = HONORIFICS | TITLE_WORDS
# Titles written before a given name, not a surname: "Queen Elizabeth" and "Pope Francis"
# name no Elizabeth Warren or Francis Collins, while "President Biden" is Joe Biden.
GIVEN_NAME_TITLES = frozenset("king queen prince princess pope emperor empress sultan tsar czar".split())

# British spellings in institution names, made American so "Centres" meets "Centers"
# without a fuzzy score.
SPELLING = {
    "centre": "center", "centres": "centers", "organisation": "organization",
    "organisations": "organizations", "defence": "defense", "programme": "program",
    "programmes": "programs", "labour": "labor", "honour": "honor", "theatre": "theater",
}

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$")


@lru_cache(maxsize=1 << 16)
def normal(text: str) -> str:
    """The comparison form: no accents, straight apostrophes, casefolded, no dots, no
    leading "the", no possessive, American spelling. Remembered: the NLP stage asks for
    the same few names again and again (50,000 calls per 100 articles, 6% of its time)."""
    text = text.translate(_APOSTROPHES)
    if not text.isascii():  # ASCII has no accent to take off (most names: 4x faster)
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.casefold().replace(".", " ")
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    return " ".join(SPELLING.get(w, w) for w in words if w)


def person_words(text: str) -> tuple[str, ...]:
    """A person's name words: no honorific or title in front, no initials."""
    words = normal(text).split()
    while words and (words[0] in HONORIFICS or words[0] in TITLE_WORDS):
        words = words[1:]
    return tuple(w for w in words if len(w) > 1)


def person_key_words(text: str) -> tuple[str, ...]:
    """The words that key a person in the merge: `person_words`, but a single name after a
    given-name title keeps its title ("queen elizabeth"), so it is never read as the first
    name or surname of another person."""
    words = normal(text).split()
    title = None
    while words and (words[0] in HONORIFICS or words[0] in TITLE_WORDS):
        title, words = words[0], words[1:]
    name = tuple(w for w in words if len(w) > 1)
    return (title, *name) if title in GIVEN_NAME_TITLES and len(name) == 1 else name


# A person's name takes back at most this many words before the model's span ("Antony").
MAX_LEFT_EXTENSION = 2


def extend_name_left(doc, start: int, end: int) -> int:
    """Where a person's name starts when the model left its first names out ("Antony
    J. Blinken" tagged from "J."): capitalised proper nouns the parser still hangs on the
    name as compounds, outside any other entity. Titles ("President", "Secretary") stop
    the extension: they are roles, not names; so does a word with dependents of its own
    ("Public Security Wang ...": a title phrase)."""
    for _ in range(MAX_LEFT_EXTENSION):
        if start == 0:
            break
        prev = doc[start - 1]
        if (prev.ent_type_ or prev.pos_ != "PROPN" or prev.tag_ != "NNP" or not prev.text[:1].isupper()
                or prev.dep_ not in {"compound", "flat"} or not start <= prev.head.i < end
                or normal(prev.text) in NAME_PREFIXES or prev.n_lefts + prev.n_rights):
            break
        start -= 1
    return start
