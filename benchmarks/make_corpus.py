"""Make N synthetic raw article dumps shaped like the real ones in seeds/, for benchmarks.

Real clipped pages are few and fixed; timing the build at 1,000 or 5,000 articles needs a
corpus whose *shape* matches them (furniture, section label, lead caption with a credit,
headline, two standfirst bullets, 12-25 body paragraphs of ~1,000 words with in-body
captions, video blocks, related headlines, attributed quotes, explicit dates, a trailing
comment counter) and whose *content* grows with N: people, organisations and places are
drawn from generated pools whose size is proportional to N, so the entity and topic
indexes grow as they would on a real newsroom's clippings. Nothing is downloaded; the same
(n, seed) always gives the same bytes (every article has its own `random.Random` seeded
with a string, which Python hashes with SHA-512, independent of PYTHONHASHSEED).

    python benchmarks/make_corpus.py 1000 /tmp/corpus/seeds --seed 0
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from dataclasses import dataclass
from pathlib import Path

# Pool sizes per article in the corpus. Calibrated so an entity recurs in ~1-3 articles
# (each article names ~6-9 people, ~4-6 organisations, ~4-6 places): the cross-article
# index sees both merges and a long tail, and its size is proportional to N.
PEOPLE_PER_ARTICLE = 3.0
ORGS_PER_ARTICLE = 1.5
PLACES_PER_ARTICLE = 0.5
MIN_POOL = 12

# Body length: the seeds have 12-25 paragraphs and 600-1,100 words; the MkDocs
# figures were measured on ~1,000-word articles.
MIN_PARAGRAPHS, MAX_PARAGRAPHS = 12, 25
TARGET_WORDS = 1000

SYLLABLES = ("ka", "lo", "ren", "mi", "dar", "so", "vel", "tan", "ber", "ris", "gan", "mor",
             "li", "sha", "ton", "ve", "nor", "al", "bri", "cas", "den", "fa", "go", "hal",
             "ju", "kem", "lan", "ma", "nik", "or", "pel", "quin", "ra", "sel", "tor", "ul",
             "var", "wen", "ya", "zor")
FIRST_NAMES = ("Anna", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Ines",
               "James", "Kavita", "Liam", "Maria", "Nadia", "Omar", "Priya", "Quentin",
               "Rosa", "Samuel", "Tara", "Umar", "Vera", "Wei", "Xavier", "Yuki", "Zanele",
               "Ahmed", "Beatriz", "Chen", "Dmitri", "Esther", "Felix", "Gabriela", "Hannah",
               "Ivan", "Julia", "Kofi", "Lucia", "Mateo", "Nora")
PLACE_SUFFIXES = ("", "ford", "burg", "ton", "stad", "polis", "ia", "mouth", "field", "ville")
ORG_FIELDS = ("Public Health", "Energy Policy", "Trade", "Climate Research", "Transport",
              "Housing", "Digital Economy", "Water Resources", "Agriculture", "Security Studies",
              "Labour", "Education")
ORG_SHAPES = ("University of {place}", "{place} Institute for {field}", "{place} {field} Agency",
              "{surname} Foundation", "{place} Chamber of Commerce", "Centre for {field}",
              "{place} General Hospital", "{surname} & {surname2} Partners",
              "Ministry of {field}", "{place} Port Authority")
ROLES = ("professor", "senior fellow", "spokeswoman", "spokesman", "director", "chief economist",
         "researcher", "deputy minister", "policy analyst", "chairman", "lawyer", "consultant")
CREDITS = ("AFP", "Reuters", "AP", "EPA-EFE", "Bloomberg", "Xinhua", "AFP/Getty Images/TNS",
           "Handout", "Shutterstock", "Getty Images")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
PROMO = ("Get more with myNEWS", "A personalised news feed of stories that matter to you", "Learn more")


@dataclass(frozen=True, slots=True)
class Topic:
    """One subject's vocabulary: the section label, things, problems and actions."""

    section: str
    things: tuple[str, ...]
    problems: tuple[str, ...]
    actions: tuple[str, ...]
    units: tuple[str, ...]


