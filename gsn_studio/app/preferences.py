"""Edit > Preferences: how evidence is judged and who the user is, kept between runs."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gsn_studio.app import settings
from gsn_studio.app.document import Document


def apply_stored(document: Document) -> None:
    """Give a new window's document the judging preferences saved by earlier runs."""
    document.set_allow_outside(settings.allow_outside())
    document.set_soon_days(settings.soon_days())


class PreferencesDialog(QDialog):
    """OK stores the values and applies them to the open case at once."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle("Preferences")
        self.allow_outside = QCheckBox("Allow reading artifacts outside the case folder")
        self.allow_outside.setChecked(settings.allow_outside())
        self.allow_outside.setToolTip(
            "Hash and read evidence files that lie outside the case file's folder or behind a "
            "symbolic link. Leave off for case files you did not write yourself."
        )
        warning = QLabel(
            "Off by default: a case file from someone else could otherwise make GSN Studio "
            "read any file your account can read."
        )
        warning.setWordWrap(True)
        warning.setEnabled(False)
        self.soon_days = QSpinBox()
        self.soon_days.setRange(0, settings.MAX_SOON_DAYS)
        self.soon_days.setSuffix(" days")
        self.soon_days.setValue(settings.soon_days())
        self.soon_days.setToolTip("Evidence due within this many days is marked as expiring soon")
        self.verifier = QLineEdit(settings.verifier_name())
        self.verifier.setPlaceholderText("Asked for the first time you mark evidence verified")
        self.verifier.setToolTip("Recorded as 'verified by' when you mark evidence verified")

        form = QFormLayout()
        form.addRow(self.allow_outside)
        form.addRow(warning)
        form.addRow("Expiring soon within", self.soon_days)
        form.addRow("Your name", self.verifier)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def accept(self) -> None:
        settings.set_allow_outside(self.allow_outside.isChecked())
        settings.set_soon_days(self.soon_days.value())
        settings.set_verifier_name(self.verifier.text())
        self.document.set_allow_outside(self.allow_outside.isChecked())
        self.document.set_soon_days(self.soon_days.value())
        super().accept()
