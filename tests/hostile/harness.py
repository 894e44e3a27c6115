"""Helpers shared by the end-to-end tests (tests/test_browser.py, tests/test_hostile.py).

Builds run in a temporary copy of the project, never in the working tree: its docs/ and
site/ may hold a person's pages and must not change because the tests ran. Browsers are
Debian's chromium driven by playwright; nothing is ever downloaded.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run")
# What a page may fetch: the site itself. data:/blob: URLs are in-page, not network.
LOCAL_SCHEMES = ("file", "data", "blob", "about")


def seed_files() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((ROOT / "seeds").glob("*.txt"))}


def require_file(path: Path, how: str) -> None:
    """Skip without a tool's file on a developer machine; in CI its absence is a failure."""
    if path.is_file():
        return
    reason = f"{path} is missing ({how})"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def require_chromium() -> None:
    require_file(CHROMIUM, "install Debian's chromium package; never a browser download")


@contextlib.contextmanager
def chromium():
    """A headless chromium from the system, closed afterwards."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS),
                                         headless=True)
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """`folder` over HTTP on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or (parts.scheme in ("http", "https")
                                             and parts.hostname == "127.0.0.1")


class NetworkGuard:
    """Records every request of a browser context and aborts any that would leave the machine.

    Both lists are checked by the tests: `requests` proves what was fetched, `blocked` that
    nothing remote was even attempted (an aborted request would otherwise go unnoticed).
    """

    def __init__(self, context) -> None:
        self.requests: list[str] = []
        self.blocked: list[str] = []
        context.on("request", lambda request: self.requests.append(request.url))
        context.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def remote(self) -> list[str]:
        return sorted({u for u in self.requests if not is_local(u)} | set(self.blocked))
