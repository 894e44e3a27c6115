"""What the words around a name say about its type, whatever the model labelled it.

The small model's label is one guess per mention; the sentence often says more, and says it
the same way in any outlet: a common noun in apposition or compound with the name ("the
journal Nature Astronomy", "the fact-checking website Full Fact", "Saturn's moon Titan",
"Addison, a village ...", "Orange and Riverside counties", "Jefferies analyst ..."), a
stock ticker after it ("Lowe's (LOW)"), a compass adjective ("the northern Sierra Nevada"),
a "the" in front of what the model calls a person ("the Steelers"),
a place name with a demonym ending ("Delhiites"), the head word of an event, law or study
("... Summit", "... Act", "... Survey"). A cue gives a type, or `DROP` for a name that is
no person, organisation or place. `entities.py` lets the cues of all of an article's
mentions of a name outvote the labels, and `corpus/merge.py`'s `majority_types` does the same across
articles. The noun classes are ordinary English vocabulary, not names.
"""

from __future__ import annotations

from generator.nlp.columns import WordTest, unlabelled_proper
from generator.nlp.names import normal
from generator.model import EntityType

DROP = "drop"

ORG_NOUNS = frozenset("""
company companies firm firms group groups website site platform app network maker makers
manufacturer retailer retailers chain bank banks journal newspaper paper magazine outlet
agency agencies team teams club clubs league party university college school charity
organization organisation union broker brokerage airline carrier insurer utility utilities
startup giant conglomerate publisher broadcaster channel account accounts shares stock
stocks management think-tank tank coalition
""".split())
# A lower-case organisation noun (`lower_` in ORG_NOUNS and written lower-case is the text
# itself in ORG_NOUNS: every entry is lower-case).
_ORG_NOUN = WordTest(ORG_NOUNS.__contains__)
# Nouns for people who work for a body: "Jefferies analyst ..." makes Jefferies an
# employer (an organisation) unless it is a place ("Delhi officials").
STAFF_NOUNS = frozenset("""
analyst analysts economist economists executive executives official officials researcher
researchers employee employees staff lawyer lawyers engineer engineers strategist
strategists spokesman spokeswoman spokesperson
""".split())
PLACE_NOUNS = frozenset("""
city cities town towns village villages county counties state states province provinces
region regions district districts area areas suburb suburbs neighborhood neighbourhood
capital foothills valley mountains river island islands
""".split())
# Celestial bodies, craft and missions, events, facilities, products and programmes.
DROP_NOUNS = frozenset("""
planet planets moon moons star spacecraft probe mission missions rover telescope satellite
festival holiday celebration jail prison stadium airport building strategy program programme
law act bill survey summit conference tournament storm hurricane
""".split())
# The head of a multi-word name that is an event, law, study, theory or programme.
DROP_HEADS = frozenset("""
act law bill survey summit curve theory festival olympics conference championship
tournament treaty accord agreement strategy program programme initiative index
""".split())
# The solar system's bodies, named by the model as places ("On Earth", "Jupiter's Ganymede").
# Each is also a company, a brand, a god or a person ("Mars said its chocolate sales
# rose"), so the name is a body only with a celestial cue (`_celestial`).
CELESTIAL = frozenset(normal(n) for n in """
Mercury|Venus|Earth|Mars|Jupiter|Saturn|Uranus|Neptune|Pluto|Solar System|Milky Way
""".replace("\n", "").split("|"))
# Words that make a celestial name in their sentence a body (ordinary English, no names).
SPACE_WORDS = frozenset("""
planet planets planetary moon moons star stars orbit orbits orbiting orbital probe probes
spacecraft rover rovers telescope telescopes asteroid asteroids comet comets galaxy
galaxies astronaut astronauts astronomer astronomers lunar solar space
""".split())
COMPASS = frozenset("""
northern southern eastern western central north south east west northeastern
northwestern southeastern southwestern
""".split())
# Endings that make a demonym of a place name: "Delhiites", "Parisians", "Londoners" (any
# place in the gazetteer); the short ones only after a country or region, or "Brian"
# would be a demonym of Bria and "Walker" one of some Walk: "Indians", "Iraqi", "Kenyans".
DEMONYM_ENDINGS = ("ites", "ite", "ians", "ian", "ers", "ese")
COUNTRY_DEMONYM_ENDINGS = ("ans", "an", "ns", "n", "is", "i")
PLACE_PREPOSITIONS = frozenset({"in", "near", "across", "outside", "throughout"})
# Tokens a coordination of names may hold before the noun they modify ("and Tulare").
MAX_COORDINATED = 4
# A ticker after a company name: "Lowe's (LOW)", "Home Depot (ticker: HD)".
MAX_TICKER = 5


