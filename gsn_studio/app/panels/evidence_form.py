"""Evidence: what it points at, how long it holds, what it measures, who verified it, and
what the last check found. Serves a solution's evidence and a defeater's refutation alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSignalBlocker, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QToolButton,
    QWidget,
)

from gsn_studio.analysis import Judgement
from gsn_studio.app.document import Document
from gsn_studio.app.mark_verified import can_verify, mark_verified
from gsn_studio.app.panels.evidence_status import JudgementRows, VerificationRows
from gsn_studio.app.panels.fields import LineField, MergeIds, OptionalDateEdit, set_line
from gsn_studio.app.panels.measure_fields import MeasureFields, problem_label
from gsn_studio.app.plain_text import make_plain
from gsn_studio.model import Evidence, Node
from gsn_studio.model.changes import UpdateNode
from gsn_studio.model.evidence import MAX_REVIEW_DAYS

WEB_SCHEMES = ("http", "https")
"""Only these URLs are handed to the desktop: no custom scheme handlers from a case file."""


class EvidenceForm(QWidget):
    def __init__(
        self,
        document: Document,
        merge_ids: MergeIds,
        field: str = "evidence",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.field = field
        """The node field edited: "evidence", or "refutation" for a defeater."""
        self._merge_ids = merge_ids
        self._node_id = ""
        self._build_fields()
        self._lay_out()

        self.reference.textEdited.connect(self._on_reference_edited)
        self.open_button.clicked.connect(self.open_reference)
        self.date.edited.connect(lambda day: self._push({"date": day}, "date"))
        self.valid_until.edited.connect(lambda day: self._push({"valid_until": day}, "valid_until"))
        self.review.valueChanged.connect(
            lambda days: self._push({"review_days": days or None}, "review_days")
        )
        self.measure.edited.connect(lambda measure, what: self._push({"measure": measure}, what))
        self.verify_button.clicked.connect(self.mark_verified)
        entering: tuple[LineField | OptionalDateEdit, ...] = (
            self.reference,
            self.date,
            self.valid_until,
            *self.measure.fields(),
        )
        for widget in entering:
            widget.entered.connect(merge_ids.restart)

    def _build_fields(self) -> None:
        self.reference = LineField()
        self.reference.setPlaceholderText("Path or web address")
        self.reference.setToolTip(
            "A path relative to the case file's folder, or an http(s) address. It is opened "
            "only when you click Open."
        )
        self.open_button = QToolButton()
        self.open_button.setText("Open")
        self.open_button.setToolTip("Open the evidence with the desktop's application")
        self.open_problem = problem_label()
        self.date = OptionalDateEdit()
        self.date.setToolTip("When the evidence was produced")
        self.valid_until = OptionalDateEdit()
        self.valid_until.setToolTip("After this day the evidence counts as expired")
        self.review = QSpinBox()
        self.review.setRange(0, MAX_REVIEW_DAYS)
        self.review.setSpecialValueText("None")
        self.review.setSuffix(" days")
        self.review.setToolTip(
            "How long a verification holds: the evidence falls due this many days after it "
            "was last verified (or after its date, if never). None: no review interval."
        )
        self.measure = MeasureFields(self)
        self.verification = VerificationRows(self)
        self.verify_button = QPushButton("Mark Verified")
        self.verify_button.setToolTip(
            "Record today, your name and the artifact's SHA-256, so later changes to the file "
            "are noticed"
        )
        self.verify_problem = problem_label()
        self.judgement = JudgementRows(self)

    def _lay_out(self) -> None:
        # One form, so that every label lines up: the last check first, as it is what the
        # reader looks for, then what can be edited, then the verification record.
        reference_row = QHBoxLayout()
        reference_row.addWidget(self.reference, 1)
        reference_row.addWidget(self.open_button)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.judgement.add_rows(form)
        form.addRow(_separator())
        form.addRow("Reference", reference_row)
        form.addRow(self.open_problem)
        form.addRow("Date", self.date)
        form.addRow("Valid until", self.valid_until)
        form.addRow("Review every", self.review)
        self.measure.add_rows(form)
        self.verification.add_rows(form)
        form.addRow("", self.verify_button)
        form.addRow(self.verify_problem)

    # -- showing -------------------------------------------------------------------------

    def evidence_of(self, node: Node) -> Evidence:
        value = getattr(node, self.field)
        return value if isinstance(value, Evidence) else Evidence()

    def load(self, node: Node, new_node: bool) -> None:
        evidence = self.evidence_of(node)
        self._node_id = node.id
        if new_node:
            self.open_problem.hide()
            self.verify_problem.hide()
        set_line(self.reference, evidence.reference)
        self.date.set_value(evidence.date)
        self.valid_until.set_value(evidence.valid_until)
        if self.review.value() != (evidence.review_days or 0):
            with QSignalBlocker(self.review):
                self.review.setValue(evidence.review_days or 0)
        self.measure.show_measure(evidence.measure, evidence.reference, new_node)
        self.open_button.setEnabled(bool(evidence.reference.strip()))
        self.verification.show_verification(evidence.verified)
        self.verify_button.setEnabled(can_verify(node, self.field))

    def show_judgement(self, judgement: Judgement | None) -> None:
        self.judgement.show_judgement(judgement, self.document.as_of)

    # -- edits ---------------------------------------------------------------------------

    def _on_reference_edited(self, text: str) -> None:
        self.open_button.setEnabled(bool(text.strip()))
        self.open_problem.hide()
        self._push({"reference": text}, "reference")
        node = self.document.case.get(self._node_id)
        if node is not None:  # a .json or .csv reference supplies the measured value
            self.measure.show_measure(self.evidence_of(node).measure, text, False)

    def _push(self, values: dict[str, Any], what: str) -> None:
        node = self.document.case.get(self._node_id)
        if node is None:
            return
        merged = {**self.evidence_of(node).model_dump(), **values}
        try:
            # Built here because pydantic does not check a model instance again inside Node.
            evidence = Evidence.model_validate(merged)
        except ValueError as error:
            self.document.refused.emit(f"{self._node_id} {what.replace('_', ' ')}: {error}")
            return
        self.document.push(
            UpdateNode(self._node_id, {self.field: evidence}),
            self._describe(what, values),
            self._merge_ids.for_field(f"{self.field}.{what}"),
        )

    def _describe(self, what: str, values: dict[str, Any]) -> str:
        owner = self._node_id if self.field == "evidence" else f"{self._node_id}'s refutation"
        value = next(iter(values.values()))
        names = {
            "reference": "reference",
            "date": "evidence date",
            "valid_until": "valid-until date",
            "review_days": "review interval",
            "measure": "measure",
            "measure.value": "measured value",
            "measure.key": "measure key",
        }
        verb = "Clear" if value is None else "Set" if what != "reference" else "Edit"
        return f"{verb} {names[what]} of {owner}"

    def mark_verified(self) -> None:
        problem = mark_verified(self.document, self._node_id, self.window(), self.field)
        make_plain(self.verify_problem)
        self.verify_problem.setText(problem)
        self.verify_problem.setVisible(bool(problem))

    # -- opening -------------------------------------------------------------------------

    def open_reference(self) -> None:
        """Open the reference: a web address as is, a path from the case file's folder."""
        reference = self.reference.text().strip()
        target, problem = resolve_reference(reference, self.document.path)
        if target is not None and not QDesktopServices.openUrl(target):
            problem = f"No application could open {reference}."
        make_plain(self.open_problem)
        self.open_problem.setText(problem)
        self.open_problem.setVisible(bool(problem))


def _separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


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
