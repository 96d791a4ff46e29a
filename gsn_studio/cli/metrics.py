"""`gsn-studio metrics`: the figures a manager tracks a case by, as text, Markdown or JSON,
and with `--since` the change in each since a git revision. The figures come from
`analysis.metrics`, which the editor's dashboard shows too; what this module adds is reading
the revision and laying the figures out. Heavy imports wait until the command runs."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from gsn_studio.cli.common import EXIT_OK, UsageError, count, parse_date
from gsn_studio.model.records import record

if TYPE_CHECKING:
    from gsn_studio.analysis.metrics import Metrics

FAN_IN_SHOWN = 5
"""Text and Markdown name the most load-bearing solutions; JSON lists every one."""
IDS_SHOWN = 8


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "metrics",
        help="figures to track a case by: counts by type and status, holes, evidence fan-in, "
        "depth, open defeaters and challenges, evidence falling due; --since a git revision",
        description="Figures of a case (docs/metrics.md defines each). With --since, the case "
        "as that git revision holds it is judged as of the revision's commit day and the "
        "change in each figure is shown. Exit status: 0, or 2 for bad input.",
    )
    parser.add_argument("case", type=Path, help="a .gsnx file or a gsn2x .yaml file")
    parser.add_argument("--since", metavar="GIT_REV", help="show the change since this revision")
    parser.add_argument("--format", choices=("text", "json", "md"), default="text")
    parser.add_argument(
        "--as-of", "--on", dest="as_of", type=parse_date, metavar="YYYY-MM-DD",
        help="judge evidence on this day (default: today)",
    )  # fmt: skip
    parser.add_argument(
        "--allow-outside",
        action="store_true",
        help="read artifacts outside the case file's folder, or behind symbolic links",
    )


@record
class Before:
    revision: str
    day: dt.date
    metrics: Metrics


def run(args: argparse.Namespace) -> int:
    now = case_metrics([args.case], args.as_of or dt.date.today(), args.allow_outside)
    before = metrics_at(args.case, args.since) if args.since else None
    if args.format == "json":
        from gsn_studio.cli.common import terminal_json  # noqa: PLC0415

        sys.stdout.write(terminal_json(as_json(args.case, now, before)) + "\n")
        return EXIT_OK
    from gsn_studio.cli.common import terminal_lines  # noqa: PLC0415

    text = markdown(args.case.name, now, before) if args.format == "md" else plain(now, before)
    header = "" if args.format == "md" else f"{args.case}: "
    sys.stdout.write(terminal_lines(header + text))
    return EXIT_OK


def case_metrics(files: list[Path], as_of: dt.date, allow_outside: bool = False) -> Metrics:
    """The figures of the case these files hold (a case of modules as a whole)."""
    from gsn_studio.analysis import ArtifactReader, assess  # noqa: PLC0415
    from gsn_studio.analysis.metrics import metrics  # noqa: PLC0415
    from gsn_studio.analysis.modules import assess_modular  # noqa: PLC0415
    from gsn_studio.io.modular import load_modular  # noqa: PLC0415
    from gsn_studio.io.trace_sets import load_trace_sets  # noqa: PLC0415

    modular = load_modular(files, diagram=False)  # no figure counts a position or fold
    reader = ArtifactReader.for_case_file(files[0], allow_outside)
    if modular.is_modular:
        whole = assess_modular(modular, as_of, reader)
        return metrics(whole.complete.case, whole.assessment, whole)
    case = modular.modules[0].case
    sets = load_trace_sets(case, files[0])
    return metrics(case, assess(case, as_of, reader, trace_sets=sets))


def metrics_at(path: Path, revision: str) -> Before:
    """The figures of the case as a git revision holds it, judged on the revision's day."""
    import tempfile  # noqa: PLC0415 (every command imports this module for its parser)

    from gsn_studio.io import CaseFileError  # noqa: PLC0415
    from gsn_studio.io.git_snapshot import GitError, snapshot_files  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="gsn-metrics-") as scratch:
        try:
            taken = snapshot_files(_module_files(path), revision, Path(scratch))
        except GitError as error:
            raise UsageError(f"--since {revision}: {error}") from None
        if taken is None:
            raise UsageError(f"--since {revision}: {path} is not in that revision")
        landed, day = taken
        try:
            return Before(revision, day, case_metrics(landed[:1], day))
        except CaseFileError as error:  # name the revision, not the scratch copy
            problem = str(error).replace(str(Path(scratch)) + "/", f"{revision}:")
            raise UsageError(f"--since {revision}: {problem}") from None


