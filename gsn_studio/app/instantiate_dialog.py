"""File > Instantiate Pattern…: ask a value for each parameter of the open pattern (a list
parameter takes one item per line) and which branches to keep at each choice, then open the
instance as a new, untitled case. On an open instance it asks for its pattern and new values
and updates the instance in place, as one undo step, keeping the evidence and comments made
there. Both run `model.instantiation.instantiate`, as `gsn-studio instantiate` does."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from gsn_studio.app.document import Document
from gsn_studio.app.files import OPEN_FILTER, FileController
from gsn_studio.io import CaseFileError, load_case
from gsn_studio.model import Case
from gsn_studio.model.instance_changes import changes_to
from gsn_studio.model.instantiation import InstantiationError, Values, instantiate
from gsn_studio.model.patterns import ParameterType


class InstantiateDialog(QDialog):
    """One field per parameter; one field per element whose links need a choice."""

    def __init__(self, pattern: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Instantiate Pattern")
        self.setObjectName("instantiateDialog")
        info = pattern.pattern
        assert info is not None
        form = QFormLayout(self)
        form.addRow(QLabel(f"Values for <b>{_escape(pattern.name or 'the pattern')}</b>:"))
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        for parameter in info.parameters:
            field: QLineEdit | QPlainTextEdit
            if parameter.type is ParameterType.LIST:
                field = QPlainTextEdit()
                field.setPlaceholderText("one item per line")
                field.setFixedHeight(80)
            else:
                field = QLineEdit()
            field.setObjectName(f"parameter-{parameter.name}")
            field.setToolTip(parameter.description)
            self.fields[parameter.name] = field
            label = parameter.name + (" (list)" if parameter.type is ParameterType.LIST else "")
            form.addRow(label, field)
        self.choices: dict[str, QLineEdit] = {}
        for source in _choosing(pattern):
            options = [link.target for link in pattern.links if link.source == source]
            field = QLineEdit()
            field.setObjectName(f"choose-{source}")
            field.setPlaceholderText(", ".join(options))
            self.choices[source] = field
            form.addRow(f"keep at {source}", field)
        self.name = QLineEdit()
        self.name.setPlaceholderText("the pattern's name, filled")
        form.addRow("Case name", self.name)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> Values:
        """Only filled fields: an empty one leaves its parameter to instantiate later."""
        parameters: dict[str, str | list[str]] = {}
        for name, field in self.fields.items():
            if isinstance(field, QPlainTextEdit):
                items = [line.strip() for line in field.toPlainText().split("\n") if line.strip()]
                if items:
                    parameters[name] = items
            elif field.text().strip():
                parameters[name] = field.text().strip()
        choose = {
            source: [part.strip() for part in field.text().split(",") if part.strip()]
            for source, field in self.choices.items()
            if field.text().strip()
        }
        return Values(parameters, choose, self.name.text().strip())


def _choosing(pattern: Case) -> list[str]:
    """Elements with a choice or an optional link: where the user says what to keep."""
    sources = [
        link.source
        for link in pattern.links
        if link.choice is not None or (link.multiplicity is not None and link.multiplicity.hollow)
    ]
    return list(dict.fromkeys(sources))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


class PatternInstantiation(QObject):
    """The action's controller: given the few objects it uses, not the window."""

    refused = Signal(str)

    def __init__(self, document: Document, files: FileController, parent: QWidget) -> None:
        super().__init__(parent)
        self.document = document
        self.files = files
        self.parent_widget = parent
        self.dialog: InstantiateDialog | None = None

    def start(self) -> None:
        case = self.document.case
        if case.pattern is not None:
            self._ask(case.model_copy(deep=True), update=False)
        elif any(node.role is not None for node in case.nodes):
            self._update_instance()
        else:
            self.refused.emit(
                "The open case is neither a pattern nor an instance of one: open a pattern "
                "(it declares parameters) first"
            )

    def _update_instance(self) -> None:
        start = str(self.document.path.parent) if self.document.path else ""
        name, _ = QFileDialog.getOpenFileName(
            self.parent_widget, "The pattern of this instance", start, OPEN_FILTER
        )
        if not name:
            return
        try:
            pattern = load_case(Path(name))
        except CaseFileError as error:
            QMessageBox.critical(self.parent_widget, "Cannot open the pattern", str(error))
            return
        if pattern.pattern is None:
            self.refused.emit(f"{name} is not a pattern: it declares no parameters")
            return
        self._ask(pattern, update=True)

    def _ask(self, pattern: Case, update: bool) -> None:
        self.dialog = InstantiateDialog(pattern, self.parent_widget)
        self.dialog.accepted.connect(lambda: self._finish(pattern, update))
        self.dialog.open()

    def _finish(self, pattern: Case, update: bool) -> None:
        dialog = self.dialog
        assert dialog is not None
        current = self.document.case
        try:
            instance = instantiate(pattern, dialog.values(), current if update else None)
        except InstantiationError as error:
            QMessageBox.warning(self.parent_widget, "Cannot instantiate the pattern", str(error))
            return
        if update:
            self.document.push(changes_to(current, instance), "Update instance from pattern")
            return
        if not self.files.maybe_save():
            return
        self.document.replace(instance, None)
        self.files.opened.emit()  # lays the new case out, as opening a file does
