"""Time Material's search in a built site, as a reader sees it, in headless Chromium.

    .venv/bin/python benchmarks/bench_search.py FOLDER [--http] [--query Q ...] [--key-delay MS]

FOLDER is a built `offline/` (or `site/`) folder; it is opened from file:// (default) or
served on 127.0.0.1 (`--http`). For each query, on a freshly opened page:

  fresh_after_typing_s  the reader clicks the search box and types the query at once (the
                        index is still being built): seconds from their last key to the
                        first result (the issue's "first result <= 2 s after typing")
  ready_s               click -> Material's "Type to start searching", no query: the index
                        build alone (in the browser, on every page load; from file:// only
                        once the search box is opened, and on the page's own thread)

then on that warm page: `warm_after_typing_s` (the query typed again; Material searches on
every key release, so this counts the searches for each prefix) and `warm_pasted_s` (filled
in one go, one key release). `--key-delay` is the pause between keys (default 80 ms, a fast
typist; 0 is what bench_build.py does). Prints a table; writes JSON with `--json FILE`.
`bench_build.py --search` gives the fresh-page figure for a whole build; this script is for
comparing variants of one built folder.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import time
import sys
from pathlib import Path

# The tests' local static server (127.0.0.1, a free port), not a second copy of it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from hostile.harness import serve  # noqa: E402

CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run")
READY_TEXT = "Type to start searching"  # .md-search-result__meta once the worker answered SETUP
RESULT = ".md-search-result__item"
TIMEOUT_MS = 300_000


def type_query(page, text: str, delay_ms: float) -> tuple[float, float]:
    """Type `text` key by key; (start, end) perf_counter of the first and last key."""
    start = time.perf_counter()
    for i, char in enumerate(text):
        if i:
            page.wait_for_timeout(delay_ms) if delay_ms else None
        page.keyboard.press(char)
    return start, time.perf_counter()


def wait_answer(page, query: str) -> None:
    """Until Material shows the results of `query` itself, or says nothing matches. Results
    of an earlier prefix do not count: result links carry the query's terms (`?h=...`,
    search.highlight), so a link for "c" does not pass for "cooperation"."""
    page.wait_for_function(
        """term => [...document.querySelectorAll('a.md-search-result__link')].some(a =>
               new URL(a.href).searchParams.get('h')?.toLowerCase().split(' ').includes(term))
           || /^No matching/.test((document.querySelector('.md-search-result__meta') || {}).textContent || '')""",
        arg=query.split()[0].lower(), timeout=TIMEOUT_MS)


def clear(page, box) -> None:
    box.fill("")
    box.press("End")  # one key release so Material sees the empty query and drops its results
    page.wait_for_function(
        "text => (document.querySelector('.md-search-result__meta') || {}).textContent === text",
        arg=READY_TEXT, timeout=TIMEOUT_MS)


def measure(browser, url: str, query: str, delay_ms: float) -> dict:
    """One fresh page, then the warm page; seconds after the reader's last key.

    Playwright's key presses wait for the page, and from file:// the search runs on the
    page's thread, so keys are late while the index builds. The reader's keys are not:
    they type at `delay_ms` a key from the click, so their last key is at
    click + (len - 1) * delay_ms whatever the page is doing; times are counted from there."""
    typing = (len(query) - 1) * delay_ms / 1000
    row: dict = {"query": query}
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(url, wait_until="load")
        box = page.locator("input.md-search__input")
        clicked = time.perf_counter()
        box.click()
        type_query(page, query, delay_ms)
        wait_answer(page, query)
        row["fresh_after_typing_s"] = round(time.perf_counter() - clicked - typing, 2)
        row["results"] = page.locator(".md-search-result__meta").first.inner_text()
        clear(page, box)
        first_key, _ = type_query(page, query, delay_ms)
        wait_answer(page, query)
        row["warm_after_typing_s"] = round(time.perf_counter() - first_key - typing, 2)
        clear(page, box)
        start = time.perf_counter()
        box.fill(query)
        box.press("End")  # Material listens to keyup
        wait_answer(page, query)
        row["warm_pasted_s"] = round(time.perf_counter() - start, 2)
    finally:
        page.close()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:  # index build alone: click, wait for the ready message, no query
        page.goto(url, wait_until="load")
        start = time.perf_counter()
        page.locator("input.md-search__input").click()
        page.wait_for_function(
            "text => (document.querySelector('.md-search-result__meta') || {}).textContent === text",
            arg=READY_TEXT, timeout=TIMEOUT_MS)
        row["ready_s"] = round(time.perf_counter() - start, 2)
    finally:
        page.close()
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time search in a built site in headless Chromium.")
    parser.add_argument("folder", type=Path, help="a built offline/ or site/ folder")
    parser.add_argument("--http", action="store_true", help="serve it on 127.0.0.1 instead of file://")
    parser.add_argument("--query", nargs="+", default=["cooperation"], help="queries (default: cooperation)")
    parser.add_argument("--key-delay", type=float, default=80, help="ms between keys (default 80)")
    parser.add_argument("--repeat", type=int, default=1, help="measure each query this many times")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    rows = []
    with contextlib.ExitStack() as stack:
        base = (stack.enter_context(serve(args.folder)) if args.http
                else args.folder.resolve().as_uri() + "/")
        play = stack.enter_context(sync_playwright())
        browser = play.chromium.launch(executable_path=args.chromium, args=list(CHROMIUM_ARGS))
        stack.callback(browser.close)
        for query in args.query:
            for _ in range(args.repeat):
                row = measure(browser, base + "index.html", query, args.key_delay)
                rows.append(row)
                print(json.dumps(row), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
