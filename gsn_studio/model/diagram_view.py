"""Folding and focus: which nodes a view of the diagram shows. No Qt, so that the canvas and
the figures (and `gsn-studio export --depth`) hide exactly the same nodes.

A node hangs below another through SupportedBy (its support), InContextOf (its contexts,
assumptions, justifications) and Challenges (the defeaters aimed at it or at a link into
it). Folding a node hides its support and everything hanging below that; the folded node's
own contexts and defeaters stay, since they qualify the claim that is still shown. A node
that some unfolded branch also reaches stays visible.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from gsn_studio.model.case import Case
from gsn_studio.model.changes import Change, Effects
from gsn_studio.model.links import LinkKind


@dataclass(frozen=True)
class Hanging:
    """Who hangs below whom: `support` by SupportedBy, `beside` by context or challenge."""

    support: dict[str, list[str]]
    beside: dict[str, list[str]]

    def below(self, node_id: str) -> Iterable[str]:
        yield from self.support.get(node_id, ())
        yield from self.beside.get(node_id, ())

    def has_parent(self) -> set[str]:
        return {
            child for table in (self.support, self.beside) for c in table.values() for child in c
        }


def hanging(case: Case) -> Hanging:
    support: dict[str, list[str]] = {}
    beside: dict[str, list[str]] = {}
    index = case.index()
    for link in case.links:
        if link.source not in index or link.target not in index:
            continue
        if link.kind is LinkKind.SUPPORTED_BY:
            support.setdefault(link.source, []).append(link.target)
        elif link.kind is LinkKind.IN_CONTEXT_OF:
            beside.setdefault(link.source, []).append(link.target)
        else:  # a defeater hangs beside what it challenges (a link: its lower end)
            beside.setdefault(link.target, []).append(link.source)
    return Hanging(support, beside)


def link_folded(kind: LinkKind, source: str, folded: Collection[str]) -> bool:
    """Whether a link is folded away with its source: a folded node's support links are,
    even to a node that another, unfolded branch shows."""
    return kind is LinkKind.SUPPORTED_BY and source in folded


def folded_ids(case: Case) -> set[str]:
    return {node.id for node in case.nodes if node.folded}


def can_fold(case: Case, node_id: str, table: Hanging | None = None) -> bool:
    """Whether a node has support below it to fold away."""
    table = table or hanging(case)
    return bool(table.support.get(node_id))


def hidden_by_folds(
    case: Case, folded: Collection[str] | None = None, table: Hanging | None = None
) -> set[str]:
    """The nodes that folding `folded` (default: the nodes marked folded) hides: those below
    a folded node's support that no unfolded path from a top node reaches."""
    folded = folded_ids(case) if folded is None else set(folded)
    if not folded:
        return set()
    table = table or hanging(case)
    below = _reach(
        (child for node_id in folded for child in table.support.get(node_id, ())), table, None
    )
    if not below:
        return set()
    parented = table.has_parent()
    tops = [node.id for node in case.nodes if node.id not in parented]
    seen = _reach(tops, table, folded)
    return below - seen


def _reach(start: Iterable[str], table: Hanging, folded: Collection[str] | None) -> set[str]:
    """Everything reachable from `start` downwards; a folded node's support is not entered."""
    seen = set(start)
    queue = deque(seen)
    while queue:
        current = queue.popleft()
        children: Iterable[str] = (
            table.beside.get(current, ())
            if folded is not None and current in folded
            else table.below(current)
        )
        for child in children:
            if child not in seen:
                seen.add(child)
                queue.append(child)
    return seen


def folded_under(node_id: str, hidden: Collection[str], table: Hanging) -> list[str]:
    """The hidden nodes that hang below one folded node (what its marker counts)."""
    start = [c for c in table.support.get(node_id, ()) if c in hidden]
    seen = dict.fromkeys(start)
    queue = deque(start)
    while queue:
        for child in table.below(queue.popleft()):
            if child in hidden and child not in seen:
                seen[child] = None
                queue.append(child)
    return list(seen)


