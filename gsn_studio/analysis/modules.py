"""Checks across the modules of a case, and the whole case's assessment.

The modules are unrolled into one argument (`ModularCase.complete`), which `assess` checks as it
checks any case: so status propagates across modules, and a goal left undeveloped in one module
and developed by another is developed. What only modules can get wrong is checked here: away
elements that cite nothing, or a private element, or an element of another type; and modules
that use each other in a circle. Every finding names its module.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from gsn_studio.analysis.artifacts import ArtifactReader
from gsn_studio.analysis.assurance import NodeAssurance, Reason
from gsn_studio.analysis.check import STATUS_TYPES, Assessment, assess
from gsn_studio.analysis.evidence import DEFAULT_SOON_DAYS
from gsn_studio.analysis.findings import Finding, Severity
from gsn_studio.analysis.levels import Level, worst_mark
from gsn_studio.model import (
    Complete,
    ModularCase,
    Module,
    Trouble,
    Unresolved,
)
from gsn_studio.model.records import record

if TYPE_CHECKING:
    from gsn_studio.analysis.diff import CaseDiff

ERROR, WARNING = Severity.ERROR, Severity.WARNING

MODULE_CODES = frozenset(
    {
        "dangling-away-reference",
        "private-element-cited",
        "away-type-mismatch",
        "module-cycle",
        "invalid-contract",
    }
)


@record
class ModularAssessment:
    modular: ModularCase
    complete: Complete
    assessment: Assessment
    """Of the complete view: every module's elements under their own ids."""
    findings: list[Finding]
    """Every finding, each with its module (None for the case as a whole)."""

    def module_findings(self, module_id: str) -> list[Finding]:
        return [f for f in self.findings if f.module == module_id]

    def case_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.module is None]

    def status_of(self, module_id: str, node_id: str) -> NodeAssurance | None:
        """An element's status as seen in a module: an away element carries its home's."""
        targets = self.complete.in_complete(module_id, node_id)
        found = [self.assessment.assurance[t] for t in targets if t in self.assessment.assurance]
        return max(found, key=lambda a: a.status.rank, default=None)

    def statuses(self, module: Module) -> dict[str, str]:
        """The module's goals and strategies, away goals included, by id: their statuses."""
        statuses: dict[str, str] = {}
        for node in module.case.nodes:
            if node.type in STATUS_TYPES:
                status = self.status_of(module.id, node.id)
                if status is not None:
                    statuses[node.id] = status.status.value
        return statuses

    def marks(self, module: Module) -> dict[str, str]:
        """The word each element of a module is marked with (`Assessment.marks`), as seen in
        that module: an away element or module reference carries its home's, the worst."""
        marks = self.assessment.marks(self.complete.case)
        seen: dict[str, str] = {}
        for node in module.case.nodes:
            found = [marks[t] for t in self.complete.in_complete(module.id, node.id) if t in marks]
            if found:
                seen[node.id] = found[0] if len(found) == 1 else _worst_mark(found)
        return seen

    def explain(self, module_id: str, node_id: str) -> list[str]:
        """Why an element of a module has its status, naming the modules the reasons pass
        through: "G1 weakened: Sn4 expired via G5 in module fairness"."""
        status = self.status_of(module_id, node_id)
        if status is None:
            return []
        return [
            self._explain(reason, module_id, node_id, reason.level is not status.status)
            for reason in status.reasons
        ]

    def _explain(self, reason: Reason, module_id: str, node_id: str, also: bool) -> str:
        current, hops = module_id, []
        for hop in reason.path:
            home = self.complete.module_of(hop) or current
            name = self.complete.local_id.get(hop, hop)
            hops.append(name if home == current else f"{name} in module {home}")
            current = home
        via = f" via {' → '.join(hops)}" if hops else ""
        cause_home = self.complete.module_of(reason.cause) or current
        where = f" in module {cause_home}" if cause_home != current else ""
        return f"{node_id} {'also ' if also else ''}{reason.level.value}: {reason.text}{where}{via}"

    def module_verdict(self, module: Module) -> Level:
        """The worst status of the module's own top goals: those nothing in it supports."""
        levels = [
            status.status
            for goal in module.case.top_goals()
            for status in (self.status_of(module.id, goal),)
            if status is not None
        ]
        return max(levels, key=lambda level: level.rank, default=Level.SUPPORTED)


def _worst_mark(marks: list[str]) -> str:
    return worst_mark(marks)


def assess_modular(
    modular: ModularCase,
    as_of: dt.date | None = None,
    artifacts: ArtifactReader | None = None,
    soon_days: int = DEFAULT_SOON_DAYS,
    require_owners: bool = False,
) -> ModularAssessment:
    """Everything a check finds in a case of modules, as `assess` does for one."""
    complete = modular.complete()
    assessment = assess(complete.case, as_of, artifacts, soon_days, require_owners)
    findings = [
        *(_problem(problem) for problem in complete.problems),
        *module_cycles(modular, complete),
        *(
            _in_module(finding, modular, complete)
            for finding in assessment.findings
            if finding.node not in complete.dangling  # reported as dangling-away-reference
        ),
    ]
    return ModularAssessment(modular, complete, assessment, findings)


