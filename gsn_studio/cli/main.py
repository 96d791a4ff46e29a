"""The command line's parser and dispatch; each command's work lives in a module of its own,
imported only when that command runs (start-up time is most of a command on a small case)."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, TypeAlias, cast

from gsn_studio import __version__
from gsn_studio.analysis import DEFAULT_SOON_DAYS, ArtifactReader, assess
from gsn_studio.cli import check
from gsn_studio.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    EXIT_OK,
    UsageError,
    check_free_text,
    natural,
    parse_date,
    terminal_text,
    writing,
)
from gsn_studio.cli.help_width import Parser
from gsn_studio.io import CaseFileError, load_case
from gsn_studio.io.modular import load_modular
from gsn_studio.io.trace_sets import load_trace_sets
from gsn_studio.model import CommentKind, CommentStatus, PracticeSettings

COMMANDS = (
    "check", "evidence", "verify", "comments", "comment", "reply", "merge-comments", "diff",
    "convert", "export", "edit", "review", "install-desktop", "portfolio", "history",
    "instantiate", "trace", "accept", "impact", "merge-driver", "metrics", "report", "query",
)  # fmt: skip


class SelfContainedCommand(Protocol):
    def add_parser(self, commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


SELF_CONTAINED: dict[str, str] = {
    "install-desktop": "install_desktop",
    "trace": "trace",
    "accept": "accept",
    "impact": "impact",
    "merge-driver": "merge_driver",
    "metrics": "metrics",
    "report": "report",
    "query": "query",
}
"""Commands whose module (in gsn_studio.cli) adds its own parser (`add_parser`) and runs it
(`run`); it is imported when its command runs or the whole help is shown, not for others."""


EXTENDED_BY: dict[str, tuple[str, ...]] = {"export": ("query",)}
"""Commands whose options a self-contained command's module adds (`export --query`)."""


def self_contained(command: str) -> SelfContainedCommand:
    module = importlib.import_module(f"gsn_studio.cli.{SELF_CONTAINED[command]}")
    return cast(SelfContainedCommand, module)


EXIT_BROKEN_PIPE = 141
"""As a shell reports a command its reader closed the pipe on (128 + SIGPIPE)."""

