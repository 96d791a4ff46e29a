"""A Qt item model over an `OutlineTree`: rows hold only ids, text is read when painted.

So an edit to a statement or a new finding needs a repaint, not a rebuild. The model is
flat: one bare `QStandardItem` per shown row, in the order they are listed, with the depth
and the fold arrow given as data and drawn by the delegate. A tree in Qt's model made every
removal walk each open row's persistent index (QTreeView keeps one per open row) up to the
top, about 40 ms at 10,000 rows; a flat model's removal touches the rows after it only, and
folding a row is taking out or putting back the rows under it, which follow it in one run.
Only `data`, asked for the rows being painted, is Python.
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
DEPTH_ROLE = Qt.ItemDataRole.UserRole + 2
"""How deep the row sits (0: top level): the delegate indents it this many steps."""
BRANCH_ROLE = Qt.ItemDataRole.UserRole + 3
"""LEAF, OPEN or FOLDED: the fold arrow the delegate draws."""
LEAF, OPEN, FOLDED = 0, 1, 2
MAX_MOVES = 64
"""After this many insertions and removals every shown row is numbered afresh."""
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
        self.collapsed: set[Key] = set()
        """Rows the user folded; every other row is open, across rebuilds."""
        self.shown: list[Row] = []
        """The rows in the model, top to bottom: every row whose ancestors are all open."""
        self._depths: list[int] = []
        """Each row's depth, by serial."""
        self._positions: dict[int, tuple[int, int]] = {}
        """Each shown row's position when noted, by serial, with how many of `_moves` it
        already follows: an edit moves the rows after it, and numbering 10,000 rows again
        after each would cost a few milliseconds."""
        self._moves: list[tuple[int, int]] = []
        """Rows put in (a positive count) or taken out (negative) at a position, in order."""
        # Qt makes every item, as a copy of this prototype: an item made in Python keeps
        # its wrapper alive after Qt deletes it (a removed row, a cleared model), for ever.
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
        depths = self._depths = []
        for row in tree.rows:  # a parent comes before its children
            depths.append(depths[row.parent] + 1 if row.parent >= 0 else 0)
        self.collapsed &= {row.key for row in tree.rows if row.children}
        self.shown = []
        self._show_rows(0, self._open_rows(tree.top))
        self._note_positions()

    # -- which rows are shown ------------------------------------------------------------

    def depth(self, row: Row) -> int:
        return self._depths[row.serial]

    def is_folded(self, row: Row) -> bool:
        return bool(row.children) and row.key in self.collapsed

    def position(self, row: Row) -> int | None:
        """The row's place in the model, or None while a folded row hides it."""
        noted = self._positions.get(row.serial)
        if noted is None:
            return None
        position, followed = noted
        for at, count in self._moves[followed:]:
            if position < at:
                continue
            if count < 0 and position < at - count:
                return None  # taken out
            position += count
        return position

    def _note_positions(self) -> None:
        """Number every shown row afresh."""
        self._positions = {row.serial: (number, 0) for number, row in enumerate(self.shown)}
        self._moves = []

    def _open_rows(self, rows: list[Row]) -> list[Row]:
        """These rows and, under each, those its open rows show, top to bottom."""
        found: list[Row] = []
        pending = list(reversed(rows))
        collapsed = self.collapsed
        while pending:  # without recursion: a long chain must not hit Python's stack limit
            row = pending.pop()
            found.append(row)
            if row.children and row.key not in collapsed:
                pending.extend(reversed(row.children))
        return found

    def _shown_under(self, position: int) -> int:
        """How many shown rows follow the row at `position` and sit under it."""
        depths, shown = self._depths, self.shown
        depth = depths[shown[position].serial]
        end = position + 1
        while end < len(shown) and depths[shown[end].serial] > depth:
            end += 1
        return end - position - 1

    def _show_rows(self, position: int, rows: list[Row]) -> None:
        if not rows:
            return
        self.insertRows(position, len(rows))
        self.shown[position:position] = rows
        self._moved(position, len(rows))
        followed = len(self._moves)
        for number, row in enumerate(rows, position):
            self._positions[row.serial] = (number, followed)
        for number, row in enumerate(rows, position):
            if row.node_id is None:
                self.setData(self.index(number, 0), _GROUP_FLAGS.value, _FLAGS_ROLE)

    def _hide_rows(self, position: int, count: int) -> None:
        if count:
            self.removeRows(position, count)
            del self.shown[position : position + count]
            self._moved(position, -count)

    def _moved(self, position: int, count: int) -> None:
        if len(self._moves) >= MAX_MOVES:
            self._note_positions()
        else:
            self._moves.append((position, count))

    def set_folded(self, row: Row, folded: bool) -> bool:
        """Fold a row (its rows go from the model) or open it; False if nothing changed."""
        if not row.children or folded == (row.key in self.collapsed):
            return False
        position = self.position(row)
        if folded:
            if position is not None:
                self._hide_rows(position + 1, self._shown_under(position))
            self.collapsed.add(row.key)
        else:
            self.collapsed.discard(row.key)
            if position is not None:
                self._show_rows(position + 1, self._open_rows(row.children))
        self._changed(row)
        return True

    def _changed(self, row: Row | None) -> None:
        """Its arrow or its count is drawn again."""
        position = self.position(row) if row is not None else None
        if position is not None:
            index = self.index(position, 0)
            self.dataChanged.emit(index, index)

    # -- patching ------------------------------------------------------------------------

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
            if owner is not None and owner.serial not in gone:
                self._changed(owner)  # a group's count, a parent's arrow

    def insert_tree(self, parent: Row | None, position: int, shape: Shape) -> list[Row]:
        """Put rows shaped as `shape` (as `shape_of` gives) at a position under a parent row
        (None: the top level; NEW_GROUP: a new "Not connected" group). Returns the new rows,
        the first first."""
        if parent is None and position == NEW_GROUP:
            parent = self._add_row(None, len(self.tree.top), None, False)
            self._show_rows(len(self.shown), [parent])
            position = 0
        at = self._insert_at(parent, position)
        first = self._add_row(parent, position, shape[0], shape[1])
        made = [first]
        pending = [(first, child) for child in reversed(shape[2])]
        while pending:  # depth first, in order: each row is made before its children
            owner, (node_id, context, children) = pending.pop()
            row = self._add_row(owner, len(owner.children), node_id, context)
            made.append(row)
            pending.extend((row, child) for child in reversed(children))
        if at is not None:
            self._show_rows(at, self._open_rows([first]))
        self._changed(parent)  # a group's count, a parent's arrow
        return made

    def _insert_at(self, parent: Row | None, position: int) -> int | None:
        """Where in the model a new row at `position` under `parent` goes (None: hidden)."""
        if parent is None:
            siblings = self.tree.top
            if position < len(siblings):
                return self.position(siblings[position])
            return len(self.shown)
        at = self.position(parent)
        if at is None or self.is_folded(parent):
            return None
        if position < len(parent.children):
            return self.position(parent.children[position])
        return at + 1 + self._shown_under(at)

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
        self._depths.append(self._depths[parent.serial] + 1 if parent else 0)
        if node_id is not None:
            self.tree.by_id.setdefault(node_id, []).append(row)
        return row

    def _detach(self, row: Row) -> set[int]:
        """Take a row and its descendants out of the tree and the model; their serials."""
        at = self.position(row)
        if at is not None:
            self._hide_rows(at, 1 + self._shown_under(at))
        parent = self.tree.parent_of(row)
        siblings = parent.children if parent else self.tree.top
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
        number = index.row()
        return self.shown[number] if number < len(self.shown) else None

    def index_of(self, row: Row) -> QModelIndex:
        """The row's index, or an invalid one while a folded row hides it."""
        position = self.position(row)
        return self.index(position, 0) if position is not None else QModelIndex()

    # -- the item model ------------------------------------------------------------------

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        if role == DEPTH_ROLE:
            return self._depths[row.serial]
        if role == BRANCH_ROLE:
            return LEAF if not row.children else FOLDED if row.key in self.collapsed else OPEN
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            where = f"level {self._depths[row.serial] + 1}"
            return f"{where}, folded" if self.is_folded(row) else where
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
