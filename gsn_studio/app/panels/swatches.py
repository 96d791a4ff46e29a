"""Small pictures of GSN shapes, status marks and severities, painted from the notation.

The shapes come from `notation.geometry` and the colours from `notation.palette`, so the
outline, the legend and the canvas agree on what a goal or an expired solution looks like.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QIcon,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
)

from gsn_studio.analysis import Severity
from gsn_studio.app.canvas.node_item import HATCH_STYLES
from gsn_studio.app.canvas.shapes import outline_path
from gsn_studio.model import ID_PREFIXES, Node, NodeType
from gsn_studio.notation.geometry import geometry_of
from gsn_studio.notation.palette import (
    LINK_COLOUR,
    STATUS_MARKS,
    STROKE_WIDTH,
    TYPE_LOOKS,
    Status,
)
from gsn_studio.notation.themes import CHALLENGE_COLOUR, CHALLENGE_DASH

CORNER_LETTERS = {NodeType.ASSUMPTION: "A", NodeType.JUSTIFICATION: "J"}
SEVERITY_COLOURS = {Severity.ERROR: "#c62828", Severity.WARNING: "#b86e00"}


@functools.cache
def type_outline(node_type: NodeType) -> QPainterPath:
    """The shape of an element of this type with a one-line statement, centred on (0, 0)."""
    node = Node(id=f"{ID_PREFIXES[node_type]}1", type=node_type, statement="Statement")
    return outline_path(geometry_of(node).outline)


def paint_shape(
    painter: QPainter,
    node_type: NodeType,
    box: QRectF,
    status: Status = Status.NONE,
    line_width: float = STROKE_WIDTH,
) -> QRectF:
    """Draw a type's outline scaled into box, in its colours or a status's; returns its bounds."""
    path = type_outline(node_type)
    bounds = path.boundingRect()
    margin = line_width
    scale = min(
        (box.width() - 2 * margin) / bounds.width(), (box.height() - 2 * margin) / bounds.height()
    )
    look = TYPE_LOOKS[node_type]
    fill, stroke = look.fill, look.stroke
    dash: tuple[float, ...] = ()
    hatch = None
    if status is not Status.NONE:
        mark = STATUS_MARKS[status]
        fill, stroke, dash, line_width = mark.fill, mark.stroke, mark.dash, mark.stroke_width
        hatch = HATCH_STYLES.get(mark.hatch)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(box.center())
    painter.scale(scale, scale)
    pen = QPen(QColor(stroke), line_width / scale)
    if dash:
        pen.setDashPattern([d / line_width for d in dash])
    painter.setPen(pen)
    painter.setBrush(QBrush(QColor(fill)))
    painter.drawPath(path)
    if hatch is not None:  # as the canvas draws it: in screen pixels, over the fill
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor(stroke), hatch))
        painter.drawPath(path)
    painter.restore()
    width, height = bounds.width() * scale, bounds.height() * scale
    return QRectF(box.center().x() - width / 2, box.center().y() - height / 2, width, height)


def badge_font(base: QFont, size: float) -> QFont:
    font = QFont(base)
    font.setPixelSize(max(6, round(size)))
    font.setBold(True)
    return font


def badge_size(base: QFont, word: str, size: float) -> QSizeF:
    """The pill that `paint_badge` draws for a word with text of a pixel size."""
    metrics = QFontMetricsF(badge_font(base, size))
    return QSizeF(metrics.horizontalAdvance(word) + size, metrics.height())


def paint_badge(painter: QPainter, word: str, colour: str, anchor: QPointF, size: float) -> None:
    """A filled pill holding a status word, its top-right corner at anchor."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pill = badge_size(painter.font(), word, size)
    painter.setFont(badge_font(painter.font(), size))
    width, height = pill.width(), pill.height()
    rect = QRectF(anchor.x() - width, anchor.y(), width, height)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawRoundedRect(rect, height / 2, height / 2)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, word)
    painter.restore()


def blank_pixmap(width: int, height: int, ratio: float | None = None) -> QPixmap:
    """A transparent pixmap of a logical size, sharp on high-density screens."""
    ratio = ratio or _screen_ratio()
    pixmap = QPixmap(round(width * ratio), round(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap


def type_pixmap(
    node_type: NodeType, width: int, height: int, status: Status = Status.NONE
) -> QPixmap:
    """A type's shape; assumptions and justifications with their letter, as the standard asks."""
    pixmap = blank_pixmap(width, height)
    painter = QPainter(pixmap)
    letter = CORNER_LETTERS.get(node_type, "")
    room = height * 0.4 if letter else 0.0
    shape = paint_shape(painter, node_type, QRectF(0, 0, width - room, height), status)
    if letter:
        font = QFont(painter.font())
        font.setPixelSize(max(7, round(height * 0.4)))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(TYPE_LOOKS[node_type].stroke))
        corner = QRectF(
            shape.right() - room / 2, shape.bottom() - room * 1.2, room * 1.5, room * 1.2
        )
        painter.drawText(corner, Qt.AlignmentFlag.AlignCenter, letter)
    painter.end()
    return pixmap


@functools.cache
def type_icon(node_type: NodeType) -> QIcon:
    icon = QIcon()
    for ratio in (1.0, 2.0):
        pixmap = blank_pixmap(16, 16, ratio)
        painter = QPainter(pixmap)
        paint_shape(painter, node_type, QRectF(0, 1, 16, 14), line_width=1.2)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


@functools.cache
def severity_icon(severity: Severity) -> QIcon:
    """A red disc for errors, an amber triangle for warnings: told apart by shape too."""
    icon = QIcon()
    for ratio in (1.0, 2.0):
        pixmap = blank_pixmap(16, 16, ratio)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(SEVERITY_COLOURS[severity]))
        if severity is Severity.ERROR:
            painter.drawEllipse(QRectF(1, 1, 14, 14))
        else:
            painter.drawPolygon(QPolygonF([QPointF(8, 1), QPointF(15.5, 14.5), QPointF(0.5, 14.5)]))
        pen = QPen(QColor("#ffffff"), 2.0)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        top = 4.0 if severity is Severity.ERROR else 6.0
        painter.drawLine(QPointF(8, top), QPointF(8, 9.5))
        painter.drawPoint(QPointF(8, 12.2))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def link_pixmap(hollow: bool, width: int, height: int, challenge: bool = False) -> QPixmap:
    """A link as the canvas draws it: SupportedBy with a filled head, InContextOf hollow, and
    a challenge dash-dot in the defeaters' purple, its filled head behind a cross bar."""
    pixmap = blank_pixmap(width, height)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(CHALLENGE_COLOUR if challenge else LINK_COLOUR)
    pen = QPen(colour, STROKE_WIDTH)
    if challenge:
        pen.setDashPattern([d / STROKE_WIDTH for d in CHALLENGE_DASH])
    painter.setPen(pen)
    middle = height / 2
    tip = width - 3.0
    painter.drawLine(QPointF(3, middle), QPointF(tip - 8, middle))
    painter.setPen(QPen(colour, STROKE_WIDTH))
    if challenge:
        painter.drawLine(QPointF(tip - 13, middle - 5), QPointF(tip - 13, middle + 5))
    painter.setBrush(QColor("#ffffff") if hollow else colour)
    head = [QPointF(tip, middle), QPointF(tip - 9, middle - 4.5), QPointF(tip - 9, middle + 4.5)]
    painter.drawPolygon(QPolygonF(head))
    painter.end()
    return pixmap


def _screen_ratio() -> float:
    screen = QGuiApplication.primaryScreen()
    return max(1.0, screen.devicePixelRatio()) if screen else 1.0
