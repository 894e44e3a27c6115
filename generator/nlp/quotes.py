"""Direct quotations and who said them, read from the parsed body paragraphs.

Each paragraph's quotations and the sources their own cues give come from
`attribution.py`; here, as in bbc/citron (citron/citron.py), the source is *carried over*
to quotes that have no cue of their own (the rest of a paragraph while nobody else is
named, the next paragraph when a quotation was left open or it is all quotation right
after the speaker's own paragraph), and pronouns, roles ("the secretary"), groups ("the
doctors") and descriptions are resolved to the one person or body the article names.
When the source cannot be named safely the quote keeps `speaker=None` (with a
description if the text gives one): a misattributed quote is worse than an unattributed
one.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from generator.model import Quote
from generator.nlp.attribution import (PRONOUNS, SPEAKER_ENTITIES, SUBJECT_DEPS, Found, Source, extend_left,
                                       find_in_paragraph, name_text, reported_speaker)
from generator.nlp.cues import named_after_noun
from generator.nlp.load import ParsedArticle
from generator.nlp.names import HONORIFICS, normal
from generator.nlp.quotations import FINITE_TAGS, OPENING, STRAIGHT, quote_spans

SENTENCE_END = frozenset(".!?…")
PERSONAL_PRONOUNS = frozenset({"he", "she"})
# "it added" after "the Swedish Prosecution Authority said": a body, never a person.
BODY_PRONOUNS = frozenset({"it"})
# How many paragraphs back a pronoun's antecedent may be named (this one and the last).
PRONOUN_REACH = 1


def _strip_honorific(words: list[str]) -> list[str]:
    while words and normal(words[0]) in HONORIFICS:
        words = words[1:]
    return words


def article_names(parsed: ParsedArticle) -> tuple[str, ...]:
    """Every person-like name the article writes, in order, for surname look-up."""
    names: list[str] = []
    for doc in parsed.docs:
        for ent in doc.ents:
            if ent.label_ in {"PERSON", "ORG"}:
                name = name_text(extend_left(ent))
                if name:
                    names.append(name)
    return tuple(names)


@lru_cache(maxsize=4)
def _word_sets(names: tuple[str, ...]) -> tuple[tuple[str, frozenset[str], int], ...]:
    """Each name with its set of words and their number: `full_name` is asked for every
    name the article writes and compared each with all the others, splitting them anew."""
    return tuple((n, frozenset(n.split()), len(n.split())) for n in names)


def full_name(surface: str, names: tuple[str, ...]) -> str:
    """The fullest way the article writes the same person: "Pardo" → "Bryce Pardo",
    "Mr. Wu" → "Wu Xinbo". Two different fuller names ("Li Qiang", "Spencer Li") make it
    ambiguous, and the surface stays as written."""
    words = _strip_honorific(surface.split())
    if not words:
        return surface
    wanted = set(words)
    fuller = {n for n, n_words, count in _word_sets(names) if count > len(words) and wanted <= n_words}
    if not fuller:
        return " ".join(words)
    longest = max(sorted(fuller), key=lambda n: len(n.split()))
    if all(set(n.split()) <= set(longest.split()) for n in fuller):
        return longest
    return " ".join(words)


def _is_subject(ent) -> bool:
    """Whether a name is the subject of its clause, directly or as the apposition of one
    ("Her rival, Tom Brown, disagreed"): the one a following "he" most likely means."""
    root = ent.root
    if root.dep_ == "appos":
        root = root.head
    return root.dep_ in SUBJECT_DEPS


def _mentions(parsed: ParsedArticle, names, start: tuple[int, int], end: tuple[int, int],
              labels: frozenset[str] = frozenset({"PERSON"})):
    """(full name, entity) of each name of these labels written outside quotations between
    two (unit index, char offset) positions."""
    for index, (unit, doc) in enumerate(zip(parsed.units, parsed.docs)):
        if not start[0] <= index <= end[0]:
            continue
        spans = quote_spans(unit.text)
        for ent in doc.ents:
            inside = any(s.start <= ent.start_char < s.end for s in spans)
            if ent.label_ in labels and not inside and start <= (index, ent.start_char) < end:
                yield full_name(name_text(extend_left(ent)), names), ent


def _persons_between(parsed: ParsedArticle, names, start: tuple[int, int], end: tuple[int, int],
                     subjects_only: bool = False) -> tuple[str, ...]:
    """Full names of the people named (outside quotations) between two (unit index, char
    offset) positions; with `subjects_only`, only those named as a clause's subject."""
    return tuple(name for name, ent in _mentions(parsed, names, start, end)
                 if _is_subject(ent) or not subjects_only)


