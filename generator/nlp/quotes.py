"""Direct quotations and who said them, read from the parsed body paragraphs.

The split follows bbc/citron (citron/citron.py): find the quoted *content* by its marks,
find the *cue* (a speech verb outside any quotation) that governs it in the dependency
parse, take the cue's grammatical subject as the *source*, and *carry over* the source to
quotes that have no cue of their own (the rest of a paragraph, or a paragraph that opens
with a quotation mark right after an attributed one). Grammar, not the seeds' phrasing, is
the signal: we are measured on articles we do not have. When the source cannot be named
safely the quote keeps `speaker=None` (with a description if the text gives one): a
misattributed quote is worse than an unattributed one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.nlp.cues import named_after_noun
from generator.model import Quote
from generator.nlp.load import ParsedArticle
from generator.nlp.names import HONORIFICS, TITLE_WORDS, extend_name_left, normal

# Opening and closing double quotation marks. Single quotes are left alone: inside a
# quotation they nest ("China said 'No, ...'"), and outside they are apostrophes.
OPENING = frozenset("“„«")
CLOSING = frozenset("”»")
STRAIGHT = '"'
# Two single marks typed for a closing double one ("“It was an attempt to mislead voters,’’").
DOUBLED_SINGLES = ("’’", "''")

# Word forms of verbs that report speech (the model runs without a lemmatizer, so forms
# are listed). A cue must be outside every quotation: "China said 'No'" inside a quote is
# the quoted speaker's words, not the article's attribution.
SPEECH_VERBS = frozenset("""
say says said saying tell tells told telling add adds added adding note notes noted noting
explain explains explained explaining argue argues argued arguing suggest suggests suggested
warn warns warned warning insist insists insisted claim claims claimed state states stated
declare declares declared write writes wrote writing ask asks asked reply replies replied
respond responds responded continue continues continued urge urges urged acknowledge
acknowledges acknowledged admit admits admitted announce announces announced assert asserts
asserted comment comments commented conclude concludes concluded contend contends contended
observe observes observed predict predicts predicted recall recalls recalled remark remarks
remarked stress stresses stressed emphasise emphasises emphasised emphasize emphasizes
emphasized tweet tweets tweeted testify testifies testified complain complains complained
maintain maintains maintained lament laments lamented quip quips quipped concede concedes
conceded caution cautions cautioned recount recounts recounted written reiterate reiterates
reiterated
""".split())

# Nouns naming something a publication prints. When such a noun is the subject of a cue
# ("said a recent commentary in the People's Daily") the outlet named inside it speaks.
PUBLISHED_PIECES = frozenset("""
article articles commentary commentaries editorial editorials report reports statement
statements column columns op-ed piece pieces story stories post posts tweet tweets
analysis analyses opinion essay essays bulletin blog dispatch study studies letter letters
paper papers
""".split())
SENTENCE_END = frozenset(".!?…")
OUTLET_PREPOSITIONS = frozenset({"in", "by", "from", "of", "on"})

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
PERSONAL_PRONOUNS = frozenset({"he", "she"})
# "it added" after "the Swedish Prosecution Authority said": a body, never a person.
BODY_PRONOUNS = frozenset({"it"})
# How many paragraphs back a pronoun's antecedent may be named (this one and the last).
PRONOUN_REACH = 1
NAME_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE", "WORK_OF_ART", "FAC"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})

# A quotation inside a sentence ('said ending would "impact the ... efforts"') counts only
# if it carries a clause: at least this many words and a verb. Scare quotes ("China
# White", "very important") are short noun or adjective phrases. Calibrated on the seeds'
# partial quotes (shortest real one: 7 words; longest scare quote: 6 words, no verb);
# re-run tests/test_quotes.py and benchmarks/eval_quotes_dates.py after a change.
MIN_PARTIAL_WORDS = 3


@dataclass(frozen=True, slots=True)
class Span:
    """A quotation's content as character offsets into its paragraph (marks excluded)."""

    start: int
    end: int
    closed: bool


@dataclass(frozen=True, slots=True)
class Source:
    """Who a cue says is speaking: a name as written, or a description, or neither."""

    name: str | None
    described_as: str | None


