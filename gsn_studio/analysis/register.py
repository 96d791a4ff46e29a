"""The evidence register: one row per piece of evidence, ordered by when it falls due.

The command line prints it (`gsn-studio evidence`) and the editor's dashboard lists it; both
take their rows from here.
"""

from __future__ import annotations

import datetime as dt

from gsn_studio.analysis.check import Assessment
from gsn_studio.analysis.evidence import Judgement
from gsn_studio.model import Case
from gsn_studio.model.records import record

COLUMNS = (
    "id", "statement", "reference", "role", "evidence_date", "valid_until", "review_days",
    "due", "verified_on", "verified_by", "sha256", "hash", "measure", "measured", "status",
)  # fmt: skip


@record
class RegisterRow:
    node: str
    statement: str
    role: str
    """"evidence" for a solution, "refutation" for a defeater's refuting evidence."""
    judgement: Judgement

    @property
    def due(self) -> dt.date | None:
        return self.judgement.due

    def as_dict(self) -> dict[str, str]:
        """Every column as text, empty when there is nothing to say."""
        j = self.judgement
        e = j.evidence
        verified = e.verified
        return {
            "id": self.node,
            "statement": self.statement,
            "reference": e.reference,
            "role": self.role,
            "evidence_date": _day(e.date),
            "valid_until": _day(e.valid_until),
            "review_days": "" if e.review_days is None else str(e.review_days),
            "due": _day(j.due),
            "verified_on": _day(verified.on) if verified else "",
            "verified_by": verified.by if verified else "",
            "sha256": verified.sha256 if verified else "",
            "hash": j.hash_state.value,
            "measure": e.measure.rule if e.measure else "",
            "measured": "" if j.measured is None else f"{j.measured:g}",
            "status": j.state,
        }


def register(case: Case, assessment: Assessment) -> list[RegisterRow]:
    """Solutions and refutations, soonest due first; those with no due date last, by id order."""
    nodes = case.index()
    rows = [
        RegisterRow(node_id, nodes[node_id].statement, "evidence", judgement)
        for node_id, judgement in assessment.judgements.items()
    ] + [
        RegisterRow(node_id, nodes[node_id].statement, "refutation", judgement)
        for node_id, judgement in assessment.refutations.items()
    ]
    order = {node.id: i for i, node in enumerate(case.nodes)}
    return sorted(rows, key=lambda r: (r.due is None, r.due or dt.date.min, order[r.node]))


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else ""
