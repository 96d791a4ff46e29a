"""Draws an outline row with its status badge ("UNDEVELOPED", "EXPIRED") at the right end, the
text cut short to make room: a status is read from a word, not from colour alone."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from gsn_studio.app.panels.outline_model import STATUS_ROLE
from gsn_studio.app.panels.swatches import badge_size, paint_badge
from gsn_studio.notation.palette import STATUS_MARKS, Status

GAP = 4
BADGE_TEXT = 0.72
"""Badge text size relative to the row's text."""


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
        pill = badge_size(item.font, mark.badge, size)
        text_room = item.rect.width() - item.decorationSize.width() - pill.width() - 4 * GAP
        item.text = item.fontMetrics.elidedText(item.text, Qt.TextElideMode.ElideRight, text_room)
        style = item.widget.style() if item.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        top = item.rect.top() + (item.rect.height() - pill.height()) / 2
        painter.save()
        painter.setFont(item.font)
        paint_badge(painter, mark.badge, mark.stroke, QPointF(item.rect.right() - GAP, top), size)
        painter.restore()
