"""Management review across systems: one row per case, saying whether its argument still
stands and, against an earlier revision, what changed. The command line's `portfolio` and the
editor's portfolio window show these same rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gsn_studio.analysis.check import Assessment
from gsn_studio.analysis.diff import diff_cases
from gsn_studio.model import Case

CHALLENGE_CODES = frozenset(
    {"open-defeater", "refutation-lapsed", "refutation-missing", "open-challenge"}
)
UNREADABLE = "unreadable"
"""The verdict of a file that cannot be read; its problem says why."""
REMOVED = "removed"
"""The verdict of a case the --since revision held and the folder no longer does."""
VERDICTS = ("supported", "undeveloped", "weakened", "defeated", UNREADABLE, REMOVED)


@dataclass(frozen=True, slots=True)
class Condition:
    claim: str
    statement: str
    detection: str


@dataclass(frozen=True, slots=True)
class PortfolioRow:
    path: str
    name: str
    owner: str = ""
    """The owner of the top claim (of each top claim, joined, in the rare case of several)."""
    verdict: str = UNREADABLE
    sound_until: dt.date | None = None
    next_due: dt.date | None = None
    """The earliest date something falls due: evidence to renew or a condition to review."""
    open_challenges: int = 0
    conditions: tuple[Condition, ...] = ()
    findings: int = 0
    problem: str = ""
    """Why the file could not be read (for an unreadable row)."""
    changes: tuple[str, ...] = field(default=())
    """With a revision to compare with: what changed since, one short phrase each."""

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "name": self.name,
            "owner": self.owner,
            "verdict": self.verdict,
            "sound_until": _iso(self.sound_until),
            "next_due": _iso(self.next_due),
            "open_challenges": self.open_challenges,
            "degradation_conditions": [
                {"claim": c.claim, "condition": c.statement, "detection": c.detection}
                for c in self.conditions
            ],
            "findings": self.findings,
            "problem": self.problem,
            "changes": list(self.changes),
        }


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def review_row(
    path: str,
    case: Case,
    assessment: Assessment,
    before: tuple[Case, Assessment] | None = None,
    since: str = "",
) -> PortfolioRow:
    """The row of one case; `before` is the case and its assessment at revision `since`."""
    tops = assessment.top_goals(case)
    owners = dict.fromkeys(case.node(top).owner for top in tops if case.node(top).owner)
    return PortfolioRow(
        path=path,
        name=case.name or path.rsplit("/", 1)[-1],
        owner=", ".join(owners),
        verdict=assessment.worst(case).value,
        sound_until=assessment.sound_until(),
        next_due=next_due(case, assessment),
        open_challenges=sum(1 for f in assessment.findings if f.code in CHALLENGE_CODES),
        conditions=tuple(
            Condition(node.id, condition.statement, condition.detection_text())
            for node in case.nodes
            for condition in node.degradation
        ),
        findings=len(assessment.findings),
        changes=() if not since else changes_since(case, assessment, before, since),
    )


def unreadable_row(path: str, problem: str) -> PortfolioRow:
    return PortfolioRow(path=path, name=path.rsplit("/", 1)[-1], problem=problem)


def removed_row(path: str, since: str) -> PortfolioRow:
    return PortfolioRow(
        path=path,
        name=path.rsplit("/", 1)[-1],
        verdict=REMOVED,
        changes=(f"removed since {since}",),
    )


def next_due(case: Case, assessment: Assessment) -> dt.date | None:
    """The earliest due date of any evidence (past ones included: they are overdue) and of any
    degradation condition's next review."""
    dates = [
        j.due
        for j in (*assessment.judgements.values(), *assessment.refutations.values())
        if j.due is not None
    ]
    for node in case.nodes:
        for condition in node.degradation:
            if condition.review_days and condition.reviewed is not None:
                dates.append(condition.reviewed + dt.timedelta(days=condition.review_days))
    return min(dates, default=None)


def changes_since(
    case: Case, assessment: Assessment, before: tuple[Case, Assessment] | None, since: str
) -> tuple[str, ...]:
    """What changed in the argument and its statuses since a revision, most telling first."""
    if before is None:
        return (f"new since {since}",)
    old_case, old = before
    found: list[str] = []
    old_verdict, new_verdict = old.worst(old_case).value, assessment.worst(case).value
    if old_verdict != new_verdict:
        found.append(f"verdict {old_verdict} -> {new_verdict}")
    old_statuses, new_statuses = old.statuses(old_case), assessment.statuses(case)
    for node_id, status in new_statuses.items():
        was = old_statuses.get(node_id)
        if was is not None and was != status:
            found.append(f"{node_id} {was} -> {status}")
    diff = diff_cases(old_case, case)
    if diff.added:
        found.append(f"added {', '.join(diff.added)}")
    if diff.removed:
        found.append(f"removed {', '.join(diff.removed)}")
    if diff.changed:
        found.append(
            "changed " + ", ".join(f"{node} ({', '.join(fields)})" for node, fields in diff.changed)
        )
    links = len(diff.links_added) + len(diff.links_removed)
    if links:
        found.append(f"{links} link{'s' if links != 1 else ''} changed")
    return tuple(found) or ("no change",)
