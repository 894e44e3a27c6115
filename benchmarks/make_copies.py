"""Synthetic wire copies of real article bodies, for the duplicate finder's tests and benchmark.

Another outlet's copy of a wire story has another headline, its own furniture lines where
the cleaner may let them through (a "Read more" line, a promo, a credit), a paragraph cut
for length and a few words changed by an editor. `wire_copy` makes one such copy of a
list of paragraphs; the same (paragraphs, seed) always gives the same copy (its own
`random.Random` seeded with a string, independent of PYTHONHASHSEED).
"""

from __future__ import annotations

import random
from pathlib import Path

# Lines other outlets add around a wire story; kept short and generic, as furniture is.
FURNITURE = ("Read more", "Advertisement", "Sign up for our morning newsletter",
             "Share this article", "Follow us on social media for the latest updates",
             "This story has been updated", "Copyright 2024. All rights reserved.",
             "Click here to subscribe to our newsletter and never miss a story")
# Words an editor swaps in ("said" → "stated"): applied to a few words of the copy.
EDITS = ("stated", "reported", "noted", "according", "recently", "officials", "however", "also")
HEADLINES = ("What we know so far", "Latest", "Breaking", "Explainer", "Update")


def wire_copy(paragraphs: list[str], seed: str, furniture: int = 3, drop: int = 1,
              changed_share: float = 0.02) -> tuple[str, list[str]]:
    """(headline, body paragraphs) of another outlet's copy: `furniture` furniture lines
    inserted as paragraphs, `drop` paragraphs removed (never all), `changed_share` of the
    words replaced."""
    rng = random.Random(f"briefing-copy:{seed}")
    body = list(paragraphs)
    for _ in range(min(drop, len(body) - 1)):
        body.pop(rng.randrange(len(body)))
    edited = []
    for paragraph in body:
        words = paragraph.split()
        for i in range(len(words)):
            if rng.random() < changed_share:
                words[i] = rng.choice(EDITS)
        edited.append(" ".join(words))
    for _ in range(furniture):
        edited.insert(rng.randrange(len(edited) + 1), rng.choice(FURNITURE))
    headline = f"{rng.choice(HEADLINES)}: {' '.join((paragraphs[0] if paragraphs else '').split()[:8])}"
    return headline, edited


def gold_bodies(folder: Path) -> dict[str, list[str]]:
    """extraction-dev's true bodies (`gold/<id>.txt`) as paragraphs, by id."""
    return {p.stem: [line.strip() for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
            for p in sorted(folder.glob("*.txt"))}
