"""`gsn-studio check` on a case of several modules: each module's findings and verdict, then the
whole case's, as text or JSON (where every finding names its module)."""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path
from typing import TextIO

from gsn_studio.analysis import Finding, Level, Severity, summarize
from gsn_studio.analysis.modules import ModularAssessment, ModularDiff
from gsn_studio.cli import review
from gsn_studio.cli.check import WHY_SHOWN
from gsn_studio.cli.common import count, echo, painter, terminal_json, terminal_text
from gsn_studio.model import ModularCase, Module

_COLOURS = {
    Level.SUPPORTED: "32",
    Level.UNDEVELOPED: "33",
    Level.WEAKENED: "31",
    Level.DEFEATED: "31",
}


def module_file(base: Path, module: Module) -> Path:
    """Where a module's file is, as the user would name it: beside the first file given."""
    return base / module.path


def report(base: Path, result: ModularAssessment) -> dict[str, object]:
    """The JSON report: the single-file report's keys for the whole case, each finding with
    its module, and a `modules` list with each module's file, summary, statuses (away goals
    with their home's), reasons and verdict."""
    assessment, complete = result.assessment, result.complete
    findings = result.findings
    verdict = assessment.worst(complete.case)
    next_due = assessment.sound_until()
    degraded = verdict in (Level.WEAKENED, Level.DEFEATED)
    statuses = assessment.statuses(complete.case)
    modules = []
    for module in result.modular.modules:
        mine = result.module_findings(module.id)
        module_statuses = result.statuses(module)
        modules.append(
            {
                "id": module.id,
                "name": module.name,
                "owner": module.owner,
                "file": str(module_file(base, module)),
                "uses": sorted(complete.depends.get(module.id, ())),
                "summary": summarize(module.case, mine).as_dict(),
                "status": module_statuses,
                "why": {
                    node_id: result.explain(module.id, node_id)
                    for node_id, status in module_statuses.items()
                    if status != Level.SUPPORTED.value
                },
                "verdict": result.module_verdict(module).value,
            }
        )
    return {
        "file": str(module_file(base, result.modular.modules[0])),
        "as_of": assessment.as_of.isoformat(),
        "summary": summarize(complete.case, findings).as_dict(),
        "findings": [{**finding.as_dict(), "module": finding.module} for finding in findings],
        "status": statuses,
        "why": {
            node_id: result.explain(complete.home.get(node_id, ""), node_id)
            for node_id, status in statuses.items()
            if status != Level.SUPPORTED.value
        },
        "verdict": verdict.value,
        "sound_until": next_due.isoformat() if next_due and not degraded else None,
        "next_due": next_due.isoformat() if next_due else None,
        "modules": modules,
    }


def print_json(base: Path, result: ModularAssessment) -> None:
    # As for one case (cli.check.print_json): indented at a terminal, one line for a program.
    print(terminal_json(report(base, result), 2 if sys.stdout.isatty() else None))


def print_text(base: Path, result: ModularAssessment) -> None:
    paint = painter(sys.stdout)
    day = result.assessment.as_of.isoformat()
    for module in result.modular.modules:
        path = terminal_text(module_file(base, module))
        mine = result.module_findings(module.id)
        _print_findings(str(path), mine, paint)
        summary = summarize(module.case, mine)
        level = result.module_verdict(module)
        print(
            f"{path}: module {terminal_text(module.id)}: {count(summary.nodes, 'node')}, "
            f"{summary.undeveloped_goals} undeveloped, {summary.expired_evidence} expired "
            f"evidence: {_verdict(mine, summary.errors, summary.warnings, paint)}; "
            f"{paint(level.value, _COLOURS[level])}"
        )
    first = module_file(base, result.modular.modules[0])
    label = f"{terminal_text(first)} (case of {count(len(result.modular.modules), 'module')})"
    whole = result.case_findings()
    _print_findings(label, whole, paint)
    complete = result.complete.case
    summary = summarize(complete, result.findings)
    print(
        f"{label}: {count(summary.nodes, 'node')}, {count(summary.goals, 'goal')}, "
        f"{summary.undeveloped_goals} undeveloped, {summary.expired_evidence} expired evidence "
        f"as of {day}: {_verdict(result.findings, summary.errors, summary.warnings, paint)}"
    )
    for root in dict.fromkeys(result.assessment.top_goals(complete)):
        module_id = result.complete.home.get(root, "")
        node = result.assessment.assurance[root]
        status = paint(node.status.value, _COLOURS[node.status])
        print(f"{label}: {terminal_text(root)} ({terminal_text(module_id)}) {status}")
        lines = result.explain(module_id, root)
        for line in lines[:WHY_SHOWN]:
            print(f"{label}:   {terminal_text(line)}")
        if len(lines) > WHY_SHOWN:
            print(f"{label}:   ... and {len(lines) - WHY_SHOWN} more reasons (see --format json)")


def _verdict(findings: list[Finding], errors: int, warnings: int, paint: object) -> str:
    if not findings:
        return paint("no findings", "32")  # type: ignore[operator,no-any-return]
    return f"{count(errors, 'error')}, {count(warnings, 'warning')}"


def _print_findings(label: str, findings: list[Finding], paint: object) -> None:
    width = max((len(f.node or "-") for f in findings), default=1)
    for finding in findings:
        colour = "31" if finding.severity is Severity.ERROR else "33"
        severity = paint(f"{finding.severity.value:<7}", colour)  # type: ignore[operator]
        node = terminal_text(finding.node or "-")
        message = terminal_text(finding.message)
        print(f"{label}: {node:<{width}}  {severity} {finding.code}: {message}")


def print_diff(old: Path, new: Path, result: ModularDiff, output_format: str) -> None:
    if output_format == "json":
        print(terminal_json(result.as_dict()))
        return
    for module_id in result.added:
        echo(f"+ module {module_id}")
    for module_id in result.removed:
        echo(f"- module {module_id}")
    for module_id in result.headers:
        echo(f"~ module {module_id}: owner, uses or contracts")
    for module_id, diff in result.changed.items():
        echo(f"module {module_id}:")
        with contextlib.redirect_stdout(_Indented(sys.stdout)):
            review.print_diff(old, new, diff, "text")
    if result.is_empty():
        echo(f"{old} and {new}: the same argument")


class _Indented(io.TextIOBase):
    """Writes each line it is given indented by two spaces."""

    def __init__(self, target: TextIO) -> None:
        self.target = target

    def write(self, text: str) -> int:
        self.target.write(
            "".join(
                f"  {line}" if line.strip() else line for line in text.splitlines(keepends=True)
            )
        )
        return len(text)


def print_comments(
    base: Path,
    modular: ModularCase,
    filters: tuple[str | None, str | None, str | None, str | None],
    output_format: str,
) -> None:
    """Every module's review comments: in JSON one list, each comment with its module."""
    chosen = [(module, review.select(module.case.comments, *filters)) for module in modular.modules]
    if output_format == "json":
        listing = [
            {**review.comment_dict(comment), "module": module.id}
            for module, comments in chosen
            for comment in comments
        ]
        print(terminal_json(listing))
        return
    for module, comments in chosen:
        if comments:
            review.print_comments(module_file(base, module), module.case, comments, "text")
    total = sum(len(comments) for _, comments in chosen)
    echo(f"{module_file(base, modular.modules[0])} (case of {count(len(chosen), 'module')}): "
         f"{count(total, 'comment')}")  # fmt: skip