def _noun_class(token, staff: EntityType | None) -> EntityType | str | None:
    """The type a common noun next to a name gives it; `staff` is what a staff noun gives
    (a person before the name, "analyst Jane Doe"; an employer after it, "Jefferies analyst")."""
    word = token.text.casefold()
    if not token.text.islower() or token.pos_ not in {"NOUN", "PROPN"}:
        return None
    if word in DROP_NOUNS:
        return DROP
    if word in PLACE_NOUNS:
        return EntityType.PLACE
    if word in ORG_NOUNS:
        return EntityType.ORGANISATION
    return staff if word in STAFF_NOUNS else None


def ticker_after(doc, i: int) -> bool:
    """A stock ticker in brackets at token i: "(LOW)", "(ticker: HD)"."""
    if i + 2 >= len(doc) or doc[i].text != "(":
        return False
    code = doc[i + 1]
    return (code.text.isupper() and code.is_alpha and len(code) <= MAX_TICKER
            and doc[i + 2].text == ")" or code.lower_ == "ticker")


def _is_owner(token) -> bool:
    return token.tag_ in {"POS", "PRP$"} or token.text in {"'s", "’s"}


def _dateline(doc, i: int) -> bool:
    """"GRAND RAPIDS, Mich. (AP) —": a bracketed agency code at the start of a text,
    followed by a dash, is a dateline's, not a ticker."""
    return i < 8 and i + 3 < len(doc) and doc[i + 3].text in {"—", "–", "-", "--"}


def _celestial(doc, end: int) -> bool:
    """A celestial cue for the name ending at `end`: an owner of a space noun ("Saturn's
    moon") or a space word in its sentence ("on Mars, the red planet")."""
    if end + 1 < len(doc) and _is_owner(doc[end]) and doc[end + 1].lower_ in SPACE_WORDS:
        return True
    return any(t.lower_ in SPACE_WORDS for t in doc[end - 1].sent)


# Verbs a body speaks with ("Mars said its ..."), as written: the model has no lemmatizer.
SAY_VERBS = frozenset("said says announced announces reported reports stated states posted".split())
# A study a pollster or outlet puts out: "a poll by ..." (the model has no lemmatizer).
POLL_NOUNS = frozenset("poll polls survey surveys".split())


def _news_source(root, may_be: bool) -> bool:
    """The name a news item comes from: "Wirefeed reported", "told Wirefeed", "according
    to Wirefeed", "a poll by Wirefeed" (and names joined by "and" to one the model does not
    call a person). A person is introduced in full first, and the caller keeps a one-word
    name that is a person's name word of the article; so `may_be` is false for a name of
    two words or more the model calls a person ("told Jane Doe")."""
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
        may_be = may_be or root.ent_type_ not in {"", "PERSON"}
    head = root.head
    if not may_be:
        return False
    if root.dep_ == "nsubj":
        return head.lower_ in {"reported", "reports", "reporting"} and head.pos_ == "VERB"
    if root.dep_ in {"dobj", "dative"}:
        return head.lower_ in {"told", "tells", "telling"}
    if root.dep_ == "pobj":
        return (head.lower_ == "to" and head.i > 0 and head.doc[head.i - 1].lower_ == "according"
                or head.lower_ == "by" and head.head.lower_ in POLL_NOUNS)
    return False


def _speaks_of_its_own(root) -> bool:
    """"Mars said its sales rose": the subject of a verb of saying whose clause says "its"
    is a body, not a person (who says "his", "her") nor, outside the gazetteer, a place."""
    verb = root.head
    if root.dep_ != "nsubj" or verb.lower_ not in SAY_VERBS:  # "Titan ... at its poles" is no speaker
        return False
    return any(t.lower_ == "its" and t.i > root.i for t in verb.subtree)