def _named_between(parsed: ParsedArticle, names, index: int, start: int, end: int,
                   source: Source, cues: tuple[int, ...]) -> bool:
    """Whether a person or organisation other than `source` is named between two offsets
    of paragraph `index`, outside the sentences of the cues in `cues` (where "said John
    Smith, an aide to Ann Cole" gives the speaker, not a new one). After "Mary Jones shook
    her head" a quotation with no cue may be hers: it is not carried over, nor joined."""
    doc = parsed.docs[index]
    cue_sentences = [(s.start_char, s.end_char) for s in doc.sents
                     if any(s.start_char <= c < s.end_char for c in cues)]
    own = full_name(source.name, names) if source.name else None
    return any(name != own and not any(a <= ent.start_char < b for a, b in cue_sentences)
               for name, ent in _mentions(parsed, names, (index, start), (index, end), SPEAKER_ENTITIES))


def find_quotes(parsed: ParsedArticle) -> tuple[Quote, ...]:
    """Direct quotations of the body, one per paragraph and speaker, in reading order."""
    names = article_names(parsed)
    out: list[Quote] = []
    previous: Quote | None = None  # the last attributed quote, for carry-over
    previous_index = -2
    # how the previous paragraph hands its speaker on: its last quotation left open (the
    # standard signal that the next paragraph goes on quoting), or its speaker named last
    continues = ends = False
    last_named: tuple[str, int, int] | None = None  # (speaker, unit index, char) of last named source
    for index, (unit, doc) in enumerate(zip(parsed.units, parsed.docs)):
        if unit.field != "body":
            continue
        found = find_in_paragraph(doc, unit.text)
        if not found:
            reporter = reported_speaker(doc)
            if reporter is not None:  # "Erekat said it was ...", then a paragraph of his words
                previous = Quote("", reporter[0], None, parsed.article.id, unit.paragraph)
                previous_index = index
                continues, ends = False, True
                last_named = (reporter[0], index, reporter[1])
            continue
        resolved: list[tuple[Found, Source | None]] = []
        for item in found:
            source = item.source
            if source is not None and source.name is None and source.described_as is not None \
                    and source.described_as.casefold() in PERSONAL_PRONOUNS:
                source = _resolve_pronoun(parsed, names, last_named, index, item.cue_start)
            elif source is not None and source.name is None and source.described_as is not None \
                    and source.described_as.casefold() in BODY_PRONOUNS:
                source = _resolve_body_pronoun(parsed, names, last_named, index)
            elif source is not None and source.name is None and source.described_as is not None \
                    and source.described_as.casefold() in PRONOUNS:
                source = Source(None, None)
            elif source is not None and source.name is None and source.described_as:
                source = (_resolve_role(parsed, names, index, doc, item)
                          or _resolve_group(parsed, index, source) or _resolve_described(parsed, names, source)
                          or source)
            resolved.append((item, source))
            if source is not None and source.name is not None and item.cue_start >= 0:
                last_named = (source.name, index, item.cue_start)
            elif source is not None and source.described_as and item.cue_start >= 0:
                last_named = None  # "a spokesperson said ... it/he added": still unnamed
        paragraph_quotes = _carry_within(parsed, names, index, resolved)
        # carry-over from the previous paragraph: a paragraph opening with a quotation mark
        # continues a quotation left open; after a closed one, only a paragraph that is all
        # quotation goes on quoting the speaker who ended the previous paragraph
        opens_with_quote = unit.text.lstrip()[:1] in OPENING | {STRAIGHT}
        if (opens_with_quote and previous is not None and previous_index == index - 1
                and (continues or ends and _all_quotation(unit.text))
                and paragraph_quotes and paragraph_quotes[0][1] is None and paragraph_quotes[0][0].full):
            carried = Source(previous.speaker, previous.described_as)
            paragraph_quotes = [
                (item, carried if source is None and item.full
                 and not _named_between(parsed, names, index, 0, item.span.start, carried, ()) else source)
                for item, source in paragraph_quotes]
        merged = _merge(paragraph_quotes, lambda a, b, source: _named_between(
            parsed, names, index, a.span.end, b.span.start, source, (a.cue_start, b.cue_start)))
        for text, source in merged:
            quote = Quote(text=text, speaker=source.name, described_as=source.described_as,
                          article=parsed.article.id, paragraph=unit.paragraph)
            out.append(quote)
        if merged:
            last = merged[-1][1]
            previous = Quote("", last.name, last.described_as, parsed.article.id, unit.paragraph)
            previous_index = index
            tail, tail_source = [(i, s) for i, s in paragraph_quotes if s is not None][-1]
            continues = paragraph_quotes[-1][1] is not None and not paragraph_quotes[-1][0].span.closed
            ends = not _named_between(parsed, names, index, tail.span.end, len(unit.text), tail_source,
                                      (tail.cue_start,))
    return tuple(_with_full_names(q, names) for q in out)


