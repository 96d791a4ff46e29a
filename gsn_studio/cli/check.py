"""`gsn-studio check`: findings, assurance status and a verdict, as text or JSON, with an exit
status a pipeline can act on."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from gsn_studio.analysis import Assessment, Finding, Level, Severity, summarize
from gsn_studio.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    UsageError,
    count,
    painter,
    terminal_json,
    terminal_text,
)
from gsn_studio.model import PRACTICE_CHECKS, Case
from gsn_studio.notation.status import STATUS_WORDS, Status

FAIL_ON: dict[str, frozenset[str]] = {
    "undeveloped": frozenset({"undeveloped-goal", "undeveloped-strategy", "evidence-unreferenced"}),
    "expired": frozenset({"expired-evidence"}),
    "expiring": frozenset({"expiring-soon"}),
    "changed": frozenset({"evidence-changed"}),
    "missing": frozenset({"evidence-missing"}),
    "failing": frozenset({"evidence-fails-threshold", "evidence-unmeasured"}),
    "defeated": frozenset({"defeated"}),
    "practice": frozenset(PRACTICE_CHECKS),
    "stale": frozenset({"acceptance-stale"}),
    "uncovered": frozenset({"trace-uncovered"}),
    "traces": frozenset(
        {"trace-uncovered", "trace-dangling", "trace-target-changed", "trace-set-unreadable"}
    ),
    "challenged": frozenset(
        {"open-defeater", "refutation-lapsed", "refutation-missing", "open-challenge"}
    ),
}
"""The names `--fail-on` takes, and the finding codes each stands for. Any finding code, and
`errors` or `warnings`, are accepted too."""

WHY_SHOWN = 5
"""Reasons printed per top-level goal in the text report; JSON has them all."""

WHY_HELP = (
    "in JSON, explain every goal and strategy that is not supported (by default `why` "
    "explains the top-level goals: on a large case, all chains cost more than the check)"
)


def fail_on_codes(names: str | None) -> frozenset[str] | None:
    """The finding codes that fail the check, or None for the default (any finding)."""
    if names is None:
        return None
    wanted = [name.strip() for name in names.split(",") if name.strip()]
    if not wanted:
        raise UsageError("--fail-on needs at least one name, for example expired,changed")
    return frozenset(wanted)


def fails(findings: Sequence[Finding], wanted: frozenset[str] | None) -> bool:
    if wanted is None:
        return bool(findings)
    codes = set().union(*(FAIL_ON.get(name, {name}) for name in wanted))
    return any(
        f.code in codes
        or ("errors" in wanted and f.severity is Severity.ERROR)
        or "warnings" in wanted
        for f in findings
    )


def check_known(wanted: frozenset[str] | None, known_codes: frozenset[str]) -> None:
    if wanted is None:
        return
    unknown = sorted(wanted - set(FAIL_ON) - known_codes - {"errors", "warnings"})
    if unknown:
        raise UsageError(
            f"--fail-on: unknown name{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
            f"use {', '.join(FAIL_ON)}, errors, warnings or a finding code"
        )


KNOWN_CODES = frozenset(
    {
        *(code for codes in FAIL_ON.values() for code in codes),
        "duplicate-id", "dangling-link", "invalid-link", "cycle", "no-root", "multiple-roots",
        "unreachable", "empty-statement", "marked-undeveloped-but-supported",
        "evidence-not-read", "evidence-unverified", "merge-conflict", *PRACTICE_CHECKS,
    }
)  # fmt: skip


def report(
    path: Path, case: Case, assessment: Assessment, why_all: bool = False
) -> dict[str, object]:
    """The JSON report: the earlier keys unchanged, plus status, why and sound_until. `why`
    holds the reason chains of the top-level goals, or with `why_all` of every goal and
    strategy that is not supported: chains are built only for the nodes reported."""
    findings = assessment.findings
    tops = top_goals(case, assessment)
    verdict = assessment.worst(case, tops)
    statuses = assessment.statuses(case)
    next_due = assessment.sound_until()
    degraded = verdict in (Level.WEAKENED, Level.DEFEATED)
    explained = statuses if why_all else dict.fromkeys(tops)
    return {
        "file": str(path),
        "as_of": assessment.as_of.isoformat(),
        "summary": summarize(case, findings).as_dict(),
        "findings": [finding.as_dict() for finding in findings],
        "status": statuses,
        "why": {
            node_id: assessment.assurance[node_id].explain(node_id)
            for node_id in explained
            if statuses.get(node_id) not in (None, Level.SUPPORTED.value)
        },
        "verdict": verdict.value,
        # Only a case that holds now stays sound until a date; the next expiry is always given.
        "sound_until": next_due.isoformat() if next_due and not degraded else None,
        "next_due": next_due.isoformat() if next_due else None,
    }


def top_goals(case: Case, assessment: Assessment) -> list[str]:
    """The top goals of `case`, as `assess` found them on its way (the case is unchanged
    since): each search walks every link."""
    found = assessment.tops
    return list(found) if found is not None else assessment.top_goals(case)


def print_json(path: Path, case: Case, assessment: Assessment, why_all: bool = False) -> None:
    # Indented for a person at a terminal; one line for a program (the C encoder runs only
    # without indentation, several times faster on a large case).
    indent = 2 if sys.stdout.isatty() else None
    print(terminal_json(report(path, case, assessment, why_all), indent))


def print_text(path: Path, case: Case, assessment: Assessment) -> None:
    paint = painter(sys.stdout)
    findings = assessment.findings
    day = assessment.as_of
    shown = terminal_text(path)
    nodes = [terminal_text(f.node or "-") for f in findings]
    width = max(map(len, nodes), default=1)
    words = {
        severity: paint(f"{severity.value:<7}", "31" if severity is Severity.ERROR else "33")
        for severity in Severity
    }
    # One write of every line: a large case has thousands of findings.
    lines = [
        f"{shown}: {node:<{width}}  {words[finding.severity]} "
        f"{finding.code}: {terminal_text(finding.message)}"
        for finding, node in zip(findings, nodes, strict=True)
    ]
    if lines:
        print("\n".join(lines))
    summary = summarize(case, findings)
    verdict = (
        paint("no findings", "32")
        if not findings
        else f"{count(summary.errors, 'error')}, {count(summary.warnings, 'warning')}"
    )
    print(
        f"{shown}: {count(summary.nodes, 'node')}, {count(summary.goals, 'goal')}, "
        f"{summary.undeveloped_goals} undeveloped, "
        + (
            f"{count(summary.unreferenced_evidence, 'solution')} naming no evidence, "
            if summary.unreferenced_evidence
            else ""
        )
        + f"{summary.expired_evidence} expired evidence as of {day.isoformat()}: {verdict}"
    )
    _print_verdict(path, case, assessment, paint)


def _print_verdict(
    path: Path, case: Case, assessment: Assessment, paint: Callable[[str, str], str]
) -> None:
    colours = {
        Level.SUPPORTED: "32",
        Level.UNDEVELOPED: "33",
        Level.WEAKENED: "31",
        Level.DEFEATED: "31",
    }
    shown = terminal_text(path)
    for root in top_goals(case, assessment):
        node = assessment.assurance[root]
        word = STATUS_WORDS[Status(node.status.value)]
        print(f"{shown}: {terminal_text(root)} {paint(word, colours[node.status])}", end="")
        sound_until = assessment.sound_until()
        if node.status is Level.SUPPORTED and sound_until:
            print(f", sound until {sound_until.isoformat()}")
        elif node.status is Level.UNDEVELOPED and sound_until:
            print(f", its evidence holds until {sound_until.isoformat()}")
        else:
            print()
        lines, total = node.explain_first(root, WHY_SHOWN)
        for line in lines:
            print(f"{shown}:   {terminal_text(line)}")
        if total > WHY_SHOWN:
            print(f"{shown}:   ... and {total - WHY_SHOWN} more reasons (see --format json)")


def exit_status(assessment: Assessment, wanted: frozenset[str] | None) -> int:
    return EXIT_FINDINGS if fails(assessment.findings, wanted) else EXIT_OK
