"""Draws an outline row with its status badge ("UNDEVELOPED", "EXPIRED") at the right end, the
text cut short to make room: a status is read from a word, not from colour alone.

However deep the row, the id and the start of the statement keep MIN_TEXT_CHARS of room:
the badge then sits past the panel's edge (the panel scrolls sideways) rather than cut the
text to a few letters."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from gsn_studio.app.panels.outline_model import STATUS_ROLE
from gsn_studio.app.panels.swatches import badge_size, paint_badge
from gsn_studio.notation.palette import STATUS_MARKS, Status

GAP = 4
BADGE_TEXT = 0.72
"""Badge text size relative to the row's text."""
MIN_TEXT_CHARS = 20
"""Room kept for "G12  The start of…", in average characters."""


def min_text_width(metrics: QFontMetrics) -> int:
    return metrics.averageCharWidth() * MIN_TEXT_CHARS


def widest_badge(font: QFont, metrics: QFontMetrics) -> float:
    size = metrics.height() * BADGE_TEXT
    return max(badge_size(font, mark.badge, size).width() for mark in STATUS_MARKS.values())


class BadgeDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        status = index.data(STATUS_ROLE)
        if not status:
            super().paint(painter, option, index)
            return
        mark = STATUS_MARKS[Status(status)]
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        size = item.fontMetrics.height() * BADGE_TEXT
        item.text, badge_right = self.shown_text(item, mark.badge)
        style = item.widget.style() if item.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        pill = badge_size(item.font, mark.badge, size)
        top = item.rect.top() + (item.rect.height() - pill.height()) / 2
        painter.save()
        painter.setFont(item.font)
        paint_badge(painter, mark.badge, mark.stroke, QPointF(badge_right, top), size)
        painter.restore()

    def shown_text(self, item: QStyleOptionViewItem, badge: str) -> tuple[str, float]:
        """The row's text as drawn beside its badge, and where the badge's right edge goes:
        at the panel's visible edge, or further right when the text would have less than
        its minimum room there."""
        metrics = item.fontMetrics
        pill = badge_size(item.font, badge, metrics.height() * BADGE_TEXT).width()
        text_left = item.rect.left() + item.decorationSize.width() + 2 * GAP
        visible_right = item.rect.right() - GAP
        if item.widget is not None and hasattr(item.widget, "viewport"):
            visible_right = min(visible_right, item.widget.viewport().width() - GAP)
        right = max(visible_right, text_left + min_text_width(metrics) + pill + 2 * GAP)
        room = int(right - pill - 2 * GAP - text_left)
        return metrics.elidedText(item.text, Qt.TextElideMode.ElideRight, room), right
