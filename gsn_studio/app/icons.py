"""Icons for element types, drawn from the same outlines as the canvas."""

from __future__ import annotations

import functools

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from gsn_studio.model import Node, NodeType
from gsn_studio.notation.geometry import geometry_of
from gsn_studio.notation.palette import TYPE_LOOKS

_SAMPLE_TEXT = {
    NodeType.SOLUTION: "Evidence",
    NodeType.COUNTER_SOLUTION: "Evidence",
}


def outline_path(node_type: NodeType) -> QPainterPath:
    """The type's outline at its natural size, centred on the origin."""
    outline = geometry_of(
        Node(id="X", type=node_type, statement=_SAMPLE_TEXT.get(node_type, "A claim"))
    ).outline
    path = QPainterPath()
    if outline.kind == "rect":
        path.addRect(QRectF(outline.x, outline.y, outline.width, outline.height))
    elif outline.kind == "roundrect":
        path.addRoundedRect(
            QRectF(outline.x, outline.y, outline.width, outline.height),
            outline.radius,
            outline.radius,
        )
    elif outline.kind == "ellipse":
        path.addEllipse(QRectF(outline.x, outline.y, outline.width, outline.height))
    else:
        path.moveTo(QPointF(*outline.points[0]))
        for point in outline.points[1:]:
            path.lineTo(QPointF(*point))
        path.closeSubpath()
    return path


@functools.cache
def type_icon(node_type: NodeType, size: int = 32) -> QIcon:
    pixmap = QPixmap(size * 2, size * 2)  # drawn at 2x for high-density screens
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    path = outline_path(node_type)
    bounds = path.boundingRect()
    scale = (size - 4) / max(bounds.width(), bounds.height())
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(size / 2, size / 2)
    painter.scale(scale, scale)
    look = TYPE_LOOKS[node_type]
    painter.setBrush(QBrush(QColor(look.fill)))
    painter.setPen(QPen(QColor(look.stroke), 2.2 / scale))
    painter.drawPath(path)
    painter.end()
    return QIcon(pixmap)
