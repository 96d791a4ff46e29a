"""Which part of a case a figure shows: all of it, one subtree, or chosen nodes."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from gsn_studio.model import Case, LinkKind, ModelError


def subtree(case: Case, root: str, depth: int | None = None) -> Case:
    """The nodes that support root, down to `depth` levels of SupportedBy (None: all),
    with the contexts, assumptions and justifications of every node shown."""
    if root not in case:
        raise ModelError(f"there is no node {root} to export from")
    if depth is not None and depth < 0:
        raise ModelError("the depth must be 0 or more")
    supports: dict[str, list[str]] = {}
    contexts: dict[str, list[str]] = {}
    for link in case.links:
        table = supports if link.kind is LinkKind.SUPPORTED_BY else contexts
        table.setdefault(link.source, []).append(link.target)
    chosen = {root: 0}
    frontier = deque([root])
    while frontier:
        current = frontier.popleft()  # breadth first: depth counts the shortest path
        level = chosen[current]
        if depth is not None and level >= depth:
            continue
        for child in supports.get(current, ()):
            if child in case and child not in chosen:
                chosen[child] = level + 1
                frontier.append(child)
    for node_id in list(chosen):
        for context in contexts.get(node_id, ()):
            if context in case:
                chosen.setdefault(context, chosen[node_id])
    return only(case, chosen)


def only(case: Case, ids: Iterable[str]) -> Case:
    """A copy of the case with just these nodes and the links among them."""
    keep = set(ids)
    return Case(
        name=case.name,
        description=case.description,
        nodes=[node for node in case.nodes if node.id in keep],
        links=[link for link in case.links if link.source in keep and link.target in keep],
    )
