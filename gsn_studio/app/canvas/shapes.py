"""Node outlines as Qt paths, and where a link leaves an outline.

Outlines and exit points come from the notation (centred on 0, 0), as in the SVG export, so
an arrowhead's tip touches the drawn edge of its node, never sits inside it.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QPolygonF

from gsn_studio.notation.geometry import Outline, boundary_point


@functools.cache
def outline_path(outline: Outline) -> QPainterPath:
    """The outline as a closed path, shared: callers must not modify it."""
    path = QPainterPath()
    rect = QRectF(outline.x, outline.y, outline.width, outline.height)
    if outline.kind == "ellipse":
        path.addEllipse(rect)
    elif outline.kind == "roundrect":
        path.addRoundedRect(rect, outline.radius, outline.radius)
    elif outline.kind == "polygon":
        path.addPolygon(QPolygonF([QPointF(x, y) for x, y in outline.points]))
        path.closeSubpath()
    else:
        path.addRect(rect)
    return path


def exit_point(
    outline: Outline, centre: tuple[float, float], towards: tuple[float, float]
) -> tuple[float, float]:
    """Where the straight line from a node's centre towards a point crosses its outline."""
    dx, dy = boundary_point(outline, towards[0] - centre[0], towards[1] - centre[1])
    return centre[0] + dx, centre[1] + dy