@dataclass(frozen=True, slots=True)
class Found:
    """A quotation located in one paragraph, with its source if one was found."""

    span: Span
    text: str
    full: bool
    source: Source | None
    cue_start: int = -1  # character offset of the attributing cue, for pronoun look-back


def quote_spans(text: str) -> tuple[Span, ...]:
    """Quotation contents by their marks. Never fails: an opening mark without a closing
    one runs to the end of the paragraph (a quote continued in the next paragraph leaves
    its closing mark off), a stray closing mark is ignored, and a new opening mark inside
    an open quote starts a new quote."""
    spans: list[Span] = []
    start: int | None = None
    skip = False
    for i, ch in enumerate(text):
        if skip:
            skip = False
            continue
        if start is not None and text[i:i + 2] in DOUBLED_SINGLES:  # “...,’’ a typed closing mark
            spans.append(Span(start, i, True))
            start, skip = None, True
        elif ch in OPENING or (ch == STRAIGHT and start is None):
            if start is not None:
                spans.append(Span(start, i, False))
            start = i + 1
        elif ch in CLOSING or ch == STRAIGHT:
            if start is not None:
                spans.append(Span(start, i, True))
                start = None
    if start is not None:
        spans.append(Span(start, len(text), False))
    return tuple(s for s in spans if text[s.start:s.end].strip())


def _clean_quote(text: str) -> str:
    """The quoted words without the comma that ends them before the attribution."""
    return text.strip().rstrip(",").strip()


def _is_full(text: str, span: Span) -> bool:
    """True when the quotation stands as its own sentence (or sentences): nothing but a
    sentence end, colon or another quotation precedes it, and it starts like a sentence."""
    before = text[:max(0, span.start - 1)].rstrip()
    opens_sentence = not before or before[-1] in ".!?:…" or before[-1] in CLOSING or before[-1] == STRAIGHT
    first = text[span.start:span.end].lstrip()[:1]
    return opens_sentence and (first.isupper() or first.isdigit() or first in "…‘'")


def _tokens_in(doc, span: Span) -> tuple:
    return tuple(t for t in doc if span.start <= t.idx < span.end)


def _inside_any(token, spans: tuple[Span, ...]) -> bool:
    return any(s.start - 1 <= token.idx < s.end + 1 for s in spans)


def _strip_honorific(words: list[str]) -> list[str]:
    while words and normal(words[0]) in HONORIFICS:
        words = words[1:]
    return words


def _name_text(tokens) -> str:
    """A name as written, without a leading article, honorific or trailing possessive.
    `tokens` are spaCy tokens or, for an already written phrase, plain words."""
    words = [t if isinstance(t, str) else t.text for t in tokens
             if isinstance(t, str) or not t.is_punct or t.text in {".", "-"}]
    text = " ".join(words).replace(" - ", "-").replace(" .", ".")
    parts = text.split()
    while parts and (normal(parts[0]) in HONORIFICS | TITLE_WORDS or parts[0].casefold() == "the"):
        parts = parts[1:]
    if parts and parts[-1] in {"’s", "'s"}:
        parts = parts[:-1]
    return " ".join(parts).replace(" ’s", "’s").replace(" 's", "'s")


def _entity_of(token):
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def _name_span(token):
    """The proper-name tokens around `token`: its entity, else its run of PROPN compounds."""
    ent = _entity_of(token)
    if ent is not None and ent.label_ in NAME_ENTITIES:
        return _extend_left(ent)
    left = [c for c in token.lefts if c.dep_ in {"compound", "flat"} and c.pos_ == "PROPN"]
    first = min([token.i] + [c.i for c in left])
    return tuple(token.doc[first:token.i + 1])


def _role_off(tokens: tuple) -> tuple[tuple, str | None]:
    """"CEO Craig Menear" → ("Craig Menear", "CEO"): title words in front of a name the
    model tagged with it are the speaker's role, not the name (honorifics just go)."""
    i = 0
    while i < len(tokens) - 1 and normal(tokens[i].text) in HONORIFICS | TITLE_WORDS:
        i += 1
    role = [t.text for t in tokens[:i] if normal(t.text) not in HONORIFICS]
    if not role and tokens:  # the title outside the entity: "said CEO [Maria Lopez]"
        doc, first = tokens[0].doc, tokens[0].i
        while first > 0 and normal(doc[first - 1].text) in TITLE_WORDS \
                and doc[first - 1].text[:1].isupper():
            first -= 1
        role = [t.text for t in doc[first:tokens[0].i]]
    return tokens[i:], " ".join(role) or None


