"""Asking what to do when another program changes or deletes the open file.

The news comes in the middle of whatever the user is doing, so the question does not block:
it is shown over the window and acted on when answered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from gsn_studio.app.files import FileController


class OutsideChanges(QObject):
    def __init__(self, files: FileController) -> None:
        super().__init__(files)
        self.files = files
        self.prompt: QMessageBox | None = None
        """The question being asked, if any."""
        files.watch.changed_outside.connect(self.changed)
        files.watch.deleted.connect(self.deleted)

    def changed(self) -> None:
        """Reload (the default when nothing would be lost), Keep Mine, or with unsaved
        changes also Save As."""
        name = self.files.document.display_name
        box = self._new_prompt("File changed on disk")
        reload = box.addButton("Reload", QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton("Keep Mine", QMessageBox.ButtonRole.RejectRole)
        if self.files.document.is_modified():
            box.setIcon(QMessageBox.Icon.Warning)
            box.setText(f"“{name}” was changed by another program, and you have unsaved changes.")
            box.setInformativeText(
                "Saving would overwrite the other version. Save yours under a new name to "
                "keep both."
            )
            reload.setText("Reload and Discard Mine")
            save_as = box.addButton("Save Mine As…", QMessageBox.ButtonRole.ActionRole)
            box.setDefaultButton(keep)
        else:
            box.setText(f"“{name}” was changed by another program.")
            box.setInformativeText("Reload it to see the new version, or keep the one shown here.")
            save_as = None
            box.setDefaultButton(reload)
        box.setEscapeButton(keep)

        def answer() -> None:
            clicked = box.clickedButton()
            if clicked is reload:
                self.files.reload()
            elif save_as is not None and clicked is save_as:
                self.files.save_as()
            else:
                self.files.watch.keep_mine()

        self._show_prompt(box, answer)

    def deleted(self) -> None:
        """Say so, and keep the case as unsaved work: closing asks, autosave keeps a copy."""
        self.files.document.undo_stack.resetClean()
        box = self._new_prompt("File deleted")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(
            f"“{self.files.document.display_name}” was deleted or moved by another program."
        )
        box.setInformativeText(
            "The case stays open here, marked unsaved. Save writes it back where it was; "
            "Save As puts it somewhere else."
        )
        save = box.addButton(QMessageBox.StandardButton.Save)
        save_as = box.addButton("Save As…", QMessageBox.ButtonRole.ActionRole)
        keep = box.addButton("Keep Open", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def answer() -> None:
            clicked = box.clickedButton()
            if clicked is save:
                self.files.save()
            elif clicked is save_as:
                self.files.save_as()

        self._show_prompt(box, answer)

    def _new_prompt(self, title: str) -> QMessageBox:
        box = QMessageBox(self.files.window)
        box.setWindowTitle(title)
        box.setIcon(QMessageBox.Icon.Question)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the file's name is not markup
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return box

    def _show_prompt(self, box: QMessageBox, answer: Callable[[], None]) -> None:
        """Ask without blocking: the change arrived from outside, in the middle of anything."""

        def finished() -> None:
            self.prompt = None
            answer()
            self.files.watch.schedule_check()  # it may have changed again meanwhile

        box.finished.connect(finished)
        self.prompt = box
        box.open()
