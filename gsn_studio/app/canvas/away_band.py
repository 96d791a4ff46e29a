"""Painting an away element's lower band on the canvas, from the notation's geometry (the
SVG export draws the same band from the same numbers)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainter, QPen, QPolygonF

from gsn_studio.app.canvas.paints import font
from gsn_studio.notation.geometry import TEXT_SIZE, Geometry
from gsn_studio.notation.metrics import ASCENT_EM


def paint_band(painter: QPainter, geometry: Geometry, stroke: QPen, text: QPen) -> None:
    band = geometry.band
    if band is None:
        return
    thin = QPen(stroke)
    thin.setWidthF(1.0)
    painter.setPen(thin)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    half = geometry.half_width
    painter.drawLine(QPointF(-half, band.divider_y), QPointF(half, band.divider_y))
    painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in band.icon]))
    painter.setPen(text)
    painter.setFont(font(TEXT_SIZE))
    painter.drawText(QPointF(band.text_x, band.text_top + TEXT_SIZE * ASCENT_EM), band.text)