def _extend_left(ent) -> tuple:
    """An entity with the first names the model left out of it (`names.extend_name_left`)."""
    return tuple(ent.doc[extend_name_left(ent.doc, ent.start, ent.end):ent.end])


def _subject(cue):
    """The grammatical subject of a cue; a participle ("adding ...") or a conjoined verb
    ("said ... and added") borrows the subject of the verb it hangs from."""
    verb = cue
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            # two subjects are a misparse of one noun phrase ("CPUC President Marybel Batjer
            # said", "Wikileaks editor-in-chief Kristinn Hrafnsson said"): the person named
            # nearest the verb is the speaker
            return max(subjects, key=lambda t: (t.ent_type_ == "PERSON", t.i))
        if verb.dep_ in {"advcl", "conj", "xcomp"} and verb.head is not verb:
            verb = verb.head
        elif (verb.dep_ == "acl" and verb.head.text.casefold() in PUBLISHED_PIECES
              and verb.head.head is not verb.head):
            verb = verb.head.head  # "the Commission issued a statement warning that ..."
        else:
            break
    # Inverted attribution whose subject the parser hung elsewhere: '..." said Vanda X, ...'
    following = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) else None
    if following is not None and (following.pos_ == "PROPN" or _entity_of(following) is not None):
        ent = _entity_of(following)
        return ent.root if ent is not None else following
    return None


def _description(head, exclude=()) -> str | None:
    """The noun phrase of an unnamed source ("a Chinese foreign ministry official"),
    without appositions, relative clauses or trailing punctuation."""
    drop: set[int] = set()
    for child in head.children:
        if child.dep_ in {"appos", "relcl", "acl", "punct", "cc", "conj"} or child in exclude:
            drop.update(t.i for t in child.subtree)
    tokens = [t for t in head.subtree if t.i not in drop]
    if not tokens:
        return None
    text = head.doc[tokens[0].i:tokens[-1].i + 1].text.strip(" ,;:")
    return text or None


def _apposition(head) -> str | None:
    """The role given next to a named source ("Spencer Li, a professor at ..."): useful
    on the quotes page, and kept separate from the name."""
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ in {"NOUN", "PROPN"}:
            tokens = list(child.subtree)
            return head.doc[tokens[0].i:tokens[-1].i + 1].text.strip(" ,;:") or None
    return None