def _module_files(path: Path) -> list[Path]:
    """The case's files now: the revision is read for the same ones."""
    from gsn_studio.io.modular import load_modular  # noqa: PLC0415

    modular = load_modular([path])
    folder = path.parent
    return [path, *(folder / module.path for module in modular.modules[1:])]


# -- laying the figures out ----------------------------------------------------------------


@record
class Row:
    key: str
    """The figure's flat name (Metrics.figures), "" for a heading."""
    label: str
    value: str
    detail: str = ""


def rows(found: Metrics, moved: dict[str, float] | None = None) -> list[Row]:
    """The figures in reading order, each with its value in words and what it names. A type
    or an evidence state none has is left out, unless it changed (`moved`)."""
    changed = {name for name, amount in (moved or {}).items() if amount}
    lines = [Row("elements", "elements", _number(found.elements))]
    lines += [
        Row(f"by_type.{name}", f"  {name}", str(count))
        for name, count in found.by_type.items()
        if count or f"by_type.{name}" in changed
    ]
    lines.append(Row("", "claims (goals and strategies) by status", ""))
    lines += [Row(f"claims.{name}", f"  {name}", str(n)) for name, n in found.claims.items()]
    lines.append(Row("", "evidence (solutions) by status", ""))
    lines += [
        Row(f"evidence.{name}", f"  {name}", str(n))
        for name, n in found.evidence.items()
        if n or f"evidence.{name}" in changed
    ]
    if (
        found.by_type["CounterGoal"]
        or found.by_type["CounterSolution"]
        or any(name.startswith("defeaters.") for name in changed)
    ):
        lines.append(Row("", "defeaters by standing", ""))
        lines += [
            Row(f"defeaters.{name}", f"  {name}", str(n)) for name, n in found.defeaters.items()
        ]
    share = f"{len(found.undeveloped_goals)} of {found.goals} goals"
    lines += [
        Row("undeveloped_goals", "undeveloped goals", share, _ids(found.undeveloped_goals)),
        Row("undeveloped_share", "undeveloped share", f"{found.undeveloped_share:.1%}"),
        Row("depth.max", "depth, deepest", str(found.depth_max)),
        Row("depth.mean", "depth, mean over the ends", f"{found.depth_mean:.2f}"),
        Row("fan_in.max", "evidence fan-in, most claims carried", _fan_in_top(found)),
    ]
    lines += [
        Row("", f"  {fan.node}", f"{fan.transitive} goals", f"{fan.direct} directly")
        for fan in found.fan_in[:FAN_IN_SHOWN]
        if fan.transitive
    ]
    lines += [
        Row("open_defeaters", "open defeaters", str(len(found.open_defeaters)),
            _ids(found.open_defeaters)),
        Row("open_challenges", "open challenges (review)", str(len(found.open_challenges)),
            _ids(found.open_challenges)),
        Row("open_questions", "open questions (review)", str(found.open_questions)),
        Row("due.overdue", "evidence overdue", str(len(found.overdue)), _ids(found.overdue)),
    ]  # fmt: skip
    lines += [
        Row(f"due.within_{days}_days", f"evidence due within {days} days", str(len(ids)),
            _ids(ids))
        for days, ids in found.due_within.items()
    ]  # fmt: skip
    return lines


def _fan_in_top(found: Metrics) -> str:
    top = found.fan_in[0].transitive if found.fan_in else 0
    return f"{top} goal{'s' if top != 1 else ''}"


def _number(value: int) -> str:
    return f"{value:,}"


def _ids(ids: tuple[str, ...]) -> str:
    shown = ", ".join(ids[:IDS_SHOWN])
    return shown + (f" and {len(ids) - IDS_SHOWN} more" if len(ids) > IDS_SHOWN else "")


def changes(found: Metrics, before: Before | None) -> dict[str, float]:
    from gsn_studio.analysis.metrics import change  # noqa: PLC0415

    return {} if before is None else change(found.figures(), before.metrics.figures())


def delta_text(key: str, amount: float | None) -> str:
    """+2, -1, 0; a share in percentage points; a mean to two places."""
    if amount is None:
        return ""
    if key == "undeveloped_share":
        return f"{amount * 100:+.1f} pp" if amount else "0"
    if key == "depth.mean":
        return f"{amount:+.2f}" if amount else "0"
    return f"{amount:+g}" if amount else "0"


