"""The README's screenshots of copies and stories: builds a demo briefing (the five seeds, a
synthetic wire copy of seed 003 with a sidecar naming another outlet, and two pairs of real
articles that each report one event: extraction-dev dumps), then shoots three parts of it
with Debian's chromium (as tests/test_browser.py does).

    .venv/bin/python screenshots/make_stories_screenshots.py [DEMO_DIR]
"""
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "benchmarks")]
from conftest import make_project  # noqa: E402
from hostile.harness import chromium, serve  # noqa: E402
from make_copies import wire_copy  # noqa: E402

demo = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/briefing-stories-demo")
shutil.rmtree(demo, ignore_errors=True)
make_project(demo)
seeds = demo / "seeds"
gold = yaml.safe_load(next((ROOT.parent / "shared" / "seeds-gold").glob("003_*.yml")).read_text())
_, body = wire_copy(gold["body"], "003", furniture=2, drop=1, changed_share=0.01)
headline = "US and China drugs group meets in Beijing: what we know"  # another outlet's headline
(seeds / "005_wire_copy_of_003.txt").write_text("Advertisement\nWorld\n\n" + headline + "\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
(seeds / "005_wire_copy_of_003.meta.yml").write_text("outlet: Harbour Daily (synthetic copy)\npublished: 2024-02-01\n")
original = next(seeds.glob("003_*.txt"))
original.with_suffix(".meta.yml").write_text("outlet: South China Morning Post\npublished: 2024-01-31\n")
dumps = ROOT.parent / "shared" / "extraction-dev" / "dumps" / "browser"
for i, prefix in enumerate(("c7e39ac4", "dc7ccccc", "7bb1ca90", "a078b365")):
    src = next(dumps.glob(prefix + "*.txt"))
    shutil.copy(src, seeds / f"1{i}0_{prefix}.txt")
r = subprocess.run([str(ROOT / ".venv/bin/briefing"), "build"], cwd=demo, capture_output=True, text=True)
assert r.returncode == 0, r.stderr

site = demo / "site"
out = ROOT / "screenshots"
with chromium() as browser, serve(site) as base:
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(base + "index.html")
    page.wait_for_load_state("load")
    heading = page.locator("h2#key-points")
    box = heading.bounding_box()
    ul = page.locator("h2#key-points + ul").bounding_box()
    page.screenshot(path=str(out / "stories-home.png"), clip={"x": box["x"] - 10, "y": box["y"] - 10, "width": 860, "height": ul["y"] + ul["height"] - box["y"] + 80}, full_page=True)
    slug = next(p for p in (site / "articles").glob("*.html") if "china-and-us-vow" in p.name).name
    page.goto(base + "articles/" + slug)
    page.wait_for_load_state("load")
    h = page.locator("h2", has_text="Also published by").bounding_box()
    page.screenshot(path=str(out / "copies-article.png"), clip={"x": h["x"] - 10, "y": h["y"] - 10, "width": 860, "height": 130}, full_page=True)
    slug = next(p for p in (site / "articles").glob("*.html") if "wikileaks" in p.name).name
    page.goto(base + "articles/" + slug)
    page.wait_for_load_state("load")
    h = page.locator("h2", has_text="Same story").bounding_box()
    page.screenshot(path=str(out / "story-article.png"), clip={"x": h["x"] - 10, "y": h["y"] - 10, "width": 860, "height": 110}, full_page=True)
print("wrote screenshots/stories-home.png, copies-article.png, story-article.png")
