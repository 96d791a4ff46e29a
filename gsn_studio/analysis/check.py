"""All checks in one call: the findings, evidence judgements and assurance statuses that
`gsn-studio check`, the evidence register and the editor all show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import field
from operator import attrgetter

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
from gsn_studio.analysis.assurance import NodeAssurance, Propagation, propagation
from gsn_studio.analysis.evidence import DEFAULT_SOON_DAYS, Currency, Judgement
from gsn_studio.analysis.findings import Finding, Severity
from gsn_studio.analysis.levels import Level
from gsn_studio.analysis.survey import Survey, survey
from gsn_studio.model import Case, LinkKind, Node, NodeType
from gsn_studio.model.records import record

STATUS_TYPES = (NodeType.GOAL, NodeType.STRATEGY)
"""The elements whose assurance status is reported."""
_EVIDENCE_MARKS = frozenset(
    {"expired", "expiring", "changed", "missing", "failing", "unmeasured", "undeveloped"}
)
_REOPENED = frozenset({"refutation-lapsed", "refutation-missing"})
_WORDS = {level: level.value for level in Level}
"""Each level's word (asked of the enum, `value` is a Python call: one per node adds up)."""


@record
class _Marks:
    case: Case
    marks: dict[str, str]
    challengers: set[str]


@record
class Assessment:
    as_of: dt.date
    findings: list[Finding]
    judgements: dict[str, Judgement]
    """Each solution's evidence, by node id."""
    refutations: dict[str, Judgement]
    """Each refuted defeater's refuting evidence, by node id."""
    assurance: dict[str, NodeAssurance]
    """Every node of the argument; counter arguments are not in it."""
    _marks: _Marks | None = field(default=None, repr=False, compare=False)
    tops: tuple[str, ...] | None = field(default=None, repr=False, compare=False)
    """The top goals of the case as assessed (`top_goals`), when `assess` found them on its
    pass over the links: a report on the case as it was assessed needs no second search, which
    walks every link."""
    tops_of: Case | None = field(default=None, repr=False, compare=False)
    """The case `tops` were found in: `top_goals` of that case takes them (an editor opening
    a case leads the view, the verdict and the metrics to them: three more walks)."""
    developable: list[Node] | None = field(default=None, repr=False, compare=False)
    """The goals and strategies of `tops_of`, in node order, as `assess` picked them out:
    `statuses` of that case walks these, not every node asking each for its type."""

    def statuses(self, case: Case) -> dict[str, str]:
        """Goal and strategy statuses by id, in node order, as `check --format json` gives them."""
        assurance, words = self.assurance, _WORDS
        developable = self.developable
        if developable is not None and case is self.tops_of:
            return {
                node.id: words[assurance[node.id].status]
                for node in developable
                if node.id in assurance
            }
        goal, strategy = STATUS_TYPES
        return {
            node.id: words[assurance[node.id].status]
            for node in case.nodes
            if (node.type is goal or node.type is strategy) and node.id in assurance
        }

    def marks(self, case: Case) -> dict[str, str]:
        """The one word each node is marked with on the canvas and in figures: a goal's or
        strategy's status, a solution's evidence state, a defeater's standing."""
        known = self.known_marks(case)
        if known is None:
            challengers = {link.source for link in case.links if link.kind is LinkKind.CHALLENGES}
            known = _Marks(case, self.marks_of(case.nodes, challengers), challengers)
            object.__setattr__(self, "_marks", known)
        return dict(known.marks)

    def known_marks(self, case: Case) -> _Marks | None:
        """The marks of `case` if worked out already (`marks`, or `incremental.Assessor`)."""
        known = self._marks
        return known if known is not None and known.case is case else None

    def marks_of(self, nodes: Iterable[Node], challengers: set[str]) -> dict[str, str]:
        """The marks of some of the nodes, in their order (`marks`); `challengers` are the
        sources of the case's challenge links."""
        marks: dict[str, str] = {}
        lapsed = {f.node for f in self.findings if f.code in _REOPENED}
        for node in nodes:
            mark = self._mark(node, lapsed, challengers)
            if mark:
                marks[node.id] = mark
        return marks

    def keep_marks(self, case: Case, marks: dict[str, str], challengers: set[str]) -> None:
        """Take the marks of `case` as worked out elsewhere (from the previous assessment's)."""
        object.__setattr__(self, "_marks", _Marks(case, marks, challengers))

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
        expired = Currency.EXPIRED  # named once: a lookup each time it is named
        dates = [
            j.due
            for j in (*self.judgements.values(), *self.refutations.values())
            if j.due is not None and j.currency is not expired
        ]
        return min(dates) if dates else None

    def top_goals(self, case: Case) -> list[str]:
        """The claims the case is about (`Case.top_goals`), those this assessment judged."""
        if self.tops is not None and case is self.tops_of:
            return list(self.tops)
        return [goal for goal in case.top_goals() if goal in self.assurance]

    def worst(self, case: Case, top_goals: list[str] | None = None) -> Level:
        """The status of the weakest top-level goal: the case's verdict. `top_goals` as
        `top_goals(case)` gives them, when the caller has them already."""
        tops = self.top_goals(case) if top_goals is None else top_goals
        levels = [self.assurance[root].status for root in tops]
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
    `require_owners` adds `unowned-claim` to the practice checks the case itself asks for.
    An editor that assesses after every edit uses `incremental.Assessor` instead."""
    day = as_of or dt.date.today()
    settings = Settings(day, artifacts, soon_days, require_owners, trace_sets)
    return evaluate(case, settings).assessment


@record(eq=False)
class Settings:
    """What an assessment depends on besides the case."""

    day: dt.date
    artifacts: ArtifactReader | None = None
    soon_days: int = DEFAULT_SOON_DAYS
    require_owners: bool = False
    trace_sets: traces.TraceSets | None = None

    def same_as(self, other: Settings) -> bool:
        """The same day and limits, the same reader and the same sets as read."""
        return (
            (self.day, self.soon_days, self.require_owners)
            == (other.day, other.soon_days, other.require_owners)
            and self.artifacts is other.artifacts
            and _same_sets(self.trace_sets, other.trace_sets)
        )


def _same_sets(first: traces.TraceSets | None, second: traces.TraceSets | None) -> bool:
    """The same sets as read: a cache of sets hands out a new mapping of the same sets."""
    if first is None or second is None:
        return first is second
    return first.keys() == second.keys() and all(first[k] is second[k] for k in first)


FAMILIES = (
    "conflicts",
    "duplicates",
    "links",
    "dangling",
    "cycles",
    "roots",
    "unreachable",
    "holes",
    "unreferenced",
    "evidence",
    "refutations",
    "challenges",
    "review",
    "empty",
    "patterns",
    "notation",
    "confidence",
    "traces",
    "acceptance",
    "practice",
)
"""The families of findings, in the order `assess` lists them."""


@record(frozen=False)
class Evaluation:
    """An assessment with what it was worked out from, so that the next one can be worked
    out from what an edit changed (`incremental.Assessor`)."""

    assessment: Assessment
    links: Survey
    tops: list[str]
    roots: list[str] | None
    """The roots reachability is measured from (None when there are none to speak of)."""
    reachable: set[str]
    challenges: defeaters.Challenges
    propagation: Propagation
    families: dict[str, list[Finding]]


def evaluate(case: Case, settings: Settings) -> Evaluation:
    """Everything a check finds, and what it was worked out from."""
    day, artifacts, soon_days = settings.day, settings.artifacts, settings.soon_days
    if artifacts is not None:
        artifacts = artifacts.for_one_pass()
    trace_sets = settings.trace_sets
    links = survey(case)  # one pass over the links for every check that needs them
    tops = case.top_goals(links.supported)
    solutions, counters, developable, marked, blank, traced, accepted = _kinds(case.nodes)
    judgements = evidence.judge_all(case, day, artifacts, soon_days, nodes=solutions)
    refutations = evidence.judge_refutations(case, day, artifacts, soon_days, nodes=counters)
    challenges = defeaters.assess_challenges(case, refutations, links.challenges)
    root_findings, roots = structure.root_problems(case, tops)
    # First: it learns on the way whether the argument goes round in a circle.
    propagated = propagation(case, judgements, challenges.effects, links)
    if case.acps:  # a confidence argument's status, once known, lowers what its ACP is on
        lowered = confidence.effects(case, propagated.assurance)
        propagated = propagation(case, judgements, [*challenges.effects, *lowered], links)
    reachable, everything = set[str](), True
    if roots is not None:  # after propagation, which may have found that no circle is there
        starts = structure.reach_starts(case, roots, counters)
        reachable, everything = structure.reach_argument(links, starts)
        # Every node lies below the one root along the links statuses flow up by (none of
        # them left out to break a circle): its reasons are all there are.
        argument = propagated.argument
        if everything and len(starts) == 1 and not links.others and argument.below is links.below:
            argument.root_of_all = starts[0]
    families: dict[str, list[Finding]] = {
        "conflicts": list(merge.conflict_findings(case)),
        "duplicates": list(structure.duplicate_ids(case)),
        "links": links.problems,
        "dangling": list(defeaters.dangling_challenges(case, links.challenges)),
        "cycles": list(structure.cycles(case, links)),
        "roots": root_findings,
        "unreachable": (
            list(structure.unreachable(case.nodes, reachable, roots))
            if roots is not None and not everything
            else []
        ),
        "holes": list(structure.holes(case, links, nodes=developable)),
        "unreferenced": list(evidence.unreferenced(case, nodes=solutions)),
        "evidence": list(evidence.findings(judgements)),
        "refutations": list(evidence.findings(refutations)),
        "challenges": list(challenges.findings),
        "review": list(review.open_challenges(case)),
        "empty": list(structure.empty_statements(case, blank)),
        **_pattern_families(case, marked),
        "confidence": confidence.findings(case),
        "traces": traces.findings(case, trace_sets, traced),
        "acceptance": acceptance.findings(case, judgements, trace_sets, accepted),
    }
    assurance = propagated.assurance
    judged_tops = [goal for goal in tops if goal in assurance]  # as Assessment.top_goals
    families["practice"] = practice_checks.findings(
        case, links, judged_tops, settings.require_owners
    )
    findings = [finding for family in FAMILIES for finding in families[family]]
    assessment = Assessment(
        day,
        findings,
        judgements,
        refutations,
        assurance,
        tops=tuple(judged_tops),
        tops_of=case,
        developable=developable,
    )
    return Evaluation(assessment, links, tops, roots, reachable, challenges, propagated, families)


_Kinds = tuple[list[Node], list[Node], list[Node], list[Node], list[Node], list[Node], list[Node]]
"""`_kinds`' lists (a tuple: a class of its own would be made at every start)."""


