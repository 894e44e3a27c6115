"""The command line: argparse only. `BriefingError` becomes `path: problem` and exit 1;
anything else is a bug and keeps its traceback."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from generator import __version__
from generator.config import check_settings, load_settings
from generator.errors import BriefingError

FORMATS = ("md", "txt", "json")


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
    build.add_argument("--jobs", type=int, default=None,
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


def main(argv: list[str] | None = None) -> int:
    from generator import pipeline  # imported late so `--help` stays fast

    args = make_parser().parse_args(argv)
    try:
        if args.command == "build":
            settings = load_settings(args.root)
            if args.jobs is not None:
                settings = dataclasses.replace(settings, nlp_processes=args.jobs)
                check_settings(settings, "--jobs")
            failures = pipeline.build(settings, site=not args.no_site, timings=args.timings).failures
        else:
            if args.out is None and not args.explain:
                raise BriefingError(None, "convert needs --out DIR (or --explain)")
            settings = load_settings(Path("."))
            failures = pipeline.convert(args.files, args.format, args.out, settings,
                                        explain=args.explain)
    except BriefingError as err:
        print(f"briefing: {err.message}", file=sys.stderr)
        return 1
    for failure in failures:
        print(failure.message, file=sys.stderr)
    return 1 if failures else 0
