"""Review > Accept: the assessor accepts the selected element and everything under it, as one
undoable step that review mode allows (as it allows comments). The fields come from
`analysis.acceptance.accepting`, the routine `gsn-studio accept` uses."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar

from gsn_studio.analysis.acceptance import accepting
from gsn_studio.app.canvas.acceptance_badge import AcceptanceTags
from gsn_studio.app.canvas.scene import CanvasScene
from gsn_studio.app.document import Document
from gsn_studio.app.selection import Selection
from gsn_studio.app.user_name import ask_user_name
from gsn_studio.model.acceptance import Accept


def accept_node(document: Document, node_id: str, by: str, on: dt.date | None = None) -> bool:
    """Accept a node now, as the document judges it; False (and `refused`) when it cannot."""
    if node_id not in document.case:
        document.refused.emit(f"there is no node {node_id}")
        return False
    document.refresh_findings()  # judge what is on disk now, not 120 ms ago
    assert document.assessment is not None
    fields = accepting(
        document.case,
        node_id,
        by=by,
        on=on or dt.date.today(),
        judgements=document.assessment.judgements,
        sets=document.trace_sets,
    )
    if not document.push(Accept(fields), f"Accept {node_id}"):
        return False
    document.refresh_findings()  # the stale mark goes at once
    return True


class AcceptanceActions(QObject):
    def __init__(
        self,
        document: Document,
        selection: Selection,
        scene: CanvasScene,
        window: QMainWindow,
    ) -> None:
        super().__init__(window)
        self.tags = AcceptanceTags(scene, document)
        self.document = document
        self.selection = selection
        self.window = window
        self.accept = QAction("&Accept…", window)
        self.accept.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.accept.setStatusTip(
            "Accept the selected element and everything under it as the assessor: "
            "check reports it stale once any of that changes"
        )
        self.accept.triggered.connect(self.accept_selection)
        window.addAction(self.accept)
        selection.changed.connect(self.update)
        document.reset.connect(self.update)
        self.update()

    def fill(self, bar: QMenuBar, comment: QAction) -> QMenu:
        """The Review menu: comment on, and accept, the selection."""
        menu = bar.addMenu("&Review")
        menu.addActions([comment, self.accept])
        return menu

    def update(self, *_args: object) -> None:
        self.accept.setEnabled(self.selection.current is not None)

    def accept_selection(self) -> None:
        node_id = self.selection.current
        if node_id is None:
            self.document.refused.emit("select the element to accept")
            return
        name = ask_user_name(self.window, "sign acceptances with")
        if not name:
            self.document.refused.emit("accepting needs your name (set it in Edit > Preferences)")
            return
        if accept_node(self.document, node_id, name):
            self.window.statusBar().showMessage(f"Accepted {node_id} as {name}", 5000)
