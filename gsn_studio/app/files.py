"""New, Open, Save, Save As, recent files, and the questions they ask before losing work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from gsn_studio.app import settings
from gsn_studio.app.document import Document
from gsn_studio.io import CaseFileError
from gsn_studio.model import Case

OPEN_FILTER = (
    "GSN cases (*.gsnx *.yaml *.yml);;GSN Studio cases (*.gsnx);;gsn2x YAML (*.yaml *.yml)"
)
SAVE_FILTER = "GSN Studio case (*.gsnx);;gsn2x YAML (*.yaml *.yml)"


class FileController(QObject):
    """File commands for one window; dialogs are parented to it."""

    recent_changed = Signal()
    opened = Signal()
    """A file was opened (or a new case started): the window may lay it out and fit it."""

    def __init__(self, document: Document, window: QWidget) -> None:
        super().__init__(window)
        self.document = document
        self.window = window

    # -- commands ------------------------------------------------------------------------

    def new(self) -> bool:
        if not self.maybe_save():
            return False
        self.document.replace(Case(), None)
        self.opened.emit()
        return True

    def open_dialog(self) -> bool:
        if not self.maybe_save():
            return False
        start = str(self.document.path.parent) if self.document.path else ""
        name, _ = QFileDialog.getOpenFileName(self.window, "Open case", start, OPEN_FILTER)
        return self.open(Path(name), ask=False) if name else False

    def open(self, path: Path, ask: bool = True) -> bool:
        """Open a file; a bad file shows the same message `check` gives and changes nothing."""
        if ask and not self.maybe_save():
            return False
        try:
            self.document.open(path)
        except CaseFileError as error:
            QMessageBox.critical(self.window, "Cannot open the case", str(error))
            if not path.exists():
                settings.forget_file(path)
                self.recent_changed.emit()
            return False
        settings.remember_file(path)
        self.recent_changed.emit()
        self.opened.emit()
        return True

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        suggested = str(self.document.path or Path.cwd() / "case.gsnx")
        name, chosen = QFileDialog.getSaveFileName(
            self.window, "Save case as", suggested, SAVE_FILTER
        )
        if not name:
            return False
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".yaml" if "YAML" in chosen else ".gsnx")
        return self._save_to(path)

    def maybe_save(self) -> bool:
        """Ask what to do with unsaved changes; False when the user cancels."""
        if not self.document.is_modified():
            return True
        answer = QMessageBox.warning(
            self.window,
            "Unsaved changes",
            f"{self.document.display_name} has changes that are not saved.\n"
            "Save them before going on?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # -- helpers -------------------------------------------------------------------------

    def _save_to(self, path: Path) -> bool:
        try:
            self.document.save(path)
        except CaseFileError as error:
            QMessageBox.critical(self.window, "Cannot save the case", str(error))
            return False
        settings.remember_file(path)
        self.recent_changed.emit()
        return True
