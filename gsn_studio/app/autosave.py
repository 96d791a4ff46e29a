"""Autosave: a copy of unsaved work in the recovery folder, never over the user's file.

The copy is at most a minute behind the last edit; it is removed once the work is saved or
discarded. Writing it changes nothing in the document: not its modified mark, not its undo
history.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMainWindow

from gsn_studio.app.document import Document
from gsn_studio.app.recovery import Slot
from gsn_studio.io import CaseFileError
from gsn_studio.io.disk_state import DiskState
from gsn_studio.model import ModularCase

AUTOSAVE_INTERVAL_MS = 60_000
"""How much work a crash can cost at most. Tests shorten it through `Autosaver.interval_ms`."""
FAILURE_MESSAGE_MS = 20_000


class Autosaver(QObject):
    def __init__(
        self, document: Document, base: Callable[[], DiskState | None], window: QMainWindow
    ) -> None:
        super().__init__(window)
        self.document = document
        self.window = window
        self.base = base
        """The version of the file the work started from, kept with the copy."""
        self.interval_ms = AUTOSAVE_INTERVAL_MS
        self.slot = Slot()
        self.failing = False
        self._pending = False
        """Edited since the last copy was written."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.save_now)
        document.changed.connect(self._edited)
        document.reset.connect(self._edited)
        document.undo_stack.cleanChanged.connect(self._clean_changed)

    def save_now(self) -> bool:
        """Write the copy if the work changed since the last one; False if writing failed."""
        self._timer.stop()
        if not self.document.is_modified():
            self._drop()
            return True
        if not self._pending and self.slot.exists():
            return True
        try:
            self.slot.write(self.document.case, self.document.path, self.base(), self._modules())
        except (OSError, CaseFileError, ValueError) as error:  # disk full, folder not writable
            if not self.failing:  # say it once, not every minute
                self.window.statusBar().showMessage(
                    f"Autosave failed ({_reason(error)}): save your work to keep it safe",
                    FAILURE_MESSAGE_MS,
                )
            self.failing = True
            self._timer.start(self.interval_ms)
            return False
        self.failing = False
        self._pending = False
        return True

    def _modules(self) -> tuple[ModularCase, Path, str] | None:
        """A case of modules whole: an edit in a module not shown is unsaved work too."""
        state = self.document.modules
        if state.modular is None or state.folder is None or state.active is None:
            return None
        return state.modular, state.folder, state.active

    def close(self) -> None:
        """The window closes with its work saved or deliberately discarded."""
        self._timer.stop()
        self.slot.close()

    def _edited(self, *_args: object) -> None:
        self._pending = True
        if not self._timer.isActive():
            self._timer.start(self.interval_ms)

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self._drop()  # saved, or undone back to the file: nothing to recover
        elif not self._timer.isActive():
            self._pending = True  # marked unsaved without an edit (a deleted file, a restore)
            self._timer.start(self.interval_ms)

    def _drop(self) -> None:
        self._timer.stop()
        self._pending = False
        self.slot.remove()


def _reason(error: Exception) -> str:
    if isinstance(error, CaseFileError):
        return error.problem.rpartition(": ")[2]  # the system's words, not "not saved..."
    return getattr(error, "strerror", None) or str(error)
