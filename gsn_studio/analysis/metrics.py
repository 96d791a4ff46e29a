"""The figures a manager tracks a case by: how many elements of each type, how its claims and
evidence stand, how much is still a hole, which evidence carries the most claims, how deep the
argument goes, what is open and what falls due. `gsn-studio metrics` prints them (and their
change since a git revision) and the editor's dashboard shows them; both call `metrics`.

Definitions (docs/metrics.md says the same for readers):
- claims: goals and strategies by assurance status, the codes `check --format json` gives;
- evidence: solutions by the evidence register's status, a solution naming no evidence being
  `undeveloped`; defeaters: counter claims and counter evidence by their standing;
- undeveloped goals: goals that are the hole themselves (marked undeveloped, or with no
  support yet), not goals with a hole somewhere below;
- fan-in of a solution: the goals it supports directly (a SupportedBy link from the goal) and
  transitively (every goal above it along SupportedBy links), each goal counted once;
- depth: levels along the longest SupportedBy chain from a top goal (a lone goal is depth 1;
  G1 → S1 → G2 → Sn1 is depth 4); the mean is over the ends of the argument (every goal,
  strategy or solution that nothing supports further), each at its deepest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import field

from gsn_studio.analysis.check import Assessment
from gsn_studio.analysis.evidence import EvidenceState, names_no_evidence
from gsn_studio.analysis.levels import Level
from gsn_studio.analysis.modules import ModularAssessment
from gsn_studio.model import CONTEXTUAL, COUNTER, Case, LinkKind, NodeType
from gsn_studio.model.records import record

CLAIM_STATUSES = tuple(level.value for level in Level)
EVIDENCE_STATES = tuple(state.value for state in EvidenceState)
"""The evidence register's status codes (`analysis.evidence.Judgement.state`)."""
DEFEATER_STATES = ("open", "refuted", "accepted")
DUE_WINDOWS = (30, 90)
"""Days ahead for which evidence falling due is counted."""
OPEN_DEFEATER_CODES = frozenset({"open-defeater", "refutation-lapsed", "refutation-missing"})
"""Findings of a defeater whose challenge stands unanswered (what `check` reports)."""


@record
class FanIn:
    node: str
    direct: int
    """Goals with a SupportedBy link to this solution."""
    transitive: int
    """Every goal above it along SupportedBy links, the direct ones included."""


@record
class ModuleMetrics:
    """The figures of one module of a modular case, its statuses seen across modules."""

    id: str
    file: str
    verdict: str
    elements: int
    by_type: dict[str, int]
    claims: dict[str, int]
    goals: int
    undeveloped_goals: int

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "file": self.file,
            "verdict": self.verdict,
            "elements": self.elements,
            "by_type": dict(self.by_type),
            "claims": dict(self.claims),
            "goals": self.goals,
            "undeveloped_goals": self.undeveloped_goals,
        }


@record
class Metrics:
    as_of: dt.date
    verdict: str
    elements: int
    by_type: dict[str, int]
    """Every node type (NodeType's value, as files name it), zero included, in model order."""
    claims: dict[str, int]
    evidence: dict[str, int]
    defeaters: dict[str, int]
    goals: int
    undeveloped_goals: tuple[str, ...]
    depth_max: int
    depth_mean: float
    fan_in: tuple[FanIn, ...]
    """Every solution, the most load-bearing first (transitive, then direct, then node order)."""
    open_defeaters: tuple[str, ...]
    open_challenges: tuple[str, ...]
    """Ids of review comments that rebut, undermine or undercut and are still open."""
    open_questions: int
    overdue: tuple[str, ...]
    """Evidence (and refutations) whose due date has passed."""
    due_within: dict[int, tuple[str, ...]]
    """For each of DUE_WINDOWS: evidence falling due from the as-of day to that many days on."""
    modules: tuple[ModuleMetrics, ...] = field(default=())

    @property
    def undeveloped_share(self) -> float:
        """Undeveloped goals as a share of all goals (0 when there are none)."""
        return len(self.undeveloped_goals) / self.goals if self.goals else 0.0

    def figures(self) -> dict[str, float]:
        """Every figure as a flat name -> number, the names `change` and JSON use."""
        flat: dict[str, float] = {"elements": self.elements}
        flat.update({f"by_type.{name}": count for name, count in self.by_type.items()})
        flat.update({f"claims.{name}": count for name, count in self.claims.items()})
        flat.update({f"evidence.{name}": count for name, count in self.evidence.items()})
        flat.update({f"defeaters.{name}": count for name, count in self.defeaters.items()})
        flat["goals"] = self.goals
        flat["undeveloped_goals"] = len(self.undeveloped_goals)
        flat["undeveloped_share"] = round(self.undeveloped_share, 4)
        flat["depth.max"] = self.depth_max
        flat["depth.mean"] = round(self.depth_mean, 2)
        flat["fan_in.max"] = max((f.transitive for f in self.fan_in), default=0)
        flat["open_defeaters"] = len(self.open_defeaters)
        flat["open_challenges"] = len(self.open_challenges)
        flat["open_questions"] = self.open_questions
        flat["due.overdue"] = len(self.overdue)
        flat.update({f"due.within_{days}_days": len(ids) for days, ids in self.due_within.items()})
        return flat

    def as_dict(self) -> dict[str, object]:
        """The JSON form (docs/metrics.md): keys are stable, new ones may be added."""
        return {
            "as_of": self.as_of.isoformat(),
            "verdict": self.verdict,
            "elements": self.elements,
            "by_type": dict(self.by_type),
            "claims": dict(self.claims),
            "evidence": dict(self.evidence),
            "defeaters": dict(self.defeaters),
            "goals": self.goals,
            "undeveloped_goals": list(self.undeveloped_goals),
            "undeveloped_share": round(self.undeveloped_share, 4),
            "depth": {"max": self.depth_max, "mean": round(self.depth_mean, 2)},
            "fan_in": [
                {"id": f.node, "direct": f.direct, "transitive": f.transitive} for f in self.fan_in
            ],
            "open_defeaters": list(self.open_defeaters),
            "open_challenges": list(self.open_challenges),
            "open_questions": self.open_questions,
            "due": {
                "overdue": list(self.overdue),
                **{f"within_{days}_days": list(ids) for days, ids in self.due_within.items()},
            },
            "modules": [module.as_dict() for module in self.modules],
        }