def _in_module(finding: Finding, modular: ModularCase, complete: Complete) -> Finding:
    module = complete.module_of(finding.node)
    if finding.code == "duplicate-id":
        holders = [
            m.id
            for m in modular.modules
            if any(n.id == finding.node and n.cites is None for n in m.case.nodes)
        ]
        if len(holders) > 1:
            message = (
                f"modules {', '.join(holders)} each have an element {finding.node}; ids must be "
                "unique across the modules of a case, or links to it are ambiguous"
            )
            return dataclasses.replace(finding, message=message, module=module)
    node = complete.local_id.get(finding.node or "", finding.node)
    return dataclasses.replace(finding, node=node, module=module)


_MESSAGES = {
    Trouble.NO_MODULE: "there is no module {module} in this case",
    Trouble.NO_ELEMENT: "module {module} has no element {element}",
    Trouble.AWAY_HOME: "{element} in module {module} is itself an away element",
}


def _problem(problem: Unresolved) -> Finding:
    cited = problem.cited
    where = {"module": cited.module, "element": cited.element}
    if problem.node is None:
        if problem.trouble is Trouble.NOT_UNDEVELOPED:
            text = (
                f"module {problem.module} develops {cited.element} of module {cited.module}, "
                f"which is not left undeveloped there"
            )
        else:
            text = f"a contract of module {problem.module} names {cited.describe()}, but " + (
                _MESSAGES[problem.trouble].format(**where)
            )
        return Finding("invalid-contract", ERROR, None, text, problem.module)
    node = problem.node
    if problem.trouble is Trouble.WRONG_TYPE:
        return Finding(
            "away-type-mismatch",
            ERROR,
            node,
            f"{node} cites {cited.describe()}, which is a {problem.home_type}: an away element "
            "has the type of the element it cites",
            problem.module,
        )
    if problem.trouble is Trouble.PRIVATE:
        return Finding(
            "private-element-cited",
            ERROR,
            node,
            f"{node} cites {cited.describe()}, which that module does not make public",
            problem.module,
        )
    return Finding(
        "dangling-away-reference",
        ERROR,
        node,
        f"{node} cites {cited.describe()}, but " + _MESSAGES[problem.trouble].format(**where),
        problem.module,
    )


def module_cycles(modular: ModularCase, complete: Complete) -> Iterator[Finding]:
    """Modules that use each other in a circle: one finding per tangle."""
    import networkx as nx  # noqa: PLC0415 (a modular case only: one file never pays for it)

    graph = nx.DiGraph()
    order = {module.id: i for i, module in enumerate(modular.modules)}
    graph.add_nodes_from(order)
    for module_id, used in complete.uses.items():
        graph.add_edges_from((module_id, other) for other in used)
    for component in sorted(
        nx.strongly_connected_components(graph), key=lambda c: min(order[m] for m in c)
    ):
        first = min(component, key=order.__getitem__)
        if len(component) == 1 and not graph.has_edge(first, first):
            continue
        loop = [first, *(target for _, target in nx.find_cycle(graph.subgraph(component), first))]
        yield Finding(
            "module-cycle",
            ERROR,
            None,
            f"modules use each other in a circle: {' -> '.join(loop)}",
            first,
        )


@record
class ModularDiff:
    """What changed between two versions of a case of modules, module by module."""

    added: list[str]
    removed: list[str]
    changed: dict[str, CaseDiff]
    """Modules in both versions whose argument changed, by id."""
    headers: list[str]
    """Modules in both versions whose owner, uses or contracts changed."""

    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.headers)

    def as_dict(self) -> dict[str, object]:
        return {
            "modules_added": self.added,
            "modules_removed": self.removed,
            "modules_changed": {module: diff.as_dict() for module, diff in self.changed.items()},
            "headers_changed": self.headers,
        }


def diff_modular(old: ModularCase, new: ModularCase, layout: bool = False) -> ModularDiff:
    """Modules matched by id; within each, `diff_cases`."""
    from gsn_studio.analysis.diff import diff_cases  # noqa: PLC0415 (check never diffs)

    before = {module.id: module for module in old.modules}
    after = {module.id: module for module in new.modules}
    changed: dict[str, CaseDiff] = {}
    headers: list[str] = []
    for module_id, module in after.items():
        earlier = before.get(module_id)
        if earlier is None:
            continue
        diff = diff_cases(earlier.case, module.case, layout)
        if not diff.is_empty():
            changed[module_id] = diff
        header = ("owner", "uses", "contracts")
        if any(getattr(earlier, name) != getattr(module, name) for name in header):
            headers.append(module_id)
    return ModularDiff(
        added=[module_id for module_id in after if module_id not in before],
        removed=[module_id for module_id in before if module_id not in after],
        changed=changed,
        headers=headers,
    )


__all__ = [
    "MODULE_CODES",
    "ModularAssessment",
    "ModularDiff",
    "assess_modular",
    "diff_modular",
    "module_cycles",
]
