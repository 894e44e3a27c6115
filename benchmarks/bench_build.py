"""Time `briefing build` on synthetic corpora of N articles: per stage, whole command, sizes.

For each N it makes a throwaway project (mkdocs.yml, pyproject.toml and the theme of this
repository, plus `make_corpus` articles in seeds/), then runs, each timed from outside and
with the per-stage JSON of `briefing build --timings FILE`:

  cold       first build (no docs/, no cache, no site/)
  unchanged  the same build again, nothing changed
  add-one    one new article added to the N (the others untouched), rebuilt

Stage names are whatever the build reports, so the harness follows the pipeline as it
changes. Peak memory is given twice: the largest single process (`ru_maxrss` from wait4,
what `/usr/bin/time -v` prints) and the sampled sum over the process tree (the build
process, MkDocs and NLP workers alive at the same time), which is what the machine must hold.

    .venv/bin/python benchmarks/bench_build.py --sizes 100 1000 [--search] [--profile]

Writes benchmarks/out/bench-<N>.json (git-ignored) and prints tables; see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.metadata
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import make_corpus  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SIZES = (100, 1000, 5000)
PROJECT_FILES = ("mkdocs.yml", "pyproject.toml")
THEME = Path("generator") / "theme"  # mkdocs.yml: theme.custom_dir
# Every 0.1 s: /proc scans of a few hundred processes take ~2 ms; MkDocs peaks last seconds.
SAMPLE_EVERY_S = 0.1
# The last stage `pipeline.write_docs` reports: the stages up to it are ours, the ones after
# it MkDocs and the offline bundle (`our_stages_s`).
LAST_DOCS_STAGE = "index pages"
# The build's closing summary: "briefing: 386 pages written, 981 unchanged, ..." ("1 page").
PAGES_WRITTEN = re.compile(r"\b(\d+) pages? written\b")
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
SEARCH_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run")
SEARCH_TIMEOUT_MS = 300_000


@dataclass(frozen=True, slots=True)
class Run:
    """One timed `briefing build`: the whole command and the stages it reported."""

    label: str
    exit_code: int
    wall_s: float
    cpu_s: float
    max_process_rss_mb: float
    tree_peak_rss_mb: float
    load_before: float  # 1-minute load average at the start: above the core count, wall times are inflated
    stages: tuple[dict, ...]
    stderr_tail: str


def process_tree_rss(root: int) -> int:
    """Resident bytes (PSS) of `root` and all its descendants now (0 for vanished processes)."""
    return sum(proportional_rss(pid) for pid in process_tree(root))


def process_tree(root: int) -> set[int]:
    """`root` and all its descendants now, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    return tree


def proportional_rss(pid: int) -> int:
    """Resident bytes of `pid`, pages shared with other processes counted in proportion
    (PSS). NLP workers are forked from the build process and share its pages copy-on-write:
    summing their RSS counts those pages once per process. Falls back to RSS where
    smaps_rollup is missing (Linux < 4.14)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * PAGE_BYTES
    except (OSError, IndexError, ValueError):
        return 0


def run_timed(command: list[str], cwd: Path, label: str, timings: Path, env: dict) -> Run:
    """Run `command`, sampling the process tree's memory, and read its stage timings."""
    timings.unlink(missing_ok=True)
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, env=env)
        peak, done = [0], threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], process_tree_rss(proc.pid))
                done.wait(SAMPLE_EVERY_S)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    stages = tuple(json.loads(timings.read_text(encoding="utf-8"))) if timings.is_file() else ()
    return Run(label=label, exit_code=proc.returncode, wall_s=round(wall, 2),
               cpu_s=round(usage.ru_utime + usage.ru_stime, 2),
               max_process_rss_mb=round(usage.ru_maxrss / 1024, 1),
               tree_peak_rss_mb=round(peak[0] / 2**20, 1),
               load_before=round(load, 2), stages=stages, stderr_tail="\n".join(stderr.strip().splitlines()[-15:]))


def export_source(rev: str, dest: Path) -> Path:
    """The generator, mkdocs.yml and pyproject.toml as committed at `rev`, so a benchmark
    measures one fixed version while the working tree is being edited."""
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "--format=tar", rev, "generator", *PROJECT_FILES],
                             cwd=REPO, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def make_project(root: Path, source: Path, n: int, seed: int) -> None:
    """A project folder like `source`'s (this repository or a snapshot), with N articles in seeds/."""
    for name in PROJECT_FILES:
        shutil.copy2(source / name, root / name)
    (root / THEME).parent.mkdir(parents=True, exist_ok=True)
    (root / THEME).symlink_to(source / THEME, target_is_directory=True)
    make_corpus(n, root / "seeds", seed=seed)


