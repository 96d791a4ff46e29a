"""The window's evidence commands: Mark Verified, Re-check Evidence and Preferences, enabled
for what the selection holds."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow

from gsn_studio.app.document import Document
from gsn_studio.app.mark_verified import can_verify, mark_verified
from gsn_studio.app.preferences import PreferencesDialog
from gsn_studio.app.selection import Selection


class EvidenceActions(QObject):
    def __init__(self, document: Document, selection: Selection, window: QMainWindow) -> None:
        super().__init__(window)
        self.document = document
        self.selection = selection
        self.window = window
        keys = QKeySequence.StandardKey
        self.mark_verified = self._action(
            "Mark &Verified",
            self.mark_selection_verified,
            QKeySequence("Ctrl+Shift+V"),
            "Record today, your name and the artifact's SHA-256 on the selected evidence",
        )
        self.preferences = self._action("Pre&ferences…", self.edit_preferences, keys.Preferences)
        self.recheck = self._action(
            "&Re-check Evidence",
            document.refresh_findings,
            QKeySequence(keys.Refresh),
            "Read the evidence files again and judge every piece of evidence afresh",
        )
        selection.changed.connect(self.update)
        document.changed.connect(self.update)
        document.reset.connect(self.update)
        document.read_only_changed.connect(self.update)
        self.update()
        self._left = False
        """Whether the person left for another application since the findings were last
        worked out on coming back (see _on_application_state)."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # Back from editing an artifact elsewhere: judge the files as they are now.
            app.applicationStateChanged.connect(self._on_application_state)

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(shortcut)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def update(self, *_args: object) -> None:
        node_id = self.selection.current
        node = self.document.case.get(node_id) if node_id else None
        self.mark_verified.setEnabled(can_verify(node) and not self.document.read_only)

    def mark_selection_verified(self) -> None:
        node_id = self.selection.current
        if node_id is None:
            self.document.refused.emit("select one solution or defeater to mark verified")
            return
        if not mark_verified(self.document, node_id, self.window):
            self.window.statusBar().showMessage(f"Marked {node_id} verified", 5000)

    def edit_preferences(self) -> None:
        PreferencesDialog(self.document, self.window).exec()

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        """Coming back to the editor from another application: the files may have changed
        meanwhile. Not on its first activation, as the window opened with a case has just
        judged them (a second whole pass, 0.3 s at 10,000 nodes, after every start-up)."""
        if state is not Qt.ApplicationState.ApplicationActive:
            self._left = True
            return
        left, self._left = self._left, False
        if left and self.document.path is not None:
            self.document.refresh_findings()
