"""All checks in one call: the list of findings that `gsn-studio check` and the editor show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gsn_studio.analysis import evidence, structure
from gsn_studio.analysis.findings import Finding, Severity
from gsn_studio.model import Case, NodeType


@dataclass(frozen=True, slots=True)
class Summary:
    nodes: int
    goals: int
    undeveloped_goals: int
    expired_evidence: int
    errors: int
    warnings: int

    def as_dict(self) -> dict[str, int]:
        return {
            "nodes": self.nodes,
            "goals": self.goals,
            "undeveloped_goals": self.undeveloped_goals,
            "expired_evidence": self.expired_evidence,
            "errors": self.errors,
            "warnings": self.warnings,
        }


def check_case(case: Case, as_of: dt.date | None = None) -> list[Finding]:
    """Every finding for a case, evidence judged as of a day (today by default)."""
    day = as_of or dt.date.today()
    graph = structure.support_graph(case)
    return [
        *structure.duplicate_ids(case),
        *structure.link_problems(case),
        *structure.cycles(case, graph),
        *structure.roots_and_reachability(case, graph),
        *structure.holes(case, graph),
        *evidence.expired(case, day),
        *structure.empty_statements(case),
    ]


def summarize(case: Case, findings: list[Finding]) -> Summary:
    return Summary(
        nodes=len(case.nodes),
        goals=sum(1 for _ in case.of_type(NodeType.GOAL)),
        undeveloped_goals=sum(1 for f in findings if f.code == "undeveloped-goal"),
        expired_evidence=sum(1 for f in findings if f.code == "expired-evidence"),
        errors=sum(1 for f in findings if f.severity is Severity.ERROR),
        warnings=sum(1 for f in findings if f.severity is Severity.WARNING),
    )