def is_demonym(form: str, places, countries=frozenset()) -> bool:
    """"delhiites" = "delhi" + "ites", "iraqi" = "iraq" + "i"; `places` and `countries`
    answer `in` for normal forms of place names (any, and countries or regions)."""
    if " " in form or form in places or form in countries:
        return False
    return any(form.endswith(end) and len(form) - len(end) >= 4 and form[:-len(end)] in names
               for endings, names in ((DEMONYM_ENDINGS, places), (DEMONYM_ENDINGS, countries),
                                      (COUNTRY_DEMONYM_ENDINGS, countries))
               for end in endings)


def name_cue(doc, start: int, end: int, label: str, gazetteer, places) -> tuple[EntityType | str, str] | None:
    """(type or DROP, the cue's name) from the words around `doc[start:end]`, or None.
    `places` are countries and regions, `gazetteer` cities and subdivisions (normal forms)."""
    span = doc[start:end]
    form = normal(span.text)
    words = form.split()
    if not words:
        return None
    root = span.root
    is_place = form in gazetteer or form in places
    if label == "NORP":  # "Palestinian state": the noun says nothing about the adjective
        if is_demonym(form, gazetteer, places):
            return DROP, "demonym"
        # "Punjab" is a place, "Western" (as in Western governments) is not, though a
        # province is called Western
        return (EntityType.PLACE, "gazetteer") if is_place and form not in COMPASS else None
    if form in CELESTIAL and _celestial(doc, end):
        return DROP, "celestial"
    if len(words) >= 2 and (words[-1] in DROP_HEADS or root.text.casefold() in DROP_HEADS):
        return DROP, "event-head"
    if is_demonym(form, gazetteer, places):
        return DROP, "demonym"
    if ticker_after(doc, end) and not span.text.isupper() and not _dateline(doc, end):
        return EntityType.ORGANISATION, "ticker"  # not a dateline: "SAN FRANCISCO (AP)"
    if start > 0:
        before = doc[start - 1]
        if before.head.i == root.i or root.head.i == before.i:
            kind = _noun_class(before, staff=EntityType.PERSON)
            if kind is not None:
                return kind, f"noun:{before.lower_}"
        if before.lower_ in COMPASS:
            return EntityType.PLACE, "compass"
    first = root  # "Kern and Tulare counties": the noun after a coordination of names
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    noun = first.head
    if (first.dep_ in {"compound", "nmod", "amod"} and end <= noun.i <= end + MAX_COORDINATED
            and (noun.i == end or first is not root or any(c.dep_ == "conj" for c in root.children))):
        staff = EntityType.ORGANISATION if label != "PERSON" and not is_place and noun.i == end else None
        kind = _noun_class(noun, staff)
        # a name before a craft, event or facility noun is its name only after an owner
        # ("NASA's Dragonfly mission", "its Cassini spacecraft"); "NASA spacecraft" is NASA's
        owned = start > 0 and _is_owner(doc[start - 1])
        if kind is not None and (kind != DROP or owned):
            return kind, f"noun:{noun.lower_}"
    for child in root.rights:
        if child.dep_ == "appos" and child.left_edge.i == end + 1 < len(doc) and doc[end].text == ",":
            kind = _noun_class(child, staff=EntityType.PERSON)
            if kind is not None:
                return kind, f"appos:{child.lower_}"
            # "Addison, a village southwest of Ithaca" is parsed with "village" a compound of
            # "southwest"; only a place noun counts there ("a law professor" is no law)
            for noun in (c for c in child.lefts if c.dep_ == "compound"):
                if _noun_class(noun, staff=None) is EntityType.PLACE:
                    return EntityType.PLACE, f"appos:{noun.lower_}"
    # a place is not told anything: a PERSON label there that the gazetteer knows is an
    # outlet named like a district ("told Xinhua"); otherwise a place reports, as a state does
    source = _news_source(root, len(words) == 1 or label != "PERSON")
    if source and (not is_place or label == "PERSON" and root.dep_ in {"dobj", "dative"}):
        return EntityType.ORGANISATION, "source"
    # (not a PERSON label: "Jones said its shares fell" is the company's spokesman)
    if label != "PERSON" and _speaks_of_its_own(root) and not is_place:
        return EntityType.ORGANISATION, "its"
    if label == "PERSON":
        # (not the NNPS tag: the tagger gives it to surnames ending in s, "Lopes")
        if start > 0 and doc[start - 1].lower_ == "the" and root.dep_ not in {"compound", "poss", "amod", "nmod"}:
            return (EntityType.PLACE if is_place else EntityType.ORGANISATION), "not-a-person"
        # a one-word "person" that is a city, as the object of a locative preposition ("in
        # Woking"), or a capital after "to"/"from" ("envoy to Kyiv"); "the Obama
        # administration" and "a letter to Obama" stay with the person (Obama is a city too)
        if len(words) == 1 and is_place and root.dep_ == "pobj" and (
                root.head.lower_ in PLACE_PREPOSITIONS
                or root.head.lower_ in {"to", "from"} and form in getattr(gazetteer, "capitals", ())):
            return EntityType.PLACE, "gazetteer"
    if label == "FAC" and is_place:
        return EntityType.PLACE, "gazetteer"
    return None


