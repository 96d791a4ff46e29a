"""The case's review comments as table rows, filtered by status, kind, author and text, in
the order they were made."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from gsn_studio.app.panels.rows_model import ModelIndex, RowsModel
from gsn_studio.app.panels.texts import first_line
from gsn_studio.app.plain_text import tip
from gsn_studio.io.times import time_text
from gsn_studio.model import Case, Comment, CommentStatus
from gsn_studio.model.comment_edits import CommentFilter, target_exists

COLUMNS = ("On", "Kind", "Status", "Author", "Time", "Comment", "Replies")
ON, KIND, STATUS, AUTHOR, TIME, TEXT, REPLIES = range(len(COLUMNS))
GONE = " (node deleted)"
_STATUS_COLOURS = {
    CommentStatus.OPEN: "#b86e00",
    CommentStatus.ANSWERED: "#1565c0",
    CommentStatus.RESOLVED: "#2e7d32",
    CommentStatus.REJECTED: "#616161",
}


def local_time(moment: dt.datetime) -> str:
    """A comment's time in the user's zone, to the minute (the tooltip gives it in UTC)."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def target_label(case: Case, comment: Comment) -> str:
    label = comment.node if comment.via is None else f"{comment.via} → {comment.node}"
    return label if target_exists(case, comment) else label + GONE


class ReviewModel(RowsModel[Comment]):
    columns = COLUMNS

    def __init__(self) -> None:
        super().__init__()
        self.case = Case()
        self.filter = CommentFilter()

    @property
    def comments(self) -> list[Comment]:
        return self.case.comments

    def set_case(self, case: Case) -> None:
        """Show the case's comments afresh (after any change to them, or to the nodes)."""
        self.case = case
        self._refilter()

    def set_filter(self, chosen: CommentFilter) -> None:
        self.filter = chosen
        self._refilter()

    def comment_at(self, index: ModelIndex) -> Comment | None:
        return self.row_at(index)

    def row_of(self, comment_id: str) -> int | None:
        for row, comment in enumerate(self.shown):
            if comment.id == comment_id:
                return row
        return None

    def authors(self) -> list[str]:
        return sorted({c.author for c in self.comments if c.author}, key=str.casefold)

    def _refilter(self) -> None:
        self.beginResetModel()
        self.shown = self.filter.select(self.comments)
        self.endResetModel()

    # -- the table model -----------------------------------------------------------------

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        comment = self.comment_at(index)
        if comment is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(comment, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TIME:
                return time_text(comment.time)
            if column == ON and not target_exists(self.case, comment):
                return "What this comment is on has been deleted since"
            return tip(comment.text)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == STATUS:
                return QBrush(QColor(_STATUS_COLOURS[comment.status]))
            if column == ON and not target_exists(self.case, comment):
                return QBrush(QColor("#757575"))
        if role == Qt.ItemDataRole.FontRole and column == STATUS:
            bold = QFont()
            bold.setBold(comment.status is CommentStatus.OPEN)
            return bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column == REPLIES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return comment.id
        return None

    def _text(self, comment: Comment, column: int) -> str:
        if column == ON:
            return target_label(self.case, comment)
        if column == KIND:
            return comment.kind.value
        if column == STATUS:
            return comment.status.value
        if column == AUTHOR:
            return comment.author
        if column == TIME:
            return local_time(comment.time)
        if column == TEXT:
            return first_line(comment.text)
        return str(len(comment.replies)) if comment.replies else ""
