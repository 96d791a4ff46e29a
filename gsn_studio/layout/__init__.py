"""Automatic layout: positions for nodes, as plain data (no Qt).

Our own tidy tree layout follows the GSN conventions (parents above, the top goal centred
over its argument, contexts beside their node, siblings in file order), packs subtrees so a
small change moves little, and takes well under a second for 1,000 nodes. Graphviz dot stays
available (engine="dot") and is the baseline the benchmark and the tests compare against.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from gsn_studio.layout.dot import LayoutCancelled, LayoutError, dot_layout
from gsn_studio.layout.partial import keep_in_place, layout_subtrees, settle
from gsn_studio.layout.tree import tree_layout
from gsn_studio.model import Case, Position


def layout_case(
    case: Case,
    cancelled: Callable[[], bool] = lambda: False,
    engine: str = "auto",
) -> dict[str, Position]:
    """Centre positions for every node; raises LayoutCancelled when asked to stop.

    engine: "dot", "tree", or "auto" (the tree layout).
    """
    # Laid out again after an edit: the drawing stays put where the edit changed nothing.
    previous = {node.id: node.position for node in case.nodes if node.position is not None}
    if engine in ("tree", "auto"):
        positions = tree_layout(case, cancelled, previous)
        if positions is None:
            raise LayoutCancelled
    else:
        positions = dot_layout(case, cancelled)
    if not previous:
        return positions
    if engine == "dot":  # dot knows nothing of where nodes stood: keep what it can after
        positions = keep_in_place(positions, previous)
    return settle(case, positions, previous)


def layout_selection(
    case: Case, selected: Iterable[str], cancelled: Callable[[], bool] = lambda: False
) -> dict[str, Position]:
    """New positions for just the subtrees under the selected nodes, each anchored at its
    head; raises LayoutCancelled when asked to stop."""
    positions = layout_subtrees(case, selected, cancelled)
    if positions is None:
        raise LayoutCancelled
    return positions


__all__ = ["LayoutCancelled", "LayoutError", "layout_case", "layout_selection"]
