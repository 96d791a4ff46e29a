"""The outline panel: the argument as a tree, in step with the shared selection."""

from __future__ import annotations

import time

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QVBoxLayout, QWidget

from gsn_studio.app.document import Document
from gsn_studio.app.panels.outline_delegate import (
    GAP,
    BadgeDelegate,
    min_text_width,
    widest_badge,
)
from gsn_studio.app.panels.outline_model import OutlineModel
from gsn_studio.app.panels.outline_patch import (
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
        self.view.setUniformRowHeights(True)
        self.view.setExpandsOnDoubleClick(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setIndentation(MAX_INDENT)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.view.viewport().installEventFilter(self)
        self._depth = 0
        """How deep the deepest row is (0: top level only)."""
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._delegate = BadgeDelegate(self.view)
        self.view.setItemDelegate(self._delegate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

        self._collapsed: set[Key] = set()
        """Rows the user folded; every other row is open, across rebuilds."""
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
        self.view.collapsed.connect(self._on_collapsed)
        self.view.expanded.connect(self._on_expanded)
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
            with QSignalBlocker(self.view):  # not 10,000 calls to _on_expanded
                self.view.expandAll()
            if self._collapsed:
                by_key = {row.key: row for row in self.model.tree.rows}
                for key in list(self._collapsed):
                    row = by_key.get(key)
                    if row is None:
                        self._collapsed.discard(key)
                    else:
                        self.view.collapse(self.model.index_of(row))
            rows = [r for r in self.model.tree.rows if r.key in selected_keys]
            if not rows:
                rows = self._rows_for(self.selection.ids)
            self._select_rows(rows, scroll=False)
        finally:
            self._syncing = False
        depths: list[int] = []
        for row in self.model.tree.rows:  # a parent comes before its children
            depths.append(depths[row.parent] + 1 if row.parent >= 0 else 0)
        self._depth = max(depths, default=0)
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
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_rows()
        return super().eventFilter(watched, event)

    def _on_reset(self) -> None:
        self._collapsed.clear()
        self.rebuild()

    def _on_changed(self, effects: Effects) -> None:
        if effects.renamed:
            self._collapsed = {_renamed(key, effects.renamed) for key in self._collapsed}
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
        if effects.changed:
            self.view.viewport().update()
        return True

    def _patch_added(self, node_id: str) -> bool:
        tree, case = self.model.tree, self.document.case
        planned = plan_children(tree, case, node_id)
        if planned is None:
            return False
        under, stale = planned
        places = 1 + sum(link.target == node_id for link in case.links)
        grown = places * (1 + sum(size_of(shape) for shape in under))
        if len(tree.rows) + grown >= default_row_limit(len(case.nodes)):
            return False
        if stale:
            self.model.remove_rows(stale)
        slots = plan_insert(tree, case, node_id)  # once the stale rows are out of the way
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
        """Open new rows (and the row they went under) as a rebuild would: all but those the
        user folded."""
        parent = self.model.tree.parent_of(rows[0])
        if parent is not None and parent.key not in self._collapsed:
            self.view.expand(self.model.index_of(parent))
        for row in rows:
            if row.children and row.key not in self._collapsed:
                self.view.expand(self.model.index_of(row))
            depth = _depth(row.key)
            if depth > self._depth:  # a deeper tree indents less
                self._depth = depth
                self._fit_rows()

    # -- selection -----------------------------------------------------------------------

    def _rows_for(self, ids: list[str]) -> list[Row]:
        return [row for node_id in ids for row in self.model.tree.by_id.get(node_id, ())]

    def _select_rows(self, rows: list[Row], scroll: bool) -> None:
        chosen = QItemSelection()
        for row in rows:
            index = self.model.index_of(row)
            chosen.select(index, index)
        model = self.view.selectionModel()
        model.select(chosen, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if rows:
            first = self.model.index_of(rows[0])
            model.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            if scroll:
                self.view.scrollTo(first)

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

    def _on_collapsed(self, index: QModelIndex) -> None:
        row = self.model.row_at(index)
        if row is not None:
            self._collapsed.add(row.key)

    def _on_expanded(self, index: QModelIndex) -> None:
        row = self.model.row_at(index)
        if row is not None:
            self._collapsed.discard(row.key)


def _depth(key: Key) -> int:
    """How deep the row with this key sits (0: top level)."""
    depth = -1
    while key:
        depth, key = depth + 1, key[0]
    return depth


def _renamed(key: Key, renames: list[tuple[str, str]]) -> Key:
    if not key:
        return key
    parent, node_id = key
    for old, new in renames:
        if node_id == old:
            node_id = new
    assert isinstance(parent, tuple)
    return (_renamed(parent, renames), node_id)
