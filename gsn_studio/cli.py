"""The `gsn-studio` command line. No Qt here: the editor is started by importing app lazily."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from gsn_studio import __version__
from gsn_studio.analysis import Finding, Severity, check_case, summarize
from gsn_studio.export.figure import ExportOptions, export_figure, format_for
from gsn_studio.io import CaseFileError, format_of, load_case, save_case
from gsn_studio.layout import LayoutError
from gsn_studio.model import Case

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
COMMANDS = ("check", "convert", "export", "edit")


class UsageError(Exception):
    """A bad option value, reported in one line with exit status 2."""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def _natural(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 0 or more")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gsn-studio",
        description="Draw, check, review and publish GSN safety cases. "
        "Without a command, or with only file names, the editor opens.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="report undeveloped goals, expired evidence and structural problems",
        description="Check a case. Exit status: 0 no findings, 1 findings, 2 unreadable input.",
    )
    check.add_argument("case", type=Path, help="a .gsnx file or a gsn2x .yaml file")
    check.add_argument(
        "--as-of",
        type=_date,
        metavar="YYYY-MM-DD",
        help="judge evidence expiry on this day instead of today",
    )
    check.add_argument("--format", choices=("text", "json"), default="text")

    convert = commands.add_parser(
        "convert",
        help="convert between .gsnx and gsn2x YAML",
        description="Convert a case; the formats follow from the file extensions.",
    )
    convert.add_argument("input", type=Path)
    convert.add_argument("output", type=Path)

    export = commands.add_parser(
        "export",
        help="write an SVG, PNG or PDF figure of a case or of one subtree",
        description="Export a figure; the format follows from the output file's extension. "
        "Cases without positions are laid out on the fly.",
    )
    export.add_argument("case", type=Path, help="a .gsnx file or a gsn2x .yaml file")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")
    export.add_argument("--root", metavar="ID", help="export the subtree under this node")
    export.add_argument(
        "--depth", type=_natural, metavar="N", help="with --root: stop N levels below it"
    )
    export.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="judge expiry then")
    export.add_argument("--no-highlights", action="store_true", help="no status colours")
    export.add_argument("--legend", action="store_true", help="add a legend of shapes and marks")
    export.add_argument("--theme", choices=("light", "dark", "print"), default="light")
    export.add_argument(
        "--scale", type=float, default=2.0, help="PNG pixels per diagram unit (default 2)"
    )
    export.add_argument(
        "--transparent", action="store_true", help="PNG with a transparent background"
    )

    edit = commands.add_parser("edit", help="open the editor (the default without a command)")
    edit.add_argument("files", nargs="*", type=Path, help=".gsnx or gsn2x YAML files to open")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args.case, args.as_of, args.format)
        if args.command == "convert":
            return run_convert(args.input, args.output)
        if args.command == "export":
            return run_export(args)
    except CaseFileError as error:
        print(f"gsn-studio: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except UsageError as error:
        print(f"gsn-studio: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    parser.print_help()
    return EXIT_OK


def run_check(path: Path, as_of: dt.date | None, output_format: str) -> int:
    case = load_case(path)
    day = as_of or dt.date.today()
    findings = check_case(case, day)
    if output_format == "json":
        print(json.dumps(check_report(path, case, findings, day), indent=2, ensure_ascii=False))
    else:
        print_text_report(path, case, findings, day)
    return EXIT_FINDINGS if findings else EXIT_OK


def check_report(
    path: Path, case: Case, findings: list[Finding], day: dt.date
) -> dict[str, object]:
    return {
        "file": str(path),
        "as_of": day.isoformat(),
        "summary": summarize(case, findings).as_dict(),
        "findings": [finding.as_dict() for finding in findings],
    }


def print_text_report(path: Path, case: Case, findings: list[Finding], day: dt.date) -> None:
    paint = _painter(sys.stdout)
    width = max((len(f.node or "-") for f in findings), default=1)
    for finding in findings:
        colour = "31" if finding.severity is Severity.ERROR else "33"
        print(
            f"{path}: {(finding.node or '-'):<{width}}  "
            f"{paint(f'{finding.severity.value:<7}', colour)} "
            f"{finding.code}: {finding.message}"
        )
    summary = summarize(case, findings)
    verdict = (
        paint("no findings", "32")
        if not findings
        else f"{_count(summary.errors, 'error')}, {_count(summary.warnings, 'warning')}"
    )
    print(
        f"{path}: {_count(summary.nodes, 'node')}, {_count(summary.goals, 'goal')}, "
        f"{summary.undeveloped_goals} undeveloped, "
        f"{summary.expired_evidence} expired evidence as of {day.isoformat()}: {verdict}"
    )


def run_convert(source: Path, target: Path) -> int:
    format_of(target)  # refuse an unknown output type before reading anything
    case = load_case(source)
    save_case(case, target)
    print(f"wrote {target} ({_count(len(case.nodes), 'node')}, {_count(len(case.links), 'link')})")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    if args.depth is not None and not args.root:
        raise UsageError("--depth needs --root: it counts levels below that node")
    if not 0.1 <= args.scale <= 20:
        raise UsageError(f"--scale {args.scale} is out of range: use 0.1 to 20")
    format_for(args.output)  # refuse an unknown figure type before any work
    case = load_case(args.case)
    if args.root and args.root not in case:
        raise UsageError(f"{args.case}: there is no node {args.root} to export from")
    options = ExportOptions(
        root=args.root,
        depth=args.depth,
        as_of=args.as_of,
        highlights=not args.no_highlights,
        legend=args.legend,
        theme=args.theme,
        scale=args.scale,
        transparent=args.transparent,
        case_path=args.case,
    )
    try:
        export_figure(case, args.output, options)
    except LayoutError as error:
        raise UsageError(f"{args.case}: cannot lay the case out: {error}") from None
    print(f"wrote {args.output}")
    return EXIT_OK


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _painter(stream: object) -> Callable[[str, str], str]:
    enabled = (
        hasattr(stream, "isatty")
        and stream.isatty()
        and "NO_COLOR" not in os.environ
        and os.environ.get("TERM") != "dumb"
    )

    def paint(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if enabled else text

    return paint