def _kinds(nodes: list[Node]) -> _Kinds:
    """The nodes each check looks at, picked out in one pass over the case, in node order:
    the solutions (counter solutions too), the counter arguments, the goals and strategies,
    and those made from a pattern's role or still to be instantiated, with a blank
    statement, with traces, with an acceptance. A check walking every node to find its own
    reaches all over memory for each (a millisecond or more per pass at 10,000 nodes),
    where the nodes' fields are at hand here."""
    solutions: list[Node] = []
    counters: list[Node] = []
    developable: list[Node] = []
    marked: list[Node] = []
    blank: list[Node] = []
    traced: list[Node] = []
    accepted: list[Node] = []
    goal, strategy = STATUS_TYPES
    solution, counter_goal, counter_solution = (
        NodeType.SOLUTION,
        NodeType.COUNTER_GOAL,
        NodeType.COUNTER_SOLUTION,
    )
    for node in nodes:
        kind = node.type
        if kind is goal or kind is strategy:
            developable.append(node)
        elif kind is solution:
            solutions.append(node)
        elif kind is counter_solution:
            solutions.append(node)
            counters.append(node)
        elif kind is counter_goal:
            counters.append(node)
        if node.role is not None or node.uninstantiated:
            marked.append(node)
        if not node.statement.strip():
            blank.append(node)
        if node.traces:
            traced.append(node)
        if node.acceptance is not None:
            accepted.append(node)
    return solutions, counters, developable, marked, blank, traced, accepted


