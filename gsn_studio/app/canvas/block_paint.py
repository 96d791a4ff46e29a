"""Nodes zoomed out: a block filled and outlined in its status colours, with the node's id
in the middle, sized to the block rather than to the zoom, so that it stays readable while
the node is at least MIN_BLOCK_PX wide on screen (statements are too small to read there)."""

from __future__ import annotations

import functools

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen

from gsn_studio.app.canvas.paints import colour, font
from gsn_studio.notation.geometry import Geometry
from gsn_studio.notation.metrics import text_width
from gsn_studio.notation.palette import STATUS_MARKS, Status, block_colour

MIN_BLOCK_PX = 30.0
"""Narrower than this on screen, a block carries no id: it would not fit readably."""
ID_MAX_PX = 15.0
"""The id is never drawn taller than this on screen, however wide the block."""
ID_MIN_PX = 8.0
"""Nor smaller: a longer id is cut short with an ellipsis instead."""
ID_WIDTH_SHARE = 0.84
"""How much of the block's width the id may take."""
ID_HEIGHT_SHARE = 0.6
BLOCK_OUTLINE_PX = 2.0
"""The status colour's outline, in screen pixels at any zoom."""


def id_pixel_size(node_id: str, geometry: Geometry, detail: float) -> float | None:
    """The id's height on screen, in pixels, for a node drawn as a block at this scale; None
    when the node is too narrow for a readable id."""
    wide, high = geometry.width * detail, geometry.height * detail
    if wide < MIN_BLOCK_PX or not node_id:
        return None
    em = max(text_width(node_id, 1.0, bold=True), 0.5)
    return max(ID_MIN_PX, min(ID_MAX_PX, wide * ID_WIDTH_SHARE / em, high * ID_HEIGHT_SHARE))


@functools.cache
def block_pen(status: Status, type_stroke: str) -> QPen:
    """A cosmetic outline in the status colour (the type's colour for a node with none)."""
    mark = STATUS_MARKS.get(status)
    made = QPen(colour(block_colour(status) if mark else type_stroke), BLOCK_OUTLINE_PX)
    made.setCosmetic(True)
    return made


def paint_block_id(
    painter: QPainter, node_id: str, geometry: Geometry, detail: float, text: str
) -> bool:
    """Draw the id centred on the block, if it fits readably; whether it was drawn."""
    pixels = id_pixel_size(node_id, geometry, detail)
    if pixels is None:
        return False
    size = max(1, round(pixels / detail))
    chosen = font(size, bold=True)
    rect = QRectF(-geometry.half_width, -geometry.half_height, geometry.width, geometry.height)
    room = geometry.width * ID_WIDTH_SHARE
    shown = node_id
    if text_width(node_id, size, bold=True) > room:
        shown = QFontMetricsF(chosen).elidedText(node_id, Qt.TextElideMode.ElideRight, room)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.setFont(chosen)
    painter.setPen(colour(text))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, shown)
    return True