def _outlet(head):
    """The outlet inside a published piece ("a recent commentary in the People's Daily")."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.text.casefold() in OUTLET_PREPOSITIONS:
            for obj in prep.children:
                if obj.dep_ == "pobj" and (obj.pos_ == "PROPN" or _entity_of(obj) is not None):
                    return obj
    return None


def _cue_source(cue) -> tuple[Source, object] | None:
    """The source a cue names, with the token it came from (None: no subject at all)."""
    subj = _subject(cue)
    if subj is None:
        return None
    lower = subj.text.casefold()
    if subj.pos_ == "PRON" and lower in PRONOUNS:
        return Source(None, subj.text), subj
    entity = _entity_of(subj)
    if entity is not None and entity.label_ in NAME_ENTITIES:
        name, role = _role_off(_name_span(subj))
        return Source(_name_text(name), _apposition(subj) or role), subj
    if subj.pos_ == "PROPN" and subj.text[:1].isupper():
        # a name the model did not tag: the whole proper noun phrase, "the United Nations
        # High Commissioner for Human Rights", not just the compounds next to its head
        phrase = _description(subj)
        return Source(_name_text(phrase.split()) if phrase else subj.text, _apposition(subj)), subj
    if lower in PUBLISHED_PIECES:
        outlet = _outlet(subj)
        if outlet is not None:
            return Source(_name_text(_name_span(outlet)), _description(subj)), subj
    return Source(None, _description(subj)), subj


def _cue_for(doc, tokens, cues, full: bool):
    """The cue governing a quotation: the nearest speech verb whose clause contains it,
    else a cue clause that begins or ends right at it, only punctuation between ("he urged
    voters, “Look ...”", which the parser often hangs elsewhere)."""
    content = [t for t in tokens if not t.is_punct]
    best = None
    for cue in cues:
        sub = {t.i for t in cue.subtree}
        inside = sum(1 for t in content if t.i in sub)
        if inside and (best is None or (inside, -len(sub)) > best[0]):
            best = ((inside, -len(sub)), cue)
    if best is not None:
        return best[1]
    if not tokens:
        return None
    quote_ids = {t.i for t in tokens}
    first, last = tokens[0].i, tokens[-1].i
    for cue in cues:
        clause = [t.i for t in cue.subtree if t.i not in quote_ids]
        if not clause:
            continue
        gap_after = doc[last + 1:min(clause)] if min(clause) > last else None
        gap_before = doc[max(clause) + 1:first] if max(clause) < first else None
        for gap in (gap_after, gap_before):
            if gap is not None and all(t.is_punct or t.is_space for t in gap):
                return cue
    return None


# Tags of a finite verb; with "to" + base form (an infinitive) they make a fragment a
# clause. A participle alone ("another measure contradicting") is a noun phrase.
FINITE_TAGS = frozenset({"VBD", "VBP", "VBZ", "MD"})


def _has_clause(tokens) -> bool:
    """A fragment inside a sentence counts as a quotation when it holds a finite verb or
    an infinitive ("becomes uncontrollable", "discontinue the investigation"), not a noun
    or adjective phrase ("dangerous consequences")."""
    words = sum(1 for t in tokens if not t.is_punct)
    finite = any(t.tag_ in FINITE_TAGS for t in tokens)
    infinitive = any(t.tag_ == "VB" for t in tokens)
    return words >= MIN_PARTIAL_WORDS and (finite or infinitive)


def find_in_paragraph(doc) -> tuple[Found, ...]:
    """Every quotation of one paragraph with the source its own cue gives (or None)."""
    spans = quote_spans(doc.text)
    if not spans:  # most paragraphs: no need to walk their tokens for cues
        return ()
    cues = tuple(t for t in doc if t.text.casefold() in SPEECH_VERBS and t.pos_ in {"VERB", "AUX"}
                 and not _inside_any(t, spans))
    accordings = tuple(t for t in doc if t.text.casefold() == "according" and not _inside_any(t, spans))
    found: list[Found] = []
    for span in spans:
        tokens = _tokens_in(doc, span)
        full = _is_full(doc.text, span)
        text = _clean_quote(doc.text[span.start:span.end])
        if not full and not _has_clause(tokens):
            continue
        cue = _cue_for(doc, tokens, cues, full)
        source = None
        cue_start = -1
        if cue is not None:
            named = _cue_source(cue)
            if named is not None:
                source, cue_start = named[0], cue.idx
        elif full:
            source, cue_start = _according_to(doc, tokens, accordings)
        found.append(Found(span, text, full, source, cue_start))
    return tuple(found)


def _according_to(doc, tokens, accordings) -> tuple[Source | None, int]:
    """'"...," according to X': the object of "to" speaks, when the phrase touches the quote."""
    if not tokens:
        return None, -1
    for acc in accordings:
        gap = doc[tokens[-1].i + 1:acc.i]
        if acc.i > tokens[-1].i and all(t.is_punct for t in gap):
            for to in acc.children:
                for obj in to.children:
                    if obj.dep_ == "pobj":
                        if obj.pos_ == "PROPN":
                            return Source(_name_text(_name_span(obj)), None), acc.idx
                        outlet = _outlet(obj) if obj.text.casefold() in PUBLISHED_PIECES else None
                        if outlet is not None:
                            return Source(_name_text(_name_span(outlet)), None), acc.idx
                        return Source(None, _description(obj)), acc.idx
    return None, -1


# --- names ------------------------------------------------------------------------------

def article_names(parsed: ParsedArticle) -> tuple[str, ...]:
    """Every person-like name the article writes, in order, for surname look-up."""
    names: list[str] = []
    for doc in parsed.docs:
        for ent in doc.ents:
            if ent.label_ in {"PERSON", "ORG"}:
                name = _name_text(_extend_left(ent))
                if name:
                    names.append(name)
    return tuple(names)


def full_name(surface: str, names: tuple[str, ...]) -> str:
    """The fullest way the article writes the same person: "Pardo" → "Bryce Pardo",
    "Mr. Wu" → "Wu Xinbo". Two different fuller names ("Li Qiang", "Spencer Li") make it
    ambiguous, and the surface stays as written."""
    words = _strip_honorific(surface.split())
    if not words:
        return surface
    wanted = set(words)
    fuller = {n for n in names if wanted <= set(n.split()) and len(n.split()) > len(words)}
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


def _persons_between(parsed: ParsedArticle, names, start: tuple[int, int], end: tuple[int, int],
                     subjects_only: bool = False) -> tuple[str, ...]:
    """Full names of the people named (outside quotations) between two (unit index, char
    offset) positions; with `subjects_only`, only those named as a clause's subject."""
    found: list[str] = []
    for index, doc in enumerate(parsed.docs):
        if not start[0] <= index <= end[0]:
            continue
        spans = quote_spans(doc.text)
        for ent in doc.ents:
            inside = any(s.start <= ent.start_char < s.end for s in spans)
            if (ent.label_ == "PERSON" and not inside and start <= (index, ent.start_char) < end
                    and (_is_subject(ent) or not subjects_only)):
                found.append(full_name(_name_text(_extend_left(ent)), names))
    return tuple(found)


# --- the article ------------------------------------------------------------------------

def find_quotes(parsed: ParsedArticle) -> tuple[Quote, ...]:
    """Direct quotations of the body, one per paragraph and speaker, in reading order."""
    names = article_names(parsed)
    out: list[Quote] = []
    previous: Quote | None = None  # the last attributed quote, for carry-over
    previous_index = -2
    last_named: tuple[str, int, int] | None = None  # (speaker, unit index, char) of last named source
    for index, (unit, doc) in enumerate(zip(parsed.units, parsed.docs)):
        if unit.field != "body":
            continue
        found = find_in_paragraph(doc)
        if not found:
            reporter = _reported_speaker(doc)
            if reporter is not None:  # "Erekat said it was ...", then a paragraph of his words
                previous = Quote("", reporter[0], None, parsed.article.id, unit.paragraph)
                previous_index = index
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
                          or _resolve_group(parsed, source) or _resolve_described(parsed, names, source)
                          or source)
            resolved.append((item, source))
            if source is not None and source.name is not None and item.cue_start >= 0:
                last_named = (source.name, index, item.cue_start)
            elif source is not None and source.described_as and item.cue_start >= 0:
                last_named = None  # "a spokesperson said ... it/he added": still unnamed
        # carry-over inside the paragraph: cue-less full quotes take the nearest attribution
        attributed = [(i, s) for i, (item, s) in enumerate(resolved) if s is not None]
        paragraph_quotes: list[tuple[Found, Source | None]] = []
        for i, (item, source) in enumerate(resolved):
            if source is None and item.full and attributed:
                before = [s for j, s in attributed if j < i]
                source = before[-1] if before else attributed[0][1]
            paragraph_quotes.append((item, source))
        # carry-over from the previous paragraph: a paragraph opening with a quotation mark
        opens_with_quote = doc.text.lstrip()[:1] in OPENING | {STRAIGHT}
        if (opens_with_quote and previous is not None and previous_index == index - 1
                and paragraph_quotes and paragraph_quotes[0][1] is None and paragraph_quotes[0][0].full):
            carried = Source(previous.speaker, previous.described_as)
            paragraph_quotes = [(item, carried if source is None and item.full else source)
                                for item, source in paragraph_quotes]
        merged = _merge(paragraph_quotes)
        for text, source in merged:
            quote = Quote(text=text, speaker=source.name, described_as=source.described_as,
                          article=parsed.article.id, paragraph=unit.paragraph)
            out.append(quote)
        if merged:
            last = merged[-1][1]
            previous = Quote("", last.name, last.described_as, parsed.article.id, unit.paragraph)
            previous_index = index
    return tuple(_with_full_names(q, names) for q in out)


