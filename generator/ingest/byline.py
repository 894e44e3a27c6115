"""Read a credit line: who wrote the piece (person names, by shape) and which agency, desk or
outlet it is credited to ("By Jane Doe, Staff Writer", "By A and B | Reuters").

Everything here is a shape: capitalised tokens for a name, a date or time for the dateline,
an organisation noun or an acronym for an agency. No list of names, no one site's wording;
the few word lists (months, organisation nouns, job titles, CMS accounts) are conventions
shared by every outlet in the language. `headline.py` decides WHERE a byline sits; this module
only reads one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.ingest import shapes as F

# A person's name has 2 to this many tokens (particles and initials included): "Adam Clark
# Estes", "Bruce Y. Lee", "Ludwig van der Berg". One token is a first name, a CMS account or a
# company ("Regan", "Admin", "Beachbody"): never taken as a person, it may be an agency.
NAME_MAX_TOKENS = 5
# A credit line longer than this many words is a sentence that happens to contain "by".
CREDIT_MAX_WORDS = 25
# After a dateline, "by" opens a credit of at most this many words ("... PST by Joe Rossignol").
INLINE_CREDIT_MAX_WORDS = 8
# A date line ("Nov. 19, 2019 8:03 am ET", "Published 1 day ago") has at most this many words.
DATE_LINE_MAX_WORDS = 14

_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
           r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_WEEKDAYS = r"mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
# A date or time somewhere in a line: 2019-11-18, 11/13/19, 18.11.2019, 4:00 PM, 20:13 GMT, "Nov 19",
# "19 NOV 2019", "1 day ago", a four-digit year beside a word of a date. A bare "00:25" is
# a duration or a player's countdown, not a time of day.
DATE_TOKEN = re.compile(
    rf"\b\d{{4}}-\d{{2}}-\d{{2}}|\b\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}\b"
    rf"|\b\d{{1,2}}:\d{{2}}\s*(?:[ap]\.?m\b\.?|[A-Z]{{2,4}}\b|[ap]\.?m\.?(?=[A-Z]|\s|$))"
    rf"|\b\d{{1,2}},?\s+(?:19|20)\d{{2}}\b"
    rf"|\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:{_MONTHS})\b"
    rf"|\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b"
    rf"|\b(?:{_MONTHS}|{_WEEKDAYS})\b\.?,?\s.*\b(?:19|20)\d{{2}}\b|\b\w+\s+(?:19|20)\d{{2}}\b.*\d{{1,2}}:\d{{2}}",
    re.IGNORECASE)
# A clock reading: 4:00, 20:13, 00:25.
CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?!\d)")
CLOCK_AT_END = re.compile(r"\b\d{1,2}:\d{2}\W*$")
# Words that only stamp a time: a credit's names end where one of these starts.
DATE_WORDS = re.compile(rf"^(?:updated|published|posted|modified|last|on|at|am|pm|{_MONTHS}|{_WEEKDAYS})\.?,?$",
                        re.IGNORECASE)
# "@BryanDeArdo", an e-mail address, a URL: a handle line under a byline, never a name.
HANDLE = re.compile(r"^(?:@\w+|\S+@\S+\.\w+|https?://\S+|www\.\S+)$")
# What introduces a credit: "By", "By:", "Von" (de), "Par" (fr), "Por" (es, pt), "Oleh" (id),
# "Door" (nl), "Text:" / "Текст:" / "Words:" with a colon, and "<one word> by" ("Posted by",
# "written by", "Analysis by"). Roles that are not authorship are excluded (EXCLUDED_ROLE).
CREDIT_PREFIX = re.compile(
    r"^(?:(?P<role>[^\W\d_]+)\s+)?(?:by|von|par|por|oleh|door)\b\s*:?\s*(?=\S|$)"
    r"|^(?:text|texte|words|текст|автор|autor|author)\s*:\s*",
    re.IGNORECASE)
# "... 7:45 am PST by Joe Rossignol", "Posted on 27 Oct 2015 by Admin", ".../by jdadmin":
# a credit after a dateline.
INLINE_CREDIT = re.compile(r"(?:^|[\s/|·•])(?:by|von)\b\s*:?\s+(?P<rest>\S.*)$", re.IGNORECASE)
# Roles named before "by" that do not make an author: the editor, the photographer.
EXCLUDED_ROLE = re.compile(r"^(?:edited|photos?|photographs?|photography|pictures?|images?|video|"
                           r"illustrations?|illustrated|produced|designed|translated|reviewed|"
                           r"fact-checked|sponsored|powered|presented|brought|followed|shared)$",
                           re.IGNORECASE)
# Between a credit's parts: " | ", " / ", " - ", "·", "／", " — ".
PART_SEPARATOR = re.compile(r"\s*(?:\|| / |／|·|•|\s[-–—]\s)\s*|\s*/(?=\s*(?:by|in)\b)", re.IGNORECASE)
CONNECTORS = frozenset("and und et y e dan &".split())
NAME_SEPARATOR = re.compile(r"\s*[,;]\s*(?:and\s+)?|\s+(?:and|und|et|y|e|dan|&)\s+", re.IGNORECASE)
# Lower-case words inside names: "Ludwig van Beethoven", "Ana de Armas", "Osama bin Laden".
PARTICLES = frozenset("de da das do dos di du del della der den van von ter ten bin ibn al el la le y".split())
# Small words that start no name: "In Pictures", "The Goods", "More News" are labels.
FUNCTION_WORDS = frozenset("in on at the a an of for to with from my our your their his her its "
                           "more all new top best how what why who about this that these those "
                           "get see read watch our follow join".split())
# Words that open an author-box link: "More from", "Recent from", "Posts by", "Follow".
AUTHOR_LINK_WORDS = frozenset("about more from recent posts articles stories by follow contact "
                              "meet".split())
# A capitalised token of a name: "Needleman", "O'Neil", "Jean-Luc", "DeArdo", "E.", "R.J.",
# in any cased script ("Ерофеева").
NAME_TOKEN = re.compile(r"^(?:[^\W\d_]\.)+$|^[^\W\d_][^\W\d_'’.-]*(?:['’-][^\W\d_]+)*\.?$")
# Nouns that head an organisation's name, not a person's: "Associated Press", "CNN Business",
# "IGN Staff", "European Space Agency", "NBC News".
ORG_NOUNS = frozenset(
    "press news newswire wire agency service services staff desk bureau team business media "
    "network times post journal magazine daily herald tribune online radio tv television group "
    "inc ltd llc corp corporation company co foundation institute university association society "
    "council committee department ministry office studio studios editors editorial reporters "
    "contributors writers correspondents blog report reports newsroom publishing international "
    "world politics sports science health tech technology entertainment markets".split())
# Job titles after a name ("Jane Doe, Staff Writer", "Bruce Y. Lee / Senior Contributor").
JOB_WORDS = frozenset(
    "writer editor reporter correspondent contributor columnist critic analyst producer "
    "senior chief contributing managing executive associate deputy special staff freelance "
    "editor-at-large at-large political national foreign investigative guest fellow author "
    "photographer president minister senator governor secretary chairman chairwoman mayor "
    "spokesman spokeswoman ceo director".split())
# Accounts a CMS prints as the author: no person and no agency.
CMS_ACCOUNTS = frozenset("admin administrator webmaster editor editors staff user guest "
                         "author root system".split())


@dataclass(frozen=True, slots=True)
class Credit:
    """What one byline line says: person names (as printed, capitals tamed) and an agency."""

    names: tuple[str, ...] = ()
    agency: str | None = None


def word_count(text: str) -> int:
    return len(text.split())


def is_date_line(text: str) -> bool:
    """A line that stamps a date or time ("Nov 18, 2019 at 9:24 pm ET", "19 NOV 2019",
    "Published 1 day ago", "21:17"), short, with no sentence in it. A bare clock in a line of
    words ("Your video will play in 00:25") is a countdown, not a time stamp."""
    if word_count(text) > DATE_LINE_MAX_WORDS or text.rstrip().endswith(("?", "!")):
        return False
    if DATE_TOKEN.search(text):
        return True
    return bool(CLOCK.search(text)) and sum(not any(c.isdigit() for c in w) for w in text.split()) <= 2


def is_countdown(text: str) -> bool:
    """A line of words ending in a clock that is no date line: a player's countdown ("Your
    video will play in 00:25") or a duration."""
    return bool(CLOCK_AT_END.search(text)) and not is_date_line(text)


