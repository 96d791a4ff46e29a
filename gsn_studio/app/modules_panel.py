"""The Modules panel: the modules of the open case with their owner, file, status (the
verdict of their own top goals, across modules) and count of problems. Activating a module
shows it; an element can be dragged from here onto the canvas (see navigation)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from gsn_studio.app.document import Document
from gsn_studio.notation.palette import STATUS_MARKS, Status

COLUMNS = ("Module", "Status", "Problems", "Owner", "File")


class ModulesPanel(QTreeWidget):
    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(list(COLUMNS))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setToolTip("The modules of this case: double-click one to show it")
        document.modules_changed.connect(self.refresh)
        document.reset.connect(self.refresh)
        document.findings_changed.connect(self.refresh)
        document.module_shown.connect(lambda _: self.refresh())
        self.itemActivated.connect(self._activate)
        self.refresh()

    def module_rows(self) -> list[tuple[str, ...]]:
        """What each row shows, column by column: for tests and for copying."""
        return [
            tuple(self.topLevelItem(i).text(c) for c in range(len(COLUMNS)))
            for i in range(self.topLevelItemCount())
        ]

    def refresh(self) -> None:
        state = self.document.modules
        self.clear()
        if state.modular is None:
            return
        whole = state.whole
        for module in state.modular.modules:
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
            self.addTopLevelItem(item)
        self.setColumnWidth(0, 200)  # long module names are elided: status stays in view
        for column in range(1, len(COLUMNS) - 1):
            self.resizeColumnToContents(column)

    def _activate(self, item: QTreeWidgetItem) -> None:
        self.document.show_module(str(item.data(0, Qt.ItemDataRole.UserRole)))


def _status(word: str) -> Status:
    try:
        return Status(word)
    except ValueError:
        return Status.NONE
