"""All checks in one call: the findings, evidence judgements and assurance statuses that
`gsn-studio check`, the evidence register and the editor all show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gsn_studio.analysis import (
    acceptance,
    confidence,
    defeaters,
    evidence,
    merge,
    patterns,
    review,
    structure,
    traces,
)
from gsn_studio.analysis import practice as practice_checks
from gsn_studio.analysis.artifacts import ArtifactReader
from gsn_studio.analysis.assurance import NodeAssurance, propagate
from gsn_studio.analysis.evidence import DEFAULT_SOON_DAYS, Currency, Judgement
from gsn_studio.analysis.findings import Finding, Severity
from gsn_studio.analysis.levels import Level
from gsn_studio.analysis.survey import survey
from gsn_studio.model import Case, LinkKind, Node, NodeType

STATUS_TYPES = (NodeType.GOAL, NodeType.STRATEGY)
"""The elements whose assurance status is reported."""
_EVIDENCE_MARKS = frozenset(
    {"expired", "expiring", "changed", "missing", "failing", "unmeasured", "undeveloped"}
)
_REOPENED = frozenset({"refutation-lapsed", "refutation-missing"})


@dataclass(frozen=True, slots=True)
class Assessment:
    as_of: dt.date
    findings: list[Finding]
    judgements: dict[str, Judgement]
    """Each solution's evidence, by node id."""
    refutations: dict[str, Judgement]
    """Each refuted defeater's refuting evidence, by node id."""
    assurance: dict[str, NodeAssurance]
    """Every node of the argument; counter arguments are not in it."""

    def statuses(self, case: Case) -> dict[str, str]:
        """Goal and strategy statuses by id, in node order, as `check --format json` gives them."""
        return {
            node.id: self.assurance[node.id].status.value
            for node in case.nodes
            if node.type in STATUS_TYPES and node.id in self.assurance
        }

    def marks(self, case: Case) -> dict[str, str]:
        """The one word each node is marked with on the canvas and in figures: a goal's or
        strategy's status, a solution's evidence state, a defeater's standing."""
        marks: dict[str, str] = {}
        lapsed = {f.node for f in self.findings if f.code in _REOPENED}
        challengers = {link.source for link in case.links if link.kind is LinkKind.CHALLENGES}
        for node in case.nodes:
            mark = self._mark(node, lapsed, challengers)
            if mark:
                marks[node.id] = mark
        return marks

    def _mark(self, node: Node, lapsed: set[str | None], challengers: set[str]) -> str:
        if node.is_counter:
            if node.id not in challengers:
                return ""
            return "open" if node.id in lapsed else node.defeater_status.value
        assurance = self.assurance.get(node.id)
        if assurance is None:
            return ""
        level = assurance.status
        if node.type in STATUS_TYPES:
            if level is Level.UNDEVELOPED:
                own = any(r.cause == node.id for r in assurance.own)
                return "undeveloped" if own else "incomplete"
            return level.value
        if level is Level.DEFEATED:
            return "defeated"
        judgement = self.judgements.get(node.id)
        state = judgement.state if judgement is not None else ""
        if state in _EVIDENCE_MARKS:
            return state
        if evidence.names_no_evidence(node):
            return "undeveloped"  # the hole itself, as a goal with no support is
        return "weakened" if level is Level.WEAKENED else ""

    def sound_until(self) -> dt.date | None:
        """The day after which some evidence that is current now expires: the earliest due
        date of all evidence not yet expired. None when nothing has a date."""
        dates = [
            j.due
            for j in (*self.judgements.values(), *self.refutations.values())
            if j.due is not None and j.currency is not Currency.EXPIRED
        ]
        return min(dates) if dates else None

    def top_goals(self, case: Case) -> list[str]:
        """The claims the case is about (`Case.top_goals`), those this assessment judged."""
        return [goal for goal in case.top_goals() if goal in self.assurance]

    def worst(self, case: Case) -> Level:
        """The status of the weakest top-level goal: the case's verdict."""
        levels = [self.assurance[root].status for root in self.top_goals(case)]
        return max(levels, key=lambda level: level.rank, default=Level.SUPPORTED)


