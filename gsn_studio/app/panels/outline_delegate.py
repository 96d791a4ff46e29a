"""Draws an outline row: indented to its depth behind its fold arrow (the model is flat, see
outline_model), with its status badge ("UNDEVELOPED", "EXPIRED") at the right end, the
text cut short to make room: a status is read from a word, not from colour alone.

However deep the row, the id and the start of the statement keep MIN_TEXT_CHARS of room:
the badge then sits past the panel's edge (the panel scrolls sideways) rather than cut the
text to a few letters."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOption,
    QStyleOptionViewItem,
    QTreeView,
)

from gsn_studio.app.panels.outline_model import BRANCH_ROLE, DEPTH_ROLE, LEAF, OPEN, STATUS_ROLE
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


def indentation(option: QStyleOptionViewItem) -> int:
    """One level's step: the tree view's own setting."""
    widget = option.widget
    return widget.indentation() if isinstance(widget, QTreeView) else 0


def arrow_rect(row_rect: QRect, depth: int, step: int) -> QRect:
    """Where a row's fold arrow sits: one step per level in, every level (the top one too)
    keeping a step for its arrow."""
    return QRect(row_rect.left() + depth * step, row_rect.top(), step, row_rect.height())


class BadgeDelegate(QStyledItemDelegate):
    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        depth = index.data(DEPTH_ROLE) or 0
        option.rect = option.rect.adjusted((depth + 1) * indentation(option), 0, 0, 0)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        branch = index.data(BRANCH_ROLE)
        step, depth = indentation(option), index.data(DEPTH_ROLE) or 0
        if option.state & QStyle.StateFlag.State_Selected:  # the whole row, as a tree view's
            left = option.rect.adjusted(0, 0, (depth + 1) * step - option.rect.width(), 0)
            painter.fillRect(left, option.palette.highlight())
        if branch is not None and branch != LEAF:
            arrow = QStyleOption()
            if option.widget is not None:
                arrow.initFrom(option.widget)
            arrow.rect = arrow_rect(option.rect, depth, step)
            arrow.state = QStyle.StateFlag.State_Children | QStyle.StateFlag.State_Item
            if branch == OPEN:
                arrow.state |= QStyle.StateFlag.State_Open
            style = option.widget.style() if option.widget else QApplication.style()
            style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorBranch, arrow, painter)
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