# The floor a cold build is compared with (issue 19): the same article pages, as our build
# wrote them to docs/articles/, in a plain mkdocs-material project with our theme settings
# that matter for speed (navigation.prune, search, a nav that does not list every article,
# as ours does not: MkDocs' automatic nav over 5,000 pages made the "floor" 651 s, slower than
# our whole build) and nothing of ours: no index pages, no custom theme, no extra CSS or JS.
FLOOR_MKDOCS_YML = """site_name: floor
docs_dir: docs
site_dir: site
use_directory_urls: false
theme:
  name: material
  font: false
  features: [navigation.prune]
plugins: [search]
nav: [index.md]
validation:
  nav:
    omitted_files: ignore
"""


def plain_mkdocs_floor(root: Path, python: str) -> dict:
    """Seconds a plain mkdocs-material build takes for the article pages of `root`'s docs/."""
    floor = root.parent / f"{root.name}-floor"
    shutil.rmtree(floor, ignore_errors=True)
    (floor / "docs").mkdir(parents=True)
    shutil.copytree(root / "docs" / "articles", floor / "docs" / "articles")
    (floor / "docs" / "index.md").write_text("# floor\n", encoding="utf-8")
    (floor / "mkdocs.yml").write_text(FLOOR_MKDOCS_YML, encoding="utf-8")
    env = dict(os.environ, SOURCE_DATE_EPOCH="0")
    start = time.perf_counter()
    result = subprocess.run([python, "-m", "mkdocs", "build", "--quiet"], cwd=floor, env=env,
                            capture_output=True, text=True)
    wall = round(time.perf_counter() - start, 2)
    pages = sum(1 for _ in (floor / "docs").rglob("*.md"))
    shutil.rmtree(floor, ignore_errors=True)
    return {"wall_s": wall, "pages": pages, "exit_code": result.returncode,
            "stderr_tail": result.stderr[-500:]}


def tree_size(path: Path) -> dict:
    if path.is_file():
        return {"bytes": path.stat().st_size, "files": 1}
    if not path.is_dir():
        return {"bytes": None, "files": None}
    files = [p for p in path.rglob("*") if p.is_file()]
    return {"bytes": sum(p.stat().st_size for p in files), "files": len(files)}


def output_sizes(root: Path) -> dict:
    return {name: tree_size(root / name) for name in
            ("seeds", "docs", "site", "site/search/search_index.json", "offline", "briefing-offline.zip")}


def measure_search(index_html: Path, query: str, chromium: str) -> dict:
    """Seconds from typing `query` into the search box of a freshly opened page to the first
    result, as a reader opening the bundle from file:// sees it (index loading included);
    then, on the now warm page, the same query typed again and pasted in one input event.
    Material searches on every keystroke, so typed minus pasted is the cost of the
    intermediate searches for the query's prefixes."""
    from playwright.sync_api import sync_playwright

    def time_query(page, box, text: str, paste: bool) -> float:
        box.fill("")
        page.wait_for_selector(".md-search-result__item", state="detached", timeout=SEARCH_TIMEOUT_MS)
        start = time.perf_counter()
        if paste:  # Material listens to keyup, not input: one key release after the fill
            box.fill(text)
            box.press("End")
        else:
            page.keyboard.type(text)
        page.wait_for_selector(".md-search-result__item", timeout=SEARCH_TIMEOUT_MS)
        return round(time.perf_counter() - start, 2)

    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=chromium, args=list(SEARCH_ARGS))
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            start = time.perf_counter()
            page.goto(index_html.resolve().as_uri(), wait_until="load")
            loaded = round(time.perf_counter() - start, 2)
            box = page.locator("input.md-search__input")
            box.click()
            first = time_query(page, box, query, paste=False)
            meta = page.locator(".md-search-result__meta").first.inner_text()
            typed = time_query(page, box, query, paste=False)
            pasted = time_query(page, box, query, paste=True)
        finally:
            browser.close()
    return {"query": query, "page_load_s": loaded, "first_result_s": first,
            "warm_typed_s": typed, "warm_pasted_s": pasted, "result_meta": meta}


