"""Turn the fated lines into an `Article`: the gold fields, with captions split from credits,
video blocks grouped, bylines reduced to names and a derived title when the page has none."""

from __future__ import annotations

import re
import unicodedata

from generator.ingest import byline as B
from generator.ingest import shapes as F
from generator.model import (Article, Cleaned, Decision, Fate, Image, Kind, Paragraph, Removed,
                             SourceMeta, Video)

# A derived title is the lead sentence cut at a word boundary near this many characters.
DERIVED_TITLE_CHARS = 90
SLUG_MAX_CHARS = 60
_NAME_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)")
# A wire dateline: a place of at most 60 characters, the agency in brackets, then a dash or
# the text straight after ("(CNN)President ...").
_DATELINE = re.compile(r"^[^()]{0,60}?\((?P<agency>[A-Z][\w.&' ]{0,30}[\w.])\)\s*(?:[—–-]+\s*|(?=[A-Z\"“]))")
# A sentence's closing mark (and closing quotes or brackets), before a capital, a digit, an
# opening quote or the end of the text.
_SENTENCE_END = re.compile(r"(?P<mark>[.!?…])[\"'”’)\]]*(?=\s+[\"'“‘(]?[A-Z0-9\u0400-\u04ff]|\s*$)")
# Words a full stop follows without ending the sentence: titles, company and place
# abbreviations, months. Conventions of English typography, not one outlet's.
ABBREVIATIONS = frozenset(
    "mr mrs ms mx dr prof sr jr st co corp inc ltd plc llc bros gov sen rep gen lt col capt cmdr "
    "sgt adm vs etc al jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave blvd "
    "dept univ approx est ed eds rev hon".split())
# ... and these only before a number ("No. 5", "Vol. 2"; "said no." ends a sentence).
NUMBER_ABBREVIATIONS = frozenset("no nos vol fig pp op".split())


def structure_article(cleaned: Cleaned, meta: SourceMeta | None = None) -> Article:
    """Read each field off the lines that carry its fate."""
    by_fate = {fate: cleaned.lines_with(fate) for fate in Fate}

    def first(fate: Fate) -> str | None:
        return by_fate[fate][0].line.text if by_fate[fate] else None

    body = tuple(Paragraph(d.line.text, line=d.line.number) for d in by_fate[Fate.BODY])
    title = first(Fate.TITLE)
    derived = title is None
    if derived:
        title = derive_title(body, cleaned.source.stem)
    kind_marker = first(Fate.KIND)
    column = first(Fate.COLUMN)
    comment = first(Fate.COMMENT_COUNT)
    credits = [read_byline(d) for d in by_fate[Fate.AUTHOR]]
    authors = person_authors(credits)
    captions = [split_caption(d) for d in by_fate[Fate.IMAGE]]
    lead = [split_caption(d) for d in by_fate[Fate.LEAD_IMAGE]]
    return Article(
        id=cleaned.source.stem,
        seed=cleaned.source.name,
        sha256=cleaned.source.sha256,
        slug=slugify(title) or slugify(cleaned.source.stem) or "article",
        title=title,
        title_derived=derived,
        kind=Kind.OPINION if kind_marker or column else Kind.NEWS,
        section=first(Fate.SECTION) or kind_marker,
        column=column,
        authors=authors,
        contributors=unique(name for d in by_fate[Fate.CONTRIBUTOR]
                            for name in contributor_names(d.line.text)),
        standfirst=tuple(bullet_text(d.line.text) for d in by_fate[Fate.STANDFIRST]),
        lead_image=lead[0] if lead else None,
        images=tuple(lead[1:] + captions),
        videos=group_videos(by_fate[Fate.VIDEO]),
        related_headlines=tuple(d.line.text for d in by_fate[Fate.RELATED]),
        comment_count=int(comment) if comment is not None else None,
        author_bio=first(Fate.AUTHOR_BIO),
        removed=tuple(Removed(d.line.text, d.rule, line=d.line.number) for d in by_fate[Fate.FURNITURE]),
        body=body,
        meta=meta,
        agency=next((c.agency for c in credits if c.agency), None) or dateline_agency(body),
    )


def unique(items) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


# The rule of an author line that a saved page's markup names (JSON-LD, author meta tags):
# one name, already told apart from outlets and accounts by html_meta.py.
MARKUP_AUTHOR_RULE = "html-author"


def read_byline(decision: Decision) -> B.Credit:
    """A credit line's names and agency: an explicit credit ("By A, Staff Writer"), else a
    bare name line ("Natasha Turak"), which the cleaner gave the byline fate by position. A
    name from a page's markup is taken as it is (a lone "Regan" is a name there, where on a
    text dump it could be a menu label), capitals tamed, unless it is shaped as an agency."""
    text = decision.line.text
    if decision.rule == MARKUP_AUTHOR_RULE:
        return B.Credit(agency=text) if B.is_org(text) else B.Credit(names=(B.tame_case(text),))
    return B.parse_credit(text) or B.bare_credit(text) or B.Credit()


