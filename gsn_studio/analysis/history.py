"""The history of a verdict: the statuses of every goal at each revision of a case, and when
and why each changed. The revisions themselves come from git through `io`; this is pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from gsn_studio.analysis.check import Assessment
from gsn_studio.model import Case, NodeType

VERDICT = "verdict"
"""The key under which a snapshot keeps the case's verdict (the weakest top claim)."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    label: str
    """A short revision id, or "now" for the file judged today."""
    day: dt.date
    subject: str
    statuses: dict[str, str]
    """The verdict (under VERDICT) and each goal's status, by id, in node order."""
    reasons: dict[str, tuple[str, ...]]
    """Why each goal stands as it does (empty for a supported goal)."""
    statements: dict[str, str]
    top: tuple[str, ...] = ()
    problem: str = ""
    """Why the revision could not be read; it then has no statuses."""


@dataclass(frozen=True, slots=True)
class StatusChange:
    node: str
    label: str
    day: dt.date
    subject: str
    before: str
    after: str
    why: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "node": self.node,
            "revision": self.label,
            "day": self.day.isoformat(),
            "subject": self.subject,
            "before": self.before,
            "after": self.after,
            "why": list(self.why),
        }


def snapshot(
    label: str, day: dt.date, subject: str, case: Case, assessment: Assessment
) -> Snapshot:
    goals = [n for n in case.nodes if n.type is NodeType.GOAL and n.id in assessment.assurance]
    statuses = {VERDICT: assessment.worst(case).value}
    reasons: dict[str, tuple[str, ...]] = {}
    for node in goals:
        assurance = assessment.assurance[node.id]
        statuses[node.id] = assurance.status.value
        reasons[node.id] = tuple(r.explain(node.id) for r in assurance.reasons)
    tops = tuple(assessment.top_goals(case))
    reasons[VERDICT] = tuple(reason for top in tops for reason in reasons.get(top, ()))
    statements = {node.id: node.statement for node in goals}
    return Snapshot(label, day, subject, statuses, reasons, statements, tops)


def unreadable(label: str, day: dt.date, subject: str, problem: str) -> Snapshot:
    return Snapshot(label, day, subject, {}, {}, {}, problem=problem)


def status_changes(snapshots: Sequence[Snapshot]) -> list[StatusChange]:
    """Every change of the verdict or of a goal's status from one readable snapshot to the
    next, with the reasons that appeared (or, for an improvement, the ones that went away).
    The first readable snapshot is where the story starts, not a change."""
    changes: list[StatusChange] = []
    previous: Snapshot | None = None
    for current in snapshots:
        if current.problem:
            continue
        if previous is not None:
            for node, status in current.statuses.items():
                was = previous.statuses.get(node, "(new)")
                if was != status:
                    changes.append(_change(node, previous, current, was, status))
                elif node == VERDICT and _worse_reasons(previous, current):
                    # Still not standing, for one more reason: the board wants to know.
                    changes.append(_change(node, previous, current, was, status))
            for node, was in previous.statuses.items():
                if node not in current.statuses:
                    changes.append(_change(node, previous, current, was, "(removed)"))
        previous = current
    return changes


def _worse_reasons(previous: Snapshot, current: Snapshot) -> bool:
    old = set(previous.reasons.get(VERDICT, ()))
    return any(reason not in old for reason in current.reasons.get(VERDICT, ()))


def _change(node: str, previous: Snapshot, current: Snapshot, was: str, now: str) -> StatusChange:
    old = previous.reasons.get(node, ())
    new = current.reasons.get(node, ())
    appeared = tuple(r for r in new if r not in old)
    gone = tuple(f"resolved: {r}" for r in old if r not in new)
    return StatusChange(
        node, current.label, current.day, current.subject, was, now, appeared or gone
    )
