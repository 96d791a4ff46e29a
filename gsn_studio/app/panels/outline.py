"""The outline panel: the argument as a tree, in step with the shared selection.

The model is flat (see outline_model), so folding is the panel's: a click on a row's arrow,
or Left and Right, fold and open rows as a tree view's would."""

from __future__ import annotations

import time

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QVBoxLayout, QWidget

from gsn_studio.app.document import Document
from gsn_studio.app.panels.outline_delegate import (
    GAP,
    BadgeDelegate,
    arrow_rect,
    min_text_width,
    widest_badge,
)
from gsn_studio.app.panels.outline_model import OutlineModel
from gsn_studio.app.panels.outline_patch import (
    links_at,
    plan_children,
    plan_insert,
    plan_orphans,
    plan_removal,
    size_of,
    top_slot,
)
from gsn_studio.app.panels.outline_tree import Key, Row, default_row_limit
from gsn_studio.app.selection import Selection
from gsn_studio.model.changes import Effects

REBUILD_DELAY_MS = 150
"""Edits that change the tree's shape rebuild it this long after the last one."""
MAX_INDENT = 14
MIN_INDENT = 6
_PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)
_KEY_PRESS = QEvent.Type.KeyPress
"""Indentation per level: less in deep trees, never so little that levels blur."""