TOPICS = (
    Topic("Fentanyl and other opioids",
          ("synthetic opioids", "precursor chemicals", "overdose treatment", "naloxone supplies",
           "drug trafficking networks", "counternarcotics cooperation"),
          ("the overdose crisis", "cross-border smuggling", "addiction rates", "illicit laboratories"),
          ("crack down on", "monitor", "regulate", "investigate"),
          ("overdose deaths", "seizures", "arrests", "treatment places")),
    Topic("Energy transition",
          ("offshore wind farms", "grid batteries", "coal plants", "hydrogen pipelines",
           "solar subsidies", "electricity tariffs"),
          ("power shortages", "rising bills", "delayed permits", "transmission bottlenecks"),
          ("expand", "phase out", "subsidise", "connect"),
          ("megawatts", "households", "jobs", "tonnes of emissions")),
    Topic("Trade and tariffs",
          ("export controls", "semiconductor supply chains", "steel tariffs", "shipping routes",
           "customs inspections", "free trade talks"),
          ("the trade deficit", "retaliatory duties", "supply shortages", "currency swings"),
          ("negotiate", "impose", "lift", "review"),
          ("containers", "companies", "billion dollars in goods", "product lines")),
    Topic("Climate and weather",
          ("flood defences", "heatwave warnings", "drought relief", "coastal erosion",
           "carbon markets", "reforestation schemes"),
          ("record temperatures", "crop failures", "rising sea levels", "wildfire seasons"),
          ("fund", "adapt", "rebuild", "protect"),
          ("hectares", "residents", "millimetres of rain", "villages")),
    Topic("Technology",
          ("artificial intelligence rules", "data centres", "chip factories", "online platforms",
           "cybersecurity standards", "broadband rollout"),
          ("data breaches", "misinformation", "a skills shortage", "market concentration"),
          ("regulate", "audit", "invest in", "open up"),
          ("users", "engineers", "servers", "start-ups")),
    Topic("Housing and cities",
          ("public housing", "rent controls", "metro lines", "zoning reforms",
           "property taxes", "urban renewal"),
          ("soaring rents", "long waiting lists", "traffic congestion", "empty flats"),
          ("build", "convert", "redevelop", "cap"),
          ("flats", "families", "kilometres of track", "building permits")),
)


@dataclass(frozen=True, slots=True)
class Pools:
    """Names an article can draw from; their sizes grow with the corpus."""

    people: tuple[tuple[str, str], ...]  # (first name, surname)
    orgs: tuple[str, ...]
    places: tuple[str, ...]


def upper_first(text: str) -> str:
    """`str.capitalize` would lower-case the rest ("In november")."""
    return text[:1].upper() + text[1:]


def make_word(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(low, high))).capitalize()


def unique_names(rng: random.Random, count: int, make) -> tuple:
    """`count` distinct names; a clash is redrawn, so pools never shrink by collisions."""
    seen: dict = {}
    while len(seen) < count:
        name = make()
        seen.setdefault(name, None)
    return tuple(seen)


def make_pools(corpus_size: int, seed: int) -> Pools:
    rng = random.Random(f"briefing-bench:{seed}:pools")
    size = lambda per_article: max(MIN_POOL, round(corpus_size * per_article))
    people = unique_names(rng, size(PEOPLE_PER_ARTICLE),
                          lambda: (rng.choice(FIRST_NAMES), make_word(rng, 2, 3)))
    places = unique_names(rng, size(PLACES_PER_ARTICLE),
                          lambda: make_word(rng, 2, 3) + rng.choice(PLACE_SUFFIXES))
    orgs = unique_names(rng, size(ORGS_PER_ARTICLE), lambda: rng.choice(ORG_SHAPES).format(
        place=rng.choice(places), field=rng.choice(ORG_FIELDS),
        surname=make_word(rng, 2, 3), surname2=make_word(rng, 2, 3)))
    return Pools(people=people, orgs=orgs, places=places)


