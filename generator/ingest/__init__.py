"""Phase one, per file: read (text dumps and saved pages), line shapes, layout, the ordered
rule table that gives every line one fate, headline and byline, structure → `Article`."""
