"""Moving nodes: a mouse drag of any number of selected nodes is one undo step, pushed on
release; arrow-key nudges of the same selection fold into one step too.

Qt moves the items during the drag (so links follow at once); the model learns the new
centres only on release, through one `MoveNodes`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF

from gsn_studio.app.document import Document
from gsn_studio.app.editing import nudge
from gsn_studio.model import Position
from gsn_studio.model.changes import MoveNodes

if TYPE_CHECKING:
    from gsn_studio.app.canvas.scene import CanvasScene

MERGE_NUDGE = 101
"""Merge id of arrow-key nudges: a series on one selection is one undo step."""
NUDGE_STEP = 10.0
FINE_NUDGE_STEP = 1.0
"""The step with Shift held (Alt is often taken by the window manager)."""


def move_text(ids: list[str]) -> str:
    return f"Move {ids[0]}" if len(ids) == 1 else f"Move {len(ids)} nodes"


class MoveTool:
    def __init__(self, scene: CanvasScene, document: Document) -> None:
        self.scene = scene
        self.document = document
        self._start: dict[str, QPointF] = {}

    def press(self) -> None:
        """Remember where the selected nodes are when a left press may start a drag."""
        self._start = {item.node_id: item.pos() for item in self.scene.selected_node_items()}

    def follow(self) -> None:
        """During a drag, bring the links of the moving nodes along (each link once)."""
        links = set()
        for node_id in self._start:
            item = self.scene.item_for(node_id)
            if item is not None:
                links |= item.links
        for link in links:
            link.update_geometry()

    def release(self) -> bool:
        """Push one MoveNodes for the nodes the drag moved; False if none moved."""
        start, self._start = self._start, {}
        moved: dict[str, Position | None] = {}
        for node_id, before in start.items():
            item = self.scene.item_for(node_id)
            if item is not None and item.pos() != before:
                moved[node_id] = Position(x=item.x(), y=item.y())
        if not moved:
            return False
        if not self.document.push(MoveNodes(moved), move_text(list(moved))):
            self.scene.restore_positions(list(moved))
            return False
        return True

    def nudge(self, dx: float, dy: float) -> bool:
        """Move the selected nodes by (dx, dy), merged with the previous nudge of them."""
        ids = [node_id for node_id in self.scene.selected_ids() if node_id in self.document.case]
        if not ids:
            return False
        change = nudge(self.document.case, ids, dx, dy)
        return self.document.push(change, move_text(ids), MERGE_NUDGE)
