"""Rich statement text on the canvas: the runs of `notation.rich_text`, each in its font;
links blue and underlined, as figures draw them."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QPainter

from gsn_studio.app.canvas.paints import font, pen
from gsn_studio.notation.rich_text import styled_lines

LINK_COLOUR = "#1a5fb4"


def paint_rich_lines(  # noqa: PLR0917 (the text block: statement, lines and where they go)
    painter: QPainter,
    statement: str,
    lines: tuple[str, ...],
    left: float,
    baseline: float,
    line_height: float,
    size: float,
) -> None:
    text_pen = painter.pen()
    for index, runs in enumerate(styled_lines(statement, lines), start=1):
        x = left
        y = baseline + index * line_height
        for run in runs:
            face = QFont(font(size, bold=run.bold))
            face.setItalic(run.italic)
            face.setUnderline(bool(run.href))
            painter.setFont(face)
            painter.setPen(pen(LINK_COLOUR, 1.0) if run.href else text_pen)
            painter.drawText(QPointF(x, y), run.text)
            x += painter.fontMetrics().horizontalAdvance(run.text)
    painter.setPen(text_pen)
