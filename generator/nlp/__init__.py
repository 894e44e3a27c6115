"""Phase one, per article and cached: spaCy parse, names, places, entities, quotes, dates,
key phrases and figures → `Enriched`. Never imports corpus/, render/ or output/."""
