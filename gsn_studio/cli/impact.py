"""`gsn-studio impact`: what the working tree's changes do to the case since a git revision,
as Markdown to post on a merge request, or JSON; `--fail-on` fails the build on chosen kinds."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from gsn_studio.analysis import ArtifactReader, assess
from gsn_studio.analysis.impact import FAIL_KINDS, Impact, Side, impact
from gsn_studio.cli.common import EXIT_FINDINGS, EXIT_OK, UsageError, terminal_json, terminal_lines
from gsn_studio.io import load_case


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "impact",
        help="what the changes since a git revision do to the case: stale acceptances, "
        "uncovered hazards, statuses, evidence",
        description="Compare the case, its evidence files and trace sets at a git revision "
        "with the working tree. Markdown is written to be posted as a merge-request comment. "
        "Exit status: 0, 1 when the impact has a --fail-on kind, 2 for bad input.",
    )
    parser.add_argument("case", type=Path, help="a .gsnx file or a gsn2x .yaml file")
    parser.add_argument("--since", required=True, metavar="GIT_REV")
    parser.add_argument("--format", choices=("md", "json"), default="md")
    parser.add_argument(
        "--fail-on",
        metavar="KINDS",
        help=f"comma-separated kinds that make the exit status 1 ({', '.join(FAIL_KINDS)})",
    )
    parser.add_argument("--as-of", type=dt.date.fromisoformat, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    wanted = _fail_on(args.fail_on)
    day = args.as_of or dt.date.today()
    case = load_case(args.case)
    # Loaded when the command runs, not with the parser that every command builds.
    import tempfile  # noqa: PLC0415

    from gsn_studio.io.git_snapshot import GitError, snapshot  # noqa: PLC0415
    from gsn_studio.io.trace_sets import load_trace_sets  # noqa: PLC0415

    sets = load_trace_sets(case, args.case)
    reader = ArtifactReader.for_case_file(args.case)
    new = Side(case, assess(case, day, reader, trace_sets=sets), sets)
    with tempfile.TemporaryDirectory(prefix="gsn-impact-") as scratch:
        try:
            taken = snapshot(args.case, args.since, Path(scratch))
        except GitError as error:
            raise UsageError(f"--since {args.since}: {error}") from None
        if taken is None:
            raise UsageError(f"{args.case} is not in revision {args.since}")
        old_path, old_case = taken
        old_sets = load_trace_sets(old_case, old_path)
        old_reader = ArtifactReader.for_case_file(old_path)
        old = Side(old_case, assess(old_case, day, old_reader, trace_sets=old_sets), old_sets)
        found = impact(old, new)
    if args.format == "json":
        sys.stdout.write(
            terminal_json({"case": str(args.case), "since": args.since, **found.as_dict()}) + "\n"
        )
    else:
        sys.stdout.write(terminal_lines(markdown(found, args.case.name, args.since)))
    return EXIT_FINDINGS if wanted & found.kinds() else EXIT_OK


def _fail_on(names: str | None) -> set[str]:
    if names is None:
        return set()
    wanted = {name.strip() for name in names.split(",") if name.strip()}
    unknown = sorted(wanted - set(FAIL_KINDS))
    if unknown or not wanted:
        raise UsageError(
            f"--fail-on: unknown kind {', '.join(unknown) or '(none)'}; use {', '.join(FAIL_KINDS)}"
        )
    return wanted


def markdown(found: Impact, name: str, since: str) -> str:
    """The merge-request comment: the most consequential first, every case text escaped."""
    from gsn_studio.export.register_table import markdown_cell as m  # noqa: PLC0415

    before, after = found.verdict
    lines = [f"### GSN Studio: impact on {m(name)} since {m(since)}", ""]
    verdict = f"{before} → {after}" if before != after else f"{after} (unchanged)"
    lines += [f"**Verdict:** {verdict}", ""]
    sections = [
        ("Acceptances made stale", found.stale),
        ("Traced items now uncovered", found.uncovered),
        ("Traced items changed", found.items_changed),
        (
            "Statuses changed",
            [
                f"{s.node}: {s.before} → {s.after}" + (f" ({s.why[0]})" if s.why else "")
                for s in found.statuses
            ],
        ),
        ("Evidence changed", found.evidence_changed),
        ("Elements", _elements(found)),
    ]
    shown = False
    for title, entries in sections:
        if entries:
            shown = True
            lines += [f"#### {title}", "", *(f"- {m(entry)}" for entry in entries), ""]
    if not shown:
        lines += ["No change to the argument, its evidence or its traces.", ""]
    return "\n".join(lines)


def _elements(found: Impact) -> list[str]:
    diff = found.diff
    entries = [f"added {node}" for node in diff.added]
    entries += [f"removed {node}" for node in diff.removed]
    entries += [f"changed {node} ({', '.join(fields)})" for node, fields in diff.changed]
    entries += [f"link added {s} → {t}" for s, t, _ in diff.links_added]
    entries += [f"link removed {s} → {t}" for s, t, _ in diff.links_removed]
    return entries