def assess(
    case: Case,
    as_of: dt.date | None = None,
    artifacts: ArtifactReader | None = None,
    soon_days: int = DEFAULT_SOON_DAYS,
    require_owners: bool = False,
    *,
    trace_sets: traces.TraceSets | None = None,
) -> Assessment:
    """Everything a check finds. Without an artifact reader, files are not looked at; without
    the trace sets as read (`io.trace_sets.load_trace_sets`), neither are the sets' files.
    `require_owners` adds `unowned-claim` to the practice checks the case itself asks for."""
    day = as_of or dt.date.today()
    links = survey(case)  # one pass over the links for every check that needs them
    tops = case.top_goals(links.supported)
    judgements = evidence.judge_all(case, day, artifacts, soon_days)
    # An uninstantiated solution's evidence is a template ("{measurements}"): nothing to judge.
    templates = {node.id for node in case.nodes if node.uninstantiated and node.evidence}
    if templates:
        judgements = {key: j for key, j in judgements.items() if key not in templates}
    refutations = evidence.judge_refutations(case, day, artifacts, soon_days)
    challenges = defeaters.assess_challenges(case, refutations)
    findings = [
        *merge.conflict_findings(case),
        *structure.duplicate_ids(case),
        *links.problems,
        *defeaters.dangling_challenges(case),
        *structure.cycles(case, links),
        *structure.roots_and_reachability(case, links, tops),
        *structure.holes(case, links),
        *evidence.unreferenced(case),
        *evidence.findings(judgements),
        *evidence.findings(refutations),
        *challenges.findings,
        *review.open_challenges(case),
        *structure.empty_statements(case),
        *patterns.findings(case),
        *confidence.findings(case),
        *traces.findings(case, trace_sets),
        *acceptance.findings(case, judgements, trace_sets),
    ]
    assurance = propagate(case, judgements, challenges.effects, links)
    if case.acps:  # a confidence argument's status, once known, lowers what its ACP is on
        lowered = confidence.effects(case, assurance)
        assurance = propagate(case, judgements, [*challenges.effects, *lowered], links)
    assessment = Assessment(day, findings, judgements, refutations, assurance)
    judged_tops = [goal for goal in tops if goal in assurance]  # as Assessment.top_goals
    findings += practice_checks.findings(case, links, judged_tops, require_owners)
    return assessment


def check_case(
    case: Case,
    as_of: dt.date | None = None,
    artifacts: ArtifactReader | None = None,
    soon_days: int = DEFAULT_SOON_DAYS,
) -> list[Finding]:
    """Every finding for a case, evidence judged as of a day (today by default)."""
    return assess(case, as_of, artifacts, soon_days).findings


@dataclass(frozen=True, slots=True)
class Summary:
    nodes: int
    goals: int
    undeveloped_goals: int
    expired_evidence: int
    errors: int
    warnings: int
    unreferenced_evidence: int = 0
    """Solutions that name no evidence: holes as much as undeveloped goals are."""

    def as_dict(self) -> dict[str, int]:
        return {
            "nodes": self.nodes,
            "goals": self.goals,
            "undeveloped_goals": self.undeveloped_goals,
            "expired_evidence": self.expired_evidence,
            "errors": self.errors,
            "warnings": self.warnings,
            "unreferenced_evidence": self.unreferenced_evidence,
        }


def summarize(case: Case, findings: list[Finding]) -> Summary:
    return Summary(
        nodes=len(case.nodes),
        goals=sum(1 for _ in case.of_type(NodeType.GOAL)),
        undeveloped_goals=sum(1 for f in findings if f.code == "undeveloped-goal"),
        expired_evidence=sum(1 for f in findings if f.code == "expired-evidence"),
        errors=sum(1 for f in findings if f.severity is Severity.ERROR),
        warnings=sum(1 for f in findings if f.severity is Severity.WARNING),
        unreferenced_evidence=sum(1 for f in findings if f.code == "evidence-unreferenced"),
    )
