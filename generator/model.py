"""Every dataclass passed between stages. No logic beyond tiny derived properties.

Stages take one of these and return the next, so the order of the pipeline is fixed by
the signatures. Provenance (line numbers) rides along with `compare=False`: gold
comparisons see meaning, error messages and `convert --explain` see the line.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from pathlib import Path


# The frontmatter marker of a page a build wrote (`generated_by: briefing`): the writer,
# the theme hook and the MkDocs page cache tell our pages from a person's by it.
GENERATED_BY = "briefing"


class Fate(enum.Enum):
    """What a source line is. Values mirror the gold field names."""

    BODY = "body"
    TITLE = "title"
    STANDFIRST = "standfirst"
    SECTION = "section"
    COLUMN = "column"
    KIND = "kind"
    AUTHOR = "authors"
    CONTRIBUTOR = "contributors"
    LEAD_IMAGE = "lead_image"
    IMAGE = "images"
    VIDEO = "videos"
    RELATED = "related_headlines"
    COMMENT_COUNT = "comment_count"
    AUTHOR_BIO = "author_bio"
    FURNITURE = "removed_lines"


class Kind(enum.Enum):
    NEWS = "news"
    OPINION = "opinion"


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded source file. `name` is the file name, `stem` the article id."""

    path: Path
    text: str
    encoding: str
    sha256: str

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def stem(self) -> str:
        return self.path.stem


@dataclass(frozen=True, slots=True)
class Line:
    """One non-empty source line, stripped of surrounding white space."""

    number: int = field(compare=False)
    text: str


@dataclass(frozen=True, slots=True)
class Decision:
    """The one fate of one line and the name of the rule that gave it."""

    line: Line
    fate: Fate
    rule: str


@dataclass(frozen=True, slots=True)
class Cleaned:
    source: SourceText
    decisions: tuple[Decision, ...]

    def lines_with(self, fate: Fate) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.fate is fate)


@dataclass(frozen=True, slots=True)
class Image:
    caption: str
    credit: str | None
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Video:
    title: str
    duration: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Removed:
    """A line that left the article, with why: the cleaning report shows these."""

    text: str
    rule: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Article:
    """One field per gold key, plus the id, slug and provenance."""

    id: str
    seed: str
    sha256: str
    slug: str
    title: str
    title_derived: bool
    kind: Kind
    section: str | None
    column: str | None
    authors: tuple[str, ...]
    contributors: tuple[str, ...]
    standfirst: tuple[str, ...]
    lead_image: Image | None
    images: tuple[Image, ...]
    videos: tuple[Video, ...]
    related_headlines: tuple[str, ...]
    comment_count: int | None
    author_bio: str | None
    removed: tuple[Removed, ...]
    body: tuple[Paragraph, ...]
    meta: "SourceMeta | None" = None
    agency: str | None = None
    # The body's word count, made once (a property split the body again at each call)
    words: int = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", sum(len(p.text.split()) for p in self.body))

    @property
    def removed_lines(self) -> tuple[str, ...]:
        return tuple(r.text for r in self.removed)


@dataclass(frozen=True, slots=True)
class SourceMeta:
    """What a user tells us in the optional sidecar next to a seed (see docs)."""

    published: str | None = None
    outlet: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """A generated file under docs/, relative path and full text: Markdown as a string, or
    a file some encoder wrote as bytes, as they are (briefing.json, `export.compact_json`);
    `sha256` of those bytes when docs/ held them, read back by this build (index_cache.py)."""

    path: str
    text: str | bytes
    source: str = field(default="", compare=False)
    sha256: str | None = field(default=None, compare=False)


class EntityType(enum.Enum):
    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"


