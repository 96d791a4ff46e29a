"""Structural rules of a GSN argument: ids, links, cycles, roots, reachability, holes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gsn_studio.analysis.findings import Finding, Severity
from gsn_studio.model import Case, LinkKind, NodeType, link_violation
from gsn_studio.model.links import is_allowed, kind_phrase

if TYPE_CHECKING:
    import networkx as nx

ERROR, WARNING = Severity.ERROR, Severity.WARNING


@dataclass(slots=True)
class SupportGraph:
    """SupportedBy edges as plain dicts: building a networkx graph of a large case, and even
    importing networkx, costs more than the whole check of a sound one. networkx is loaded
    only when a cycle is found and has to be described."""

    children: dict[str, dict[str, None]] = field(default_factory=dict)
    """Each node's children, in link order, once each (every node of the case has an entry)."""
    parent_count: dict[str, int] = field(default_factory=dict)
    parents: dict[str, list[str]] = field(default_factory=dict)
    """Each node's parents, for walking upwards (kept as edges are added)."""

    def add_edge(self, source: str, target: str) -> None:
        siblings = self.children[source]
        if target not in siblings:  # a repeated link is one edge, as in a DiGraph
            siblings[target] = None
            self.parent_count[target] += 1
            self.parents.setdefault(target, []).append(source)

    def has_cycle(self) -> bool:
        state: dict[str, int] = {}  # 1: on the path being walked, 2: done
        for start in self.children:
            if start in state:
                continue
            state[start] = 1
            stack = [(start, iter(self.children[start]))]
            while stack:
                node_id, below = stack[-1]
                for child in below:
                    seen = state.get(child)
                    if seen == 1:
                        return True
                    if seen is None:
                        state[child] = 1
                        stack.append((child, iter(self.children[child])))
                        break
                else:
                    stack.pop()
                    state[node_id] = 2
        return False

    def ancestors(self, node_id: str) -> set[str]:
        """Every node above node_id along SupportedBy links (networkx's `ancestors`)."""
        seen: set[str] = set()
        stack = list(self.parents.get(node_id, ()))
        while stack:
            above = stack.pop()
            if above not in seen:
                seen.add(above)
                stack.extend(self.parents.get(above, ()))
        seen.discard(node_id)  # on a cycle a node is not its own ancestor
        return seen

    def to_networkx(self) -> nx.DiGraph:
        import networkx as nx  # noqa: PLC0415 (only a case with a cycle pays for it)

        graph = nx.DiGraph()
        graph.add_nodes_from(self.children)
        graph.add_edges_from(
            (source, target) for source, targets in self.children.items() for target in targets
        )
        return graph


def duplicate_ids(case: Case) -> Iterator[Finding]:
    counts = Counter(node.id for node in case.nodes)
    for node_id, count in counts.items():
        if count > 1:
            yield Finding(
                "duplicate-id",
                ERROR,
                node_id,
                f"{count} nodes share the id {node_id}; links to it are ambiguous",
            )


def link_problems(case: Case) -> Iterator[Finding]:
    """Links to nodes that do not exist, and links that break the GSN rules."""
    nodes = case.index()
    for link in case.links:
        source, target = nodes.get(link.source), nodes.get(link.target)
        if source is None or target is None:
            missing = [n for n, node in ((link.source, source), (link.target, target)) if not node]
            yield Finding(
                "dangling-link",
                ERROR,
                link.source,
                f"{link.source} is {kind_phrase(link.kind)} {link.target}, but "
                f"{' and '.join(missing)} {'does' if len(missing) == 1 else 'do'} not exist",
            )
            continue
        problem = link_violation(link.kind, source.id, source.type, target.id, target.type)
        if problem:
            yield Finding("invalid-link", ERROR, link.source, problem)


def support_graph(case: Case) -> SupportGraph:
    """Legal SupportedBy edges between existing nodes, parent to child.

    Illegal and dangling links are reported on their own and left out here, so that a context
    wrongly "supporting" the top goal does not also hide the root.
    """
    nodes = case.index()
    graph = SupportGraph({node_id: {} for node_id in nodes}, dict.fromkeys(nodes, 0))
    for link in case.links:
        if link.kind is not LinkKind.SUPPORTED_BY:
            continue
        source, target = nodes.get(link.source), nodes.get(link.target)
        if source and target and is_allowed(link.kind, source.type, target.type):
            graph.add_edge(source.id, target.id)
    return graph


