"""Icons for element types, drawn from the same outlines as the canvas."""

from __future__ import annotations

import functools

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap

from gsn_studio.app.panels.swatches import paint_shape
from gsn_studio.model import NodeType


@functools.cache
def type_icon(node_type: NodeType, size: int = 32) -> QIcon:
    pixmap = QPixmap(size * 2, size * 2)  # drawn at 2x for high-density screens
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_shape(painter, node_type, QRectF(1, 1, size - 2, size - 2), line_width=2.0)
    painter.end()
    return QIcon(pixmap)