class OutlinePanel(QWidget):
    activated = Signal(str)
    """A node was double-clicked or Enter was pressed on it: show it on the canvas."""

    def __init__(
        self, document: Document, selection: Selection, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.selection = selection
        self.model = OutlineModel(document)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setRootIsDecorated(False)  # the delegate draws each row's arrow
        self.view.setItemsExpandable(False)
        # Never typed into: a row Qt holds no item for would count as editable.
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformRowHeights(True)
        self.view.setExpandsOnDoubleClick(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setIndentation(MAX_INDENT)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.view.viewport().installEventFilter(self)
        self.view.installEventFilter(self)  # Left and Right fold and open
        self._depth = 0
        """How deep the deepest row is (0: top level only)."""
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._delegate = BadgeDelegate(self.view)
        self.view.setItemDelegate(self._delegate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

        self._renames: list[tuple[str, str]] = []
        """Renames since the last build, to find the selected rows under their new ids."""
        self._syncing = False
        self.last_rebuild_ms = 0.0
        self.rebuilds = 0
        self.patches = 0
        """How often the tree was built whole, and patched in place (for tests and benchmarks)."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REBUILD_DELAY_MS)
        self._timer.timeout.connect(self.rebuild)

        self.view.selectionModel().selectionChanged.connect(self._on_view_selection)
        self.view.activated.connect(self._on_activated)
        document.reset.connect(self._on_reset)
        document.changed.connect(self._on_changed)
        document.findings_changed.connect(self.view.viewport().update)
        selection.changed.connect(self._on_selection_changed)
        self.rebuild()

    # -- building ------------------------------------------------------------------------

    def rebuild(self) -> None:
        """Build the tree again, keeping folded rows folded and selected rows selected."""
        started = time.perf_counter()
        self.rebuilds += 1
        self._timer.stop()
        selected = [self.model.row_at(i) for i in self.view.selectionModel().selectedRows()]
        selected_keys = {_renamed(row.key, self._renames) for row in selected if row is not None}
        self._renames = []
        self._syncing = True
        try:
            self.model.rebuild()
            rows = [r for r in self.model.tree.rows if r.key in selected_keys]
            if not rows:
                rows = self._rows_for(self.selection.ids)
            self._select_rows(rows, scroll=False)
        finally:
            self._syncing = False
        self._depth = max(map(self.model.depth, self.model.tree.rows), default=0)
        self._fit_rows()
        self.last_rebuild_ms = (time.perf_counter() - started) * 1000

    def _fit_rows(self) -> None:
        """Indent less as the tree gets deeper, and make the rows at least as wide as the id,
        the start of the statement and a badge need at the deepest level (the panel then
        scrolls sideways), so that no row is cut to a few letters."""
        metrics = self.view.fontMetrics()
        after_indent = (
            self.view.iconSize().width()
            + 4 * GAP
            + min_text_width(metrics)
            + int(widest_badge(self.view.font(), metrics))
        )
        width = self.view.viewport().width()
        levels = self._depth + 1  # the top level is indented too, for its fold arrow
        spare = (width - after_indent) // levels
        indent = min(MAX_INDENT, max(MIN_INDENT, spare))
        if indent != self.view.indentation():
            self.view.setIndentation(indent)
        self.view.header().resizeSection(0, max(width, levels * indent + after_indent))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.view.viewport() and kind == QEvent.Type.Resize:
            self._fit_rows()
        elif watched is self.view.viewport() and isinstance(event, QMouseEvent):
            if kind in _PRESSES and event.button() == Qt.MouseButton.LeftButton:
                return self._on_arrow_press(event.position().toPoint())
        elif watched is self.view and isinstance(event, QKeyEvent) and kind == _KEY_PRESS:
            plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
            return plain and self._on_key(event.key())
        return super().eventFilter(watched, event)

    def _on_reset(self) -> None:
        self.model.collapsed.clear()
        self.rebuild()

    # -- folding -------------------------------------------------------------------------

    def is_folded(self, node_id: str, number: int = 0) -> bool:
        """Whether the row of a node (its `number`th, when it is listed more than once) is
        folded."""
        return self.model.is_folded(self.model.tree.by_id[node_id][number])

    def set_folded(self, row: Row, folded: bool) -> None:
        """Fold a row or open it, keeping the selected rows selected."""
        selected = [self.model.row_at(i) for i in self.view.selectionModel().selectedRows()]
        current = self.model.row_at(self.view.currentIndex())
        self._syncing = True
        try:
            if not self.model.set_folded(row, folded):
                return
            rows = [r for r in selected if r is not None and self.model.position(r) is not None]
            if current is not None and self.model.position(current) is None:
                current = row  # the current row went under the fold: the fold takes its place
            if current is not None and current not in rows:
                rows.insert(0, current)
            self._select_rows(rows, scroll=False, keep=True)
        finally:
            self._syncing = False

    def _on_arrow_press(self, at: QPoint) -> bool:
        """A press on a row's arrow folds or opens it, and selects nothing."""
        index = self.view.indexAt(at)
        row = self.model.row_at(index)
        if row is None or not row.children:
            return False
        step = self.view.indentation()
        if not arrow_rect(self.view.visualRect(index), self.model.depth(row), step).contains(at):
            return False
        self.set_folded(row, not self.model.is_folded(row))
        return True

    def _on_key(self, key: int) -> bool:
        """Left folds an open row, else goes to its parent; Right opens a folded row, else
        goes to its first child: as in any tree."""
        if key not in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            return False
        row = self.model.row_at(self.view.currentIndex())
        if row is None:
            return False
        folded = self.model.is_folded(row)
        if key == Qt.Key.Key_Left:
            if row.children and not folded:
                self.set_folded(row, True)
                return True
            target = self.model.tree.parent_of(row)
        else:
            if folded:
                self.set_folded(row, False)
                return True
            target = row.children[0] if row.children else None
        if target is not None:
            index = self.model.index_of(target)
            self.view.setCurrentIndex(index)  # selects, as moving with the arrow keys does
            self.view.scrollTo(index)
        return True

    def _on_changed(self, effects: Effects) -> None:
        if effects.renamed:
            self.model.collapsed = {_renamed(k, effects.renamed) for k in self.model.collapsed}
            self._renames += effects.renamed
        if effects.added or effects.removed or effects.renamed or effects.links:
            if self._timer.isActive() or not self._patch(effects):
                self._timer.start()
        elif effects.changed:
            self.view.viewport().update()  # rows read their text when painted

    def _patch(self, effects: Effects) -> bool:
        """Add or take out the rows of one node and the rows under them, as adding a node,
        deleting one and undoing either do; False (nothing touched) when only a rebuild is
        sure to be right."""
        if effects.renamed or len(effects.added) + len(effects.removed) != 1:
            return False
        self._syncing = True
        try:
            if effects.added:
                done = self._patch_added(effects.added[0])
            else:
                done = self._patch_removed(effects.removed[0])
        finally:
            self._syncing = False
        if not done:
            return False
        self.patches += 1
        # Laid out now (1.5 ms at 12,000 rows), the rows are painted once with the edit: left
        # to the view's zero timer, the layout runs after the window's repaint and paints the
        # outline again.
        self.view.doItemsLayout()
        if effects.changed:
            self.view.viewport().update()
        return True

    def _patch_added(self, node_id: str) -> bool:
        tree, case = self.model.tree, self.document.case
        at = links_at(case, node_id)  # once: each pass over 12,000 links costs 1 to 2 ms
        planned = plan_children(tree, case, node_id, at)
        if planned is None:
            return False
        under, stale = planned
        places = 1 + len(at.into)
        grown = places * (1 + sum(size_of(shape) for shape in under))
        if len(tree.rows) + grown >= default_row_limit(len(case.nodes)):
            return False
        if stale:
            self.model.remove_rows(stale)
        slots = plan_insert(tree, case, node_id, at)  # once the stale rows are out of the way
        if slots is None:
            self.rebuild()  # the tree is half changed: only a build puts it right
            return True
        for parent, position, context in slots:
            self._show(self.model.insert_tree(parent, position, (node_id, context, under)))
        return True

    def _patch_removed(self, node_id: str) -> bool:
        tree, case = self.model.tree, self.document.case
        rows = plan_removal(tree, case, node_id)
        orphans = plan_orphans(tree, case, rows) if rows else None
        if rows is None or orphans is None:
            return False
        self.model.remove_rows(rows)
        for shape in orphans:
            slot = top_slot(tree, case, shape)
            if slot is None:
                self.rebuild()
                return True
            self._show(self.model.insert_tree(slot[0], slot[1], shape))
        return True

    def _show(self, rows: list[Row]) -> None:
        """New rows (the model opens them as a rebuild would): a deeper tree indents less."""
        depth = max(map(self.model.depth, rows))
        if depth > self._depth:
            self._depth = depth
            self._fit_rows()

    # -- selection -----------------------------------------------------------------------

    def _rows_for(self, ids: list[str]) -> list[Row]:
        return [row for node_id in ids for row in self.model.tree.by_id.get(node_id, ())]

    def _select_rows(self, rows: list[Row], scroll: bool, keep: bool = False) -> None:
        """Select these rows; scrolling to the first opens the rows that hide it, as a tree
        view's `scrollTo` does. Rows still hidden are not selected."""
        if scroll and rows and self.model.position(rows[0]) is None:
            self._open_above(rows[0])
        chosen = QItemSelection()
        for row in rows:
            index = self.model.index_of(row)
            if index.isValid():
                chosen.select(index, index)
        model = self.view.selectionModel()
        model.select(chosen, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if rows and (keep or self.model.position(rows[0]) is not None):
            first = self.model.index_of(rows[0])
            model.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            if scroll:
                self.view.scrollTo(first)
                self._scroll_to_text(rows[0])

    def _scroll_to_text(self, row: Row) -> None:
        """Scroll sideways so that a deep row's text shows, not just its indentation (the
        view, knowing no depths, never does so itself)."""
        step = self.view.indentation()
        start = (self.model.depth(row) + 1) * step
        bar = self.view.horizontalScrollBar()
        room = self.view.viewport().width() - min_text_width(self.view.fontMetrics())
        if not bar.value() <= start <= bar.value() + max(room, 0):
            bar.setValue(max(0, start - 2 * step))

    def _open_above(self, row: Row) -> None:
        """Open every folded row above this one."""
        above = []
        parent = self.model.tree.parent_of(row)
        while parent is not None:
            above.append(parent)
            parent = self.model.tree.parent_of(parent)
        for parent in reversed(above):
            self.model.set_folded(parent, False)

    def _on_selection_changed(self, source: object) -> None:
        if source is self:
            return
        self._syncing = True
        try:
            self._select_rows(self._rows_for(self.selection.ids), scroll=True)
        finally:
            self._syncing = False

    def _on_view_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._syncing:
            return
        rows = [self.model.row_at(i) for i in self.view.selectionModel().selectedRows()]
        rows.sort(key=lambda row: row.serial if row else 0)
        ids = [row.node_id for row in rows if row is not None and row.node_id is not None]
        self.selection.set(ids, source=self)

    def _on_activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index)
        if row is not None and row.node_id is not None:
            self.activated.emit(row.node_id)


def _renamed(key: Key, renames: list[tuple[str, str]]) -> Key:
    if not key:
        return key
    parent, node_id = key
    for old, new in renames:
        if node_id == old:
            node_id = new
    assert isinstance(parent, tuple)
    return (_renamed(parent, renames), node_id)
