"""A solution's evidence: what it points at, when it was produced, how long it is valid."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from gsn_studio.app.document import Document
from gsn_studio.app.panels.fields import LineField, MergeIds, OptionalDateEdit, set_line
from gsn_studio.model import Evidence, Node
from gsn_studio.model.changes import UpdateNode

WEB_SCHEMES = ("http", "https")
"""Only these URLs are handed to the desktop: no custom scheme handlers from a case file."""


class EvidenceForm(QWidget):
    def __init__(
        self, document: Document, merge_ids: MergeIds, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self._merge_ids = merge_ids
        self._node_id = ""

        self.reference = LineField()
        self.reference.setPlaceholderText("Path or web address")
        self.reference.setToolTip(
            "A path relative to the case file's folder, or an http(s) address"
        )
        self.open_button = QPushButton("Open")
        self.open_button.setToolTip("Open the evidence with the desktop's application")
        self.date = OptionalDateEdit()
        self.date.setToolTip("When the evidence was produced or last verified")
        self.valid_until = OptionalDateEdit()
        self.valid_until.setToolTip("After this day the evidence counts as expired")
        self.open_problem = QLabel()
        self.open_problem.setWordWrap(True)
        self.open_problem.setStyleSheet("color: #c62828")
        self.open_problem.hide()

        reference_row = QHBoxLayout()
        reference_row.addWidget(self.reference, 1)
        reference_row.addWidget(self.open_button)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow("Reference", reference_row)
        layout.addRow("", self.open_problem)
        layout.addRow("Date", self.date)
        layout.addRow("Valid until", self.valid_until)

        self.reference.textEdited.connect(self._on_reference_edited)
        self.reference.entered.connect(merge_ids.restart)
        self.open_button.clicked.connect(self.open_reference)
        self.date.edited.connect(lambda day: self._push("date", day))
        self.date.entered.connect(merge_ids.restart)
        self.valid_until.edited.connect(lambda day: self._push("valid_until", day))
        self.valid_until.entered.connect(merge_ids.restart)

    def load(self, node: Node, new_node: bool) -> None:
        evidence = node.evidence or Evidence()
        self._node_id = node.id
        set_line(self.reference, evidence.reference)
        self.date.set_value(evidence.date)
        self.valid_until.set_value(evidence.valid_until)
        self.open_button.setEnabled(bool(evidence.reference.strip()))
        if new_node:
            self.open_problem.hide()

    # -- edits ---------------------------------------------------------------------------

    def _on_reference_edited(self, text: str) -> None:
        self.open_button.setEnabled(bool(text.strip()))
        self.open_problem.hide()
        self._push("reference", text)

    def _push(self, field: str, value: Any) -> None:
        node = self.document.case.get(self._node_id)
        if node is None:
            return
        values = (node.evidence or Evidence()).model_dump()
        values[field] = value
        try:
            # Built here because pydantic does not check a model instance again inside Node.
            evidence = Evidence.model_validate(values)
        except ValueError as error:
            self.document.refused.emit(f"{self._node_id} {field.replace('_', ' ')}: {error}")
            return
        self.document.push(
            UpdateNode(self._node_id, {"evidence": evidence}),
            _describe(field, value, self._node_id),
            self._merge_ids.for_field(f"evidence.{field}"),
        )

    # -- opening -------------------------------------------------------------------------

    def open_reference(self) -> None:
        """Open the reference: a web address as is, a path from the case file's folder."""
        reference = self.reference.text().strip()
        target, problem = resolve_reference(reference, self.document.path)
        if target is not None and not QDesktopServices.openUrl(target):
            problem = f"No application could open {reference}."
        self.open_problem.setText(problem)
        self.open_problem.setVisible(bool(problem))


def resolve_reference(reference: str, case_path: Path | None) -> tuple[QUrl | None, str]:
    """The URL to open for a reference, or None and why not."""
    if not reference:
        return None, ""
    url = QUrl(reference)
    if url.scheme().lower() in WEB_SCHEMES:
        return url, ""
    if len(url.scheme()) > 1 and url.scheme().lower() != "file":
        return None, f"Only http(s) addresses and files are opened, not {url.scheme()}: links."
    path = Path(url.toLocalFile() if url.scheme().lower() == "file" else reference).expanduser()
    if not path.is_absolute():
        if case_path is None:
            return None, "Save the case first: a relative path is read from its folder."
        path = case_path.parent / path
    if not path.exists():
        return None, f"There is no file {path}."
    return QUrl.fromLocalFile(str(path)), ""


def _describe(field: str, value: object, node_id: str) -> str:
    if field == "reference":
        return f"Edit evidence reference of {node_id}"
    what = "evidence date" if field == "date" else "valid-until date"
    if value is None:
        return f"Clear {what} of {node_id}"
    assert isinstance(value, dt.date)
    return f"Set {what} of {node_id}"
