"""Edit > Practice Checks: whether this case adopts the assurance practice checks, which of
them apply, and its vague words. The choice is saved in the case file, as one undo step."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gsn_studio.app.document import Document
from gsn_studio.model import DEFAULT_VAGUE_TERMS, PRACTICE_CHECKS, PracticeSettings
from gsn_studio.model.changes import SetCaseFields

TITLES = {
    "claim-not-operational": "Claims resting on evidence name a measurable criterion",
    "vague-claim": "Vague words are defined by a context or justification",
    "no-degradation-condition": "The top claim and load-bearing claims name degradation conditions",
    "undetected-condition": "Every degradation condition says how it is detected",
    "unowned-claim": "The top claim and claims under a strategy have an owner",
}


class PracticeDialog(QDialog):
    def __init__(self, settings: PracticeSettings | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Practice Checks")
        current = settings or PracticeSettings()
        self.group = QGroupBox("Apply the assurance practice checks to this case")
        self.group.setCheckable(True)
        self.group.setChecked(settings is not None)
        inner = QVBoxLayout(self.group)
        self.boxes: dict[str, QCheckBox] = {}
        for code in PRACTICE_CHECKS:
            box = QCheckBox(f"{TITLES[code]}  ({code})")
            box.setChecked(code in current.checks)
            self.boxes[code] = box
            inner.addWidget(box)
        inner.addWidget(QLabel("Vague words (comma-separated; empty: none):"))
        self.terms = QLineEdit(", ".join(current.vague_terms))
        self.terms.setPlaceholderText(", ".join(DEFAULT_VAGUE_TERMS))
        inner.addWidget(self.terms)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.group)
        layout.addWidget(QLabel("See docs/practice.md for what each check asks for."))
        layout.addWidget(buttons)

    def settings(self) -> PracticeSettings | None:
        if not self.group.isChecked():
            return None
        terms = tuple(term.strip() for term in self.terms.text().split(",") if term.strip())
        checks = tuple(code for code, box in self.boxes.items() if box.isChecked())
        return PracticeSettings(checks=checks, vague_terms=terms)


def practice_action(document: Document, parent: QWidget) -> QAction:
    """The menu action that opens the dialog and applies its choice as one undo step."""
    action = QAction("Practice &Checks…", parent)
    action.setStatusTip("Choose the assurance practice checks this case adopts")

    def edit() -> None:
        dialog = PracticeDialog(document.case.practice, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            chosen = dialog.settings()
            if chosen != document.case.practice:
                document.push(SetCaseFields({"practice": chosen}), "Change practice checks")

    action.triggered.connect(edit)
    return action