def _carry_within(parsed, names, index: int, resolved: list[tuple[Found, Source | None]]
                  ) -> list[tuple[Found, Source | None]]:
    """Carry-over inside a paragraph: a cue-less full quote takes the nearest attribution,
    before it if any, else after it, when nobody else is named between the two."""
    attributed = [(i, s) for i, (item, s) in enumerate(resolved) if s is not None]
    out: list[tuple[Found, Source | None]] = []
    for i, (item, source) in enumerate(resolved):
        if source is None and item.full and attributed:
            before = [(j, s) for j, s in attributed if j < i]
            j, candidate = before[-1] if before else attributed[0]
            other = resolved[j][0]
            start, end = (other.span.end, item.span.start) if j < i else (item.span.end, other.span.start)
            if not _named_between(parsed, names, index, start, end, candidate, (other.cue_start,)):
                source = candidate
        out.append((item, source))
    return out


def _all_quotation(text: str) -> bool:
    """Whether a paragraph holds nothing but quotation (marks and punctuation aside)."""
    spans = quote_spans(text)
    return not any(ch.isalnum() and not any(s.start <= i < s.end for s in spans) for i, ch in enumerate(text))


def _merge(items: list[tuple[Found, Source | None]], named_between) -> list[tuple[str, Source]]:
    """One quote per run of quotations with the same source in a paragraph, unless
    someone else is named between two of them (`named_between(a, b, source)`); quotations
    with no source at all are dropped (scare quotes, titles, unattributed fragments)."""
    merged: list[tuple[str, Source]] = []
    last: Found | None = None
    for item, source in items:
        if source is None:
            continue
        if merged and merged[-1][1] == source and not named_between(last, item, source):
            # the attribution between the two parts is left out, and marked as left out
            # unless the first part ended its sentence
            joint = " " if merged[-1][0][-1:] in SENTENCE_END else " … "
            merged[-1] = (merged[-1][0] + joint + item.text, source)
        else:
            merged.append((item.text, source))
        last = item
    return merged


def _resolve_pronoun(parsed, names, last_named, index: int, cue_start: int) -> Source:
    """'"...," he added' belongs to the person named just before: the last speaker if
    nobody else was named since, or else the one person named (outside quotations) in this
    paragraph up to the cue and the paragraph before it, if named as a subject ("chats
    with Epstein" does not make Epstein the "he" who speaks next). Anything else leaves
    the speaker unknown rather than guessed. The last speaker must be a person the article
    names (as "it" must not be one)."""
    if cue_start < 0:
        return Source(None, None)
    first = index - 1 if index > 0 and parsed.units[index - 1].field == "body" else index
    mentions = _persons_between(parsed, names, (first, 0), (index, cue_start))
    distinct = tuple(dict.fromkeys(mentions))
    if last_named is not None:
        name, named_index, named_char = last_named
        recent = (first, 0) <= (named_index, named_char)
        speaker = full_name(name, names)
        # "he" is a person: "The Foreign Ministry said ... he said" is somebody else
        if recent and speaker in _person_names(parsed, names) and (not mentions or mentions[-1] == speaker):
            return Source(name, None)
    subjects = tuple(dict.fromkeys(_persons_between(parsed, names, (first, 0), (index, cue_start), True)))
    if len(distinct) == 1 and subjects == distinct:
        return Source(distinct[0], None)
    return Source(None, None)


