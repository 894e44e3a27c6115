"""Screenshots of the built site for the README: home, an article, a place, the topics and
the timeline, at a desktop (1280 px) and a phone (390 px) width, in Debian's chromium.

    .venv/bin/python scripts/screenshots.py [SITE_DIR] [OUT_DIR]    # defaults: site/ screenshots/

The article and the place are the ones the README names (the first of each in sorted
order), so a rebuild gives the same set. Only the first screenful (`HEIGHT` px) is taken:
the README shows what a reader sees on opening the page.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hostile.harness import chromium, serve  # noqa: E402

WIDTHS = {"desktop": 1280, "phone": 390}
HEIGHT = {"desktop": 900, "phone": 844}


def shots(site: Path) -> dict[str, str]:
    """Name → page: the pages a new reader opens first."""
    def first(folder: str) -> str:
        return f"{folder}/" + sorted(p.name for p in (site / folder).glob("*.html") if p.name != "index.html")[0]
    return {"home": "index.html", "article": first("articles"), "place": first("places"),
            "topics": "topics/index.html", "timeline": "timeline.html"}


def take(site: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with chromium() as browser, serve(site) as base:
        for width_name, width in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": HEIGHT[width_name]},
                                          device_scale_factor=1)
            page = context.new_page()
            for name, path in shots(site).items():
                page.goto(base + path)
                page.wait_for_load_state("load")
                target = out / f"{name}-{width}.png"
                page.screenshot(path=str(target))
                written.append(target)
            context.close()
    return written


if __name__ == "__main__":
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "screenshots"
    for path in take(site, out):
        print(path)
