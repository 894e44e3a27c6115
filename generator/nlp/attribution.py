"""Who a paragraph says is speaking: the source its own cue gives each quotation.

The split follows bbc/citron (citron/citron.py): find the quoted *content* by its marks
(`quotations.py`), find the *cue* (a speech verb outside any quotation) that governs it in
the dependency parse, and take the cue's grammatical subject as the *source* ("according
to X" too). Grammar, not the seeds' phrasing, is the signal: we are measured on articles
we do not have. Pronouns and descriptions stay as written here; `quotes.py` resolves them
across the article.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.nlp.columns import WordTest
from generator.nlp.names import HONORIFICS, NAME_PREFIXES, TITLE_WORDS, extend_name_left, normal
from generator.nlp.quotations import Span, clean_quote, has_clause, inside_any, is_full, quote_spans, tokens_in

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

OUTLET_PREPOSITIONS = frozenset({"in", "by", "from", "of", "on"})

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})

NAME_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE", "WORK_OF_ART", "FAC"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Who can speak: a name the model tags so, or an untagged proper noun ("said Monday" is a date).
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG"})
# The object of a verb is who it is said to or about, never who says it ("told Reuters").
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "obj"})
# Speech verbs whose first name after them is the listener ("told Reuters", "asked Smith
# to", "urged Jones"), so a name right after one is never taken for the speaker.
LISTENER_VERBS = frozenset("tell tells told telling ask asks asked urge urges urged".split())


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


def name_text(tokens) -> str:
    """A name as written, without a leading article, honorific or trailing possessive.
    `tokens` are spaCy tokens or, for an already written phrase, plain words."""
    words = [t if isinstance(t, str) else t.text for t in tokens
             if isinstance(t, str) or not t.is_punct or t.text in {".", "-"}]
    text = " ".join(words).replace(" - ", "-").replace(" .", ".")
    parts = text.split()
    while parts and (normal(parts[0]) in NAME_PREFIXES or parts[0].casefold() == "the"):
        parts = parts[1:]
    if parts and parts[-1] in {"’s", "'s"}:
        parts = parts[:-1]
    return " ".join(parts).replace(" ’s", "’s").replace(" 's", "'s")


def entity_of(token):
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def name_span(token):
    """The proper-name tokens around `token`: its entity, else its run of PROPN compounds."""
    ent = entity_of(token)
    if ent is not None and ent.label_ in NAME_ENTITIES:
        return extend_left(ent)
    left = [c for c in token.lefts if c.dep_ in {"compound", "flat"} and c.pos_ == "PROPN"]
    first = min([token.i] + [c.i for c in left])
    return tuple(token.doc[first:token.i + 1])


def _role_off(tokens: tuple) -> tuple[tuple, str | None]:
    """"CEO Craig Menear" → ("Craig Menear", "CEO"): title words in front of a name the
    model tagged with it are the speaker's role, not the name (honorifics just go)."""
    i = 0
    while i < len(tokens) - 1 and normal(tokens[i].text) in NAME_PREFIXES:
        i += 1
    role = [t.text for t in tokens[:i] if normal(t.text) not in HONORIFICS]
    if not role and tokens:  # the title outside the entity: "said CEO [Maria Lopez]"
        doc, first = tokens[0].doc, tokens[0].i
        while first > 0 and normal(doc[first - 1].text) in TITLE_WORDS \
                and doc[first - 1].text[:1].isupper():
            first -= 1
        role = [t.text for t in doc[first:tokens[0].i]]
    return tokens[i:], " ".join(role) or None


def extend_left(ent) -> tuple:
    """An entity with the first names the model left out of it (`names.extend_name_left`)."""
    return tuple(ent.doc[extend_name_left(ent.doc, ent.start, ent.end):ent.end])


def _is_passive(verb) -> bool:
    """"Smith was told by his manager", "a letter written by Smith": the grammatical
    subject of a passive is who is spoken to or about, never the speaker."""
    return any(c.dep_ in {"nsubjpass", "auxpass", "agent"} for c in verb.children)


def _agent(verb):
    """The "by" phrase of a passive verb ("was asked by reporters"): its object."""
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


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
    return _inverted_subject(cue)