def profile_build(root: Path, python: str, out: Path, env: dict) -> str:
    """cProfile of our own stages: `pipeline.write_docs` (seeds/ → docs/), which a build
    runs in a child process, called here in the profiled one. MkDocs is not in it. `-P`:
    the project's `generator/` folder (the theme only) must not shadow the package."""
    out.unlink(missing_ok=True)
    code = ("import cProfile; from pathlib import Path; from generator.config import load_settings; "
            "from generator.pipeline import write_docs; settings = load_settings(Path('.')); "
            f"cProfile.run('write_docs(settings)', {str(out)!r})")
    result = subprocess.run([python, "-P", "-c", code],
                            cwd=root, check=False, capture_output=True, text=True, env=env)
    if result.returncode != 0 or not out.is_file():
        return f"(profiled build failed, exit {result.returncode}):\n{result.stderr[-2000:]}"
    text = []

    class Sink:
        def write(self, s: str) -> None:
            text.append(s)

    pstats.Stats(str(out), stream=Sink()).sort_stats("cumulative").print_stats(25)
    return "".join(text)


def environment(rev: str | None) -> dict:
    def git(*args: str) -> str:
        result = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)
        return result.stdout.strip()

    versions = {}
    for dist in ("mkdocs", "mkdocs-material", "spacy"):
        try:
            versions[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            versions[dist] = None
    if rev is not None:
        return {"source": rev, "commit": git("rev-parse", rev), "generator_dirty": False,
                "cpus": os.cpu_count(), "python": platform.python_version(), "versions": versions}
    return {"source": "worktree", "commit": git("rev-parse", "HEAD"),
            "generator_dirty": bool(git("status", "--porcelain", "generator")),
            "cpus": os.cpu_count(), "python": platform.python_version(), "versions": versions}


def format_table(header: list[str], rows: list[list]) -> str:
    cells = [[str(c) for c in header]] + [["-" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
             for r in cells]
    return "\n".join([lines[0], "  ".join("-" * w for w in widths)] + lines[1:])


def stage_table(runs: list[Run]) -> str:
    """One row per run; one column per stage (in the order the build reported them)."""
    names: list[str] = []
    for run in runs:
        names += [s["stage"] for s in run.stages if s["stage"] not in names]
    rows = []
    for run in runs:
        walls = {s["stage"]: s.get("wall_s") for s in run.stages}
        rows.append([run.label, run.exit_code, run.load_before, run.wall_s, run.cpu_s, run.max_process_rss_mb,
                     run.tree_peak_rss_mb] + [walls.get(n) for n in names])
    return format_table(["run", "exit", "load", "wall_s", "cpu_s", "max_proc_MB", "tree_peak_MB"]
                        + [f"{n} (s)" for n in names], rows)


def stage_detail(run: Run) -> str:
    keys: list[str] = []
    for s in run.stages:
        keys += [k for k in s if k != "stage" and k not in keys]
    return format_table(["stage"] + keys, [[s["stage"]] + [s.get(k) for k in keys] for s in run.stages])


def megabytes(size: dict) -> str:
    return "-" if size["bytes"] is None else f"{size['bytes'] / 2**20:.1f} MB ({size['files']} files)"


def bench_one(n: int, args: argparse.Namespace) -> dict:
    root = Path(tempfile.mkdtemp(prefix=f"briefing-bench-{n}-", dir=args.workdir))
    command = [args.briefing, "build"] + (["--jobs", str(args.jobs)] if args.jobs else [])
    rev = None if args.source == "worktree" else args.source
    result: dict = {"n": n, "seed": args.seed, "project": str(root), "environment": environment(rev)}
    env = dict(os.environ)
    source = REPO
    try:
        if rev is not None:
            # PYTHONPATH comes before the editable install's finder, so the snapshot is imported.
            source = export_source(rev, root.parent / f"{root.name}-source")
            env["PYTHONPATH"] = str(source)
            for patch in args.patch:  # a proposed change, measured without committing it
                subprocess.run(["git", "apply", str(Path(patch).resolve())], cwd=source, check=True)
            result["environment"]["patches"] = [Path(p).name for p in args.patch]
        start = time.perf_counter()
        make_project(root, source, n, args.seed)
        result["corpus_s"] = round(time.perf_counter() - start, 2)
        runs, rounds = [], []
        plan = [("cold", None), ("unchanged", None)] if args.incremental else [("cold", None)]
        if args.incremental:
            plan.append(("add-one", lambda: make_corpus(1, root / "seeds", seed=args.seed, start=n, corpus_size=n)))
        for label, before in plan:
            if before is not None:
                before()
            run = timed_build(root, n, label, command, env)
            runs.append(run)
            if run.exit_code != 0:
                break
        result["runs"] = [dataclasses.asdict(r) for r in runs]
        if args.add_rounds and runs and runs[-1].label == "add-one" and runs[-1].exit_code == 0:
            rounds = add_one_rounds(root, n, args, command, env, [runs[-1]])
            result["add_rounds"] = [dataclasses.asdict(r) for r in rounds]
        if (root / "docs" / "articles").is_dir():
            result["floor"] = plain_mkdocs_floor(root, str(Path(args.briefing).parent / "python"))
        result["sizes"] = output_sizes(root)
        if args.search and (root / "offline" / "index.html").is_file():
            try:
                result["search"] = measure_search(root / "offline" / "index.html", args.query, args.chromium)
            except Exception as err:  # a timeout is a finding, not a reason to lose the build figures
                result["search"] = {"query": args.query, "error": f"{type(err).__name__}: {str(err)[:300]}"}
        if args.profile:
            out = Path(args.out) / f"profile-{n}.pstats"
            result["profile_top"] = profile_build(root, str(Path(args.briefing).parent / "python"), out, env)
        print_report(result, runs, rounds)
    finally:
        if args.keep:
            print(f"  kept {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
            shutil.rmtree(root.parent / f"{root.name}-source", ignore_errors=True)
    return result


def add_one_rounds(root: Path, n: int, args: argparse.Namespace, command: list[str], env: dict,
                   rounds: list[Run]) -> list[Run]:
    """`--add-rounds K`: after the add-one run (`rounds` holds it), K more, each adding another
    new article to the same N: one add-one build is one sample of a noisy figure, and what
    an article re-renders depends on the article (benchmarks/README.md). Before each round
    the last added article goes and the project is built again (untimed), so every round
    is N + 1."""
    for number in range(1, args.add_rounds + 1):
        if not next_article(root, n, number, args.seed, command, env):
            print(f"  N={n} back to N before round {number}: the build failed", file=sys.stderr)
            break
        rounds.append(timed_build(root, n, f"add-one {number}", command, env))
        if rounds[-1].exit_code != 0:
            break
    return rounds


def next_article(root: Path, n: int, number: int, seed: int, command: list[str], env: dict) -> bool:
    """Back to the N articles (the added ones go, and the project is built again, untimed),
    then article `n + number` is added: a round's project, not yet built. False when the
    build back to N failed."""
    for path in sorted((root / "seeds").glob("*.txt"))[n:]:  # make_corpus names sort by index
        path.unlink()
    if subprocess.run(command, cwd=root, env=env, capture_output=True).returncode != 0:
        return False
    make_corpus(1, root / "seeds", seed=seed, start=n + number, corpus_size=n)
    return True


def timed_build(root: Path, n: int, label: str, command: list[str], env: dict) -> Run:
    """One `run_timed` build of the project with its stage timings, said on stderr (with the
    build's own last lines when it failed)."""
    timings = root.parent / f"{root.name}-timings-{label.replace(' ', '-')}.json"
    run = run_timed(command + ["--timings", str(timings)], root, label, timings, env)
    timings.unlink(missing_ok=True)
    print(f"  N={n} {label}: exit {run.exit_code}, {run.wall_s} s", file=sys.stderr, flush=True)
    if run.exit_code != 0:
        print(run.stderr_tail, file=sys.stderr)
    return run


def our_stages_s(run: Run) -> float | None:
    """The wall time of the stages that write docs/ (`pipeline.write_docs`, up to and including
    `LAST_DOCS_STAGE`): issue 19's "our stages" of an add-one rebuild; None when the build
    did not report that stage."""
    total = 0.0
    for stage in run.stages:
        total += stage.get("wall_s") or 0.0
        if stage["stage"] == LAST_DOCS_STAGE:
            return round(total, 3)
    return None


def pages_written(run: Run) -> int | None:
    """The pages the build's closing summary says it wrote ("... 386 pages written ...")."""
    found = PAGES_WRITTEN.search(run.stderr_tail)
    return int(found.group(1)) if found else None


def rounds_table(rounds: list[Run]) -> str:
    """One row per add-one round, then the median, lowest and highest of each column."""
    def column(values: list) -> list:
        known = [v for v in values if v is not None]
        return [round(f(known), 3) if known else None for f in (statistics.median, min, max)]

    walls = [r.wall_s for r in rounds]
    ours = [our_stages_s(r) for r in rounds]
    pages = [pages_written(r) for r in rounds]
    rows = [[r.label, w, o, p] for r, w, o, p in zip(rounds, walls, ours, pages)]
    rows += [[name, w, o, p] for name, w, o, p in zip(("median", "lowest", "highest"),
                                                      column(walls), column(ours), column(pages))]
    return format_table(["round", "wall_s", "our stages (s)", "pages written"], rows)


def print_report(result: dict, runs: list[Run], rounds: list[Run]) -> None:
    n = result["n"]
    print(f"\n## N = {n} (corpus made in {result['corpus_s']} s)\n")
    print(stage_table(runs))
    if "floor" in result and runs:
        floor = result["floor"]
        print(f"\nplain-MkDocs floor ({floor['pages']} article pages, mkdocs-material, navigation.prune, "
              f"search; exit {floor['exit_code']}): {floor['wall_s']} s; "
              + "; ".join(f"{r.label} {r.wall_s / floor['wall_s']:.1f}x" for r in runs if floor["wall_s"]))
    for run in runs:
        print(f"\n{run.label}, per stage:\n{stage_detail(run)}")
    if rounds:
        print(f"\nadd-one rounds ({len(rounds)} new articles, one at a time, each onto the same {n}):\n"
              + rounds_table(rounds))
    print("\nsizes after the last build:")
    for name, size in result["sizes"].items():
        print(f"  {name:<32} {megabytes(size)}")
    if "search" in result:
        s = result["search"]
        if "error" in s:
            print(f"\nsearch from file:// ({s['query']!r}) failed: {s['error']}")
        else:
            print(f"\nsearch from file:// ({s['query']!r}, {s['result_meta']}): page load {s['page_load_s']} s; "
                  f"first result {s['first_result_s']} s after typing on the fresh page; warm page: "
                  f"typed {s['warm_typed_s']} s, pasted {s['warm_pasted_s']} s")
    if "profile_top" in result:
        print("\ncProfile of our stages (cumulative):\n" + result["profile_top"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time `briefing build` on N synthetic articles.")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES),
                        help="corpus sizes (default: 100 1000 5000)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--jobs", type=int, default=None, help="pass --jobs to briefing build")
    parser.add_argument("--no-incremental", dest="incremental", action="store_false",
                        help="cold build only (skip the unchanged and add-one rebuilds)")
    parser.add_argument("--add-rounds", type=int, default=0, metavar="K",
                        help="K more add-one rebuilds, each of another new article, with the median, "
                             "lowest and highest of the wall time and of our stages")
    parser.add_argument("--search", action="store_true",
                        help="also time the first search result in offline/ in headless Chromium")
    parser.add_argument("--query", default="cooperation", help="search query (default: cooperation)")
    parser.add_argument("--profile", action="store_true",
                        help="also run one build under cProfile and print the top functions")
    parser.add_argument("--source", default="worktree",
                        help="what to benchmark: 'worktree' (the files as they are now, default) or a "
                             "git revision such as HEAD (exported to a temporary folder)")
    parser.add_argument("--patch", action="append", default=[],
                        help="with --source REV: apply this diff (git apply, paths from the repository "
                             "root) to the exported snapshot first; repeatable")
    parser.add_argument("--briefing", default=str(Path(sys.executable).parent / "briefing"),
                        help="the briefing command (default: next to this Python)")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="Chromium for --search")
    parser.add_argument("--workdir", default=None, help="where temporary projects go (default: $TMPDIR)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "out"), help="JSON output folder")
    args = parser.parse_args(argv)
    if args.patch and args.source == "worktree":
        parser.error("--patch needs --source REV (the working tree is never patched)")
    if not Path(args.briefing).is_file():
        parser.error(f"{args.briefing}: no such command (run with the project venv's python or pass --briefing)")
    Path(args.out).mkdir(parents=True, exist_ok=True)
    failed = False
    for n in args.sizes:
        result = bench_one(n, args)
        path = Path(args.out) / f"bench-{n}.json"
        path.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {path}")
        failed |= any(r["exit_code"] != 0 for r in result["runs"] + result.get("add_rounds", []))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
