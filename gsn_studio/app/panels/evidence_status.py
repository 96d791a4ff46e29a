"""The read-only rows of the evidence form: what the last check found, and who verified the
artifact. They go into the form's own layout, so every label lines up."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QFormLayout, QHBoxLayout, QLabel, QToolButton

from gsn_studio.analysis import Judgement
from gsn_studio.app.panels.evidence_words import (
    JUDGED_LABELS,
    Line,
    Tone,
    judged_lines,
    short_hash,
    verification_text,
)
from gsn_studio.app.plain_text import make_plain, tip
from gsn_studio.model import Verification

TONE_COLOURS = {
    Tone.GOOD: "#2e7d32",
    Tone.NEUTRAL: "",
    Tone.WARNING: "#9a5b00",
    Tone.BAD: "#c62828",
}
"""Text colours; the words say the same, so nothing depends on seeing the colour."""


def value_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class VerificationRows(QObject):
    """ "2026-11-20 by Ana" and the shortened SHA-256, copyable in full."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.when = value_label()
        self.sha = value_label()
        self.copy_button = QToolButton()
        self.copy_button.setText("Copy")
        self.copy_button.setToolTip("Copy the full SHA-256 to the clipboard")
        self.copy_button.setAutoRaise(True)
        self._sha256 = ""
        self._form: QFormLayout | None = None
        self._hash_row = QHBoxLayout()
        self._hash_row.addWidget(self.sha, 1)
        self._hash_row.addWidget(self.copy_button)
        self.copy_button.clicked.connect(self.copy_hash)

    def add_rows(self, form: QFormLayout) -> None:
        self._form = form
        form.addRow("Verified", self.when)
        form.addRow("SHA-256", self._hash_row)

    def show_verification(self, verified: Verification | None) -> None:
        self.when.setText(verification_text(verified))
        self._sha256 = verified.sha256 if verified else ""
        self.sha.setText(short_hash(self._sha256))
        self.sha.setToolTip(tip(self._sha256))
        if self._form is not None:
            self._form.setRowVisible(self._hash_row, bool(self._sha256))

    def copy_hash(self) -> None:
        QApplication.clipboard().setText(self._sha256)


class JudgementRows(QObject):
    """State, due date, artifact and measured value, as of the document's day."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.labels = {name: value_label() for name in JUDGED_LABELS}
        self._form: QFormLayout | None = None
        self._shown: list[Line] | None = None

    def add_rows(self, form: QFormLayout) -> None:
        self._form = form
        for name, label in self.labels.items():
            form.addRow(name, label)

    def show_judgement(self, judgement: Judgement | None, as_of: dt.date) -> None:
        lines = judged_lines(judgement, as_of)
        if lines == self._shown:
            return
        self._shown = lines
        by_label = {line.label: line for line in lines}
        for name, label in self.labels.items():
            line = by_label.get(name)
            if self._form is not None:
                self._form.setRowVisible(label, line is not None)
            if line is None:
                continue
            make_plain(label)
            label.setText(line.text)
            label.setToolTip(tip(line.tooltip))
            colour = TONE_COLOURS[line.tone]
            bold = "font-weight: 600;" if name == JUDGED_LABELS[0] else ""
            label.setStyleSheet(f"color: {colour}; {bold}" if colour else bold)
            label.setAccessibleName(f"{line.label}: {line.text}")

    def texts(self) -> dict[str, str]:
        """What each shown row says, by its label."""
        return {line.label: line.text for line in self._shown or []}
