"""`gsn-studio convert` and `gsn-studio export`: a case into another format, or into a figure."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gsn_studio.analysis.query import QueryError
from gsn_studio.cli.common import EXIT_OK, UsageError, count, echo
from gsn_studio.cli.query import export_query, refuse
from gsn_studio.export.figure import ExportOptions, export_figure, format_for
from gsn_studio.io import format_of, load_case, save_case
from gsn_studio.io.modular import converted, load_modular, save_modular
from gsn_studio.io.sacm import ImportReport, read_sacm
from gsn_studio.io.sacm.write import save_sacm_modular
from gsn_studio.layout import LayoutError


def run_convert(source: Path, target: Path) -> int:
    format_of(target)  # refuse an unknown output type before reading anything
    if format_of(source) == "sacm":  # another tool's file: say what was read and how
        imported = read_sacm(source)
        print_report(imported.report)
    modular = load_modular([source])
    if modular.is_modular and format_of(target) == "sacm":  # SACM: every module in one file
        save_sacm_modular(converted(modular, target.name), target)
        print(f"wrote {target} ({count(len(modular.modules), 'module')})")
        return EXIT_OK
    if modular.is_modular:  # every module it uses, each to its own file beside the target
        written = save_modular(converted(modular, target.name), target.parent)
        for path in written:
            print(f"wrote {path}")
        return EXIT_OK
    case = modular.modules[0].case
    save_case(case, target)
    echo(f"wrote {target} ({count(len(case.nodes), 'node')}, {count(len(case.links), 'link')})")
    return EXIT_OK


def print_report(report: ImportReport) -> None:
    """The import report on stderr, so that the output stays what was written."""
    for line in report.lines():
        print(line, file=sys.stderr)


def run_export(args: argparse.Namespace) -> int:
    if args.output is None:
        raise UsageError("export needs -o OUT (a figure) or --html OUT_DIR (a publication)")
    if not 0.1 <= args.scale <= 20:
        raise UsageError(f"--scale {args.scale} is out of range: use 0.1 to 20")
    format_for(args.output)  # refuse an unknown figure type before any work
    if args.modules:
        return _export_module_view(args)
    case = load_case(args.case)
    if args.root and args.root not in case:
        raise UsageError(f"{args.case}: there is no node {args.root} to export from")
    try:
        query = export_query(args, case)
    except QueryError as error:
        return refuse(args.query or "", error)
    options = _options(args, query)
    try:
        export_figure(case, args.output, options)
    except LayoutError as error:
        raise UsageError(f"{args.case}: cannot lay the case out: {error}") from None
    except QueryError as error:  # `under` a node the case does not have
        return refuse(query, error)
    echo(f"wrote {args.output}")
    return EXIT_OK


def _export_module_view(args: argparse.Namespace) -> int:
    from gsn_studio.export.module_views import export_module_view  # noqa: PLC0415

    if args.root or args.depth is not None:
        raise UsageError("--modules draws the whole case: it takes no --root or --depth")
    if args.query or args.view or args.matches_only:
        raise UsageError("--modules draws the whole case: --query and --view filter one file's")
    modular = load_modular([args.case])
    try:
        export_module_view(modular, args.modules, args.output, _options(args))
    except LayoutError as error:
        raise UsageError(f"{args.case}: cannot lay the case out: {error}") from None
    echo(f"wrote {args.output} ({args.modules} view, {count(len(modular.modules), 'module')})")
    return EXIT_OK


def _options(args: argparse.Namespace, query: str = "") -> ExportOptions:
    return ExportOptions(
        root=args.root,
        depth=args.depth,
        as_of=args.as_of,
        highlights=not args.no_highlights,
        legend=args.legend,
        theme=args.theme,
        scale=args.scale,
        transparent=args.transparent,
        case_path=args.case,
        allow_outside=args.allow_outside,
        caption=not args.no_caption,
        unfold=args.unfold,
        query=query,
        view_name=args.view or "",
        matches_only=args.matches_only,
    )
