"""A Qt item model over an `OutlineTree`: rows hold only ids, text is read when painted.

So an edit to a statement or a new finding needs a repaint, not a rebuild, and a rebuild of
10,000 rows makes Python objects, not 20,000 Qt items.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from gsn_studio.app.document import Document
from gsn_studio.app.panels.outline_tree import UNCONNECTED, OutlineTree, Row, build_tree
from gsn_studio.app.panels.swatches import type_icon
from gsn_studio.app.panels.texts import first_line, type_name
from gsn_studio.app.plain_text import tip
from gsn_studio.notation.palette import STATUS_MARKS, Status

NODE_ID_ROLE = Qt.ItemDataRole.UserRole
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's `Status`, which the delegate draws as a badge word."""
ModelIndex = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole
_GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled
_NODE_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class OutlineModel(QAbstractItemModel):
    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.tree = OutlineTree()
        base = QFont()
        self._italic = QFont(base)
        self._italic.setItalic(True)
        self._bold = QFont(base)
        self._bold.setBold(True)

    def rebuild(self) -> None:
        self.beginResetModel()
        self.tree = build_tree(self.document.case)
        self.endResetModel()

    def row_at(self, index: ModelIndex) -> Row | None:
        return self.tree.rows[index.internalId()] if index.isValid() else None

    def index_of(self, row: Row) -> QModelIndex:
        return self.createIndex(row.number, 0, row.serial)

    # -- the item model ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: ModelIndex = _NO_INDEX) -> QModelIndex:
        owner = self.row_at(parent)
        siblings = owner.children if owner else self.tree.top
        if 0 <= row < len(siblings) and column == 0:
            return self.createIndex(row, column, siblings[row].serial)
        return QModelIndex()

    def parent(self, index: ModelIndex = _NO_INDEX) -> QModelIndex:  # type: ignore[override]
        row = self.row_at(index)
        if row is None or row.parent < 0:
            return QModelIndex()
        parent = self.tree.rows[row.parent]
        return self.createIndex(parent.number, 0, parent.serial)

    def rowCount(self, parent: ModelIndex = _NO_INDEX) -> int:
        if parent.column() > 0:
            return 0
        owner = self.row_at(parent)
        return len(owner.children if owner else self.tree.top)

    def columnCount(self, parent: ModelIndex = _NO_INDEX) -> int:
        return 1

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        row = self.row_at(index)
        if row is None:
            return Qt.ItemFlag.NoItemFlags
        return _GROUP_FLAGS if row.node_id is None else _NODE_FLAGS

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        if row.node_id is None:
            if role == _DISPLAY:
                return f"{UNCONNECTED} ({len(row.children)})"
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Nodes that no top-level goal leads to"
            return None
        if role == NODE_ID_ROLE:
            return row.node_id
        if role == _DISPLAY:
            return self._text(row)
        if role == STATUS_ROLE:
            return self.document.statuses.get(row.node_id, Status.NONE)
        if role == Qt.ItemDataRole.DecorationRole:
            node = self.document.case.get(row.node_id)
            return type_icon(node.type) if node else None
        if role == Qt.ItemDataRole.FontRole and row.context:
            return self._italic
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip(self._tooltip(row))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            status = self.document.statuses.get(row.node_id, Status.NONE)
            text = self._text(row)
            return f"{text}, {STATUS_MARKS[status].label}" if status else text
        return None

    # -- what a row says -----------------------------------------------------------------

    def _text(self, row: Row) -> str:
        node = self.document.case.get(row.node_id or "")
        statement = first_line(node.statement) if node else ""
        text = f"{row.node_id}  {statement or '(no statement)'}"
        return f"{text}  ({row.note})" if row.note else text

    def _tooltip(self, row: Row) -> str:
        node = self.document.case.get(row.node_id or "")
        if node is None:
            return row.node_id or ""
        lines = [f"{type_name(node.type)} {node.id}"]
        if node.statement:
            lines.append(node.statement)
        status = self.document.statuses.get(node.id, Status.NONE)
        if status is not Status.NONE:
            lines.append(STATUS_MARKS[status].label)
        parent = self.tree.parent_of(row)
        if row.context and parent is not None:
            lines.append(f"In context of {parent.node_id}")
        if row.note:
            lines.append(f"Not expanded here: {row.note}")
        return "\n".join(lines)