def _reported_speaker(doc) -> tuple[str, int] | None:
    """The named subject of reported speech in a paragraph without quotation marks
    ("Erekat said it was only the latest move ..."): a paragraph of quotation with no cue
    of its own that follows it is that speaker's words, as after a quoted paragraph, and
    "he" or "it" next may mean it. (name, character offset of the cue)."""
    for token in doc:
        if token.text.casefold() in SPEECH_VERBS and token.pos_ in {"VERB", "AUX"}:
            named = _cue_source(token)
            subject = named[1] if named else None
            if named and named[0].name and subject is not None and subject.ent_type_ in {"PERSON", "ORG"}:
                return named[0].name, token.idx
    return None


def _merge(items: list[tuple[Found, Source | None]]) -> list[tuple[str, Source]]:
    """One quote per run of quotations with the same source in a paragraph; quotations
    with no source at all are dropped (scare quotes, titles, unattributed fragments)."""
    merged: list[tuple[str, Source]] = []
    for item, source in items:
        if source is None:
            continue
        if merged and merged[-1][1] == source:
            # the attribution between the two parts is left out, and marked as left out
            # unless the first part ended its sentence
            joint = " " if merged[-1][0][-1:] in SENTENCE_END else " … "
            merged[-1] = (merged[-1][0] + joint + item.text, source)
        else:
            merged.append((item.text, source))
    return merged


