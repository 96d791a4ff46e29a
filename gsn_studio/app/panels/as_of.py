"""The day evidence is judged on: today unless the user looks ahead or back."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QSignalBlocker
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from gsn_studio.app.document import Document
from gsn_studio.app.panels.fields import DATE_FORMAT, day_of, qdate_of


class AsOfControl(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        label = QLabel("As of")
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setToolTip("Judge evidence as valid or expired on this day")
        label.setBuddy(self.date_edit)
        self.today_button = QPushButton("Today")
        self.today_button.setToolTip("Judge evidence as of today")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.date_edit)
        layout.addWidget(self.today_button)
        layout.addStretch(1)

        self.date_edit.dateChanged.connect(self._on_date_changed)
        self.today_button.clicked.connect(lambda: document.set_as_of(None))
        document.findings_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the document's day; Today is offered only when another day is shown."""
        day = self.document.as_of
        if day_of(self.date_edit.date()) != day:
            with QSignalBlocker(self.date_edit):
                self.date_edit.setDate(qdate_of(day))
        self.today_button.setEnabled(day != dt.date.today())

    def _on_date_changed(self, date: QDate) -> None:
        day = day_of(date)
        # Picking today follows the calendar: the case is judged on "today" from then on.
        self.document.set_as_of(None if day == dt.date.today() else day)
