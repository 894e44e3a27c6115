"""The quotes page: sources most quoted first, unnamed last, sorted by their plain name;
past `QUOTES_PAGE_MAX` quotes an index of pages of whole sources A to Z, none longer than
the bound, every quote on exactly one page."""

from __future__ import annotations

import re

from conftest import make_article
from generator.model import Briefing, Enriched, Quote, SpeakerQuotes
from generator.render import quotes as quotes_module
from generator.render.quotes import quotes_parts, render_quotes


def quote(n: int, article: str = "a") -> Quote:
    return Quote(text=f"Quote {n}.", speaker=None, described_as=None, article=article, paragraph=1)


def briefing(sources: list[SpeakerQuotes]) -> Briefing:
    article = make_article("x", id="a")
    return Briefing(articles=(Enriched(article=article),), entities=(), quotes=tuple(q for s in sources for q in s.quotes),
                    events=(), topics=(), speaker_quotes=tuple(sources))


def sources(*spec: tuple[str | None, int]) -> list[SpeakerQuotes]:
    out, n = [], 0
    for name, count in spec:
        out.append(SpeakerQuotes(quotes=tuple(quote(n + i) for i in range(count)), name=name,
                                 described_as=None if name else "an official"))
        n += count
    return out


def test_a_short_listing_is_one_page_most_quoted_first_unnamed_last():
    pages = render_quotes(briefing(sources(("zed", 1), (None, 5), ("Amy", 2), ("bob", 2))))
    assert [p.path for p in pages] == ["quotes.md"]
    headings = re.findall(r"^## (.+)$", pages[0].text, re.M)
    assert headings == ["Amy", "bob", "zed", "Unnamed: an official"]


def test_a_long_listing_is_an_index_of_bounded_pages_holding_every_quote_once(monkeypatch):
    monkeypatch.setattr(quotes_module, "QUOTES_PAGE_MAX", 4)
    given = sources(("Cy", 3), ("amy", 2), (None, 2), ("Bo", 9), ("Di", 1))
    pages = render_quotes(briefing(given))
    index, parts = pages[0], pages[1:]
    assert index.path == "quotes.md" and all(p.path.startswith("quotes/") for p in parts)
    found = [q for p in parts for q in re.findall(r"“(Quote \d+\.)”", p.text)]
    assert sorted(found) == sorted(q.text for s in given for q in s.quotes)  # each once
    assert all(len(re.findall("“", p.text)) <= 4 for p in parts)
    order = [h for p in parts for h in re.findall(r"^## (.+)$", p.text, re.M)]
    assert order == ["amy", "Bo", "Bo", "Bo", "Cy", "Di", "Unnamed: an official"]
    assert "Bo — " in index.text and index.text.index("Bo — ") < index.text.index("Cy — ")  # most quoted first
    for p in parts:
        assert f'href="{p.path.removesuffix(".md")}.html"' in index.text


def test_parts_pack_whole_sources_while_they_fit():
    parts = quotes_parts(sources(("a", 2), ("b", 2), ("c", 3), ("d", 1)), limit=4)
    assert [[s.name for s, _ in p.groups] for p in parts] == [["a", "b"], ["c", "d"]]
