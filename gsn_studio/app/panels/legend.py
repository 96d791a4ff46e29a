"""What the shapes, colours, marks and arrows on the canvas mean."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from gsn_studio.app.canvas.pattern_paint import paint_marks
from gsn_studio.app.panels.swatches import (
    badge_size,
    blank_pixmap,
    link_pixmap,
    paint_badge,
    paint_shape,
    type_pixmap,
)
from gsn_studio.app.panels.texts import mark_meaning, type_name
from gsn_studio.model import NodeType
from gsn_studio.notation.palette import LINK_COLOUR, STATUS_MARKS, STROKE_WIDTH, TYPE_LOOKS, Status
from gsn_studio.notation.pattern_legend import MEANINGS as PATTERN_MEANINGS
from gsn_studio.notation.pattern_legend import PatternKey, key_drawing
from gsn_studio.notation.themes import QUIET

SWATCH_WIDTH, SWATCH_HEIGHT = 54, 30

MEANINGS: dict[NodeType, str] = {
    NodeType.GOAL: "a claim",
    NodeType.STRATEGY: "how a claim is broken down",
    NodeType.SOLUTION: "evidence",
    NodeType.CONTEXT: "scope or definitions",
    NodeType.ASSUMPTION: "taken as true",
    NodeType.JUSTIFICATION: "why a step is sound",
    NodeType.COUNTER_GOAL: "a claim against",
    NodeType.COUNTER_SOLUTION: "evidence against",
}


STATUS_GROUPS: tuple[tuple[str, NodeType, tuple[Status, ...]], ...] = (
    (
        "Goals and strategies",
        NodeType.GOAL,
        (Status.SUPPORTED, Status.UNDEVELOPED, Status.INCOMPLETE, Status.WEAKENED, Status.DEFEATED),
    ),
    (
        "Evidence",
        NodeType.SOLUTION,
        (
            Status.EXPIRED,
            Status.EXPIRING,
            Status.CHANGED,
            Status.MISSING,
            Status.FAILING,
            Status.UNMEASURED,
        ),
    ),
    ("Defeaters", NodeType.COUNTER_GOAL, (Status.OPEN, Status.REFUTED, Status.ACCEPTED)),
)
"""The status marks by what they mark, each drawn on that kind of element."""


Entry = tuple[QPixmap | None, str]
"""A picture and what it means (HTML); no picture: a heading."""


def legend_entries() -> list[Entry]:
    """Every shape, status mark and link the canvas draws, each with its meaning: the Legend
    panel and Help > Notation both show this list, so they cannot disagree."""
    entries: list[Entry] = [(None, "Elements")]
    for node_type in NodeType:
        entries.append(
            (
                type_pixmap(node_type, SWATCH_WIDTH, SWATCH_HEIGHT),
                f"<b>{type_name(node_type)}</b>: {MEANINGS[node_type]}",
            )
        )
    for title, shape, statuses in STATUS_GROUPS:
        entries.append((None, title))
        for status in statuses:
            mark = STATUS_MARKS[status]
            quiet = " (green, drawn without a badge)" if status in QUIET else ""
            entries.append(
                (
                    status_pixmap(status, shape),
                    f"<b>{mark.badge}</b>: {mark_meaning(status)}{quiet}",
                )
            )
        if shape is NodeType.GOAL:
            entries.append(
                (
                    diamond_pixmap(),
                    "Diamond below a goal or strategy: deliberately left undeveloped",
                )
            )
    entries += [
        (None, "Links"),
        (link_pixmap(False, SWATCH_WIDTH, SWATCH_HEIGHT), "Supported by"),
        (link_pixmap(True, SWATCH_WIDTH, SWATCH_HEIGHT), "In context of"),
        (
            link_pixmap(False, SWATCH_WIDTH, SWATCH_HEIGHT, challenge=True),
            "Challenges: a defeater against an element or a link",
        ),
        (None, "Patterns and confidence"),
    ]
    entries += [(pattern_pixmap(key), PATTERN_MEANINGS[key]) for key in PatternKey]
    return entries


class LegendPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(8, 8, 8, 8)
        self._grid.setHorizontalSpacing(10)
        self._grid.setColumnStretch(1, 1)
        for picture, text in legend_entries():
            if picture is None:
                self._heading(text)
            else:
                self._entry(picture, text)
        self._grid.setRowStretch(self._grid.rowCount(), 1)

    def _heading(self, text: str) -> None:
        label = QLabel(f"<b>{text}</b>")
        row = self._grid.rowCount()
        if row > 1:
            label.setContentsMargins(0, 8, 0, 0)
        self._grid.addWidget(label, row, 0, 1, 2)

    def _entry(self, pixmap: QPixmap, text: str) -> None:
        picture = QLabel()
        picture.setPixmap(pixmap)
        picture.setFixedSize(SWATCH_WIDTH, SWATCH_HEIGHT)
        words = QLabel(text)
        words.setWordWrap(True)
        row = self._grid.rowCount()
        self._grid.addWidget(picture, row, 0, Qt.AlignmentFlag.AlignVCenter)
        self._grid.addWidget(words, row, 1)


def status_pixmap(status: Status, shape: NodeType = NodeType.GOAL) -> QPixmap:
    """An element with the status's fill and dashes, its badge at the top right, as on the
    canvas."""
    pixmap = blank_pixmap(SWATCH_WIDTH, SWATCH_HEIGHT)
    painter = QPainter(pixmap)
    paint_shape(painter, shape, QRectF(0, 5, SWATCH_WIDTH - 4, SWATCH_HEIGHT - 5), status)
    mark = STATUS_MARKS[status]
    if status in QUIET:
        painter.end()
        return pixmap
    size = 8.0
    while size > 5 and badge_size(painter.font(), mark.badge, size).width() > SWATCH_WIDTH:
        size -= 0.5  # "UNDEVELOPED" must fit the swatch, not be cut at its edge
    paint_badge(painter, mark.badge, mark.stroke, QPointF(SWATCH_WIDTH, 0), size)
    painter.end()
    return pixmap


def diamond_pixmap() -> QPixmap:
    pixmap = blank_pixmap(SWATCH_WIDTH, SWATCH_HEIGHT)
    painter = QPainter(pixmap)
    look = TYPE_LOOKS[NodeType.GOAL]
    shape = paint_shape(painter, NodeType.GOAL, QRectF(0, 0, SWATCH_WIDTH, SWATCH_HEIGHT - 9))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(look.stroke), STROKE_WIDTH))
    painter.setBrush(QColor("#ffffff"))
    x, top, size = shape.center().x(), shape.bottom(), 4.5
    painter.drawPolygon(
        QPolygonF(
            [
                QPointF(x, top),
                QPointF(x + size, top + size),
                QPointF(x, top + 2 * size),
                QPointF(x - size, top + size),
            ]
        )
    )
    painter.end()
    return pixmap


def pattern_pixmap(key: PatternKey) -> QPixmap:
    """A pattern key drawn with the canvas's own mark painter (`pattern_legend` shapes)."""
    pixmap = blank_pixmap(SWATCH_WIDTH, SWATCH_HEIGHT)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    drawing = key_drawing(key, SWATCH_WIDTH, SWATCH_HEIGHT)
    if drawing.line is not None:
        (x1, y1), (tip, y2) = drawing.line
        colour = QColor(LINK_COLOUR)
        painter.setPen(QPen(colour, STROKE_WIDTH))
        painter.drawLine(QPointF(x1, y1), QPointF(tip - 8, y2))
        painter.setBrush(colour)
        head = [QPointF(tip, y2), QPointF(tip - 9, y2 - 4.5), QPointF(tip - 9, y2 + 4.5)]
        painter.drawPolygon(QPolygonF(head))
    if drawing.box is not None:
        paint_shape(painter, NodeType.GOAL, QRectF(*drawing.box))
    paint_marks(painter, list(drawing.marks))
    painter.end()
    return pixmap