def cycles(case: Case, support: SupportGraph) -> Iterator[Finding]:
    """One finding per strongly connected tangle, showing one loop through it."""
    if not support.has_cycle():
        return
    import networkx as nx  # noqa: PLC0415 (see SupportGraph)

    graph = support.to_networkx()
    order = {node.id: i for i, node in enumerate(case.nodes)}
    tangles = []
    for component in nx.strongly_connected_components(graph):
        first = min(component, key=order.__getitem__)
        if len(component) > 1 or graph.has_edge(first, first):
            tangles.append((order[first], first, component))
    for _, first, component in sorted(tangles):
        loop = [first, *_loop_from(graph.subgraph(component), first)]
        yield Finding(
            "cycle",
            ERROR,
            first,
            f"circular argument: {' -> '.join(loop)} (a claim cannot support itself)",
        )


def _loop_from(graph: nx.DiGraph, start: str) -> list[str]:
    """Node ids along one path from start back to start, ending with start."""
    import networkx as nx  # noqa: PLC0415 (see SupportGraph)

    edges = nx.find_cycle(graph, start)
    return [target for _, target in edges]


def roots_and_reachability(
    case: Case, graph: SupportGraph, top_goals: list[str] | None = None
) -> Iterator[Finding]:
    """No top goal, several, or nodes no top goal reaches; `top_goals` as `Case.top_goals`
    gives them, when the caller has them already."""
    argument = [node for node in case.nodes if not node.is_counter]
    roots = list(top_goals) if top_goals is not None else case.top_goals()
    if not argument:
        yield Finding("no-root", ERROR, None, "the case is empty: it has no top-level goal")
        return
    if not any(node.type is NodeType.GOAL for node in argument):
        yield Finding(
            "no-root",
            ERROR,
            None,
            "the case has no goal: an argument starts from a goal, the claim it is about",
        )
        return
    if not roots:
        yield Finding(
            "no-root",
            ERROR,
            None,
            "no top-level goal: every goal supports another one, so the argument has no claim "
            "at its top",
        )
        return  # without a root, "unreachable" would name every node
    # A confidence argument (the goal an ACP names) is a top claim of its own, by design.
    confidence = {acp.confidence for acp in case.acps}
    claims = [root for root in roots if root not in confidence] or roots
    if len(claims) > 1:
        roots = claims
        yield Finding(
            "multiple-roots",
            WARNING,
            None,
            f"{len(roots)} top-level goals ({_listing(roots)}); an argument usually has one "
            "top claim, so the others may be meant to hang below it",
        )
    # Counter arguments hang off what they challenge, not off the root: they start their own.
    starts = roots + [node.id for node in case.nodes if node.is_counter]
    reachable = _reach(case, starts)
    for node in argument:
        if node.id not in reachable:
            yield Finding(
                "unreachable",
                WARNING,
                node.id,
                f"{node.id} ({node.type}) is not connected to "
                + (f"the top-level goal {roots[0]}" if len(roots) == 1 else "any top-level goal"),
            )


def _reach(case: Case, starts: list[str]) -> set[str]:
    children: dict[str, list[str]] = {}
    for link in case.links:
        children.setdefault(link.source, []).append(link.target)
    seen = set(starts)
    stack = list(starts)
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


def holes(case: Case, graph: SupportGraph) -> Iterator[Finding]:
    """Goals and strategies with nothing below them, and decorators that no longer hold."""
    for node in case.nodes:
        if node.type not in (NodeType.GOAL, NodeType.STRATEGY) or node.cites is not None:
            continue  # an away goal is developed in its home module
        below = graph.children[node.id]
        supported = bool(below)
        kind = "goal" if node.type is NodeType.GOAL else "strategy"
        if supported and node.undeveloped:
            yield Finding(
                "marked-undeveloped-but-supported",
                WARNING,
                node.id,
                f"{node.id} is marked undeveloped but is supported by "
                f"{_listing(list(below))}: remove the mark",
            )
        elif not supported and node.undeveloped:
            yield Finding(
                f"undeveloped-{kind}",
                WARNING,
                node.id,
                f"{node.id} is marked undeveloped: its support is still to be provided",
            )
        elif not supported:
            yield Finding(
                f"undeveloped-{kind}",
                ERROR,
                node.id,
                f"{node.id} has no supporting argument or evidence and is not marked "
                "undeveloped: a hole in the argument",
            )


def empty_statements(case: Case) -> Iterator[Finding]:
    for node in case.nodes:
        if not node.statement.strip():
            yield Finding(
                "empty-statement", WARNING, node.id, f"{node.id} ({node.type}) has no statement"
            )


def _listing(ids: list[str], limit: int = 8) -> str:
    shown = ", ".join(ids[:limit])
    return shown if len(ids) <= limit else f"{shown} and {len(ids) - limit} more"
