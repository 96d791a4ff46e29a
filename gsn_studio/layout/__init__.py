"""Automatic layout: positions for nodes, as plain data (no Qt).

Our own tidy tree layout follows the GSN conventions (parents above, the top goal centred
over its argument, contexts beside their node, siblings in file order), packs subtrees so a
small change moves little, and takes well under a second for 1,000 nodes. Laid out again, it
keeps nodes where they stood as far as room allows (`stable`); with folds, it lays out only
what shows (`folded`). Graphviz dot stays available (engine="dot") and is the baseline the
benchmark and the tests compare against.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

from gsn_studio.layout.dot import LayoutCancelled, LayoutError, dot_layout
from gsn_studio.layout.folded import layout_folded
from gsn_studio.layout.partial import keep_in_place, layout_subtrees, moved_count, settle
from gsn_studio.layout.tree import tree_layout
from gsn_studio.model import Case, Position

TRIES_UP_TO = 500
"""Laid out again, a case of at most this many nodes tries several ways of making room and
keeps the one that moves fewest nodes; a larger one takes the first (time)."""


def layout_case(
    case: Case,
    cancelled: Callable[[], bool] = lambda: False,
    engine: str = "auto",
    folded: Collection[str] | None = None,
) -> dict[str, Position]:
    """Centre positions for every node; raises LayoutCancelled when asked to stop.

    engine: "dot", "tree", or "auto" (the tree layout). Laid out again (nodes have
    positions), the drawing stays put where the edit changed nothing. Only what the folds
    (`folded`, default the case's) leave shown is laid out (see `folded`).
    """
    return layout_folded(case, lambda part: _whole(part, cancelled, engine), folded)


def compact_layout(case: Case, folded: Collection[str] | None = None) -> dict[str, Position]:
    """What the folds leave shown laid out afresh, tight, its top goal where it stood:
    folding a case to a few levels closes every gap its hidden subtrees left."""

    def afresh(part: Case) -> dict[str, Position]:
        positions = _tree(part, lambda: False)
        tops = [i for i in part.top_goals() if part.node(i).position is not None] or [
            node.id for node in part.nodes if node.position is not None
        ]
        if not tops:
            return positions
        anchor = part.node(tops[0]).position
        assert anchor is not None
        dx, dy = anchor.x - positions[tops[0]].x, anchor.y - positions[tops[0]].y
        return {i: Position(x=p.x + dx, y=p.y + dy) for i, p in positions.items()}

    return layout_folded(case, afresh, folded)


def _whole(case: Case, cancelled: Callable[[], bool], engine: str) -> dict[str, Position]:
    previous = {node.id: node.position for node in case.nodes if node.position is not None}
    if engine not in ("tree", "auto"):
        positions = dot_layout(case, cancelled)
        if not previous:
            return positions
        # dot knows nothing of where nodes stood: keep what it can after.
        return settle(case, keep_in_place(positions, previous), previous)
    if not previous:
        return _tree(case, cancelled)
    # Subtrees making room for a grown one push neighbours either way; which side has room
    # further up shows only in the end. The whole layout afresh, nodes nudged back, is the
    # third way (it wins where a grown subtree is best re-centred).
    tries: list[Callable[[], dict[str, Position]]] = [
        lambda: _tree(case, cancelled, previous),
        lambda: _tree(case, cancelled, previous, lean=3.0),
        lambda: keep_in_place(_tree(case, cancelled), previous),
    ]
    best: tuple[int, dict[str, Position]] | None = None
    for attempt in tries if len(case.nodes) <= TRIES_UP_TO else tries[:1]:
        positions = settle(case, attempt(), previous)
        moved = moved_count(positions, previous)
        if best is None or moved < best[0]:
            best = (moved, positions)
        if moved == 0:
            break
    assert best is not None
    return best[1]


def _tree(
    case: Case,
    cancelled: Callable[[], bool],
    before: dict[str, Position] | None = None,
    lean: float = 1.0,
) -> dict[str, Position]:
    positions = tree_layout(case, cancelled, before, lean)
    if positions is None:
        raise LayoutCancelled
    return positions


def layout_selection(
    case: Case, selected: Iterable[str], cancelled: Callable[[], bool] = lambda: False
) -> dict[str, Position]:
    """New positions for just the subtrees under the selected nodes, each anchored at its
    head, of what the folds leave shown; raises LayoutCancelled when asked to stop."""
    selected = list(selected)

    def subtrees(part: Case) -> dict[str, Position]:
        positions = layout_subtrees(part, selected, cancelled)
        if positions is None:
            raise LayoutCancelled
        return positions

    return layout_folded(case, subtrees)


__all__ = [
    "LayoutCancelled",
    "LayoutError",
    "compact_layout",
    "layout_case",
    "layout_selection",
]
