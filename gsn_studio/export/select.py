"""Which part of a case a figure shows: all of it, one subtree, or chosen nodes."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from gsn_studio.model import Case, Link, LinkKind, ModelError
from gsn_studio.model.diagram_view import (
    fold_markers,
    folded_ids,
    folds_at_depth,
    hanging,
    hidden_by_folds,
    link_folded,
)

if TYPE_CHECKING:
    from gsn_studio.export.figure import ExportOptions


def subtree(case: Case, root: str, depth: int | None = None) -> Case:
    """The nodes that support root, down to `depth` levels of SupportedBy (None: all),
    with the contexts, assumptions and justifications of every node shown, and the
    defeaters (with their counter arguments) that challenge a node or link shown."""
    if root not in case:
        raise ModelError(f"there is no node {root} to export from")
    if depth is not None and depth < 0:
        raise ModelError("the depth must be 0 or more")
    supports: dict[str, list[str]] = {}
    contexts: dict[str, list[str]] = {}
    challenges: list[Link] = []
    for link in case.links:
        if link.kind is LinkKind.SUPPORTED_BY:
            supports.setdefault(link.source, []).append(link.target)
        elif link.kind is LinkKind.IN_CONTEXT_OF:
            contexts.setdefault(link.source, []).append(link.target)
        else:
            challenges.append(link)
    chosen = {root: 0}
    frontier = deque([root])
    while frontier:
        while frontier:
            current = frontier.popleft()  # breadth first: depth counts the shortest path
            level = chosen[current]
            if depth is not None and level >= depth:
                continue
            for child in supports.get(current, ()):
                if child in case and child not in chosen:
                    chosen[child] = level + 1
                    frontier.append(child)
        # A defeater sits at the level of what it challenges; its own argument goes below.
        for link in challenges:
            aimed_at = [link.target] if link.via is None else [link.target, link.via]
            if link.source in case and link.source not in chosen and set(aimed_at) <= chosen.keys():
                chosen[link.source] = chosen[link.target]
                frontier.append(link.source)
    for node_id in list(chosen):
        for context in contexts.get(node_id, ()):
            if context in case:
                chosen.setdefault(context, chosen[node_id])
    return only(case, chosen)


def only(case: Case, ids: Iterable[str], hides: Callable[[Link], bool] | None = None) -> Case:
    """A copy of the case with just these nodes and the links among them (less those that
    `hides` says are not shown)."""
    keep = set(ids)
    return Case(
        name=case.name,
        description=case.description,
        nodes=[node for node in case.nodes if node.id in keep],
        links=[
            link
            for link in case.links
            if link.source in keep
            and link.target in keep
            and (link.via is None or link.via in keep)
            and (hides is None or not hides(link))
        ],
    )


def subtree_caption(case: Case, root: str, depth: int | None = None) -> str:
    """Where a figure of one subtree sits in its argument: the nodes it hangs under."""
    parents = [p for p in case.parents(root, LinkKind.SUPPORTED_BY) if p in case]
    levels = "" if depth is None else f", {depth} level{'s' * (depth != 1)} down"
    where = f"under {', '.join(parents)}" if parents else "at the top of the argument"
    return f"{root} and what supports it{levels}; it sits {where}"


def shown_part(part: Case, options: ExportOptions) -> tuple[Case, dict[str, list[str]]]:
    """The part without what folding hides, and for each folded node shown, the nodes
    folded under it (its marker). Folded are the nodes the diagram has folded (unless
    `unfold`) and, with a depth, those that many SupportedBy levels below the root (or the
    tops of the argument) with support of their own."""
    folded = set() if options.unfold else folded_ids(part)
    if options.depth is not None:
        folded |= folds_at_depth(part, options.depth, [options.root] if options.root else None)
    if not folded:
        return part, {}
    table = hanging(part)
    hidden = hidden_by_folds(part, folded, table)
    markers = fold_markers(part, folded, hidden, table)
    # A folded node's support is folded, even where a node below is shown through another.
    shown = only(
        part,
        [node.id for node in part.nodes if node.id not in hidden],
        lambda link: link_folded(link.kind, link.source, folded),
    )
    return shown, markers
