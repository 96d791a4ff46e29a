"""Laying out a folded case: only what shows is laid out, so folding closes the gaps the
hidden subtrees left, as an outliner does. A hidden node travels with the folded node that
hides it (it keeps its place relative to it), so unfolding brings its subtree back as it
was, beside its owner, for the next layout to make room for."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from gsn_studio.model import Case, Position
from gsn_studio.model.diagram_view import (
    fold_markers,
    folded_ids,
    hanging,
    hidden_by_folds,
    link_folded,
)
from gsn_studio.notation.geometry import geometry_of

Layout = Callable[[Case], dict[str, Position]]


def shown_case(case: Case, folded: Collection[str]) -> tuple[Case, dict[str, str]]:
    """The part of the case the folds leave shown (a folded node's support links left out,
    even to a node shown through another branch), and each hidden node's owner: the shown
    folded node whose marker counts it. No hidden nodes: the case itself."""
    table = hanging(case)
    hidden = hidden_by_folds(case, folded, table)
    folded_links = any(link_folded(link.kind, link.source, folded) for link in case.links)
    if not hidden and not folded_links:
        return case, {}
    owner: dict[str, str] = {}
    for node_id, under in fold_markers(case, folded, hidden, table).items():
        for hidden_id in under:
            owner.setdefault(hidden_id, node_id)
    shown = Case(
        nodes=[node for node in case.nodes if node.id not in hidden],
        links=[
            link
            for link in case.links
            if link.source not in hidden
            and link.target not in hidden
            and (link.via is None or link.via not in hidden)
            and not link_folded(link.kind, link.source, folded)
        ],
    )
    return shown, owner


def layout_folded(
    case: Case, layout: Layout, folded: Collection[str] | None = None
) -> dict[str, Position]:
    """Positions for every node: the shown part laid out by `layout` as a case of its own;
    each hidden node moved as its owner moved (or, never placed, where a layout of the whole
    case puts it relative to its owner)."""
    folded = folded_ids(case) if folded is None else set(folded)
    shown, owner = shown_case(case, folded) if folded else (case, {})
    if shown is case:
        return layout(case)
    positions = layout(shown)
    previous = {node.id: node.position for node in case.nodes if node.position is not None}
    whole: Mapping[str, Position] | None = None
    for node in case.nodes:
        if node.id in positions:
            continue
        head = owner.get(node.id)
        if head is None or head not in positions:
            if node.position is not None:
                positions[node.id] = node.position
            continue
        at, then = positions[head], previous.get(head)
        if node.position is not None and then is not None:
            positions[node.id] = Position(
                x=node.position.x + at.x - then.x, y=node.position.y + at.y - then.y
            )
            continue
        if whole is None:  # placed nowhere yet: as the whole case would be, at its owner
            unplaced = case.model_copy(
                update={"nodes": [n.model_copy(update={"position": None}) for n in case.nodes]}
            )
            whole = layout(unplaced)
        there, head_there = whole[node.id], whole[head]
        positions[node.id] = Position(
            x=at.x + there.x - head_there.x, y=at.y + there.y - head_there.y
        )
    return positions


def overlaps(
    case: Case, ids: Collection[str], others: Collection[str], margin: float = 6.0
) -> bool:
    """Whether any node of `ids` overlaps (or comes within `margin` of) another node of
    `others` where they stand: unfolded nodes brought back where no room was kept."""
    cell = 400.0
    grid: dict[tuple[int, int], list[tuple[str, tuple[float, float, float, float]]]] = {}
    index = case.index()

    def box(node_id: str) -> tuple[float, float, float, float] | None:
        node = index.get(node_id)
        if node is None or node.position is None:
            return None
        g = geometry_of(node)
        x, y = node.position.x, node.position.y
        return (x - g.half_width - margin, y - g.half_height - margin,
                x + g.half_width + margin, y + g.half_height + margin)  # fmt: skip

    def cells(b: tuple[float, float, float, float]) -> list[tuple[int, int]]:
        return [
            (cx, cy)
            for cx in range(int(b[0] // cell), int(b[2] // cell) + 1)
            for cy in range(int(b[1] // cell), int(b[3] // cell) + 1)
        ]

    for other in others:
        b = box(other)
        if b is not None:
            for key in cells(b):
                grid.setdefault(key, []).append((other, b))
    for node_id in ids:
        a = box(node_id)
        if a is None:
            continue
        for key in cells(a):
            for other, b in grid.get(key, ()):
                if other != node_id and a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                    return True
    return False
