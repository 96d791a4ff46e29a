"""A Qt item model over an `OutlineTree`: rows hold only ids, text is read when painted.

So an edit to a statement or a new finding needs a repaint, not a rebuild. The rows' shape
lives in Qt's own `QStandardItemModel` (one bare item per row, holding its serial): after
every insertion or removal QTreeView lays out all open rows again, asking the model for each
row's index, parent and children, and at 10,000 open rows answering that from Python cost
hundreds of milliseconds per edit; from C++ it costs a few. Only `data`, asked for the rows
being painted, is Python.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from gsn_studio.app.document import Document
from gsn_studio.app.panels.outline_patch import NEW_GROUP
from gsn_studio.app.panels.outline_tree import (
    UNCONNECTED,
    Key,
    OutlineTree,
    Row,
    Shape,
    build_tree,
)
from gsn_studio.app.panels.swatches import type_icon
from gsn_studio.app.panels.texts import first_line, type_name
from gsn_studio.app.plain_text import tip
from gsn_studio.notation.palette import STATUS_MARKS, Status

NODE_ID_ROLE = Qt.ItemDataRole.UserRole
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's `Status`, which the delegate draws as a badge word."""
_UNKNOWN = object()
ModelIndex = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled
_NODE_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_FLAGS_ROLE = Qt.ItemDataRole.UserRole - 1
"""Where a QStandardItem keeps its flags (`QStandardItem::setFlags` writes this role): set
through the model, so that no item is fetched into Python."""


class OutlineModel(QStandardItemModel):
    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.tree = OutlineTree()
        # Qt makes every item, as a copy of this prototype: an item made in Python keeps
        # its wrapper alive after Qt deletes it (a removed row, a cleared model), for ever.
        self._parents: dict[int, Row | None] = {}
        """The row whose item a Qt index names as its parent (None: the top level), by that
        item's address, which is what a QStandardItemModel index holds. An item freed and
        its address reused is registered again as soon as rows go under it."""
        prototype = QStandardItem()
        prototype.setFlags(_NODE_FLAGS)
        self.setItemPrototype(prototype)
        base = QFont()
        self._italic = QFont(base)
        self._italic.setItalic(True)
        self._bold = QFont(base)
        self._bold.setBold(True)

    def rebuild(self) -> None:
        tree = build_tree(self.document.case)
        self.clear()  # the old tree stays until then: the views read it as they let go
        self.setColumnCount(1)
        self.tree = tree
        self._parents = {}
        self._make_rows(QModelIndex(), 0, tree.top)

    def _make_rows(self, parent: QModelIndex, position: int, rows: list[Row]) -> None:
        """Put rows, and every row under them, in the model: Qt makes the items (from the
        prototype) one parent's children at a time."""
        pending = [(parent, position, rows)]
        while pending:
            owner, first, children = pending.pop()
            if self.columnCount(owner) == 0:
                self.insertColumns(0, 1, owner)
            self.insertRows(first, len(children), owner)
            # Qt's index of a row names the item of its parent row: know that item's row.
            self._parents[self.index(first, 0, owner).internalId()] = self.row_at(owner)
            for number, row in enumerate(children, first):
                if row.node_id is None:
                    self.setData(self.index(number, 0, owner), _GROUP_FLAGS.value, _FLAGS_ROLE)
                if row.children:
                    pending.append((self.index(number, 0, owner), 0, row.children))

    def remove_rows(self, rows: list[Row]) -> None:
        """Take out rows with everything under them; a "Not connected" group left empty goes
        too. Removed rows keep their serials until the next rebuild, so every other row keeps
        its id."""
        owners = {self.tree.parent_of(row) for row in rows}
        doomed = {row.serial for row in rows}
        gone: set[int] = set()
        for row in rows:
            if row.serial in gone:
                continue
            parent = self.tree.parent_of(row)
            emptied = (
                parent is not None
                and parent.node_id is None
                and all(child.serial in doomed for child in parent.children)
            )
            # A group left empty goes, in one removal with its rows.
            gone.update(self._detach(parent if emptied and parent else row))
        for owner in owners:
            if owner is not None and owner.node_id is None and owner.serial not in gone:
                group = self.index_of(owner)
                self.dataChanged.emit(group, group)  # its count

    def insert_tree(self, parent: Row | None, position: int, shape: Shape) -> list[Row]:
        """Put rows shaped as `shape` (as `shape_of` gives) at a position under a parent row
        (None: the top level; NEW_GROUP: a new "Not connected" group). Returns the new rows,
        the first first."""
        if parent is None and position == NEW_GROUP:
            parent = self._add_row(None, len(self.tree.top), None, False)
            self._make_rows(QModelIndex(), parent.number, [parent])
            position = 0
        first = self._add_row(parent, position, shape[0], shape[1])
        made = [first]
        pending = [(first, child) for child in reversed(shape[2])]
        while pending:  # depth first, in order: each row is made before its children
            owner, (node_id, context, children) = pending.pop()
            row = self._add_row(owner, len(owner.children), node_id, context)
            made.append(row)
            pending.extend((row, child) for child in reversed(children))
        self._make_rows(self.index_of(parent) if parent else QModelIndex(), position, [first])
        if parent is not None and parent.node_id is None:  # the group's count
            index = self.index_of(parent)
            self.dataChanged.emit(index, index)
        return made

    def _add_row(
        self, parent: Row | None, position: int, node_id: str | None, context: bool
    ) -> Row:
        """A new row in the tree (the caller puts it in the model)."""
        siblings = parent.children if parent else self.tree.top
        key: Key = (parent.key if parent else (), node_id or UNCONNECTED)
        serial = len(self.tree.rows)
        row = Row(node_id, parent.serial if parent else -1, position, serial, key, context, "", [])
        siblings.insert(position, row)
        for number in range(position + 1, len(siblings)):
            siblings[number].number = number
        self.tree.rows.append(row)
        if node_id is not None:
            self.tree.by_id.setdefault(node_id, []).append(row)
        return row

    def _detach(self, row: Row) -> set[int]:
        """Take a row and its descendants out of the tree and the model; their serials."""
        parent = self.tree.parent_of(row)
        siblings = parent.children if parent else self.tree.top
        self.removeRows(row.number, 1, self.index_of(parent) if parent else QModelIndex())
        del siblings[row.number]
        for number in range(row.number, len(siblings)):
            siblings[number].number = number
        serials: set[int] = set()
        pending = [row]
        while pending:
            gone = pending.pop()
            serials.add(gone.serial)
            pending.extend(gone.children)
            if gone.node_id is not None:
                remaining = [r for r in self.tree.by_id.get(gone.node_id, []) if r is not gone]
                if remaining:
                    self.tree.by_id[gone.node_id] = remaining
                else:
                    self.tree.by_id.pop(gone.node_id, None)
        return serials

    def row_at(self, index: ModelIndex) -> Row | None:
        if not index.isValid():
            return None
        parent = self._parents.get(index.internalId(), _UNKNOWN)
        if parent is _UNKNOWN:
            return None
        siblings = parent.children if isinstance(parent, Row) else self.tree.top
        number = index.row()
        return siblings[number] if number < len(siblings) else None

    def index_of(self, row: Row) -> QModelIndex:
        numbers = [row.number]
        while row.parent >= 0:
            row = self.tree.rows[row.parent]
            numbers.append(row.number)
        index = QModelIndex()
        for number in reversed(numbers):
            index = self.index(number, 0, index)
        return index

    # -- the item model ------------------------------------------------------------------

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