def plain(found: Metrics, before: Before | None) -> str:
    moved = changes(found, before)
    head = f"metrics as of {found.as_of.isoformat()}, verdict {found.verdict}"
    if before is not None:
        then = f"{before.day.isoformat()}, {before.metrics.verdict}"
        head += f"; change since {before.revision} ({then})"
    lines = [head]
    for row in rows(found, moved):
        delta = delta_text(row.key, moved.get(row.key)) if row.key and before else ""
        cells = f"{row.label:<40} {row.value:>14}"
        if before is not None:
            cells += f" {delta:>9}"
        lines.append((cells + (f"  {row.detail}" if row.detail else "")).rstrip())
    lines += _module_lines(found, lambda text: text)
    return "\n".join(lines) + "\n"


def markdown(name: str, found: Metrics, before: Before | None) -> str:
    from gsn_studio.export.register_table import markdown_cell as m  # noqa: PLC0415

    moved = changes(found, before)
    title = f"### Metrics of {m(name)} as of {found.as_of.isoformat()}: verdict {found.verdict}"
    columns = ["figure", "value"] + ([f"since {m(before.revision)}"] if before else []) + ["ids"]
    lines = [title, ""]
    if before is not None:
        lines += [
            f"Change since {m(before.revision)} ({before.day.isoformat()}, verdict "
            f"{before.metrics.verdict}).",
            "",
        ]
    lines += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows(found, moved):
        label = m(row.label.strip()) if row.label.startswith("  ") else f"**{m(row.label)}**"
        cells = [("&emsp;" + label) if row.label.startswith("  ") else label, m(row.value)]
        if before is not None:
            cells.append(m(delta_text(row.key, moved.get(row.key)) if row.key else ""))
        cells.append(m(row.detail))
        lines.append("| " + " | ".join(cells) + " |")
    modules = _module_lines(found, m)
    if modules:
        lines += ["", *(f"- {line.strip()}" for line in modules[1:])]
    return "\n".join(lines) + "\n"


def _module_lines(found: Metrics, escape: Callable[[str], str]) -> list[str]:
    if not found.modules:
        return []
    lines = ["modules"]
    for module in found.modules:
        claims = ", ".join(f"{n} {status}" for status, n in module.claims.items() if n)
        lines.append(
            f"  {escape(module.id)} ({escape(module.file)}): {module.verdict}; "
            f"{module.elements} elements, {count(module.goals, 'goal')}, "
            f"{module.undeveloped_goals} undeveloped; claims {claims or 'none'}"
        )
    return lines


def as_json(path: Path, found: Metrics, before: Before | None) -> dict[str, object]:
    report: dict[str, object] = {"case": str(path), **found.as_dict()}
    if before is not None:
        report["since"] = {
            "revision": before.revision,
            "day": before.day.isoformat(),
            "verdict": before.metrics.verdict,
            "figures": before.metrics.figures(),
            "change": changes(found, before),
        }
    return report


# -- status counts over the file's git history (the dashboard's chart) ---------------------

HISTORY_LIMIT = 50
"""The most recent commits of the case file the dashboard's chart reads."""


@record
class HistoryPoint:
    label: str
    """The commit's short id."""
    day: dt.date
    subject: str
    claims: dict[str, int]
    """Goals and strategies by status, judged as of the commit's day; empty if unreadable."""
    problem: str = ""


def status_history(path: Path, limit: int = HISTORY_LIMIT) -> list[HistoryPoint]:
    """The claims by status at each of the last `limit` commits that changed the file, oldest
    first, each judged on its own day as `metrics --since` judges a revision. GitError when
    the file is not in git. Slow for big cases and long histories: run it off the GUI."""
    import tempfile  # noqa: PLC0415 (see metrics_at)

    from gsn_studio.analysis import ArtifactReader, assess  # noqa: PLC0415
    from gsn_studio.analysis.metrics import claim_counts  # noqa: PLC0415
    from gsn_studio.io import CaseFileError  # noqa: PLC0415
    from gsn_studio.io.git_history import revisions  # noqa: PLC0415
    from gsn_studio.io.git_snapshot import snapshot  # noqa: PLC0415

    points = []
    for revision in revisions(path)[-limit:]:
        # With its evidence files as they were then: a measure read from a file, or a hash,
        # is judged as it was, not reported unmeasured for want of the file.
        with tempfile.TemporaryDirectory(prefix="gsn-history-") as scratch:
            try:
                taken = snapshot(path, revision.sha, Path(scratch))
            except CaseFileError as error:
                problem = str(error)
                points.append(
                    HistoryPoint(revision.short, revision.day, revision.subject, {}, problem)
                )
                continue
            if taken is None:
                continue  # a commit that removed or renamed the file
            copy, case = taken
            judged = assess(case, revision.day, ArtifactReader.for_case_file(copy))
        counts = claim_counts(case, judged)
        points.append(HistoryPoint(revision.short, revision.day, revision.subject, counts))
    return points
