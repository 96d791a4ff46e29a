"""A Qt item model over an `OutlineTree`: rows hold only ids, text is read when painted.

So an edit to a statement or a new finding needs a repaint, not a rebuild, and a rebuild of
10,000 rows makes Python objects, not 20,000 Qt items.
"""

from __future__ import annotations

from typing import Any, overload

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from gsn_studio.app.document import Document
from gsn_studio.app.panels.outline_patch import NEW_GROUP, Slot
from gsn_studio.app.panels.outline_tree import UNCONNECTED, Key, OutlineTree, Row, build_tree
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

    def insert_leaf(self, node_id: str, slots: list[Slot]) -> list[Row]:
        """Put rows for a new childless node in the planned slots (see outline_patch)."""
        made: list[Row] = []
        for parent, position, context in slots:
            if parent is None and position == NEW_GROUP:
                group = self._insert(None, len(self.tree.top), None, False)
                made.append(self._insert(group, 0, node_id, context))
                continue
            made.append(self._insert(parent, position, node_id, context))
            if parent is not None and parent.node_id is None:  # the group's count
                index = self.index_of(parent)
                self.dataChanged.emit(index, index)
        return made

    def remove_rows(self, rows: list[Row]) -> None:
        """Take out rows without children; a "Not connected" group left empty goes too.

        As one layout change, not `beginRemoveRows`: for that, Qt walks every persistent
        index (one per open row) up to the top through `parent()`, which in a deep tree of
        10,000 rows is close to a million Python calls. Only the persistent indexes of the
        rows that move up among their siblings, or go, are told: every other row keeps its
        place. Removed rows keep their serials until the next rebuild, so every other row
        keeps its id."""
        owners = {self.tree.parent_of(row) for row in rows}
        self.layoutAboutToBeChanged.emit()
        gone: set[int] = set()
        was: dict[int, int] = {}
        """The place among its siblings, before, of each row whose place changes."""
        for row in rows:
            parent = self.tree.parent_of(row)
            self._detach(row, was)
            gone.add(row.serial)
            if parent is not None and parent.node_id is None and not parent.children:
                self._detach(parent, was)
                gone.add(parent.serial)
        for serial, number in was.items():
            before = self.createIndex(number, 0, serial)
            if serial in gone:
                self.changePersistentIndex(before, QModelIndex())
            elif self.tree.rows[serial].number != number:
                self.changePersistentIndex(before, self.index_of(self.tree.rows[serial]))
        self.layoutChanged.emit()
        for owner in owners:
            if owner is not None and owner.node_id is None and owner.serial not in gone:
                group = self.index_of(owner)
                self.dataChanged.emit(group, group)  # its count

    def _insert(self, parent: Row | None, position: int, node_id: str | None, context: bool) -> Row:
        siblings = parent.children if parent else self.tree.top
        key: Key = (parent.key if parent else (), node_id or UNCONNECTED)
        serial = len(self.tree.rows)
        row = Row(node_id, parent.serial if parent else -1, position, serial, key, context, "", [])
        self.beginInsertRows(self.index_of(parent) if parent else QModelIndex(), position, position)
        siblings.insert(position, row)
        for number in range(position + 1, len(siblings)):
            siblings[number].number = number
        self.tree.rows.append(row)
        if node_id is not None:
            self.tree.by_id.setdefault(node_id, []).append(row)
        self.endInsertRows()
        return row

    def _detach(self, row: Row, was: dict[int, int]) -> None:
        parent = self.tree.parent_of(row)
        siblings = parent.children if parent else self.tree.top
        for sibling in siblings[row.number :]:
            was.setdefault(sibling.serial, sibling.number)
        del siblings[row.number]
        for number in range(row.number, len(siblings)):
            siblings[number].number = number
        if row.node_id is not None:
            remaining = [r for r in self.tree.by_id.get(row.node_id, []) if r is not row]
            if remaining:
                self.tree.by_id[row.node_id] = remaining
            else:
                self.tree.by_id.pop(row.node_id, None)

    def row_at(self, index: ModelIndex) -> Row | None:
        return self.tree.rows[index.internalId()] if index.isValid() else None

    def index_of(self, row: Row) -> QModelIndex:
        return self.createIndex(row.number, 0, row.serial)

    # -- the item model ------------------------------------------------------------------

    # The view calls these three for every open row whenever it lays the tree out (after
    # any insertion or removal): they read the tree directly, without `row_at`.

    def index(self, row: int, column: int, parent: ModelIndex = _NO_INDEX) -> QModelIndex:
        tree = self.tree
        siblings = tree.rows[parent.internalId()].children if parent.isValid() else tree.top
        if column == 0 and 0 <= row < len(siblings):
            return self.createIndex(row, 0, siblings[row].serial)
        return QModelIndex()

    @overload
    def parent(self) -> QObject | None: ...
    @overload
    def parent(self, index: ModelIndex) -> QModelIndex: ...
    def parent(self, index: ModelIndex | None = None) -> QObject | QModelIndex | None:
        if index is None:  # QObject's parent(), which Qt's item models overload
            return super().parent()
        if not index.isValid():
            return QModelIndex()
        serial = self.tree.rows[index.internalId()].parent
        if serial < 0:
            return QModelIndex()
        return self.createIndex(self.tree.rows[serial].number, 0, serial)

    def rowCount(self, parent: ModelIndex = _NO_INDEX) -> int:
        # No check of the column: `index` makes none but column 0, so no valid index of
        # another column reaches here (one call fewer per open row at every layout).
        if not parent.isValid():
            return len(self.tree.top)
        return len(self.tree.rows[parent.internalId()].children)

    def columnCount(self, parent: ModelIndex = _NO_INDEX) -> int:
        return 1

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _GROUP_FLAGS if self.tree.rows[index.internalId()].node_id is None else _NODE_FLAGS

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