@dataclass(frozen=True, slots=True)
class Mention:
    """One place an article names an entity: the surface form and the sentence around it."""

    surface: str
    type: EntityType
    article: str
    paragraph: int
    sentence: str
    description: str | None = None
    part: str = "body"  # the article field: title, standfirst, caption, byline, body, author_bio
    start: int = field(default=0, compare=False)  # character offsets of `surface` in that
    end: int = field(default=0, compare=False)  # field's text (the paragraph, for the body)
    cue: str | None = None  # the words around it that gave its type ("noun:journal"), if any


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world entity after alias resolution across the whole briefing."""

    key: str
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    descriptions: tuple[tuple[str, str], ...]  # (article id, role text)
    mentions: tuple[Mention, ...]
    # Whether it has a page of its own: the corpus decides, over the whole briefing
    # (corpus/facts.py `choose_pages`); until then it has none.
    page: bool = False
    # The ids of the articles that name it, sorted: derived from `mentions` once (the index
    # pages ask for it about half a million times at 1,000 articles).
    articles: tuple[str, ...] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "articles", tuple(sorted({m.article for m in self.mentions})))


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation. `speaker` is the surface name or None (the corpus stage finds its
    entity: `Speaker`); `speaker_name` the fullest form of that name in the same article."""

    text: str
    speaker: str | None
    described_as: str | None
    article: str
    paragraph: int
    speaker_name: str | None = None  # the fullest way the article writes the speaker ("Bryce Pardo")


@dataclass(frozen=True, slots=True)
class Speaker:
    """The entity a quote's speaker is, found across the briefing (its fullest name first,
    preferring an entity of the quote's own article). A quote whose name resolves to no
    entity, or that names nobody, has none."""

    quote: Quote
    entity: str  # the entity's key


@dataclass(frozen=True, slots=True)
class Event:
    """A sentence with an explicit date. `date` keeps its precision: 2019, 2022-08, 1980s.
    `ahead`: a plan or a forecast ("will ... by 2028", or later than the article's date),
    not something that happened."""

    date: str
    text: str
    article: str
    paragraph: int
    resolved_from: str | None = None
    ahead: bool = False


@dataclass(frozen=True, slots=True)
class Topic:
    key: str
    name: str
    articles: tuple[str, ...]
    from_section: bool = False


@dataclass(frozen=True, slots=True)
class Enriched:
    """An article with what the NLP stages found in it."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    phrases: tuple[tuple[str, str], ...] = ()  # (match key, display) of key phrases, for topics
    figures: tuple["Figure", ...] = ()


@dataclass(frozen=True, slots=True)
class Briefing:
    """Everything the index pages and briefing.json need, across all articles."""

    articles: tuple[Enriched, ...]
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    # In chronological order (`facts.event_order`; `build_briefing` sorts them once): the
    # timeline, the home page and the entity and topic facts read them in this order.
    events: tuple[Event, ...] = ()
    topics: tuple[Topic, ...] = ()
    # Articles published more than once, and the stories the distinct articles tell. The
    # entity, quote, event and topic indexes above count each original once, no copy.
    copies: tuple["CopyGroup", ...] = ()
    stories: tuple["Story", ...] = ()
    # The quotes whose speaker is an entity of the briefing, in the order of `quotes`.
    speakers: tuple[Speaker, ...] = ()
    # What the index pages list (corpus/facts.py): per entity with a page of its own, per
    # topic, and the quotes grouped by speaker.
    entity_facts: tuple["EntityFacts", ...] = ()
    topic_facts: tuple["TopicFacts", ...] = ()
    speaker_quotes: tuple["SpeakerQuotes", ...] = ()

    def original_of(self) -> dict[str, str]:
        """Each copy's id → the id of the article it copies (briefing.json `duplicate_of`)."""
        return {c.article: g.original for g in self.copies for c in g.copies}

    def speaker_of(self) -> dict[Quote, str]:
        """Each quote whose speaker is an entity → the entity's key (equal quotes, if any,
        name the same speaker in the same article, so they resolve alike)."""
        return {s.quote: s.entity for s in self.speakers}


