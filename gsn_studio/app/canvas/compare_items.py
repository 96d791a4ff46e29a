"""What a comparison with another version draws over the canvas.

A node added or changed since the other version gets a coloured outline and a word ("NEW",
"CHANGED") as a child of its item, so it follows the node. A node the other version has and
this one does not is a ghost: dashed and faint at its old place, with no flags, so it can be
neither selected nor moved nor edited; it is not in the case, only on the canvas. A removed
link is a faint dashed line between its ends (node or ghost).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from gsn_studio.app.canvas.paints import brush, font, pen
from gsn_studio.app.canvas.shapes import exit_point, outline_path
from gsn_studio.app.plain_text import tip
from gsn_studio.model import Node
from gsn_studio.notation.geometry import (
    BADGE_HEIGHT,
    BADGE_SIZE,
    ID_SIZE,
    LINE_HEIGHT,
    TEXT_SIZE,
    Geometry,
    geometry_of,
)
from gsn_studio.notation.metrics import ASCENT_EM, text_width

ADDED_COLOUR = "#2e7d32"
CHANGED_COLOUR = "#1565c0"
REMOVED_COLOUR = "#c62828"
FRAME_GAP = 5.0
"""The frame stands this far outside the outline: apart from it, unlike the selection's
translucent halo, so that a changed node never looks selected."""
FRAME_WIDTH = 2.5
TAG_GAP = 2.0
GHOST_ALPHA = 150
"""The ghost's outline, fill and text are faint; its REMOVED tag is not."""
GHOST_TEXT = "#80868b"
GHOST_Z = -0.5
"""Above the links, below the nodes: a ghost never hides a node that is really there."""
GHOST_LINK_Z = -1.5


def _tag_rect(geometry: Geometry, word: str) -> QRectF:
    """The word's pill, just above the node's top-left corner (the top right has the status
    badge, the bottom left the comment bubble)."""
    width = text_width(word, BADGE_SIZE, bold=True) + 8
    # Above the status badge, which straddles the top edge when it moves to the left.
    top = -geometry.half_height - BADGE_HEIGHT / 2 - TAG_GAP - BADGE_HEIGHT
    return QRectF(-geometry.half_width, top, width, BADGE_HEIGHT)


def _frame(geometry: Geometry) -> QPainterPath:
    """The outline grown by FRAME_GAP on every side (scaled about the centre)."""
    sx = (geometry.half_width + FRAME_GAP) / geometry.half_width
    sy = (geometry.half_height + FRAME_GAP) / geometry.half_height
    return QTransform.fromScale(sx, sy).map(outline_path(geometry.outline))


def _paint_tag(painter: QPainter, rect: QRectF, word: str, colour: str) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(brush(colour))
    painter.drawRoundedRect(rect, 3, 3)
    painter.setPen(pen("#ffffff", 1.0))
    painter.setFont(font(BADGE_SIZE, bold=True))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, word)


class DiffMarkItem(QGraphicsItem):
    """A coloured frame around a node's outline, and a word above it."""

    def __init__(self, parent: QGraphicsItem, geometry: Geometry, word: str, colour: str):
        super().__init__(parent)
        self.word = word
        self.colour = colour
        self._frame = _frame(geometry)
        self._tag = _tag_rect(geometry, word)
        margin = FRAME_WIDTH
        self._bounds = (
            self._frame.boundingRect()
            .adjusted(-margin, -margin, margin, margin)
            .united(self._tag)
            .adjusted(-1, -1, 1, 1)
        )
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> Any:
        return QPainterPath()  # marks the node, never takes its clicks or its tooltip

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(pen(self.colour, FRAME_WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._frame)
        _paint_tag(painter, self._tag, self.word, self.colour)


class GhostNodeItem(QGraphicsItem):
    """A node of the other version that this one does not have, where it stood there."""

    def __init__(self, node: Node, centre: QPointF, note: str) -> None:
        super().__init__()
        self.node = node
        self.ghost_id = node.id
        """Not `node_id`: the canvas takes items with one for nodes of the case."""
        self.geometry = geometry_of(node)
        self._path = outline_path(self.geometry.outline)
        self._tag = _tag_rect(self.geometry, "REMOVED")
        self._bounds = self._path.boundingRect().united(self._tag).adjusted(-3, -3, 3, 3)
        self.setPos(centre)
        self.setZValue(GHOST_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setToolTip(tip(note))

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> Any:
        return self._path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(pen(REMOVED_COLOUR, 1.6, (6.0, 4.0), alpha=GHOST_ALPHA))
        painter.setBrush(brush("#ffffff", GHOST_ALPHA))
        painter.drawPath(self._path)
        geometry = self.geometry
        painter.setPen(pen(GHOST_TEXT, 1.0))
        left, baseline = geometry.text_left, geometry.text_top + ID_SIZE * ASCENT_EM
        painter.setFont(font(ID_SIZE, bold=True))
        painter.drawText(QPointF(left, baseline), self.node.id)
        painter.setFont(font(TEXT_SIZE))
        for index, line in enumerate(geometry.lines, start=1):
            painter.drawText(QPointF(left, baseline + index * LINE_HEIGHT), line)
        _paint_tag(painter, self._tag, "REMOVED", REMOVED_COLOUR)


class GhostLinkItem(QGraphicsLineItem):
    """A link of the other version that this one does not have."""

    def __init__(
        self,
        ends: tuple[str, str],
        start: tuple[QPointF, Geometry],
        end: tuple[QPointF, Geometry],
        note: str,
    ) -> None:
        """`ends`: the link's source and target ids; `start` and `end`: where they are drawn
        (a node's item or a ghost) and their shapes."""
        super().__init__()
        self.ends = ends
        (a, a_shape), (b, b_shape) = start, end
        x1, y1 = exit_point(a_shape.outline, (a.x(), a.y()), (b.x(), b.y()))
        x2, y2 = exit_point(b_shape.outline, (b.x(), b.y()), (a.x(), a.y()))
        self.setLine(QLineF(x1, y1, x2, y2))
        self.setPen(pen(REMOVED_COLOUR, 1.6, (5.0, 4.0), alpha=170))
        self.setZValue(GHOST_LINK_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setToolTip(tip(note))

    def midpoint(self) -> QPointF:
        return self.line().center()
