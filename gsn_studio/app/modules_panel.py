"""The Modules panel: the modules of the open case with their owner, file, status (the
verdict of their own top goals, across modules) and count of problems. Activating a module
shows it; an element can be dragged from here onto the canvas (see navigation)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem

from gsn_studio.app.away_drop import element_mime
from gsn_studio.app.document import Document
from gsn_studio.app.tree_items import child_items, top_level_items
from gsn_studio.notation.palette import STATUS_MARKS, Status

COLUMNS = ("Module", "Status", "Problems", "Owner", "File")
ELEMENT_ROLE = Qt.ItemDataRole.UserRole + 1


class ModulesPanel(QTreeWidget):
    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(list(COLUMNS))
        self.setDragEnabled(True)  # an element dropped on the canvas becomes an away element
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setToolTip(
            "The modules of this case: double-click one to show it; drag one of its elements "
            "onto the canvas of another module to cite it there"
        )
        document.modules_changed.connect(self.refresh)
        document.reset.connect(self.refresh)
        document.findings_changed.connect(self.refresh)
        document.module_shown.connect(lambda _: self.refresh())
        self.itemActivated.connect(self._activate)
        self.refresh()

    def module_rows(self) -> list[tuple[str, ...]]:
        """What each row shows, column by column: for tests and for copying."""
        return [tuple(item.text(c) for c in range(len(COLUMNS))) for item in top_level_items(self)]

    def refresh(self) -> None:
        state = self.document.modules
        expanded = {  # rebuilt on every change of findings: keep what the user opened
            item.data(0, Qt.ItemDataRole.UserRole)
            for item in top_level_items(self)
            if item.isExpanded()
        }
        self.clear()
        if state.modular is None:
            return
        whole = state.whole
        for module in state.modular.modules:
            marks = whole.marks(module) if whole is not None else {}
            verdict = whole.module_verdict(module).value if whole is not None else ""
            problems = len(whole.module_findings(module.id)) if whole is not None else 0
            item = QTreeWidgetItem([module.name, verdict, str(problems), module.owner, module.path])
            item.setData(0, Qt.ItemDataRole.UserRole, module.id)
            item.setToolTip(0, f"{module.id}: {module.description}".rstrip(": "))
            mark = STATUS_MARKS.get(_status(verdict))
            if mark is not None:
                item.setForeground(1, QBrush(QColor(mark.stroke)))
            if module.id == state.active:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDragEnabled)
            for node in module.case.nodes:
                if node.cites is None and (node.public or not module.marks_public):
                    child = QTreeWidgetItem(
                        [f"{node.id}  {node.statement}", marks.get(node.id, "")]
                    )
                    child.setData(0, Qt.ItemDataRole.UserRole, module.id)
                    child.setData(0, ELEMENT_ROLE, node.id)
                    child.setToolTip(0, node.statement)
                    item.addChild(child)
            self.addTopLevelItem(item)
            item.setExpanded(module.id in expanded)
        self.setColumnWidth(0, 200)  # long module names are elided: status stays in view
        for column in range(1, len(COLUMNS) - 1):
            self.resizeColumnToContents(column)

    def _activate(self, item: QTreeWidgetItem) -> None:
        self.document.show_module(str(item.data(0, Qt.ItemDataRole.UserRole)))

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:
        """A dragged element: its module and id, for the canvas to cite."""
        item = items[0] if items else None
        element = item.data(0, ELEMENT_ROLE) if item is not None else None
        if item is None or not element:
            return QMimeData()
        return element_mime(str(item.data(0, Qt.ItemDataRole.UserRole)), str(element))

    def element_item(self, module_id: str, element: str) -> QTreeWidgetItem | None:
        for parent in top_level_items(self):
            for child in child_items(parent):
                if (
                    child.data(0, Qt.ItemDataRole.UserRole) == module_id
                    and child.data(0, ELEMENT_ROLE) == element
                ):
                    return child
        return None


def _status(word: str) -> Status:
    try:
        return Status(word)
    except ValueError:
        return Status.NONE
