"""The area the shown nodes cover on the canvas: measured once, kept until it may change.

Opening a large case needs it twice, for the scene's rect while populating and for fitting the
view once the window is laid out; measuring asks every node item for its bounds (10,000 Qt
calls and rects). The scene forgets the kept area on every change that can move, resize,
add, remove, show or hide a node (`forget`), so the area handed out is always the measured one.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRectF

from gsn_studio.app.canvas.node_item import NodeItem

SCENE_MARGIN = 400.0
"""Room around the items, so that nodes can be dragged or added beyond the current edge."""


class CoveredArea:
    """The shown nodes' area, with their marks (each item's scene bounds), empty for none;
    and each shown node's bounds as measured for it (the overview's blocks take them)."""

    def __init__(self) -> None:
        self._kept: QRectF | None = None
        self._bounds: dict[str, QRectF] = {}

    def of(self, items: Iterable[NodeItem]) -> QRectF:
        """The area of the shown ones among `items` (every node item of the scene): kept
        from the last measure unless forgotten since; a copy, so callers may change it."""
        return QRectF(self._measured(items))

    def bounds(self, items: Iterable[NodeItem]) -> tuple[QRectF, dict[str, QRectF]]:
        """The area (a copy) and each shown node's scene bounds by id, as `of` measures
        them; the rects are shared and never changed in place (a new measure makes new)."""
        return QRectF(self._measured(items)), self._bounds

    def _measured(self, items: Iterable[NodeItem]) -> QRectF:
        if self._kept is None:
            rect = QRectF()
            bounds: dict[str, QRectF] = {}
            for item in items:
                if item.isVisible():  # folded away or outside the focus: not part of the view
                    bounds[item.node_id] = shown = item.sceneBoundingRect()
                    rect = rect.united(shown)
            self._kept, self._bounds = rect, bounds
        return self._kept

    def forget(self) -> None:
        """Nodes may have moved, changed size, come, gone, shown or hidden."""
        self._kept = None
        self._bounds = {}


def padded(rect: QRectF) -> QRectF:
    """The scene's rect around an area of nodes (a unit square at the origin for none)."""
    if rect.isEmpty():
        rect = QRectF(0, 0, 1, 1)
    return rect.adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN)
