"""The case's own name and description, shown when no node is selected.

Case fields are applied when the user leaves a field (or presses Enter in the name), as one
undo step each: the document folds keystrokes only for edits that touch a node.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from gsn_studio.app.document import Document
from gsn_studio.app.panels.fields import LineField, TextField, plain_text, set_line, set_plain
from gsn_studio.model.changes import SetCaseFields


class CaseForm(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.name = LineField()
        self.name.setPlaceholderText("Untitled case")
        self.description = TextField(lines=6)
        self.description.setPlaceholderText("What this case argues, for whom, and its scope")
        hint = QLabel("Select a node to edit its properties.")
        hint.setWordWrap(True)
        hint.setEnabled(False)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Case name", self.name)
        form.addRow("Description", self.description)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addStretch(1)

        self.name.editingFinished.connect(self.commit_name)
        self.description.left.connect(self.commit_description)

    def load(self) -> None:
        case = self.document.case
        if not self.name.isModified():
            set_line(self.name, case.name)
        if not self.description.document().isModified():
            set_plain(self.description, case.description)

    def commit_pending(self) -> None:
        if self.name.isModified():
            self.commit_name()
        if self.description.document().isModified():
            self.commit_description()

    def commit_name(self) -> None:
        self.name.setModified(False)
        self._push("name", self.name.text(), "Rename case")
        set_line(self.name, self.document.case.name)

    def commit_description(self) -> None:
        self.description.document().setModified(False)
        self._push("description", plain_text(self.description), "Edit case description")
        set_plain(self.description, self.document.case.description)

    def _push(self, field: str, value: str, text: str) -> None:
        if getattr(self.document.case, field) == value:
            return
        try:
            self.document.push(SetCaseFields({field: value}), text)
        except ValueError as error:  # pydantic refuses text that no case file can hold
            self.document.refused.emit(f"case {field}: {_reason(error)}")


def _reason(error: ValueError) -> str:
    errors = getattr(error, "errors", None)
    if callable(errors):
        return str(errors()[0].get("msg", error)).removeprefix("Value error, ")
    return str(error)
