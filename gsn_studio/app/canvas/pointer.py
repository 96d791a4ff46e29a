"""Which node lies under a point: asked on every mouse move and click over the canvas.

Qt's own answer gathers every item whose box holds the point, and a long link's box holds
much of the case: hundreds of links at 10,000 nodes, each handed to Python to be dropped
(2-7 ms a question). The scene's routing index of node boxes names the few nodes near the
point instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QPointF

from gsn_studio.app.canvas.node_item import NodeItem
from gsn_studio.notation.routes import GridIndex

SLACK = 40.0
"""How far a node's item may stand from its box in the index (which follows each move's
links) and still be found: an item's outline and the router's box may differ a little."""


def node_under(
    point: QPointF,
    nodes: Mapping[str, NodeItem],
    boxes: GridIndex,
    stacked: Callable[[QPointF], list[NodeItem]],
    ignore: NodeItem | None = None,
) -> NodeItem | None:
    """The topmost shown node whose outline holds the point, other than `ignore`; `stacked`
    gives the nodes at a point in Qt's stacking order, asked only where nodes overlap."""
    x, y = point.x(), point.y()
    found = []
    for node_id, _box in boxes((x - SLACK, y - SLACK, x + SLACK, y + SLACK)):
        item = nodes.get(node_id)
        if item is None or item is ignore or not item.isVisible():
            continue
        if item.contains(item.mapFromScene(point)):
            found.append(item)
    if len(found) <= 1:
        return found[0] if found else None
    return next((item for item in stacked(point) if item in found), found[0])
