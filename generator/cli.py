"""The command line: argparse only. `BriefingError` becomes `path: problem` and exit 1;
anything else is a bug and keeps its traceback."""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

from generator import __version__
from generator.config import check_settings, load_settings
from generator.errors import BriefingError, printable

FORMATS = ("md", "txt", "json")


def positive_int(text: str) -> int:
    """`--jobs`: a whole number of processes, at least 1 (argparse turns the error into usage)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is below 1; give 1 or more processes "
                                         "(or leave it out for [tool.briefing] nlp_processes)")
    return value


class StageBars:
    """A tqdm bar per build stage on stderr, only when stderr is a terminal (a log or a
    pipe gets the closing summary alone). Called as the build's `Progress`; it pickles
    without its bar, because the child process that writes docs/ calls it too."""

    LABELS = {"read+clean": "read and clean", "nlp": "find names, quotes, dates",
              "pages": "write pages", "website": "website and bundle"}

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.stage: str | None = None
        self.bar = None

    def __getstate__(self) -> dict:
        return {"enabled": self.enabled}

    def __setstate__(self, state: dict) -> None:
        self.enabled, self.stage, self.bar = state["enabled"], None, None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = tqdm(total=total, desc=self.LABELS.get(stage, stage), unit="", file=sys.stderr,
                            leave=False, dynamic_ncols=True)
        self.bar.total = total
        self.bar.update(done - self.bar.n)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        self.bar, self.stage = None, None


def build_summary(result, seconds: float) -> str:
    """The closing lines of every build, on a terminal or not."""
    from generator.render.links import plural

    docs, pages = result.docs, result.docs.written
    fresh = docs.articles - docs.cached
    lines = [f"briefing: built {plural(docs.articles, 'article')} ({fresh} parsed, {docs.cached} from the cache), "
             f"{docs.refused} refused",
             f"briefing: {plural(pages.written, 'page')} written, {pages.unchanged} unchanged"
             + (f", {pages.removed} removed" if pages.removed else "")
             + f"; outputs: {', '.join(result.outputs)}"
             + (" (kept: the site's inputs are the last build's)" if result.site_kept else "")
             + f"; {seconds:.1f} s"]
    return "\n".join(lines)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Turn a folder of raw news article dumps into a searchable briefing site.")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build", help="seeds/ → docs/ → site/ (with briefing.json), offline/ and the zip",
        description="Build the briefing in the current folder: read seeds/, write generated "
                    "pages to docs/, the website to site/ (with site/briefing.json), the "
                    "offline bundle to offline/ and briefing-offline.zip.")
    build.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")
    build.add_argument("--no-site", action="store_true",
                       help="write docs/ and briefing data only; skip MkDocs and the bundle")
    build.add_argument("--timings", type=Path, metavar="FILE",
                       help="write wall time, CPU time and peak memory of each stage to FILE (JSON)")
    build.add_argument("--jobs", type=positive_int, default=None,
                       help="processes for the NLP stage (default: [tool.briefing] nlp_processes)")

    convert = commands.add_parser(
        "convert", help="convert article files one by one to md, txt or json (no site)",
        description="Write DIR/<input stem>.<format> for each FILE. txt is the cleaned body, "
                    "paragraphs separated by a blank line; json has the gold field names; md is "
                    "the article page.")
    convert.add_argument("--format", choices=FORMATS, default="md", help="output format (default: md)")
    convert.add_argument("--out", type=Path, help="output folder (created if missing)")
    convert.add_argument("--explain", action="store_true",
                         help="print every line with its fate and the rule that decided it")
    convert.add_argument("files", nargs="+", type=Path, metavar="FILE")
    return parser


def run_build(args: argparse.Namespace) -> int:
    from generator import pipeline  # imported late so `--help` stays fast

    settings = load_settings(args.root)
    if args.jobs is not None:
        settings = dataclasses.replace(settings, nlp_processes=args.jobs)
        check_settings(settings, "--jobs")
    began = time.perf_counter()
    bars = StageBars()
    try:
        result = pipeline.build(settings, site=not args.no_site, timings=args.timings, progress=bars)
    finally:
        bars.close()
    for line in result.docs.notes + tuple(f.message for f in result.failures):
        print(line, file=sys.stderr)
    print(build_summary(result, time.perf_counter() - began), file=sys.stderr)
    return 1 if result.failures else 0


def run_convert(args: argparse.Namespace) -> int:
    from generator import convert  # imported late so `--help` stays fast

    if args.out is None and not args.explain:
        raise BriefingError(None, "convert needs --out DIR (or --explain)")
    settings = load_settings(Path("."))
    failures: list[BriefingError] = []
    if args.explain:
        for path in args.files:
            try:
                print(f"# {printable(str(path))}")
                print(convert.explain_file(path, settings), end="")
            except BriefingError as err:
                failures.append(err)
    else:
        failures = convert.convert(args.files, args.format, args.out, settings)
    for failure in failures:
        print(failure.message, file=sys.stderr)
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return run_build(args) if args.command == "build" else run_convert(args)
    except BriefingError as err:
        print(f"briefing: {err.message}", file=sys.stderr)
        return 1