def _pattern_families(case: Case, marked: list[Node]) -> dict[str, list[Finding]]:
    """`marked` as `_kinds` picks them out: the only nodes that can be left uninstantiated."""
    if case.pattern is not None:
        return {"patterns": patterns.findings(case), "notation": []}
    return {
        "patterns": patterns.uninstantiated(marked),
        "notation": patterns.notation_outside_pattern(case.links),
    }


def check_case(
    case: Case,
    as_of: dt.date | None = None,
    artifacts: ArtifactReader | None = None,
    soon_days: int = DEFAULT_SOON_DAYS,
) -> list[Finding]:
    """Every finding for a case, evidence judged as of a day (today by default)."""
    return assess(case, as_of, artifacts, soon_days).findings


@record
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
    errors, warnings = severity_counts(findings)
    return Summary(
        nodes=len(case.nodes),
        goals=list(map(attrgetter("type"), case.nodes)).count(NodeType.GOAL),  # no call per node
        undeveloped_goals=sum(1 for f in findings if f.code == "undeveloped-goal"),
        expired_evidence=sum(1 for f in findings if f.code == "expired-evidence"),
        errors=errors,
        warnings=warnings,
        unreferenced_evidence=sum(1 for f in findings if f.code == "evidence-unreferenced"),
    )


def severity_counts(findings: list[Finding]) -> tuple[int, int]:
    """How many errors and how many warnings: all a summary line needs (the editor's, after
    every edit, without walking the case's nodes as `summarize` does)."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    return errors, warnings
