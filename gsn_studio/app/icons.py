"""Icons for element types, drawn from the same outlines as the canvas."""

from __future__ import annotations

import functools

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap

from gsn_studio.app.panels.swatches import paint_shape
from gsn_studio.cli.install_desktop import icon_files
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


@functools.cache
def app_icon() -> QIcon:
    """GSN Studio's own icon, every size shipped (the same files the desktop installs), so the
    window system picks the drawing made for each size rather than scaling one."""
    icon = QIcon()
    for size, file in icon_files().items():
        if size is None:
            continue  # the PNGs cover 16 to 512; the SVG is for the desktop's icon theme
        pixmap = QPixmap()
        pixmap.loadFromData(file.read_bytes(), "PNG")
        icon.addPixmap(pixmap)
    return icon
