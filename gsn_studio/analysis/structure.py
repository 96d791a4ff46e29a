"""Structural rules of a GSN argument: ids, links, cycles, roots, reachability, holes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from gsn_studio.analysis.findings import Finding, Severity
from gsn_studio.analysis.survey import SupportGraph, Survey, survey
from gsn_studio.model import COUNTER, Case, Node, NodeType

if TYPE_CHECKING:
    import networkx as nx

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def duplicate_ids(case: Case) -> Iterator[Finding]:
    if len(case.index()) == len(case.nodes):  # the index keeps one node per id
        return
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
    yield from survey(case).problems


def support_graph(case: Case) -> SupportGraph:
    """Legal SupportedBy edges between existing nodes, parent to child.

    Illegal and dangling links are reported on their own and left out here, so that a context
    wrongly "supporting" the top goal does not also hide the root.
    """
    return survey(case).support


def cycles(case: Case, links: Survey | None = None) -> Iterator[Finding]:
    """One finding per strongly connected tangle, showing one loop through it."""
    links = links or survey(case)
    if not links.has_cycle():
        return
    import networkx as nx  # noqa: PLC0415 (see SupportGraph)

    graph = links.support.to_networkx()
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
    case: Case, links: Survey | None = None, top_goals: list[str] | None = None
) -> Iterator[Finding]:
    """No top goal, several, or nodes no top goal reaches; `top_goals` as `Case.top_goals`
    gives them, when the caller has them already."""
    found, roots = root_problems(case, top_goals if top_goals is not None else case.top_goals())
    yield from found
    if roots is not None:
        reachable = reach(links or survey(case), reach_starts(case, roots))
        yield from unreachable(case.nodes, reachable, roots)


def root_problems(case: Case, top_goals: list[str]) -> tuple[list[Finding], list[str] | None]:
    """No top goal, or several; and the roots the rest of the argument should hang from
    (None when there are none to speak of)."""
    has_argument = has_goal = False
    for node in case.nodes:
        if node.type not in COUNTER:
            has_argument = True
            if node.type is NodeType.GOAL:
                has_goal = True
                break
    if not has_argument:
        return [
            Finding("no-root", ERROR, None, "the case is empty: it has no top-level goal")
        ], None
    if not has_goal:
        return [
            Finding(
                "no-root",
                ERROR,
                None,
                "the case has no goal: an argument starts from a goal, the claim it is about",
            )
        ], None
    if not top_goals:
        return [
            Finding(
                "no-root",
                ERROR,
                None,
                "no top-level goal: every goal supports another one, so the argument has no "
                "claim at its top",
            )
        ], None  # without a root, "unreachable" would name every node
    # A confidence argument (the goal an ACP names) is a top claim of its own, by design.
    confidence = {acp.confidence for acp in case.acps}
    claims = [root for root in top_goals if root not in confidence] or list(top_goals)
    if len(claims) > 1:
        return [
            Finding(
                "multiple-roots",
                WARNING,
                None,
                f"{len(claims)} top-level goals ({_listing(claims)}); an argument usually has "
                "one top claim, so the others may be meant to hang below it",
            )
        ], claims
    return [], list(top_goals)


def reach_starts(case: Case, roots: list[str], counters: list[Node] | None = None) -> list[str]:
    """The roots, then the case's counter arguments (`counters`, when the caller has them)."""
    # Counter arguments hang off what they challenge, not off the root: they start their own.
    nodes = case.nodes if counters is None else counters
    return roots + [node.id for node in nodes if node.type in COUNTER]


def unreachable(nodes: Iterable[Node], reachable: set[str], roots: list[str]) -> Iterator[Finding]:
    """The argument's nodes (counter arguments are not) that no link leads to from a root."""
    where = f"the top-level goal {roots[0]}" if len(roots) == 1 else "any top-level goal"
    for node in nodes:
        if node.id not in reachable and node.type not in COUNTER:
            yield Finding(
                "unreachable",
                WARNING,
                node.id,
                f"{node.id} ({node.type}) is not connected to {where}",
            )


def reach_argument(links: Survey, starts: list[str]) -> tuple[set[str], bool]:
    """`reach` from the starts of the whole argument (`reach_starts`), and whether that is
    every node. Where every link is in `below`, `below` is known to hold no circle and every
    node without a parent is a start, each node leads up to a start: every node is reached,
    which is known without walking a link."""
    nodes = links.nodes
    if not links.others and links.below_known_acyclic():
        first = set(starts)
        if nodes.keys() - links.above.keys() <= first:  # every node without a parent
            return first.union(nodes), True
    reached = reach(links, starts)
    return reached, reached.issuperset(nodes)


def reach(links: Survey, starts: Iterable[str]) -> set[str]:
    """Everything any link leads to from the starts, whatever its kind (dangling ones too)."""
    below, others = links.below, links.others
    seen = set(starts)
    stack = list(seen)
    while stack and not others:  # the usual case, as plain a loop as can be
        children = below.get(stack.pop())
        if children:
            for child in children:
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
    while stack:
        current = stack.pop()
        for children in (below.get(current), others.get(current)):
            if children:
                for child in children:
                    if child not in seen:
                        seen.add(child)
                        stack.append(child)
    return seen


def holes(
    case: Case, links: Survey | None = None, nodes: Iterable[Node] | None = None
) -> Iterator[Finding]:
    """Goals and strategies with nothing below them, and decorators that no longer hold
    (of `nodes` only, when given)."""
    links = links or survey(case)
    developed = links.developed
    if links.counter_support:  # a duplicate id may make a goal of a counter goal's id
        developed = developed | {source for source, _ in links.counter_support}
    goal, strategy = NodeType.GOAL, NodeType.STRATEGY
    for node in case.nodes if nodes is None else nodes:
        # The usual node first, by the two fields that clear it (each read is a lookup
        # through pydantic's attribute hook): supported, and not marked undeveloped.
        supported = node.id in developed
        if supported and not node.undeveloped:
            continue
        node_type = node.type
        if (node_type is not goal and node_type is not strategy) or node.cites is not None:
            continue  # an away goal is developed in its home module
        kind = "goal" if node_type is goal else "strategy"
        if supported and node.undeveloped:
            yield Finding(
                "marked-undeveloped-but-supported",
                WARNING,
                node.id,
                f"{node.id} is marked undeveloped but is supported by "
                f"{_listing(links.children(node.id))}: remove the mark",
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


def empty_statements(case: Case, nodes: Iterable[Node] | None = None) -> Iterator[Finding]:
    for node in case.nodes if nodes is None else nodes:
        if not node.statement.strip():
            yield Finding(
                "empty-statement", WARNING, node.id, f"{node.id} ({node.type}) has no statement"
            )


def _listing(ids: list[str], limit: int = 8) -> str:
    shown = ", ".join(ids[:limit])
    return shown if len(ids) <= limit else f"{shown} and {len(ids) - limit} more"