def is_handle(text: str) -> bool:
    return bool(HANDLE.match(text.strip()))


def is_job_title(text: str) -> bool:
    """'Senior Contributor', 'CNN Editor-at-large', 'Staff Writer': every word but an acronym
    is a job word, one of them no organisation noun ('IGN Staff' is a desk, an agency)."""
    tokens = [t.strip(",.") for t in text.split()]
    jobs = sum(t.lower() in JOB_WORDS and t.lower() not in ORG_NOUNS for t in tokens)
    return 0 < len(tokens) <= 4 and jobs >= 1 and all(
        t.lower() in JOB_WORDS or (t.isupper() and len(t) <= 5) for t in tokens)


def is_org(text: str) -> bool:
    """An agency, desk or outlet by shape: an acronym ('AP', 'PTI', 'REUTERS' as one word), a
    name headed by an organisation noun ('Associated Press', 'IGN Staff'), or one uncased
    token (a CJK firm's name)."""
    tokens = [t.strip(",.()") for t in text.split() if t.strip(",.()")]
    if not tokens:
        return False
    if any(t.lower() in ORG_NOUNS for t in tokens):
        return all(t[:1].isupper() or not t[:1].isalpha() or t.lower() in PARTICLES or t.lower() == "of"
                   for t in tokens)
    if len(tokens) == 1:
        t = tokens[0]
        return (t.isupper() and len(t) >= 2) or (t[:1].isalpha() and not t[:1].isupper() and not t[:1].islower())
    return False


