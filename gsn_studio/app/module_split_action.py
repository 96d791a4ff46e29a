"""Edit > Move to New Module: the selected element's subtree becomes a module of its own,
in a file beside the module it left, with away elements left where it was cited; one undo
step (model/module_split.py holds the rule, shared with any other caller)."""

from __future__ import annotations

import posixpath
import re

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QWidget

from gsn_studio.app.document import Document
from gsn_studio.app.selection import Selection
from gsn_studio.model import ModelError
from gsn_studio.model.module_split import move_to_new_module


def module_id_for(name: str, taken: set[str]) -> str:
    """A module id from a name: lower case words joined by hyphens, unique in the case."""
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "module"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


class MoveToModuleAction(QObject):
    def __init__(self, document: Document, selection: Selection, parent: QWidget) -> None:
        super().__init__(parent)
        self.document, self.selection, self.window = document, selection, parent
        self.action = QAction("Move to New &Module…", self)
        self.action.setStatusTip("Make the selected element and everything below it a module")
        self.action.triggered.connect(self.ask)

    def ask(self) -> bool:
        ids = self.selection.ids
        if len(ids) != 1:
            self.document.refused.emit("select the one element whose subtree becomes a module")
            return False
        name, ok = QInputDialog.getText(self.window, "Move to new module", "Module name:")
        return bool(ok and name.strip()) and self.move(ids[0], name.strip())

    def move(self, root: str, name: str) -> bool:
        """Move `root`'s subtree into a new module named `name`, as one undo step."""
        state = self.document.modules
        modular = state.modular
        if modular is None or state.active is None:
            self.document.refused.emit(
                "moving to a new module needs a case of modules: save this case first and "
                "open it from its file"
            )
            return False
        source = modular.module(state.active)
        assert source is not None
        new_id = module_id_for(name, {m.id for m in modular.modules})
        suffix = posixpath.splitext(source.path)[1] or ".gsnx"
        path = posixpath.join(posixpath.dirname(source.path), new_id + suffix)
        try:
            after = move_to_new_module(
                modular,
                module_id=source.id,
                root=root,
                new_id=new_id,
                path=path,
                name=name,
                owner=source.owner,
            )
        except (ModelError, ValueError) as error:
            self.document.refused.emit(str(error))
            return False
        return self.document.push_modules(after, f"Move {root} to module {new_id}")