def change(now: Mapping[str, float], before: Mapping[str, float]) -> dict[str, float]:
    """Each figure's change, now minus before (a figure absent on one side counts as 0)."""
    names = dict.fromkeys([*now, *before])
    return {name: round(now.get(name, 0) - before.get(name, 0), 4) for name in names}


def metrics(
    case: Case, assessment: Assessment, modular: ModularAssessment | None = None
) -> Metrics:
    """The figures of a case as `assessment` judged it. For a case of modules pass the whole
    case's assessment: the figures are of the complete case, with one row per module."""
    if modular is not None:
        case, assessment = modular.complete.case, modular.assessment
    by_type = {node_type.value: 0 for node_type in NodeType}
    for node in case.nodes:
        by_type[node.type.value] += 1
    claims = claim_counts(case, assessment)
    # Marks are worked out for every node; only defeaters' are wanted, and most cases have none.
    marks = assessment.marks(case) if by_type["CounterGoal"] or by_type["CounterSolution"] else {}
    evidence = dict.fromkeys(EVIDENCE_STATES, 0)
    defeaters = dict.fromkeys(DEFEATER_STATES, 0)
    for node in case.nodes:
        if node.type is NodeType.SOLUTION:
            state = _evidence_state(node.id, assessment, names_no_evidence(node))
            if state:
                evidence[state] = evidence.get(state, 0) + 1
        elif node.is_counter:
            defeaters[marks.get(node.id) or node.defeater_status.value] += 1
    goals = [node for node in case.nodes if node.type is NodeType.GOAL]
    shape = _shape(case)
    comments = [c for c in case.comments if c.status.value == "open"]
    overdue, due_within = _due(assessment)
    return Metrics(
        as_of=assessment.as_of,
        verdict=assessment.worst(case).value,
        elements=len(case.nodes),
        by_type=by_type,
        claims=claims,
        evidence=evidence,
        defeaters=defeaters,
        goals=len(goals),
        undeveloped_goals=tuple(g.id for g in goals if _is_hole(g.id, assessment)),
        depth_max=shape.depth_max,
        depth_mean=shape.depth_mean,
        fan_in=shape.fan_in,
        open_defeaters=tuple(
            dict.fromkeys(
                f.node for f in assessment.findings if f.code in OPEN_DEFEATER_CODES and f.node
            )
        ),
        open_challenges=tuple(c.id for c in comments if c.kind.is_challenge),
        open_questions=sum(1 for c in comments if not c.kind.is_challenge),
        overdue=overdue,
        due_within=due_within,
        modules=() if modular is None else _modules(modular),
    )


def claim_counts(case: Case, assessment: Assessment) -> dict[str, int]:
    """Goals and strategies by assurance status, every status present (zeros included)."""
    claims = dict.fromkeys(CLAIM_STATUSES, 0)
    for status in assessment.statuses(case).values():
        claims[status] += 1
    return claims


def _evidence_state(node_id: str, assessment: Assessment, names_nothing: bool) -> str:
    judgement = assessment.judgements.get(node_id)
    if judgement is not None:
        return judgement.state
    return "undeveloped" if names_nothing else ""  # "": a pattern's template, not judged