def _inverted_subject(cue):
    """Inverted attribution whose subject the parser hung elsewhere ('..." said Vanda X,
    ...'): the name right after the cue, if it is one that can speak (a person, an
    organisation, an untagged proper noun; not "said Monday") and not the cue's object
    (the listener of "told Reuters")."""
    if cue.text.casefold() in LISTENER_VERBS or cue.i + 1 >= len(cue.doc):
        return None
    following = cue.doc[cue.i + 1]
    ent = entity_of(following)
    if ent is not None:
        if ent.label_ not in SPEAKER_ENTITIES:
            return None
        following = ent.root
    elif following.pos_ != "PROPN":
        return None
    if following.dep_ in OBJECT_DEPS and following.head is cue:
        return None
    return following


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
                if obj.dep_ == "pobj" and (obj.pos_ == "PROPN" or entity_of(obj) is not None):
                    return obj
    return None


def cue_source(cue) -> tuple[Source, object] | None:
    """The source a cue names, with the token it came from (None: no subject at all). A
    passive cue names its "by" agent or nobody: an unknown source, never its subject."""
    if _is_passive(cue):
        subj = _agent(cue)
        if subj is None:
            return Source(None, None), cue
    else:
        subj = _subject(cue)
    if subj is None:
        return None
    lower = subj.text.casefold()
    if subj.pos_ == "PRON" and lower in PRONOUNS:
        return Source(None, subj.text), subj
    entity = entity_of(subj)
    if entity is not None and entity.label_ in NAME_ENTITIES:
        name, role = _role_off(name_span(subj))
        return Source(name_text(name), _apposition(subj) or role), subj
    if subj.pos_ == "PROPN" and subj.text[:1].isupper():
        # a name the model did not tag: the whole proper noun phrase, "the United Nations
        # High Commissioner for Human Rights", not just the compounds next to its head
        phrase = _description(subj)
        return Source(name_text(phrase.split()) if phrase else subj.text, _apposition(subj)), subj
    if lower in PUBLISHED_PIECES:
        outlet = _outlet(subj)
        if outlet is not None:
            return Source(name_text(name_span(outlet)), _description(subj)), subj
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


_SPEECH_WORD = WordTest(lambda text: text.casefold() in SPEECH_VERBS)
_ACCORDING = WordTest(lambda text: text.casefold() == "according")


def speech_verbs(doc) -> list:
    """The doc's speech verbs ("said", "told"), as verbs or auxiliaries, in order."""
    return [t for t in _SPEECH_WORD.tokens(doc) if t.pos_ in {"VERB", "AUX"}]


def find_in_paragraph(doc, paragraph: str) -> tuple[Found, ...]:
    """Every quotation of one paragraph with the source its own cue gives (or None).
    `paragraph` is the doc's text (`doc.text` joins every token again at each call)."""
    spans = quote_spans(paragraph)
    if not spans:  # most paragraphs: no need to walk their tokens for cues
        return ()
    cues = tuple(t for t in speech_verbs(doc) if not inside_any(t, spans))
    accordings = tuple(t for t in _ACCORDING.tokens(doc) if not inside_any(t, spans))
    found: list[Found] = []
    for span in spans:
        tokens = tokens_in(doc, span)
        full = is_full(paragraph, span)
        text = clean_quote(paragraph[span.start:span.end])
        if not full and not has_clause(tokens):
            continue
        cue = _cue_for(doc, tokens, cues, full)
        source = None
        cue_start = -1
        if cue is not None:
            named = cue_source(cue)
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
                            return Source(name_text(name_span(obj)), None), acc.idx
                        outlet = _outlet(obj) if obj.text.casefold() in PUBLISHED_PIECES else None
                        if outlet is not None:
                            return Source(name_text(name_span(outlet)), None), acc.idx
                        return Source(None, _description(obj)), acc.idx
    return None, -1


def reported_speaker(doc) -> tuple[str, int] | None:
    """The named subject of reported speech that ends a paragraph without quotation marks
    ("Erekat said it was only the latest move ..."): a paragraph of quotation with no cue
    of its own that follows it is that speaker's words, as after a quoted paragraph, and
    "he" or "it" next may mean it. Only the paragraph's last cue, in its last sentence
    with no other person made the subject after it: whoever spoke last is who the next
    paragraph goes on quoting. (name, character offset of the cue)."""
    cues = speech_verbs(doc)
    if not cues:
        return None
    cue = cues[-1]
    last = list(doc.sents)[-1]
    if not last.start <= cue.i < last.end:
        return None
    named = cue_source(cue)
    subject = named[1] if named else None
    if not named or not named[0].name or subject is None or subject.ent_type_ not in SPEAKER_ENTITIES:
        return None
    if any(ent.label_ == "PERSON" and ent.start > cue.i and ent.root.dep_ in SUBJECT_DEPS
           and not ent.start <= subject.i < ent.end for ent in doc.ents):
        return None  # "Smith said the plan was good, while Jones shook her head."
    return named[0].name, cue.idx
