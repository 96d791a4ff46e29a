"""The outline panel: the argument as a tree, in step with the shared selection."""

from __future__ import annotations

import time

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QVBoxLayout, QWidget

from gsn_studio.app.document import Document
from gsn_studio.app.panels.outline_delegate import BadgeDelegate
from gsn_studio.app.panels.outline_model import OutlineModel
from gsn_studio.app.panels.outline_tree import Key, Row
from gsn_studio.app.selection import Selection
from gsn_studio.model.changes import Effects

REBUILD_DELAY_MS = 150
"""Edits that change the tree's shape rebuild it this long after the last one."""


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
        self.view.setIndentation(14)
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
        self.last_rebuild_ms = (time.perf_counter() - started) * 1000

    def _on_reset(self) -> None:
        self._collapsed.clear()
        self.rebuild()

    def _on_changed(self, effects: Effects) -> None:
        if effects.renamed:
            self._collapsed = {_renamed(key, effects.renamed) for key in self._collapsed}
            self._renames += effects.renamed
        if effects.added or effects.removed or effects.renamed or effects.links:
            self._timer.start()
        elif effects.changed:
            self.view.viewport().update()  # rows read their text when painted

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


def _renamed(key: Key, renames: list[tuple[str, str]]) -> Key:
    if not key:
        return key
    parent, node_id = key
    for old, new in renames:
        if node_id == old:
            node_id = new
    assert isinstance(parent, tuple)
    return (_renamed(parent, renames), node_id)