def _is_hole(node_id: str, assessment: Assessment) -> bool:
    assurance = assessment.assurance.get(node_id)
    return assurance is not None and any(
        reason.cause == node_id and reason.level is Level.UNDEVELOPED for reason in assurance.own
    )


def _due(assessment: Assessment) -> tuple[tuple[str, ...], dict[int, tuple[str, ...]]]:
    day = assessment.as_of
    judged = [
        j
        for j in (*assessment.judgements.values(), *assessment.refutations.values())
        if j.due is not None
    ]
    judged.sort(key=lambda j: j.due or day)
    overdue = tuple(j.node for j in judged if j.due is not None and j.due < day)
    within = {
        days: tuple(
            j.node
            for j in judged
            if j.due is not None and day <= j.due <= day + dt.timedelta(days=days)
        )
        for days in DUE_WINDOWS
    }
    return overdue, within


def _support(case: Case) -> tuple[list[str], dict[str, list[str]], dict[str, list[str]]]:
    """The argument's nodes (goals, strategies, solutions) in node order, and its SupportedBy
    links between them as children and parents, each pair once."""
    members = [node_id for node_id, node in case.index().items() if node.type in _ARGUMENT_TYPES]
    children: dict[str, list[str]] = {node_id: [] for node_id in members}
    parents: dict[str, list[str]] = {node_id: [] for node_id in members}
    seen: set[tuple[str, str]] = set()
    supported_by = LinkKind.SUPPORTED_BY
    for link in case.links:
        if link.kind is not supported_by:
            continue
        pair = (link.source, link.target)
        if pair[0] in children and pair[1] in children and pair[0] != pair[1] and pair not in seen:
            seen.add(pair)
            children[pair[0]].append(pair[1])
            parents[pair[1]].append(pair[0])
    return members, children, parents


_ARGUMENT_TYPES = frozenset(NodeType) - CONTEXTUAL - COUNTER


@record
class _Shape:
    depth_max: int
    depth_mean: float
    fan_in: tuple[FanIn, ...]


def _shape(case: Case) -> _Shape:
    """Depth and fan-in in one walk, parents before children (Kahn's order). Nodes on a cycle
    (reported by `check`) never become ready and are left out: no top to count from."""
    members, children, parents = _support(case)
    nodes = case.index()
    goals = {n for n in members if nodes[n].type is NodeType.GOAL}
    waiting = {node_id: len(parents[node_id]) for node_id in members}
    level = {node_id: 1 for node_id in members if waiting[node_id] == 0}
    bit = {goal: 1 << number for number, goal in enumerate(sorted(goals))}
    above = dict.fromkeys(level, 0)
    """The goals above each node as bits of an int, built from its parents' (an OR of ints
    runs in C; walking up from every solution of a deep 10,000-node case took 0.3 s)."""
    ready = list(level)
    while ready:
        current = ready.pop()
        for child in children[current]:
            level[child] = max(level.get(child, 0), level[current] + 1)
            waiting[child] -= 1
            if waiting[child] == 0:
                ready.append(child)
                mask = 0
                for parent in parents[child]:
                    mask |= above[parent] | bit.get(parent, 0)
                above[child] = mask
    ends = [level[n] for n in members if n in above and not children[n]]
    found = []
    for position, node_id in enumerate(members):
        if nodes[node_id].type is NodeType.SOLUTION and node_id in above:
            direct = sum(1 for parent in parents[node_id] if parent in goals)
            found.append((FanIn(node_id, direct, above[node_id].bit_count()), position))
    found.sort(key=lambda item: (-item[0].transitive, -item[0].direct, item[1]))
    return _Shape(
        max((level[n] for n in above), default=0),
        sum(ends) / len(ends) if ends else 0.0,
        tuple(fan for fan, _ in found),
    )


def _modules(whole: ModularAssessment) -> tuple[ModuleMetrics, ...]:
    rows = []
    for module in whole.modular.modules:
        own = [node for node in module.case.nodes if node.cites is None]
        by_type = {node_type.value: 0 for node_type in NodeType}
        for node in own:
            by_type[node.type.value] += 1
        claims = dict.fromkeys(CLAIM_STATUSES, 0)
        for node in own:
            status = whole.status_of(module.id, node.id) if node.type in _CLAIMS else None
            if status is not None:
                claims[status.status.value] += 1
        goals = [node for node in own if node.type is NodeType.GOAL]
        holes = sum(
            1
            for goal in goals
            if any(
                _is_hole(target, whole.assessment)
                for target in whole.complete.in_complete(module.id, goal.id)
            )
        )
        rows.append(
            ModuleMetrics(
                id=module.id,
                file=module.path,
                verdict=whole.module_verdict(module).value,
                elements=len(own),
                by_type=by_type,
                claims=claims,
                goals=len(goals),
                undeveloped_goals=holes,
            )
        )
    return tuple(rows)


_CLAIMS = (NodeType.GOAL, NodeType.STRATEGY)
