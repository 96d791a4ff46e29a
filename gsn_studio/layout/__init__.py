"""Automatic layout: positions for nodes, as plain data (no Qt).

Small and medium cases go through Graphviz dot, which minimises crossings; large ones through
a linear tree layout, since dot's time grows much faster than the case (about 9 to 16 s for
5,000 nodes here) and GSN arguments are near-trees.
"""

from __future__ import annotations

from collections.abc import Callable

from gsn_studio.layout.dot import LayoutCancelled, LayoutError, dot_layout
from gsn_studio.layout.tree import tree_layout
from gsn_studio.model import Case, Position

DOT_LIMIT = 1500
"""Above this many nodes the tree layout is used."""


def layout_case(
    case: Case,
    cancelled: Callable[[], bool] = lambda: False,
    engine: str = "auto",
) -> dict[str, Position]:
    """Centre positions for every node; raises LayoutCancelled when asked to stop.

    engine: "dot", "tree", or "auto" (dot up to DOT_LIMIT nodes, then tree).
    """
    if engine == "tree" or (engine == "auto" and len(case.nodes) > DOT_LIMIT):
        positions = tree_layout(case, cancelled)
        if positions is None:
            raise LayoutCancelled
        return positions
    return dot_layout(case, cancelled)


__all__ = ["DOT_LIMIT", "LayoutCancelled", "LayoutError", "layout_case"]
