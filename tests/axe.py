"""axe-core in Debian's chromium: the accessibility audit of tests/test_accessibility.py, also
runnable by hand to print the table of serious and critical violations per page:

    PYTHONPATH=tests .venv/bin/python tests/axe.py SITE_DIR

axe-core comes from the npm registry, installed by scripts/test.sh into `AXE_DIR`
(`npm install --prefix "$AXE_DIR" axe-core@4.x`); nothing is downloaded by the tests.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hostile.harness import chromium, require_file, serve

AXE_DIR = Path(os.environ.get("BRIEFING_AXE_DIR", Path.home() / ".cache" / "briefing-axe"))
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
# The impacts that fail the audit (axe's own scale: minor, moderate, serious, critical).
BLOCKING = ("serious", "critical")
# Viewports of the audit: the desktop layout and a phone's (Material's drawer and search change).
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def audited_pages(site: Path) -> dict[str, str]:
    """Label → page path: home, an article, a person, the timeline, topics and quotes
    (the first of each kind in sorted order, so the choice never depends on the seeds)."""
    def first(folder: str) -> str:
        pages = sorted(p.name for p in (site / folder).glob("*.html") if p.name != "index.html")
        return f"{folder}/{pages[0]}"
    return {"home": "index.html", "article": first("articles"), "person": first("people"),
            "place": first("places"), "timeline": "timeline.html", "topics": "topics/index.html",
            "topic": first("topics"), "quotes": "quotes.html"}


def require_axe() -> None:
    require_file(AXE_JS, "scripts/test.sh installs axe-core from the npm registry")


def audit(site: Path, pages: dict[str, str] | None = None, viewport: str = "desktop") -> dict[str, list[dict]]:
    """Label → axe violations of impact in `BLOCKING` (id, impact, nodes) on the served site."""
    script = AXE_JS.read_text(encoding="utf-8")
    pages = pages or audited_pages(site)
    found: dict[str, list[dict]] = {}
    with chromium() as browser, serve(site) as base:
        context = browser.new_context(viewport=VIEWPORTS[viewport])
        page = context.new_page()
        for label, path in pages.items():
            page.goto(base + path)
            page.add_script_tag(content=script)
            result = page.evaluate("async () => (await axe.run(document)).violations"
                                   ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,"
                                   " target: v.nodes[0].target.join(' ')}))")
            found[label] = [v for v in result if v["impact"] in BLOCKING]
        context.close()
    return found


def table(found: dict[str, list[dict]]) -> str:
    lines = ["| page | serious | critical | rules (nodes) |", "|---|---|---|---|"]
    for label, violations in found.items():
        counts = {i: sum(v["nodes"] for v in violations if v["impact"] == i) for i in BLOCKING}
        rules = ", ".join(f"{v['id']} ({v['nodes']})" for v in violations) or "none"
        lines.append(f"| {label} | {counts['serious']} | {counts['critical']} | {rules} |")
    return "\n".join(lines)


if __name__ == "__main__":
    for name in VIEWPORTS:
        print(f"\n{name}:\n{table(audit(Path(sys.argv[1]), viewport=name))}")