def is_person_name(text: str) -> bool:
    """2 to NAME_MAX_TOKENS capitalised tokens (particles allowed, not first), no organisation
    noun, no job word, at least one token longer than an initial."""
    tokens = text.split()
    if not 2 <= len(tokens) <= NAME_MAX_TOKENS or is_org(text):
        return False
    if any(t.lower().strip(".") in JOB_WORDS or t.lower().strip(".") in ORG_NOUNS for t in tokens):
        return False
    if tokens[0].lower() in FUNCTION_WORDS:
        return False
    for n, t in enumerate(tokens):
        if t.lower() in PARTICLES and 0 < n < len(tokens) - 1:
            continue
        if not (NAME_TOKEN.match(t) and t[0].isupper()):
            return False
    return any(len(t.strip(".")) > 1 for t in tokens)


def is_author_link(text: str) -> bool:
    """'About Jane Doe', 'More from Jane Doe', 'Follow Jane Doe on Twitter': a link of the
    author box, one or two small words and a person's name; never a headline."""
    tokens = text.split()
    for n in (1, 2):
        lead = [t.lower() for t in tokens[:n]]
        if all(t in AUTHOR_LINK_WORDS for t in lead):
            rest = tokens[n:]
            for m in range(len(rest), 1, -1):
                if is_person_name(" ".join(rest[:m])) and all(
                        t.lower() in FUNCTION_WORDS or t[:1].isupper() for t in rest[m:]):
                    return True
    return False


def tame_case(name: str) -> str:
    """'DANICA KIRKA' → 'Danica Kirka'; a name printed in mixed case stays as printed."""
    return name.title() if name.isupper() else name


def strip_stamp(text: str, strict: bool = False) -> str:
    """The names part of a credit: up to the first date, time, handle or stamp word
    ("Al Root Updated Nov. 19" → "Al Root", "KASHMIRA GANDER ON 11/13/19" → "KASHMIRA GANDER"),
    and after a leading date ("November 20, 2019 Emiliano Bellini" → "Emiliano Bellini")."""
    tokens = text.split()
    kept: list[str] = []
    for t in tokens:
        lower_word = t[:1].islower() and t.lower() not in PARTICLES and t.lower() not in CONNECTORS
        if any(c.isdigit() for c in t) or DATE_WORDS.match(t) or t.startswith("@") or lower_word:
            if strict and lower_word and not DATE_WORDS.match(t):
                return ""  # "Carrie Lam says ...": a sentence about a person, no credit
            if kept:
                break
            continue
        kept.append(t)
    return " ".join(kept).strip(" ,;:-–—|")