@dataclass(slots=True)
class Writer:
    """The state of one article being written: its topic, cast and random stream."""

    rng: random.Random
    topic: Topic
    cast: tuple[tuple[str, str, str, str], ...]  # first, surname, role, org
    places: tuple[str, ...]
    orgs: tuple[str, ...]

    def pick(self, items):
        return self.rng.choice(items)

    def year(self) -> int:
        return self.rng.randint(1998, 2024)

    def number(self) -> str:
        value = self.rng.choice((self.rng.randint(2, 99), self.rng.randint(100, 9999),
                                 self.rng.randint(10_000, 500_000)))
        return f"{value:,}"

    def date_phrase(self) -> str:
        return self.pick((f"in {self.year()}", f"in {self.pick(MONTHS)} {self.year()}",
                          f"on {self.pick(WEEKDAYS)}", f"earlier this month",
                          f"in {self.pick(MONTHS)} last year"))

    def sentence(self) -> str:
        t, p = self.topic, self.pick
        first, surname, role, org = p(self.cast)
        shapes = (
            f"{upper_first(self.date_phrase())}, {p(self.places)} announced plans to {p(t.actions)} "
            f"{p(t.things)}, a move officials said would ease {p(t.problems)}.",
            f"About {self.number()} {p(t.units)} were affected {self.date_phrase()}, according to "
            f"figures published by the {p(self.orgs)}.",
            f"The debate over {p(t.things)} has divided lawmakers in {p(self.places)} since "
            f"{self.year()}, when {p(t.problems)} first made headlines.",
            f"{first} {surname}, a {role} at the {org}, said the government had been slow to "
            f"{p(t.actions)} {p(t.things)} despite warnings about {p(t.problems)}.",
            f"Critics in {p(self.places)} argue that {p(t.things)} alone cannot solve "
            f"{p(t.problems)}, which cost an estimated {self.number()} {p(t.units)} {self.date_phrase()}.",
            f"Officials from {p(self.places)} and {p(self.places)} met {self.date_phrase()} to "
            f"discuss {p(t.things)} and agreed to share data on {p(t.problems)}.",
            f"Analysts expect the number of {p(t.units)} to rise by {self.rng.randint(2, 60)} per "
            f"cent by {self.rng.randint(2025, 2035)} if nothing is done about {p(t.problems)}.",
            f"The {p(self.orgs)} has called for an independent review of {p(t.things)}.",
            f"It is not the first time {p(t.problems)} has reached the top of the agenda.",
            f"A report released {self.date_phrase()} found that {self.rng.randint(2, 9)} in 10 "
            f"residents of {p(self.places)} considered {p(t.problems)} a serious issue.",
            f"{surname} added that any plan to {p(t.actions)} {p(t.things)} would need support "
            f"from {p(self.places)}, which has resisted similar proposals before.",
            f"Budget documents show spending on {p(t.things)} fell to {self.number()} {p(t.units)} "
            f"{self.date_phrase()}, the lowest level in a decade.",
        )
        return p(shapes)

    def quote(self) -> str:
        t, p = self.topic, self.pick
        first, surname, role, org = p(self.cast)
        said = p((f"said {first} {surname}, a {role} at the {org}.", f"{surname} said.",
                  f"said {surname}, who has studied {p(t.problems)} for {self.rng.randint(3, 30)} years."))
        content = p((f"We cannot {p(t.actions)} {p(t.things)} on our own",
                     f"The figures on {p(t.problems)} are worse than anyone expected",
                     f"Nobody in {p(self.places)} wants to talk about {p(t.problems)}, but we have to",
                     f"There is a real chance to {p(t.actions)} {p(t.things)} this time"))
        return f"“{content},” {said}"

    def paragraph(self, words: int) -> str:
        """Whole sentences until the paragraph is nearest `words`, so the article total stays near the target."""
        text = self.quote() if self.rng.random() < 0.3 else self.sentence()
        while True:
            more = self.sentence()
            if len(text.split()) + len(more.split()) // 2 > words:  # nearest to `words`
                return text
            text += " " + more

    def headline(self) -> str:
        t, p = self.topic, self.pick
        shape = p((f"{p(self.places)} and {p(self.places)} vow closer cooperation on {p(t.things)}",
                   f"Why {p(t.problems)} is testing {p(self.places)}’s patience",
                   f"{p(self.orgs)} warns of {p(t.problems)} as {p(t.things)} stall",
                   f"{self.number()} {p(t.units)} at stake as {p(self.places)} moves to {p(t.actions)} {p(t.things)}",
                   f"Inside the fight over {p(t.things)} in {p(self.places)}"))
        return upper_first(shape)

    def caption(self) -> str:
        t, p = self.topic, self.pick
        first, surname, role, org = p(self.cast)
        text = p((f"{first} {surname} speaks about {p(t.things)} in {p(self.places)}.",
                  f"Residents of {p(self.places)} have lived with {p(t.problems)} for years.",
                  f"{upper_first(p(t.things))} have become a political issue in {p(self.places)}."))
        return f"{text} Photo: {p(CREDITS)}"

    def standfirst(self) -> str:
        t, p = self.topic, self.pick
        return p((f"The {p(self.orgs)} says {p(t.problems)} will worsen unless {p(self.places)} acts",
                  f"Experts doubt that plans to {p(t.actions)} {p(t.things)} will work before {self.rng.randint(2025, 2030)}",
                  f"Talks in {p(self.places)} are expected to focus on {p(t.things)} and {p(t.problems)}"))