def _resolve_pronoun(parsed, names, last_named, index: int, cue_start: int) -> Source:
    """'"...," he added' belongs to the person named just before: the last speaker if
    nobody else was named since, or else the one person named (outside quotations) in this
    paragraph up to the cue and the paragraph before it, if named as a subject ("chats
    with Epstein" does not make Epstein the "he" who speaks next). Anything else leaves
    the speaker unknown rather than guessed."""
    if cue_start < 0:
        return Source(None, None)
    first = index - 1 if index > 0 and parsed.units[index - 1].field == "body" else index
    mentions = _persons_between(parsed, names, (first, 0), (index, cue_start))
    distinct = tuple(dict.fromkeys(mentions))
    if last_named is not None:
        name, named_index, named_char = last_named
        recent = (first, 0) <= (named_index, named_char)
        speaker = full_name(name, names)
        if recent and (not mentions or mentions[-1] == speaker):
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
    persons = {full_name(_name_text(_extend_left(e)), names) for e in sentence.ents} & people
    if len(persons) != 1:
        return None
    (person,) = persons
    for other in parsed.docs:
        for ent in other.ents:
            if ent.label_ != "PERSON" or full_name(_name_text(_extend_left(ent)), names) != person:
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


def _resolve_group(parsed, source: Source) -> Source | None:
    """"the doctors stated" in an article about "Doctors for Camp Closure": a definite plural
    noun names the one organisation of the article whose name holds that noun. Two such
    organisations, or none, keep the description."""
    role = (source.described_as or "").split()
    if len(role) != 2 or role[0].casefold() != "the" or not role[1].endswith("s"):
        return None
    noun = role[1].casefold()
    names = [e.text for doc in parsed.docs for e in doc.ents if e.label_ == "ORG"]
    names += [doc[a:b].text for doc in parsed.docs for a, b in named_after_noun(doc)]
    owners = {n for n in names if noun in {t.casefold() for t in n.split()}}
    if len(owners) != 1:
        return None
    return Source(_name_text(next(iter(owners)).split()), source.described_as)


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
    people = {full_name(_name_text(_extend_left(ent)), names)
              for doc in parsed.docs for ent in doc.ents if ent.label_ == "PERSON"
              and doc.text[:ent.start_char].rstrip(" ,").casefold().endswith(wanted)}
    if len(people) != 1:
        return None
    return Source(next(iter(people)), described)


def _person_names(parsed, names) -> frozenset[str]:
    return frozenset(full_name(_name_text(_extend_left(e)), names)
                     for doc in parsed.docs for e in doc.ents if e.label_ == "PERSON")


def _with_full_names(quote: Quote, names: tuple[str, ...]) -> Quote:
    if quote.speaker is None:
        return quote
    return replace(quote, speaker_name=full_name(quote.speaker, names))
