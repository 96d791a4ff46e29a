"""Edit > Undo and Redo: actions that go through the document's history, so that review
mode's rule holds for them as for every other way in.

Qt's own undo actions call the C++ stack directly, past `History`'s check; these call it
through Python. Their toolbar buttons keep a fixed word ("Undo"), so the toolbar does not
shift as the step names change; the menu and the tooltip name the step.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from gsn_studio.app.document import Document


class HistoryActions(QObject):
    def __init__(self, document: Document, window: QWidget) -> None:
        super().__init__(window)
        self.document = document
        stack = document.undo_stack
        keys = QKeySequence.StandardKey
        self.undo = QAction("&Undo", window)
        self.undo.setShortcuts(QKeySequence.keyBindings(keys.Undo))
        self.undo.triggered.connect(self._undo)
        self.redo = QAction("&Redo", window)
        redo_keys = [*QKeySequence.keyBindings(keys.Redo), QKeySequence("Ctrl+Y")]
        self.redo.setShortcuts(list({key.toString(): key for key in redo_keys}.values()))
        self.redo.triggered.connect(self._redo)
        for action, word in ((self.undo, "Undo"), (self.redo, "Redo")):
            action.setIconText(word)  # what the toolbar shows, whatever the step
            window.addAction(action)
        for signal in (stack.indexChanged, stack.undoTextChanged, stack.redoTextChanged):
            signal.connect(self.update)
        document.read_only_changed.connect(self.update)
        self.update()

    def _undo(self) -> None:
        self.document.undo_stack.undo()  # History.undo, which checks review mode first

    def _redo(self) -> None:
        self.document.undo_stack.redo()

    def update(self, *_args: object) -> None:
        stack = self.document.undo_stack
        if not isValid(stack) or not isValid(self.undo):
            return  # the stack clears itself as the window closes
        for action, word, text, allowed in (
            (self.undo, "Undo", stack.undoText(), self.document.can_undo()),
            (self.redo, "Redo", stack.redoText(), self.document.can_redo()),
        ):
            action.setText(f"&{word} {text}".rstrip())
            action.setToolTip(f"{word} {text}".rstrip())
            action.setEnabled(allowed)