_CASE_HELP = "a .gsnx file, a gsn2x .yaml file, or another tool's SACM XMI file"


Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command; given a `command` of COMMANDS (the first word of a command
    line), the parser of that command alone (and of those extending it): the others' parsers
    are not built, nor the self-contained commands' modules imported. Building every parser
    cost more than some commands' own work."""
    parser: argparse.ArgumentParser = Parser(
        prog="gsn-studio",
        description="Draw, check, review and publish GSN safety cases. "
        "Without a command, or with only file names, the editor opens.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = None
    if command in COMMANDS:  # with the commands it extends and those extending it
        extended = (name for name, by in EXTENDED_BY.items() if command in by)
        wanted = {command, *extended, *EXTENDED_BY.get(command, ())}
    for name, add in _PARSERS.items():  # in the order the help lists them
        if wanted is None or name in wanted:
            add(commands)
    for name in SELF_CONTAINED:
        if wanted is None or name in wanted:
            self_contained(name).add_parser(commands)
    return parser


def _check_parser(commands: Commands) -> None:
    check_parser = commands.add_parser(
        "check",
        help="report holes, stale or drifted evidence, defeaters and structural problems",
        description="Check a case: findings, the assurance status of every goal and strategy, "
        "and why. Exit status: 0 nothing that fails, 1 something fails, 2 unreadable input.",
    )
    check_parser.add_argument(
        "case",
        type=Path,
        nargs="+",
        help=_CASE_HELP + "; for a case of several modules, any of its files (the modules it "
        "uses are opened too), or several",
    )
    _judging_options(check_parser)
    check_parser.add_argument("--format", choices=("text", "json"), default="text")
    check_parser.add_argument("--why", action="store_true", help=check.WHY_HELP)
    check_parser.add_argument(
        "--fail-on",
        metavar="NAMES",
        help="comma-separated: which findings make the exit status 1 ("
        + ",".join(check.FAIL_ON)
        + ", errors, warnings, or any finding code); default: any finding",
    )
    check_parser.add_argument(
        "--require-owners",
        action="store_true",
        help="report unowned-claim for the top claim and each claim directly under a strategy",
    )
    check_parser.add_argument(
        "--practice",
        action="store_true",
        help="apply the practice checks (operational claims, degradation conditions; see "
        "docs/practice.md) to a case whose file has not adopted them",
    )


def _evidence_parser(commands: Commands) -> None:
    register = commands.add_parser(
        "evidence",
        help="print the evidence register: every solution with its dates, verifier, hash "
        "state, measured value and status",
        description="The evidence register, soonest due first.",
    )
    register.add_argument("case", type=Path, help=_CASE_HELP)
    _judging_options(register)
    register.add_argument("--format", choices=("md", "csv", "json"), default="md")


def _verify_parser(commands: Commands) -> None:
    verify = commands.add_parser(
        "verify",
        help="record that evidence was checked: date, name and SHA-256 of its artifact",
        description="Mark the evidence of solutions (or a refuted defeater's refutation) "
        "verified and save the case. Nothing is saved unless every node can be verified.",
    )
    verify.add_argument("case", type=Path, help=_CASE_HELP)
    verify.add_argument("nodes", nargs="+", metavar="NODE_ID")
    verify.add_argument("--by", metavar="NAME", help="who verified it (default: your login)")
    verify.add_argument("--on", type=parse_date, metavar="YYYY-MM-DD", help="default: today")
    verify.add_argument("--allow-outside", action="store_true", help=_OUTSIDE_HELP)


def _instantiate_parser(commands: Commands) -> None:
    instance = commands.add_parser(
        "instantiate",
        help="make a case from an argument pattern and values for its parameters",
        description="Instantiate a pattern: unroll its multiplicities, resolve its choices and "
        "fill its statements. Over an earlier instance in OUT, update it, keeping its evidence "
        "and comments. Values: YAML (parameters:, choose:, name:) or CSV (parameter,value).",
    )
    instance.add_argument("pattern", type=Path, help="the pattern: " + _CASE_HELP)
    instance.add_argument("--values", type=Path, required=True, help="a .yaml or .csv file")
    instance.add_argument("-o", "--output", type=Path, required=True, help="the instance")


def _convert_parser(commands: Commands) -> None:
    convert = commands.add_parser(
        "convert",
        help="convert between .gsnx, gsn2x YAML and SACM 2.2 XMI (.sacm)",
        description="Convert a case; the output format follows from its extension, the input's "
        "from its content. Reading another tool's SACM prints an import report on stderr.",
    )
    convert.add_argument("input", type=Path)
    convert.add_argument("output", type=Path)


def _edit_parser(commands: Commands) -> None:
    edit = commands.add_parser("edit", help="open the editor (the default without a command)")
    edit.add_argument("files", nargs="*", type=Path, help=".gsnx or gsn2x YAML files to open")


def _review_parser(commands: Commands) -> None:
    shown = commands.add_parser(
        "review", help="open a case read-only in the editor, where only comments can be added"
    )
    shown.add_argument("files", nargs="*", type=Path, help="the case to review")


def _comments_parser(commands: Commands) -> None:
    listing = commands.add_parser(
        "comments", help="list review comments", description="List a case's review comments."
    )
    listing.add_argument("case", type=Path, help=_CASE_HELP)
    listing.add_argument("--status", choices=[s.value for s in CommentStatus])
    listing.add_argument("--kind", choices=[k.value for k in CommentKind])
    listing.add_argument("--author", metavar="NAME")
    listing.add_argument("--node", metavar="ID", help="only comments on this node or its links")
    listing.add_argument("--format", choices=("text", "json"), default="text")


def _comment_parser(commands: Commands) -> None:
    post = commands.add_parser(
        "comment",
        help="add a review comment to a node or a link and save the case",
        description="Add a comment (a question or a challenge) and print its id.",
    )
    post.add_argument("case", type=Path, help=_CASE_HELP)
    post.add_argument("node", metavar="NODE_ID")
    post.add_argument("--author", required=True, metavar="NAME")
    post.add_argument("--kind", choices=[k.value for k in CommentKind], default="question")
    post.add_argument("--text", required=True)
    post.add_argument(
        "--link-from",
        metavar="ID",
        help="comment on the link between this node and NODE_ID instead of on the node",
    )


def _reply_parser(commands: Commands) -> None:
    answer = commands.add_parser("reply", help="reply to a comment, optionally setting its status")
    answer.add_argument("case", type=Path, help=_CASE_HELP)
    answer.add_argument("comment", metavar="COMMENT_ID")
    answer.add_argument("--author", required=True, metavar="NAME")
    answer.add_argument("--text", required=True)
    answer.add_argument("--status", choices=[s.value for s in CommentStatus])


def _merge_comments_parser(commands: Commands) -> None:
    merge = commands.add_parser(
        "merge-comments",
        help="bring another reviewer's comments into a case, without duplicates",
        description="Copy OTHER's comments into BASE and write OUT; the argument is BASE's.",
    )
    merge.add_argument("base", type=Path)
    merge.add_argument("other", type=Path)
    merge.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")


def _diff_parser(commands: Commands) -> None:
    compare = commands.add_parser(
        "diff",
        help="what changed between two versions of a case",
        description="Nodes added, removed and changed (with the fields), links added and "
        "removed. Positions are not a change unless --layout is given.",
    )
    compare.add_argument("old", type=Path)
    compare.add_argument("new", type=Path)
    compare.add_argument("--format", choices=("text", "json"), default="text")
    compare.add_argument("--layout", action="store_true", help="count moved nodes as changed")


def _export_parser(commands: Commands) -> None:
    export = commands.add_parser(
        "export",
        help="write an SVG, PNG or PDF figure of a case or of one subtree",
        description="Export a figure; the format follows from the output file's extension. "
        "Cases without positions are laid out on the fly.",
    )
    export.add_argument("case", type=Path, help=_CASE_HELP)
    export.add_argument("-o", "--output", type=Path, metavar="OUT")
    export.add_argument(
        "--html",
        type=Path,
        metavar="OUT_DIR",
        help="write a navigable HTML publication of the case (every module) into OUT_DIR",
    )
    export.add_argument("--root", metavar="ID", help="export the subtree under this node")
    export.add_argument(
        "--modules",
        choices=("architecture", "complete"),
        help="a case of modules as a whole: its architecture view, or every module unrolled",
    )
    export.add_argument(
        "--depth",
        type=natural,
        metavar="N",
        help="fold what lies more than N levels below --root (or the top goals): each folded "
        "node shows how many nodes it hides and their worst status",
    )
    export.add_argument(
        "--unfold", action="store_true", help="show the subtrees the diagram has folded away"
    )
    export.add_argument("--as-of", type=parse_date, metavar="YYYY-MM-DD", help="judge expiry then")
    export.add_argument("--no-highlights", action="store_true", help="no status colours")
    export.add_argument("--legend", action="store_true", help="add a legend of shapes and marks")
    export.add_argument(
        "--no-caption",
        action="store_true",
        help="leave out the line naming the case, the as-of date and the GSN Studio version",
    )
    export.add_argument("--theme", choices=("light", "dark", "print"), default="light")
    export.add_argument(
        "--scale", type=float, default=2.0, help="PNG pixels per diagram unit (default 2)"
    )
    export.add_argument(
        "--transparent", action="store_true", help="PNG with a transparent background"
    )
    export.add_argument("--allow-outside", action="store_true", help=_OUTSIDE_HELP)


def _portfolio_parser(commands: Commands) -> None:
    board = commands.add_parser(
        "portfolio",
        help="management review: one row per case under a folder, does its argument still stand",
        description="One row per case: name, owner of the top claim, verdict, sound until, next "
        "due, open challenges, degradation conditions; with --since, what changed since a git "
        "revision. Folders are searched for .gsnx files. Exit status: 0, 1 when a case has a "
        "--fail-on verdict, 2 when a file cannot be read.",
    )
    board.add_argument("targets", nargs="+", type=Path, metavar="DIR_OR_FILE")
    board.add_argument("--as-of", type=parse_date, metavar="YYYY-MM-DD", help="default: today")
    board.add_argument("--since", metavar="GIT_REV", help="report changes since this revision")
    board.add_argument("--format", choices=("text", "md", "json", "html"), default="text")
    board.add_argument("-o", "--output", type=Path, metavar="PAGE", help="the page, for html")
    board.add_argument(
        "--fail-on",
        metavar="VERDICTS",
        help="comma-separated verdicts that make the exit status 1 "
        "(supported, undeveloped, weakened, defeated, unreadable, removed)",
    )


def _history_parser(commands: Commands) -> None:
    past = commands.add_parser(
        "history",
        help="when the verdict of the top claim and each goal changed in git, and why",
        description="Read the case file's git history and show each change of status, with "
        "the findings that caused it; svg draws a timeline, one band per goal.",
    )
    past.add_argument("case", type=Path, help=_CASE_HELP)
    past.add_argument("--format", choices=("text", "json", "svg"), default="text")
    past.add_argument("-o", "--output", type=Path, metavar="OUT", help="write to a file")
    past.add_argument(
        "--as-of", type=parse_date, metavar="YYYY-MM-DD", help="the timeline's end (today)"
    )


_OUTSIDE_HELP = (
    "read artifacts outside the case file's folder, or behind symbolic links (off by default: "
    "case files come from other people)"
)


_PARSERS: dict[str, Callable[[Commands], None]] = {
    "check": _check_parser,
    "evidence": _evidence_parser,
    "verify": _verify_parser,
    "comments": _comments_parser,
    "comment": _comment_parser,
    "reply": _reply_parser,
    "merge-comments": _merge_comments_parser,
    "diff": _diff_parser,
    "instantiate": _instantiate_parser,
    "convert": _convert_parser,
    "export": _export_parser,
    "portfolio": _portfolio_parser,
    "history": _history_parser,
    "edit": _edit_parser,
    "review": _review_parser,
}
"""Each command's parser but the self-contained commands' (their modules add their own), in
the order the help lists them."""


def _judging_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="judge evidence on this day instead of today",
    )
    parser.add_argument(
        "--soon",
        type=natural,
        default=DEFAULT_SOON_DAYS,
        metavar="DAYS",
        help=f"warn of evidence due within this many days (default {DEFAULT_SOON_DAYS})",
    )
    parser.add_argument("--allow-outside", action="store_true", help=_OUTSIDE_HELP)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        words = list(sys.argv[1:] if argv is None else argv)
        parser = build_parser(words[0] if words else None)
        args = parser.parse_args(words)
        check_free_text(args)
        with writing(args):  # a command that reads, changes and saves a case holds its lock
            return dispatch(args)
    except (CaseFileError, UsageError) as error:
        print(f"gsn-studio: {terminal_text(error)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return reader_went_away()


def reader_went_away() -> int:
    """The output's reader stopped early (`gsn-studio query … | head`): not an error to report.
    Standard output goes to the null device so that Python's flush at exit raises no more."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return EXIT_BROKEN_PIPE


def dispatch(args: argparse.Namespace) -> int:
    if args.command == "check":
        return run_check(args)
    if args.command == "evidence":
        return run_evidence(args)
    if args.command == "verify":
        from gsn_studio.cli import evidence  # noqa: PLC0415

        case = load_case(args.case)
        return evidence.run_verify(
            args.case,
            case,
            args.nodes,
            by=args.by,
            on=args.on,
            allow_outside=args.allow_outside,
        )
    if args.command in REVIEW_COMMANDS:
        return run_review_command(args)
    if args.command == "instantiate":
        from gsn_studio.cli import instantiate  # noqa: PLC0415

        return instantiate.run_instantiate(args.pattern, args.values, args.output)
    if args.command in ("convert", "export"):
        from gsn_studio.cli import figures  # noqa: PLC0415

        if args.command == "convert":
            return figures.run_convert(args.input, args.output)
        if args.html:
            from gsn_studio.cli import publish  # noqa: PLC0415

            return publish.run(args)
        return figures.run_export(args)
    if args.command in SELF_CONTAINED:
        return self_contained(args.command).run(args)
    if args.command == "portfolio":
        from gsn_studio.cli import portfolio  # noqa: PLC0415

        return portfolio.run(args)
    if args.command == "history":
        from gsn_studio.cli import history  # noqa: PLC0415

        return history.run(args)
    build_parser().print_help()  # of every command, as without a command
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    wanted = check.fail_on_codes(args.fail_on)
    if wanted is not None:
        from gsn_studio.analysis.modules import MODULE_CODES  # noqa: PLC0415

        check.check_known(wanted, check.KNOWN_CODES | MODULE_CODES)
    # No position or fold is read: no part of the report draws the case (a tenth of the time
    # of a placed case of 10,000 nodes).
    modular = load_modular(args.case, diagram=False)
    if args.practice:  # the practice checks for this run, where a case has not set its own
        for module in modular.modules:
            if module.case.practice is None:
                module.case.practice = PracticeSettings()
    first = args.case[0]
    reader = ArtifactReader.for_case_file(first, args.allow_outside)
    if modular.is_modular:
        from gsn_studio.analysis.modules import assess_modular  # noqa: PLC0415
        from gsn_studio.cli import modules  # noqa: PLC0415

        result = assess_modular(modular, args.as_of, reader, args.soon, args.require_owners)
        printer = modules.print_json if args.format == "json" else modules.print_text
        printer(first.parent, result)
        return EXIT_FINDINGS if check.fails(result.findings, wanted) else EXIT_OK
    case = modular.modules[0].case
    sets = load_trace_sets(case, first)
    assessment = assess(case, args.as_of, reader, args.soon, args.require_owners, trace_sets=sets)
    if args.format == "json":
        check.print_json(first, case, assessment, args.why)
    else:
        check.print_text(first, case, assessment)
    return check.exit_status(assessment, wanted)


def run_evidence(args: argparse.Namespace) -> int:
    from gsn_studio.cli import evidence  # noqa: PLC0415

    modular = load_modular([args.case], diagram=False)  # the register draws nothing
    reader = ArtifactReader.for_case_file(args.case, args.allow_outside)
    if modular.is_modular:  # the register of every module the case uses
        from gsn_studio.analysis.modules import assess_modular  # noqa: PLC0415

        result = assess_modular(modular, args.as_of, reader, args.soon)
        evidence.print_register(result.complete.case, result.assessment, args.format)
        return EXIT_OK
    case = modular.modules[0].case
    evidence.print_register(case, assess(case, args.as_of, reader, args.soon), args.format)
    return EXIT_OK


REVIEW_COMMANDS = ("comments", "comment", "reply", "merge-comments", "diff")


def run_review_command(args: argparse.Namespace) -> int:
    from gsn_studio.cli import modules, review  # noqa: PLC0415

    if args.command == "comments":
        modular = load_modular([args.case], diagram=False)  # a listing draws nothing
        filters = (args.status, args.kind, args.author, args.node)
        if modular.is_modular:  # the comments of every module, each under its own file
            modules.print_comments(args.case.parent, modular, filters, args.format)
            return EXIT_OK
        case = modular.modules[0].case
        chosen = review.select(case.comments, *filters)
        review.print_comments(args.case, case, chosen, args.format)
        return EXIT_OK
    if args.command == "comment":
        return review.add_comment(
            args.case,
            load_case(args.case),
            args.node,
            author=args.author,
            kind=args.kind,
            text=args.text,
            via=args.link_from,
        )
    if args.command == "reply":
        return review.reply(
            args.case,
            load_case(args.case),
            args.comment,
            author=args.author,
            text=args.text,
            status=args.status,
        )
    if args.command == "merge-comments":
        return review.write_merged(load_case(args.base), load_case(args.other), args.output)
    from gsn_studio.analysis.diff import diff_cases  # noqa: PLC0415
    from gsn_studio.analysis.modules import diff_modular  # noqa: PLC0415

    old, new = load_modular([args.old]), load_modular([args.new])
    if old.is_modular or new.is_modular:
        changes = diff_modular(old, new, args.layout)
        modules.print_diff(args.old, args.new, changes, args.format)
        return EXIT_OK
    result = diff_cases(old.modules[0].case, new.modules[0].case, args.layout)
    review.print_diff(args.old, args.new, result, args.format)
    return EXIT_OK
