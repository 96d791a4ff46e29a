"""`gsn-studio query CASE 'type=solution and state!=current'`: the ids of the elements that
match, one a line, or JSON; a saved view of the case runs with `--view NAME`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from gsn_studio.cli.common import EXIT_BAD_INPUT, EXIT_OK, UsageError, echo, terminal_json

# The query language and the analysis are imported when a query runs: every command builds
# this one's parser, and `check` must not pay for them (issue 17).
if TYPE_CHECKING:
    from gsn_studio.analysis.query import QueryError, QueryFacts
    from gsn_studio.model import Case

QUERY_HELP = (
    "conditions such as type=solution, id=G1*, text~fairness, owner=alice, tag=x, "
    "status=weakened, state=expired, module=M, trace=REQ-1, under G2, joined with and, or, "
    "not and parentheses (see docs/query.md)"
)


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    # The options that judge evidence are check's, defined once with the command table.
    from gsn_studio.cli.main import _judging_options as judging_options  # noqa: PLC0415

    parser = commands.add_parser(
        "query",
        help="list the elements that match a query (type, id, text, owner, status, state...)",
        description="Print the ids of the elements that match, one a line, in the case's "
        "order; for a case of several modules each as MODULE:ID. Exit status: 0, or 2 for a "
        "query or file that cannot be read.",
    )
    parser.add_argument(
        "case",
        type=Path,
        help="a .gsnx, gsn2x .yaml or SACM file; for a case of several modules any of its "
        "files (the modules it uses are opened too)",
    )
    parser.add_argument("query", nargs="?", help=QUERY_HELP)
    parser.add_argument(
        "--view", metavar="NAME", help="run the query of a view saved in the case instead"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    judging_options(parser)
    add_export_options(commands.choices["export"])


def add_export_options(export: argparse.ArgumentParser) -> None:
    """`export --query Q | --view NAME [--matches-only]`: a figure filtered by a query (added
    with the query command, so that the language's options live with it)."""
    chosen = export.add_mutually_exclusive_group()
    chosen.add_argument(
        "--query", metavar="QUERY", help="draw the elements this query does not match faint"
    )
    chosen.add_argument("--view", metavar="NAME", help="the same, with a view saved in the case")
    export.add_argument(
        "--matches-only",
        action="store_true",
        help="with --query or --view: only the matches and the path above each to the top "
        "(drawn faint), laid out afresh",
    )


def export_query(args: argparse.Namespace, case: Case) -> str:
    """The query an export filters by ("" for none), checked: a bad one is a QueryError."""
    if args.matches_only and not (args.query or args.view):
        raise UsageError("--matches-only needs --query or --view: it keeps what they match")
    from gsn_studio.analysis.query import parse  # noqa: PLC0415

    text = saved_query(case, args.view, args.case) if args.view else args.query or ""
    if text:
        parse(text)
    return str(text)


def run(args: argparse.Namespace) -> int:
    from gsn_studio.analysis import ArtifactReader  # noqa: PLC0415
    from gsn_studio.analysis.modules import assess_modular  # noqa: PLC0415
    from gsn_studio.analysis.query import (  # noqa: PLC0415  # noqa: PLC0415
        QueryError,
        QueryFacts,
        matching,
        modular_facts,
        needs_facts,
        parse,
    )
    from gsn_studio.io.modular import load_modular  # noqa: PLC0415

    modular = load_modular([args.case])
    first = args.case
    text = _query_text(args, modular.modules[0].case)
    try:
        expr = parse(text)
    except QueryError as error:
        return refuse(text, error)
    reader = ArtifactReader.for_case_file(first, args.allow_outside)
    judged = needs_facts(expr) or args.format == "json"  # JSON gives each match's status
    found: list[tuple[str, Case, list[str], QueryFacts]] = []
    try:
        if modular.is_modular:
            result = assess_modular(modular, args.as_of, reader, args.soon) if judged else None
            for module in modular.modules:
                facts = (
                    modular_facts(result, module)
                    if result is not None
                    else QueryFacts(module=module.id)
                )
                found.append((module.id, module.case, matching(module.case, expr, facts), facts))
        else:
            case = modular.modules[0].case
            facts = _facts(case, first, args) if judged else QueryFacts()
            found.append(("", case, matching(case, expr, facts), facts))
    except QueryError as error:  # `under` a node the case does not have
        return refuse(text, error)
    if args.format == "json":
        sys.stdout.write(terminal_json(_report(first, text, found)) + "\n")
        return EXIT_OK
    for module_id, _, ids, _ in found:
        for node_id in ids:
            echo(f"{module_id}:{node_id}" if module_id else node_id)
    return EXIT_OK


def _query_text(args: argparse.Namespace, case: Case) -> str:
    if (args.query is None) == (args.view is None):
        raise UsageError("query needs a QUERY or --view NAME (one of them)")
    if args.view is None:
        return str(args.query)
    return saved_query(case, args.view, args.case)


def saved_query(case: Case, name: str, path: Path) -> str:
    """The query of a saved view, or a UsageError listing the views there are."""
    from gsn_studio.model.views import view_named  # noqa: PLC0415

    view = view_named(case.views, name)
    if view is None:
        names = ", ".join(repr(view.name) for view in case.views) or "none"
        raise UsageError(f"{path}: there is no saved view {name!r} (saved views: {names})")
    return view.query


def _facts(case: Case, path: Path, args: argparse.Namespace) -> QueryFacts:
    from gsn_studio.analysis import ArtifactReader, Assessment, assess  # noqa: PLC0415
    from gsn_studio.analysis.query import facts_from  # noqa: PLC0415
    from gsn_studio.io.trace_sets import load_trace_sets  # noqa: PLC0415

    reader = ArtifactReader.for_case_file(path, args.allow_outside)
    sets = load_trace_sets(case, path)
    assessment: Assessment = assess(case, args.as_of, reader, args.soon, trace_sets=sets)
    return facts_from(case, assessment)


def refuse(text: str, error: QueryError) -> int:
    """The message, then the query with a caret under the column, on stderr."""
    echo(error, stream=sys.stderr)
    if "\n" not in text and len(text) < 200:
        echo(f"  {text}", stream=sys.stderr)
        echo(f"  {' ' * (error.column - 1)}^", stream=sys.stderr)
    return EXIT_BAD_INPUT


def _report(
    path: Path, text: str, found: list[tuple[str, Case, list[str], QueryFacts]]
) -> dict[str, object]:
    matches = []
    for module_id, case, ids, facts in found:
        for node_id in ids:
            node = case.node(node_id)
            entry: dict[str, object] = {
                "id": node_id,
                "type": node.type.value,
                "statement": node.statement,
                "status": facts.marks.get(node_id, ""),
            }
            if module_id:
                entry["module"] = module_id
            matches.append(entry)
    return {"case": str(path), "query": text, "count": len(matches), "matches": matches}
