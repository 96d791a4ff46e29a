"""Laying out a folded case: only what shows is laid out, so folding closes the gaps the
hidden subtrees left, as an outliner does. Hidden nodes keep their places; unfolding brings
a subtree back as it was, just under the node that hid it, and lays out again to make room
for it (`brought_back`)."""

from __future__ import annotations

from collections.abc import Callable, Collection

from gsn_studio.model import Case, Position
from gsn_studio.model.diagram_view import (
    Hanging,
    fold_markers,
    folded_ids,
    hanging,
    hidden_by_folds,
    link_folded,
)
from gsn_studio.notation.geometry import geometry_of

Layout = Callable[[Case], dict[str, Position]]
ROOM_BELOW = 39.6
"""The gap under a node to the subtree an unfold brings back (the layout's rank gap)."""
NEAR_HOME = 40.0
"""A subtree coming back this close across to under its owner (and not above it) stays."""


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
    """Positions for the shown part, laid out by `layout` as a case of its own. A hidden
    node keeps its place (moving thousands of hidden nodes would cost more than the layout;
    unfolding brings them back under their owner, see `brought_back`); one placed nowhere
    yet goes where a layout of the whole case puts it relative to its owner."""
    folded = folded_ids(case) if folded is None else set(folded)
    shown, owner = shown_case(case, folded) if folded else (case, {})
    if shown is case:
        return layout(case)
    positions = layout(shown)
    unplaced = [
        node.id for node in case.nodes if node.id not in positions and node.position is None
    ]
    if not unplaced:
        return positions
    whole = layout(
        case.model_copy(
            update={"nodes": [n.model_copy(update={"position": None}) for n in case.nodes]}
        )
    )
    for node_id in unplaced:
        head, there = owner.get(node_id), whole.get(node_id)
        if there is None:
            continue  # outside what `layout` places (a selection's subtrees)
        if head is None or head not in positions or head not in whole:
            positions[node_id] = there
            continue
        at, head_there = positions[head], whole[head]
        positions[node_id] = Position(
            x=at.x + there.x - head_there.x, y=at.y + there.y - head_there.y
        )
    return positions


def brought_back(
    case: Case, back: Collection[str], folded: Collection[str], table: Hanging | None = None
) -> Case:
    """The case with the nodes an unfold brings `back` moved, owner by owner, so that their
    subtree hangs just under the node that hid them (which a compact layout may have moved
    far from where they were left): the next layout then makes room for them there."""
    back = set(back)
    table = table or hanging(case)
    index = case.index()
    moved: dict[str, Position] = {}
    for head, under in fold_markers(case, folded, back, table).items():
        top = index[head].position
        group = [i for i in under if i not in moved and index[i].position is not None]
        heads = [c for c in table.support.get(head, ()) if c in group]
        if top is None or not heads:
            continue
        xs = [p.x for c in heads if (p := index[c].position) is not None]
        ys = [p.y - geometry_of(index[c]).half_height for c in heads if (p := index[c].position)]
        dx = top.x - (min(xs) + max(xs)) / 2
        dy = top.y + geometry_of(index[head]).half_height + ROOM_BELOW - min(ys)
        if abs(dx) <= NEAR_HOME and 0 <= -dy <= ROOM_BELOW * 4:
            continue  # still under its owner, as a layout left it
        for node_id in group:
            at = index[node_id].position
            assert at is not None
            moved[node_id] = Position(x=at.x + dx, y=at.y + dy)
    if not moved:
        return case
    nodes = [
        node.model_copy(update={"position": moved[node.id]}) if node.id in moved else node
        for node in case.nodes
    ]
    return case.model_copy(update={"nodes": nodes})


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

    few, many = (ids, others) if len(ids) <= len(others) else (others, ids)
    for other in few:  # the grid of the smaller set; the larger one is only looked up
        b = box(other)
        if b is not None:
            for key in cells(b):
                grid.setdefault(key, []).append((other, b))
    for node_id in many:
        a = box(node_id)
        if a is None:
            continue
        for key in cells(a):
            for other, b in grid.get(key, ()):
                if other != node_id and a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                    return True
    return False
