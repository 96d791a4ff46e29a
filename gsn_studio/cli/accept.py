"""`gsn-studio accept`: an assessor accepts elements, each with everything under it; `check`
reports the acceptance stale once any of that changes."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from pydantic import ValidationError

from gsn_studio.analysis import ArtifactReader, assess
from gsn_studio.cli.common import EXIT_OK, UsageError, echo, parse_date
from gsn_studio.io import load_case, save_case


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "accept",
        help="record an assessor's acceptance of elements and everything under them",
        description="Record name, date and one hash over each element's subtree (statements, "
        "links, evidence hashes, traced items). check reports the acceptance stale, saying "
        "what changed, once any of it changes; accepting again clears that.",
    )
    parser.add_argument("case", type=Path, help="a .gsnx file or a gsn2x .yaml file")
    parser.add_argument("nodes", nargs="+", metavar="NODE")
    parser.add_argument("--by", required=True, metavar="NAME", help="the assessor")
    parser.add_argument("--on", type=parse_date, metavar="YYYY-MM-DD", help="default: today")
    parser.add_argument(
        "--allow-outside", action="store_true", help="read artifacts outside the case's folder"
    )


def run(args: argparse.Namespace) -> int:
    # Loaded here, not with the parser: every other command would pay for the ReqIF reader.
    from gsn_studio.analysis.acceptance import accepting  # noqa: PLC0415
    from gsn_studio.io.trace_sets import load_trace_sets  # noqa: PLC0415
    from gsn_studio.model.acceptance import Accept  # noqa: PLC0415

    case = load_case(args.case)
    for node_id in args.nodes:
        if node_id not in case:
            raise UsageError(f"{args.case}: there is no node {node_id}")
    day = args.on or dt.date.today()
    sets = load_trace_sets(case, args.case)
    reader = ArtifactReader.for_case_file(args.case, args.allow_outside)
    for node_id in args.nodes:
        # Judged afresh for each: an earlier acceptance may have updated traces under it.
        judgements = assess(case, day, reader, trace_sets=sets).judgements
        try:
            Accept(
                accepting(case, node_id, by=args.by, on=day, judgements=judgements, sets=sets)
            ).apply(case)
        except ValidationError as error:  # a name of only spaces
            problem = str(error.errors()[0]["msg"]).removeprefix("Value error, ")
            raise UsageError(f"{args.case}: {problem}") from None
        except ValueError as error:  # ModelError too
            raise UsageError(f"{args.case}: {error}") from None
    save_case(case, args.case)
    for node_id in args.nodes:
        echo(f"{node_id}: accepted by {args.by} on {day.isoformat()}")
    return EXIT_OK
