"""Name look-up: the entity a name found elsewhere refers to (a quote's speaker, a name
in a gold file), by the rules the merge (`merge.py`) uses to join spellings, over the
entities it made.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence

from generator.corpus.merge import LongerForms, base_key, pick_group, written_surnames
from generator.model import Entity, EntityType
from generator.nlp.places import place_index


class AliasIndex:
    """Names → entities, built once for many look-ups (a quote's speaker, a link in the
    text). Holds only what it was built from; build a new one for new entities."""

    def __init__(self, entities: Sequence[Entity]):
        self.places = place_index()
        self.entities = {e.key: e for e in entities}
        self.owners: dict[str, set[str]] = defaultdict(set)
        self.in_article: dict[str, set[str]] = defaultdict(set)
        for e in entities:
            for surface in (e.name, *e.aliases):
                self.owners[base_key(surface, e.type, self.places)].add(e.key)
            for article in e.articles:
                self.in_article[article].add(e.key)
        surfaces = [s for e in entities if e.type is EntityType.PERSON for s in (e.name, *e.aliases)]
        self.longer = LongerForms(self.owners, self.places, written_surnames(surfaces))

    def resolve(self, name: str, article: str | None = None) -> Entity | None:
        """The entity `name` refers to, or None when none or more than one fits. Exact
        spellings (up to case, accents, "the", honorifics, initials, country codes) first,
        then short forms (surname, acronym, name without its country); `article` breaks
        ties the way merging does."""
        keys = [base_key(name, kind, self.places) for kind in EntityType]
        here = self.in_article.get(article, set()) if article is not None else set()
        exact = set().union(*(self.owners.get(k, set()) for k in keys))
        if exact:  # an exact spelling decides, or fits more than one: no short form is asked
            choice = pick_group(exact, here, exact)
            return None if choice is None else self.entities[choice]
        short = {e for k in keys for longer in self.longer.of(k) for e in self.owners[longer]}
        far = not written_surnames([name])  # "Mr Xi" is a surname wherever it stands
        remote = {e for k in keys for longer in self.longer.of(k, remote=far) for e in self.owners[longer]}
        choice = pick_group(short, here, remote)
        return None if choice is None else self.entities[choice]


def resolve_name(name: str, entities: Sequence[Entity], article: str | None = None) -> Entity | None:
    """The entity `name` refers to ("Mr. Wu", "Blinken", "the United States", "DEA"), or None
    when no entity or more than one fits; `article` (an article id) prefers entities that
    article names: "Li" in an article about Spencer Li is Spencer Li. For many look-ups
    build one `AliasIndex` and call its `resolve`."""
    return AliasIndex(entities).resolve(name, article)