# Lower-case words allowed inside a name found after its class noun ("Doctors for Camp
# Closure"); a name longer than MAX_NAMED_WORDS words is a misreading.
NAME_LINKS = frozenset({"of", "for", "and", "on", "the"})
MAX_NAMED_WORDS = 6


def named_after_noun(doc) -> tuple[tuple[int, int], ...]:
    """Organisation names the model missed but the text introduces with their class noun:
    "a recently formed group Doctors for Camp Closure", "the think tank Foo Institute".
    Capitalised words (with "of", "for", "and" between them) right after a lower-case
    organisation noun, outside any entity the model found."""
    found = []
    for i in _ORG_NOUN.indices(doc):
        if i + 1 >= len(doc):
            continue
        start = end = i + 1
        while end < len(doc) and end - start < MAX_NAMED_WORDS and not doc[end].ent_type_ and (
                doc[end].text[:1].isupper() and doc[end].is_alpha
                or doc[end].lower_ in NAME_LINKS and end > start):
            end += 1
        while end > start and not doc[end - 1].text[:1].isupper():
            end -= 1
        if end - start >= 2 and not doc[start].is_sent_start:
            found.append((start, end))
    return tuple(found)


# The most words of a proper-noun run the gazetteer is asked about ("San Ysidro").
MAX_PLACE_WORDS = 3
# Words a place the model missed may follow: a preposition or "the" ("in Plano", "the
# McAllen facility"), never "a" ("a Store page") or a title ("Secretary of State Antony").
PLACE_LEFT = frozenset({"in", "at", "near", "from", "to", "of", "outside", "across", "the", "and"})


def unlabelled_places(doc, gazetteer) -> tuple[tuple[int, int], ...]:
    """Places the model left unlabelled: an AP state abbreviation after a comma or a
    party letter ("Springfield, Ill.", "D-Minn."), or a whole run of proper nouns outside
    every entity that the gazetteer knows ("the CBP McAllen facility"), after a preposition,
    "the", a comma or another entity, before a lower-case word or punctuation: not
    opening a sentence, not half of a hyphenated or longer name ("T-Mobile", "Orange
    Blossom")."""
    found = []
    proper = unlabelled_proper(doc)
    i = 0
    while i < len(doc):
        if not proper[i] or not doc[i].text[:1].isupper():
            i += 1
            continue
        token = doc[i]
        end = i
        while end < len(doc) and proper[end]:
            end += 1
        text = doc[i:end].text
        hyphen = doc[i - 1].text == "-" if i > 0 else False
        if end - i == 1 and text in getattr(gazetteer, "state_abbreviations", ()) and i > 0 and (
                doc[i - 1].text == "," or hyphen and i > 1 and len(doc[i - 2].text) == 1):
            found.append((i, end))
        elif (end - i <= MAX_PLACE_WORDS and normal(text) in gazetteer and normal(text) not in COMPASS
              and not token.is_sent_start and not text.isupper() and i > 0
              and (doc[i - 1].lower_ in PLACE_LEFT or doc[i - 1].ent_type_ or doc[i - 1].text == ",")
              and (end == len(doc) or doc[end].is_punct and doc[end].text != "-" or doc[end].text.islower())):
            found.append((i, end))
        i = end
    return tuple(found)