def drop_job_title(piece: str) -> str:
    """'Bruce Y. Lee Senior Contributor' → 'Bruce Y. Lee': a name ends where job words begin."""
    tokens = piece.split()
    for n in range(1, len(tokens)):
        if is_job_title(" ".join(tokens[n:])):
            return " ".join(tokens[:n])
    return piece


def read_parts(text: str, strict: bool = False) -> Credit:
    """Names and agency from the text after a credit's prefix ('Jill Disis, CNN Business')."""
    names: list[str] = []
    agency: str | None = None
    parts = [p for p in PART_SEPARATOR.split(text) if p and p.strip()]
    for n, part in enumerate(parts):
        part = part.strip(" ,;:")
        if n > 0 and (is_date_line(part) or DATE_TOKEN.search(part)):
            continue
        segment = strip_stamp(part, strict) if n == 0 else part
        for piece in NAME_SEPARATOR.split(segment):
            piece = piece.strip(" ,;:.")
            if not piece or is_job_title(piece):
                continue
            piece = drop_job_title(piece)
            half = piece.split()
            if len(half) % 2 == 0 and half[:len(half) // 2] == half[len(half) // 2:]:
                piece = " ".join(half[:len(half) // 2])  # "Sean Martin Sean Martin": printed twice
            if is_person_name(piece):
                names.append(tame_case(piece))
            elif agency is None and is_org(piece):
                agency = tame_case(piece) if " " in piece else piece
            elif agency is None and len(piece.split()) == 1 and piece[:1].isupper() \
                    and piece.lower() not in CMS_ACCOUNTS and NAME_TOKEN.match(piece):
                agency = piece  # one capitalised word after "by": a company or desk, not a person
    return Credit(tuple(dict.fromkeys(names)), agency)


def explicit_credit(text: str) -> str | None:
    """The text after a credit prefix ("By ...", "Posted by ...", "Text: ..."), or after "by"
    following a dateline; None for a line that is no explicit credit. "" for a bare "By"."""
    if word_count(text) > CREDIT_MAX_WORDS:
        return None
    match = CREDIT_PREFIX.match(text)
    if match:
        role = match.groupdict().get("role")
        if role and EXCLUDED_ROLE.match(role):
            return None
        rest = text[match.end():]
        if role and not (role[0].isupper() or role.islower()):
            return None
        if role and rest[:1].islower():
            return None  # "Trade by the numbers": a headline, not "Posted by Jane Doe"
        return rest
    inline = INLINE_CREDIT.search(text)
    if (inline and word_count(inline.group("rest")) <= INLINE_CREDIT_MAX_WORDS
            and not inline.group("rest").rstrip().endswith((".", "!", "?"))):
        before = text[:inline.start()].strip(" /|·•")
        if not before or word_count(before) <= 2 or is_date_line(before) or DATE_TOKEN.match(before):
            return inline.group("rest")
    return None


def parse_credit(text: str) -> Credit | None:
    """A line with an explicit credit, read; None when the line is none."""
    rest = explicit_credit(text)
    if rest is None:
        return None
    return read_parts(rest)


def bare_credit(text: str) -> Credit | None:
    """A line that is only a name (with a job title, an agency or a date beside it):
    'Natasha Turak', 'Bruce Y. Lee / Senior Contributor', 'November 20, 2019 Emiliano Bellini',
    'Associated Press'. None for anything else. Where it sits decides whether it is a byline."""
    if word_count(text) > CREDIT_MAX_WORDS // 2 or text.rstrip().endswith((".", "?", "!", ":")):
        return None
    if text.isupper() and " " in text.strip():
        return None  # a kicker or a menu entry in capitals ("KEY POINTS"), not a name
    if F.CALL_TO_ACTION.match(text):
        return None  # "Share All", "Order Reprints", "Browse All Posts"
    credit = read_parts(text, strict=True)
    if not credit.names and credit.agency is None:
        return None
    if not credit.names and not is_org(strip_stamp(PART_SEPARATOR.split(text)[0]).strip(" ,")):
        return None
    return credit
