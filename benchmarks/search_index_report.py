"""What fills a built site's search index: entries and characters per page kind, empty
sections, and text repeated across entries (issue 9: the browser indexes all of it before the
first result, so every repeated or useless character costs time from file://).

    .venv/bin/python benchmarks/search_index_report.py SITE_OR_INDEX [--top 15]

SITE_OR_INDEX is a built `site/` (or `offline/`) folder or a `search_index.json`. Prints
tables; changes nothing.
"""

from __future__ import annotations

import argparse
import html
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

TAG = re.compile(r"<[^>]+>")
# Sentence-sized pieces: repeats shorter than this are ordinary phrases, not copied text.
MIN_REPEAT_CHARS = 40
SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+|</(?:p|li)>")


def load_index(path: Path) -> dict:
    if path.is_dir():
        path = path / "search" / "search_index.json"
    return json.loads(path.read_text(encoding="utf-8"))


def page_kind(location: str) -> str:
    """The folder of a page (articles, people, ...) or the page itself for top-level pages."""
    page = location.split("#", 1)[0]
    return page.split("/", 1)[0] if "/" in page else page


def plain(text: str) -> str:
    return " ".join(html.unescape(TAG.sub(" ", text)).split())


def words(text: str) -> int:
    return len(plain(text).split())


def report(index: dict, top: int) -> str:
    docs = index["docs"]
    out = [f"config: {json.dumps(index['config'])}",
           f"entries: {len(docs)}; JSON {len(json.dumps(index, separators=(',', ':'))) / 2**20:.2f} MB"]
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for doc in docs:
        kind = by_kind[page_kind(doc["location"])]
        kind["entries"] += 1
        kind["pages"] += "#" not in doc["location"]
        kind["empty sections"] += "#" in doc["location"] and not plain(doc["text"])
        kind["title chars"] += len(doc["title"])
        kind["text chars"] += len(doc["text"])
        kind["markup chars"] += len(doc["text"]) - len(TAG.sub("", doc["text"]))
        kind["words"] += words(doc["title"]) + words(doc["text"])
    total_words = sum(k["words"] for k in by_kind.values()) or 1
    columns = ("pages", "entries", "empty sections", "title chars", "text chars", "markup chars", "words")
    out.append("\n" + "  ".join(["kind".ljust(16)] + [c.rjust(14) for c in columns] + ["words %".rjust(8)]))
    for name, kind in sorted(by_kind.items(), key=lambda item: (-item[1]["words"], item[0])):
        out.append("  ".join([name.ljust(16)] + [str(kind[c]).rjust(14) for c in columns]
                             + [f"{100 * kind['words'] / total_words:.1f}".rjust(8)]))

    section_titles = Counter(doc["title"] for doc in docs if "#" in doc["location"])
    out.append("\nmost common section titles: " + "; ".join(
        f"{title!r} x{count}" for title, count in sorted(section_titles.items(), key=lambda i: (-i[1], i[0]))[:top]))

    pieces: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for piece in SENTENCE_END.split(doc["text"]):
            text = plain(piece)
            if len(text) >= MIN_REPEAT_CHARS:
                pieces[text].add(doc["location"])
    repeated = {text: locs for text, locs in pieces.items() if len(locs) > 1}
    wasted = sum(len(text.split()) * (len(locs) - 1) for text, locs in repeated.items())
    out.append(f"\nsentences (>= {MIN_REPEAT_CHARS} chars) found in more than one entry: {len(repeated)}; "
               f"their extra copies hold {wasted} words ({100 * wasted / total_words:.1f}% of all words)")
    kinds_pairs = Counter()
    for locs in repeated.values():
        kinds_pairs[" + ".join(sorted({page_kind(loc) for loc in locs}))] += 1
    out.append("repeated sentences by the kinds of page that hold them: " + "; ".join(
        f"{k}: {v}" for k, v in sorted(kinds_pairs.items(), key=lambda i: (-i[1], i[0]))[:top]))
    for text, locs in sorted(repeated.items(), key=lambda i: (-len(i[1]), i[0]))[:top]:
        out.append(f"  x{len(locs)} {text[:110]!r} e.g. {sorted(locs)[0]}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="a built site/ or offline/ folder, or a search_index.json")
    parser.add_argument("--top", type=int, default=15, help="how many examples to list")
    args = parser.parse_args(argv)
    print(report(load_index(args.path), args.top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
