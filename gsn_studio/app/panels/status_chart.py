"""A small chart of goals and strategies by status over the case file's git history: one
stacked bar per commit, oldest on the left, and today's case on the right. Colours are the
canvas's status colours, each with its own fill pattern too, so it reads in greyscale."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from gsn_studio.analysis import Level
from gsn_studio.analysis.metrics import CLAIM_STATUSES
from gsn_studio.notation.palette import STATUS_MARKS, Status

PATTERNS: dict[str, Qt.BrushStyle] = {
    Level.SUPPORTED: Qt.BrushStyle.NoBrush,
    Level.UNDEVELOPED: Qt.BrushStyle.Dense6Pattern,
    Level.WEAKENED: Qt.BrushStyle.BDiagPattern,
    Level.DEFEATED: Qt.BrushStyle.DiagCrossPattern,
}
"""Over each status's colour, so that bars can be told apart without it (as badges are)."""
NOW = "now"


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    """A commit's short id, or "now"."""
    day: str
    subject: str
    claims: dict[str, int]
    problem: str = ""

    def tooltip(self) -> str:
        if self.problem:
            return f"{self.label} {self.day}: unreadable ({self.problem})"
        counts = ", ".join(f"{self.claims.get(status, 0)} {status}" for status in CLAIM_STATUSES)
        return f"{self.label} {self.day}: {counts}\n{self.subject}"


class StatusHistoryChart(QWidget):
    """Paints `bars`; says `message` instead while there are none (loading, not in git)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history: list[Bar] = []
        self.now: Bar | None = None
        self.message = ""
        self.setMinimumSize(220, 110)
        self.setMouseTracking(True)
        self.setToolTip("Goals and strategies by status at each commit of the case file")

    def sizeHint(self) -> QSize:
        return QSize(360, 150)

    @property
    def bars(self) -> list[Bar]:
        return [*self.history, *([self.now] if self.now is not None else [])]

    def set_history(self, bars: list[Bar], message: str = "") -> None:
        self.history = bars
        self.message = message
        self.update()

    def set_now(self, bar: Bar) -> None:
        self.now = bar
        self.update()

    # -- geometry --------------------------------------------------------------------------

    def _plot(self) -> QRectF:
        """Where bars go: room above for the legend, left for the scale, below for dates."""
        line = self.fontMetrics().height()
        left = self.fontMetrics().horizontalAdvance("000") + 8
        top = self._legend_places()[1] + 6
        return QRectF(left, top, self.width() - left - 6, self.height() - top - line - 6)

    def _legend_places(self) -> tuple[list[tuple[str, QPointF]], float]:
        """Each status word's place in the legend, wrapping onto a second line in a narrow
        chart; and the legend's height."""
        metrics = self.fontMetrics()
        size = metrics.height() - 4
        left = metrics.horizontalAdvance("000") + 8
        x, y = float(left), 4.0
        places = []
        for status in CLAIM_STATUSES:
            width = size + 3 + metrics.horizontalAdvance(status)
            if x + width > self.width() - 4 and x > left:
                x, y = float(left), y + metrics.height() + 2
            places.append((status, QPointF(x, y)))
            x += width + 10
        return places, y + metrics.height()

    def bar_rect(self, index: int) -> QRectF:
        """The whole slot of bar `index` (for hit testing), full height of the plot."""
        plot = self._plot()
        count = max(len(self.bars), 1)
        step = plot.width() / count
        return QRectF(plot.left() + index * step, plot.top(), step, plot.height())

    def bar_at(self, x: float) -> int | None:
        for index in range(len(self.bars)):
            rect = self.bar_rect(index)
            if rect.left() <= x < rect.right():
                return index
        return None

    # -- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(self.rect(), self.palette().base())
        self._legend(painter)
        bars = self.bars
        plot = self._plot()
        text_pen = QPen(self.palette().text().color())
        if not self.history:
            painter.setPen(text_pen)
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.message or "No history yet")  # fmt: skip
            if not bars:
                return
        highest = max((sum(bar.claims.values()) for bar in bars), default=0) or 1
        painter.setPen(text_pen)
        metrics = self.fontMetrics()
        painter.drawText(QPointF(2, plot.top() + metrics.ascent()), str(highest))
        painter.drawText(QPointF(2, plot.bottom()), "0")
        painter.setPen(QPen(QColor("#9e9e9e")))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        for index, bar in enumerate(bars):
            self._bar(painter, self.bar_rect(index), bar, highest)
        self._dates(painter, bars, plot)

    def _bar(self, painter: QPainter, slot: QRectF, bar: Bar, highest: int) -> None:
        gap = min(6.0, slot.width() * 0.25)
        left, width = slot.left() + gap / 2, max(slot.width() - gap, 1.0)
        bottom = slot.bottom()
        if bar.problem:
            painter.setPen(QPen(QColor("#c62828")))
            question_box = QRectF(left, bottom - 16, width, 16)
            painter.drawText(question_box, Qt.AlignmentFlag.AlignCenter, "?")
            return
        for status in CLAIM_STATUSES:
            count = bar.claims.get(status, 0)
            if not count:
                continue
            height = slot.height() * count / highest
            rect = QRectF(left, bottom - height, width, height)
            mark = STATUS_MARKS[Status(status)]
            painter.fillRect(rect, QColor(mark.stroke))
            if PATTERNS[status] is not Qt.BrushStyle.NoBrush:
                painter.fillRect(rect, QBrush(QColor(255, 255, 255, 150), PATTERNS[status]))
            bottom -= height
        if bar.label == NOW:  # today's bar is outlined: it follows edits not yet committed
            painter.setPen(QPen(self.palette().text().color(), 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(left, bottom, width, slot.bottom() - bottom))

    def _dates(self, painter: QPainter, bars: list[Bar], plot: QRectF) -> None:
        """The first commit's day at the left, the last's (or "now") at the right, and the
        middle bar's day under it when there is room."""
        painter.setPen(QPen(self.palette().text().color()))
        metrics = self.fontMetrics()
        y = plot.bottom() + metrics.ascent() + 3
        first, last = bars[0], bars[-1]
        painter.drawText(QPointF(plot.left(), y), first.day)
        right = "now" if last.label == NOW else last.day
        if len(bars) > 1:
            painter.drawText(QPointF(plot.right() - metrics.horizontalAdvance(right), y), right)
        day_width = metrics.horizontalAdvance(first.day)
        if len(bars) > 4 and plot.width() > 3 * day_width + 40:
            middle = len(bars) // 2
            centre = self.bar_rect(middle).center().x()
            painter.drawText(QPointF(centre - day_width / 2, y), bars[middle].day)

    def _legend(self, painter: QPainter) -> None:
        metrics = self.fontMetrics()
        size = metrics.height() - 4
        for status, place in self._legend_places()[0]:
            mark = STATUS_MARKS[Status(status)]
            box = QRectF(place.x(), place.y() + 2, size, size)
            painter.fillRect(box, QColor(mark.stroke))
            if PATTERNS[status] is not Qt.BrushStyle.NoBrush:
                painter.fillRect(box, QBrush(QColor(255, 255, 255, 150), PATTERNS[status]))
            painter.setPen(QPen(self.palette().text().color()))
            painter.drawText(QPointF(place.x() + size + 3, place.y() + metrics.ascent()), mark.word)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.bar_at(event.pos().x())
            if index is not None:
                QToolTip.showText(event.globalPos(), self.bars[index].tooltip(), self)
                return True
        return super().event(event)
