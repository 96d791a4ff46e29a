"""A GSN relationship on the canvas: a straight line between two node outlines.

SupportedBy ends in a solid arrowhead, InContextOf in a hollow one, as the standard draws
them. A link that breaks the rules for its node types (read from a file, or left behind by
a type change) is drawn red and dashed, with the rule it breaks as its tooltip.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPolygonF
from PySide6.QtWidgets import QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from gsn_studio.app.canvas.node_item import NodeItem
from gsn_studio.app.canvas.paints import brush, pen
from gsn_studio.app.canvas.shapes import exit_point
from gsn_studio.model import LinkKind, link_violation
from gsn_studio.model.links import kind_phrase
from gsn_studio.notation.palette import LINK_COLOUR, STROKE_WIDTH

LINK_Z = -1.0
"""Below the nodes (at 0), so a line never crosses a node's text."""
ARROW_LENGTH = 10.0
ARROW_HALF_WIDTH = 5.0
ILLEGAL_COLOUR = "#c62828"
ILLEGAL_DASH = (5.0, 3.0)
ARROW_DETAIL_THRESHOLD = 0.2
"""Below this scale arrowheads are a pixel or two wide and are left out."""
_HIT_WIDTH = 8.0

LinkKey = tuple[str, str, LinkKind]


class LinkItem(QGraphicsRectItem):
    """A rectangle item (the rect bounds the line and arrowhead) so that Qt computes the
    bounding rect in C++; see NodeItem."""

    def __init__(self, source: NodeItem, target: NodeItem, kind: LinkKind) -> None:
        super().__init__()
        self.source = source
        self.target = target
        self.kind = kind
        self.key: LinkKey = (source.node_id, target.node_id, kind)
        self.violation: str | None = None
        self._line = QLineF()
        self._arrow = QPolygonF()
        self.setPen(Qt.PenStyle.NoPen)
        self.setZValue(LINK_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        source.links.add(self)
        target.links.add(self)
        self.violation = link_violation(
            kind, source.node_id, source.node.type, target.node_id, target.node.type
        )
        self.update_geometry()

    def detach(self) -> None:
        """Forget both ends, before the item leaves the scene."""
        self.source.links.discard(self)
        self.target.links.discard(self)

    def refresh_rule(self) -> None:
        """Recheck the link against the GSN rules (after a node's type changed)."""
        source, target = self.source.node, self.target.node
        self.violation = link_violation(self.kind, source.id, source.type, target.id, target.type)
        self.update()

    def tool_tip(self) -> str:
        source, target = self.source.node_id, self.target.node_id
        return self.violation or f"{source} {kind_phrase(self.kind)} {target}"

    def update_geometry(self) -> None:
        """Follow the ends: from the source's outline to the target's, towards each other."""
        sx, sy = self.source.x(), self.source.y()
        tx, ty = self.target.x(), self.target.y()
        x1, y1 = exit_point(self.source.geometry.outline, (sx, sy), (tx, ty))
        x2, y2 = exit_point(self.target.geometry.outline, (tx, ty), (sx, sy))
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        if length < ARROW_LENGTH or dx * (tx - sx) + dy * (ty - sy) <= 0:
            # The outlines overlap: there is no gap to draw the link in.
            self._line, self._arrow = QLineF(), QPolygonF()
            self.setRect(QRectF())
            return
        ux, uy = dx / length, dy / length
        bx, by = x2 - ux * ARROW_LENGTH, y2 - uy * ARROW_LENGTH
        nx, ny = -uy * ARROW_HALF_WIDTH, ux * ARROW_HALF_WIDTH
        self._arrow = QPolygonF(
            [QPointF(x2, y2), QPointF(bx + nx, by + ny), QPointF(bx - nx, by - ny)]
        )
        self._line = QLineF(x1, y1, bx, by)
        margin = ARROW_HALF_WIDTH + 2.0
        self.setRect(
            min(x1, x2) - margin, min(y1, y2) - margin, abs(dx) + 2 * margin, abs(dy) + 2 * margin
        )
        self.update()  # the rect may stay the same while the line turns within it

    @property
    def is_drawn(self) -> bool:
        return not self._line.isNull()

    def end_points(self) -> tuple[QPointF, QPointF]:
        """Where the link leaves its source and where the arrowhead's tip touches the target."""
        tip = self._arrow.at(0) if not self._arrow.isEmpty() else self._line.p2()
        return self._line.p1(), tip

    # -- Qt overrides ----------------------------------------------------------------------

    def shape(self) -> Any:
        path = QPainterPath()
        if not self.is_drawn:
            return path
        path.moveTo(self._line.p1())
        path.lineTo(self._line.p2())
        stroker = QPainterPathStroker()
        stroker.setWidth(_HIT_WIDTH)
        outline = stroker.createStroke(path)
        outline.addPolygon(self._arrow)
        return outline

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        if not self.is_drawn:
            return
        colour = ILLEGAL_COLOUR if self.violation else LINK_COLOUR
        detail = option.levelOfDetailFromTransform(painter.worldTransform())
        if detail < ARROW_DETAIL_THRESHOLD:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(pen(colour, 0))
            painter.drawLine(self._line)
            return
        dash = ILLEGAL_DASH if self.violation else ()
        painter.setPen(pen(colour, STROKE_WIDTH, dash))
        painter.drawLine(self._line)
        painter.setPen(pen(colour, STROKE_WIDTH))
        solid = self.kind is LinkKind.SUPPORTED_BY
        painter.setBrush(brush(colour) if solid else brush("#ffffff"))
        painter.drawPolygon(self._arrow)