def article_text(index: int, pools: Pools, seed: int) -> str:
    """One raw dump: furniture, label, lead caption, headline, standfirst, body, counter."""
    rng = random.Random(f"briefing-bench:{seed}:article:{index}")
    topic = rng.choice(TOPICS)
    cast = tuple((first, surname, rng.choice(ROLES), rng.choice(pools.orgs))
                 for first, surname in rng.sample(pools.people, rng.randint(6, 9)))
    w = Writer(rng=rng, topic=topic, cast=cast, places=tuple(rng.sample(pools.places, 5)),
               orgs=tuple(rng.sample(pools.orgs, 4)))
    opinion = rng.random() < 0.2
    author = f"{w.pick(FIRST_NAMES)} {make_word(rng, 2, 3)}"
    lines = ["Advertisement", "Advertisement"]
    if opinion:
        lines += [w.caption(), "Opinion", author, author, ""]
    else:
        lines += [topic.section] + (list(PROMO) if rng.random() < 0.5 else []) + [w.caption(), ""]
    lines += [w.headline(), "", f"  • {w.standfirst()}", f"  • {w.standfirst()}"]
    paragraphs = rng.randint(MIN_PARAGRAPHS, MAX_PARAGRAPHS)
    per_paragraph = TARGET_WORDS // paragraphs
    for number in range(paragraphs):
        lines.append(w.paragraph(per_paragraph))
        if number in (0, paragraphs - 1) or rng.random() < 0.5:
            continue  # paragraphs sometimes follow each other without a blank line, as in the seeds
        lines.append("")
        extra = rng.random()
        if extra < 0.12:
            title = w.headline()
            lines += [f"{rng.randint(0, 12):02d}:{rng.randint(0, 59):02d}", "", title, "", title, ""]
        elif extra < 0.24:
            lines += [w.headline(), ""]
        elif extra < 0.34:
            lines += [w.caption(), ""]
    lines.append("")
    if opinion:
        lines += [f"{author} is a {rng.choice(ROLES)} at the {rng.choice(pools.orgs)}", ""]
    return "\n".join(lines) + "\n" + str(rng.randint(0, 400))  # the counter has no final newline


def make_corpus(n: int, out_dir: Path, seed: int = 0, start: int = 0,
                corpus_size: int | None = None) -> tuple[Path, ...]:
    """Write articles `start`..`start+n-1` to `out_dir` as `NNNNN_<hash>.txt`.

    `corpus_size` sets the name pools (default `start + n`); pass the original N to add
    articles to an existing corpus without changing the ones already written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    pools = make_pools(corpus_size if corpus_size is not None else start + n, seed)
    paths = []
    for index in range(start, start + n):
        text = article_text(index, pools, seed)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        path = out_dir / f"{index:05d}_{digest}.txt"
        path.write_text(text, encoding="utf-8", newline="\n")
        paths.append(path)
    return tuple(paths)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write N synthetic raw article dumps to OUT_DIR.")
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out_dir", type=Path, help="folder to write NNNNN_<hash>.txt files into")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--start", type=int, default=0, help="index of the first article (default 0)")
    parser.add_argument("--corpus-size", type=int, default=None,
                        help="size the name pools for this N (to add articles to an existing corpus)")
    args = parser.parse_args(argv)
    paths = make_corpus(args.n, args.out_dir, args.seed, args.start, args.corpus_size)
    print(f"wrote {len(paths)} articles to {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