def fold_markers(
    case: Case, folded: Collection[str], hidden: Collection[str], table: Hanging
) -> dict[str, list[str]]:
    """For each shown folded node with something folded away: the nodes folded under it."""
    markers: dict[str, list[str]] = {}
    for node in case.nodes:
        if node.id in folded and node.id not in hidden:
            under = folded_under(node.id, hidden, table)
            if under:
                markers[node.id] = under
    return markers


def levels_from(case: Case, roots: Iterable[str], table: Hanging | None = None) -> dict[str, int]:
    """How many SupportedBy steps each node lies below the nearest root (breadth first);
    contexts and defeaters count as on the rank of what they hang beside."""
    table = table or hanging(case)
    level = {root: 0 for root in roots if root in case}
    queue = deque(level)
    while queue:
        current = queue.popleft()
        for child in table.support.get(current, ()):
            if child not in level:
                level[child] = level[current] + 1
                queue.append(child)
        for child in table.beside.get(current, ()):  # a context or defeater: on its rank
            if child not in level:
                level[child] = level[current]
                queue.append(child)
    return level


def top_ids(case: Case, table: Hanging | None = None) -> list[str]:
    """Nodes that hang below nothing: the tops of the argument (and stray nodes)."""
    parented = (table or hanging(case)).has_parent()
    return [node.id for node in case.nodes if node.id not in parented]


def folds_at_depth(case: Case, depth: int, roots: Iterable[str] | None = None) -> set[str]:
    """The nodes to fold so that nothing deeper than `depth` SupportedBy levels below the
    roots (default: the tops) shows: those at that depth with support of their own."""
    table = hanging(case)
    level = levels_from(case, top_ids(case, table) if roots is None else roots, table)
    return {n for n, at in level.items() if at == depth and table.support.get(n)}


def _parents(table: Hanging) -> dict[str, list[str]]:
    parents: dict[str, list[str]] = {}
    for parent, children in (*table.support.items(), *table.beside.items()):
        for child in children:
            parents.setdefault(child, []).append(parent)
    return parents


def folds_hiding(case: Case, node_id: str, hidden: Collection[str]) -> set[str]:
    """The folded nodes to unfold so that a hidden node shows: each folded node whose
    support the paths up from it pass through."""
    table = hanging(case)
    parents = _parents(table)
    unfold: set[str] = set()
    seen = {node_id}
    queue = deque([node_id] if node_id in hidden else [])
    while queue:
        current = queue.popleft()
        for parent in parents.get(current, ()):
            node = case.get(parent)
            if node is not None and node.folded and current in table.support.get(parent, ()):
                unfold.add(parent)
            if parent in hidden and parent not in seen:
                seen.add(parent)
                queue.append(parent)
    return unfold


def path_to(case: Case, node_id: str) -> list[str]:
    """The way down from a top of the argument to a node, by each node's first parent
    (support before context): what a breadcrumb shows."""
    table = hanging(case)
    first: dict[str, str] = {}
    for parent, children in (*table.support.items(), *table.beside.items()):
        for child in children:
            first.setdefault(child, parent)
    path = [node_id]
    while path[-1] in first and first[path[-1]] not in path:
        path.append(first[path[-1]])
    return path[::-1]


@dataclass(frozen=True)
class FoldNodes:
    """Fold (True) or unfold (False) nodes: diagram state, like a move."""

    folds: dict[str, bool]

    def apply(self, case: Case) -> Change:
        old = {node_id: case.node(node_id).folded for node_id in self.folds}
        for node_id, folded in self.folds.items():
            if old[node_id] != folded:
                case.update_node(node_id, folded=folded)
        return FoldNodes(old)

    def effects(self) -> Effects:
        return Effects(folded=list(self.folds))