def _resolve_role(parsed, names, index: int, doc, item: Found) -> Source | None:
    """'the secretary suggested "..."': a definite role noun names the one person in the
    same sentence whose title in the article contains that noun ("Secretary of State
    Antony J. Blinken"). Anything less certain keeps the description."""
    role = (item.source.described_as or "").split()
    if len(role) != 2 or role[0].casefold() != "the" or item.cue_start < 0:
        return None
    noun = role[1].casefold()
    sentence = next((s for s in doc.sents if s.start_char <= item.cue_start < s.end_char), None)
    if sentence is None:
        return None
    people = _person_names(parsed, names)
    # any entity label: the model sometimes tags a surname as a place ("Blinken’s visit")
    persons = {full_name(name_text(extend_left(e)), names) for e in sentence.ents} & people
    if len(persons) != 1:
        return None
    (person,) = persons
    for other in parsed.docs:
        for ent in other.ents:
            if ent.label_ != "PERSON" or full_name(name_text(extend_left(ent)), names) != person:
                continue
            window = other[max(0, ent.start - 6):ent.start]
            if any(t.text.casefold() == noun for t in window):
                return Source(person, item.source.described_as)
    return None


def _resolve_body_pronoun(parsed, names, last_named, index: int) -> Source:
    """"it added": the last named source, when it was named in this paragraph or the one
    before and is no person the article names (a person is never "it")."""
    if last_named is None or index - last_named[1] > PRONOUN_REACH:
        return Source(None, None)
    name = last_named[0]
    if full_name(name, names) in _person_names(parsed, names):
        return Source(None, None)
    return Source(name, None)


def _resolve_group(parsed, index: int, source: Source) -> Source | None:
    """"the doctors stated" in an article about "Doctors for Camp Closure": a definite plural
    noun names the one organisation of the article whose name holds that noun, if the text
    ties the two: the organisation is named in this paragraph or the one before, or given
    as who the group is ("The doctors, members of a new group Doctors for Camp Closure,").
    "The players" far from any mention of a "Players Association" may be any players. Two
    such organisations, or none tied, keep the description."""
    role = (source.described_as or "").split()
    if len(role) != 2 or role[0].casefold() != "the" or not role[1].endswith("s"):
        return None
    noun = role[1].casefold()
    mentions = [(i, doc, e.start, e.text) for i, doc in enumerate(parsed.docs) for e in doc.ents if e.label_ == "ORG"]
    mentions += [(i, doc, a, doc[a:b].text) for i, doc in enumerate(parsed.docs) for a, b in named_after_noun(doc)]
    mentions = [m for m in mentions if noun in {t.casefold() for t in m[3].split()}]
    owners = {text for _, _, _, text in mentions}
    if len(owners) != 1:
        return None
    first = index - 1 if index > 0 and parsed.units[index - 1].field == "body" else index
    if not any(first <= i <= index or _given_as_group(doc, noun, start) for i, doc, start, _ in mentions):
        return None
    return Source(name_text(next(iter(owners)).split()), source.described_as)


def _given_as_group(doc, noun: str, start: int) -> bool:
    """Whether the name at token `start` is in the apposition of the plural `noun` before
    it ("The nurses, members of Nurses for Safe Wards, wrote"): a comma right after the
    noun, and no finite verb between it and the name, in one sentence."""
    for token in doc[doc[start].sent.start:start]:
        if token.lower_ == noun and token.i + 1 < start and doc[token.i + 1].text == ",":
            if not any(t.tag_ in FINITE_TAGS for t in doc[token.i + 1:start]):
                return True
    return False


# A description must have at least this many words to name a person by being written
# before the name elsewhere ("China's ambassador to Britain"); "the official" is too vague.
MIN_DESCRIPTION_WORDS = 3


def _resolve_described(parsed, names, source: Source) -> Source | None:
    """A source introduced by role and named elsewhere with the same words right before
    the name ("China’s ambassador to Britain accused ...", later "China’s ambassador to
    Britain Liu Xiaming has said"): that one person. Two people so titled keep it unknown."""
    described = (source.described_as or "").strip()
    if len(described.split()) < MIN_DESCRIPTION_WORDS or described.split()[0].casefold() in {"a", "an"}:
        return None
    wanted = described.casefold()
    people = {full_name(name_text(extend_left(ent)), names)
              for unit, doc in zip(parsed.units, parsed.docs) for ent in doc.ents if ent.label_ == "PERSON"
              and unit.text[:ent.start_char].rstrip(" ,").casefold().endswith(wanted)}
    if len(people) != 1:
        return None
    return Source(next(iter(people)), described)


def _person_names(parsed, names) -> frozenset[str]:
    return frozenset(full_name(name_text(extend_left(e)), names)
                     for doc in parsed.docs for e in doc.ents if e.label_ == "PERSON")


def _with_full_names(quote: Quote, names: tuple[str, ...]) -> Quote:
    if quote.speaker is None:
        return quote
    return replace(quote, speaker_name=full_name(quote.speaker, names))