@dataclass(frozen=True, slots=True)
class EntityFacts:
    """What the page of one entity lists besides the entity itself: the quotes it gave (in
    briefing order), the events of the paragraphs that name it (in date order), and the
    entities with a page of their own its articles also name, with how many articles
    each shares, most shared first."""

    entity: str
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    companions: tuple[tuple[str, int], ...] = ()  # (entity key, articles shared)


@dataclass(frozen=True, slots=True)
class TopicFacts:
    """What the page of one topic lists besides its articles: the entities its articles name
    most (keys, most named first) and the events those articles date (in date order)."""

    topic: str
    entities: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()


@dataclass(frozen=True, slots=True)
class SpeakerQuotes:
    """The quotes of one source, in briefing order: an entity with a page of its own
    (`entity`), else a name as the articles write it (`name`), else an unnamed source
    (`described_as`, None when the article does not describe it either)."""

    quotes: tuple[Quote, ...]
    entity: str | None = None
    name: str | None = None
    described_as: str | None = None


@dataclass(frozen=True, slots=True)
class Copy:
    """An article whose body is mostly another's text; `overlap` is the share of the shorter
    body's word runs found in the other (0-1, two decimals)."""

    article: str
    overlap: float


@dataclass(frozen=True, slots=True)
class CopyGroup:
    """One text published several times: the article shown as the original, and its copies."""

    original: str
    copies: tuple[Copy, ...]


@dataclass(frozen=True, slots=True)
class Story:
    """Distinct articles about one event (each written separately), most central first;
    `key` is stable for a given set of articles (`story-` + the first id in sorted order)."""

    key: str
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Related:
    """The other articles an article page points to: for a copy, the article it copies; for
    an original, its copies (with their overlap); and the other articles of its story."""

    original: tuple[Article, float] | None = None
    copies: tuple[tuple[Article, float], ...] = ()
    story: tuple[Article, ...] = ()


@dataclass(frozen=True, slots=True)
class Figure:
    """A number with what it counts, and the sentence that states it ("108,000 people")."""

    value: str
    counts: str
    sentence: str
    article: str
    paragraph: int


def _pickle_by_slots(cls: type) -> type:
    """Pickle a frozen slotted dataclass as the list of its field values (the bytes
    dataclasses' own `__getstate__` writes) and restore it through its slot descriptors.
    The stock `__setstate__` looks up `fields()` and calls `object.__setattr__` for every
    value of every object: 0.4 s of the 0.6 s an add-one rebuild spent unpickling 1,000
    cached articles (109,000 objects). Its `__setstate__` is written out, one descriptor
    call per field, as dataclasses writes `__init__`: a loop over the fields was half of
    what is left (all of 1,000 articles, best of 9: 0.21 s looped, 0.16 s written out). A
    state of another shape (an entry pickled by other code) is a ValueError, which the
    cache readers treat as a miss."""
    names = [f.name for f in dataclasses.fields(cls)]
    getters = [getattr(cls, name).__get__ for name in names]
    scope = {"__name__": __name__, **{f"_set{i}": getattr(cls, name).__set__ for i, name in enumerate(names)}}
    calls = "".join(f"    _set{i}(self, state[{i}])\n" for i in range(len(names)))
    exec(f"def __setstate__(self, state):\n"
         f"    if type(state) is not list or len(state) != {len(names)}:\n"
         f"        raise ValueError('not the state of a {cls.__name__}')\n{calls}", scope)

    def __getstate__(self) -> list:
        return [get(self) for get in getters]

    setstate = scope["__setstate__"]
    setstate.__qualname__ = f"{cls.__qualname__}.__setstate__"
    cls.__getstate__, cls.__setstate__ = __getstate__, setstate
    return cls


for _record in [v for v in tuple(globals().values()) if dataclasses.is_dataclass(v) and isinstance(v, type)]:
    _pickle_by_slots(_record)
