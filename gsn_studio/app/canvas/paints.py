"""Qt fonts, pens and brushes for the canvas, each made once and shared by every item.

Fonts use pixel sizes, no hinting and no kerning, so that Qt's advances match the
notation's own text metrics at every zoom level: the lines that `geometry_of` wrapped fit
their box on screen exactly as in the SVG export.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen

from gsn_studio.notation.metrics import FONT_FAMILY


@functools.cache
def font(size: float, bold: bool = False) -> QFont:
    made = QFont(FONT_FAMILY)
    made.setPixelSize(round(size))
    made.setBold(bold)
    made.setKerning(False)
    made.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    made.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return made


@functools.cache
def colour(name: str, alpha: int = 255) -> QColor:
    made = QColor(name)
    made.setAlpha(alpha)
    return made


@functools.cache
def brush(name: str, alpha: int = 255) -> QBrush:
    return QBrush(colour(name, alpha))


@functools.cache
def pen(name: str, width: float, dash: tuple[float, ...] = (), alpha: int = 255) -> QPen:
    made = QPen(colour(name, alpha), width)
    made.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    made.setCapStyle(Qt.PenCapStyle.FlatCap if dash else Qt.PenCapStyle.RoundCap)
    if dash:
        # Qt counts dash lengths in pen widths; the palette gives them in diagram units.
        made.setDashPattern([length / width for length in dash])
    return made