def dateline_agency(body: tuple[Paragraph, ...]) -> str | None:
    """The agency a wire story's dateline credits: "LONDON (Reuters) — ...", "(AP) — ...",
    "Hong Kong (CNN Business)A muddled ...": a bracketed credit opening the first paragraph."""
    if not body:
        return None
    match = _DATELINE.match(body[0].text)
    return match.group("agency") if match else None


def person_authors(credits: list[B.Credit]) -> tuple[str, ...]:
    """Every name once, in page order; a name inside a longer one found too ("Biography Sarah
    E. Needleman" beside "Sarah E. Needleman") keeps the shorter, the name itself."""
    names = unique(name for c in credits for name in c.names)
    folded = [n.casefold() for n in names]
    return tuple(n for n, f in zip(names, folded)
                 if not any(o != f and o in f for o in folded))


def contributor_names(text: str) -> tuple[str, ...]:
    """The names before "contributed reporting": the line's shape already says they are
    people, so they are split at commas, "and" and "&" and kept as printed (a byline needs
    `byline.read_parts`, which tells names from agencies, job titles and dates)."""
    match = F.CONTRIBUTOR.match(text)
    names = match.group("names") if match else text
    return tuple(n.strip() for n in _NAME_SPLIT.split(names) if n.strip())


def bullet_text(text: str) -> str:
    match = F.BULLET.match(text)
    return match.group("text").strip() if match else text


def split_caption(decision: Decision) -> Image:
    """'Caption. Photo: Credit' → caption and credit; a caption without credit keeps None."""
    text = decision.line.text
    match = F.CAPTION_CREDIT.match(text)
    if not match:
        return Image(caption=text, credit=None, line=decision.line.number)
    return Image(caption=match.group("caption").strip(), credit=match.group("credit").strip(),
                 line=decision.line.number)


def group_videos(decisions: tuple[Decision, ...]) -> tuple[Video, ...]:
    """A duration line starts a video; the next line is its title (a repeat adds nothing)."""
    videos: list[Video] = []
    duration: Decision | None = None
    for d in decisions:
        if F.DURATION.match(d.line.text):
            duration = d
        elif duration is not None:
            videos.append(Video(title=d.line.text, duration=duration.line.text, line=duration.line.number))
            duration = None
    return tuple(videos)


def sentence_end(text: str) -> int | None:
    """Where the first sentence of `text` ends (the index after its closing punctuation), or
    None: a full stop after an abbreviation ("Walt Disney Co.", "Oct. 9"), an initial or a
    dotted acronym ("U.S.", "a.m.") ends nothing, and a sentence ends only before a capital,
    a digit, an opening quote or the end of the text."""
    for match in _SENTENCE_END.finditer(text):
        if match.group("mark") == ".":
            before = text[:match.start()].split()
            word = before[-1] if before else ""
            bare = word.strip("\"'“‘(").rstrip(".")
            number_next = text[match.end():].lstrip()[:1].isdigit()
            if (len(bare) <= 1 or "." in bare or bare.casefold() in ABBREVIATIONS
                    or (number_next and bare.casefold() in NUMBER_ABBREVIATIONS)):
                continue
        return match.end()
    return None


def derive_title(body: tuple[Paragraph, ...], fallback: str) -> str:
    """The lead sentence, cut at a real sentence end (never at "Co." or "U.S.") or at a word
    boundary near DERIVED_TITLE_CHARS: marked `title_derived`, never presented as the headline."""
    if not body:
        return fallback
    lead = body[0].text
    end = sentence_end(lead)
    sentence = lead[:end].strip() if end else lead
    if len(sentence) <= DERIVED_TITLE_CHARS:
        return sentence
    cut = sentence[:DERIVED_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:–—-")
    return cut + "…"


# Slugs name pages, and every folder's listing is its `index.md`: a section labelled
# "Index" made topics/index.md twice ("two pages for one path").
RESERVED_SLUGS = frozenset({"index"})


def slugify(text: str, max_chars: int | None = SLUG_MAX_CHARS) -> str:
    """ASCII, lower-case, hyphenated ("People's" → "peoples"), cut at a word boundary near
    `max_chars`; empty for text with no Latin letters or digits; never a reserved page
    name ("index" → "index-1"). The one slug rule for article pages, topics and entities."""
    ascii_text = unicodedata.normalize("NFKD", text.replace("’", "").replace("'", ""))
    ascii_text = ascii_text.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if max_chars is not None and len(slug) > max_chars:
        slug = slug[:max_chars].rsplit("-", 1)[0]
    return f"{slug}-1" if slug in RESERVED_SLUGS else slug
