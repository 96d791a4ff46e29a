"""Editing widgets shared by the property forms, and the rules for filling them.

A form fills its widgets from the model with signals blocked and only where the text
differs, so a refresh caused by the user's own typing never moves the cursor.
"""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCore import QDate, QMimeData, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLineEdit, QPlainTextEdit, QWidget

from gsn_studio.app.plain_text import wrap_mode_for

DATE_FORMAT = "yyyy-MM-dd"
OFFERED_TIP = "Not set yet: pick a day (today is offered)"
NO_DATE = QDate(1900, 1, 1)
"""Shown as "Not set" while a date is absent."""


def qdate_of(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def day_of(date: QDate) -> dt.date:
    """The day a QDate shows (toPython() is typed as returning any object)."""
    return dt.date(date.year(), date.month(), date.day())


_merge_ids = itertools.count(0x6E5_0000)


class MergeIds:
    """Merge ids for a form's fields. Typing in one field keeps one id, so a sentence is one
    undo step; entering a field again, or editing another, starts a new id, so two separate
    bouts of typing stay two steps."""

    def __init__(self) -> None:
        self._field: str | None = None
        self._value = next(_merge_ids)

    def restart(self) -> None:
        self._field = None

    def current(self, field: str) -> int | None:
        """The id of the bout of typing in `field`, if that is the latest one."""
        return self._value if field == self._field else None

    def for_field(self, field: str) -> int:
        if field != self._field:
            self._field = field
            self._value = next(_merge_ids)
        return self._value


def set_line(edit: QLineEdit, text: str) -> None:
    if edit.text() != text:
        with QSignalBlocker(edit):
            edit.setText(text)
            edit.setCursorPosition(0)


def plain_text(edit: QPlainTextEdit) -> str:
    """The text as typed. Unlike toPlainText, keeps non-breaking spaces, which a statement
    may hold and which must not turn into spaces just because the node was shown."""
    return _lines(edit.document().toRawText())


def _lines(text: str) -> str:
    return text.replace("\u2029", "\n").replace("\u2028", "\n")


def set_plain(edit: QPlainTextEdit, text: str) -> None:
    if plain_text(edit) != _lines(text):
        with QSignalBlocker(edit):
            edit.setWordWrapMode(wrap_mode_for(text))  # before the text: Qt lays it out at once
            edit.setPlainText(text)
        edit.document().setModified(False)


def set_checked(box: QCheckBox, checked: bool) -> None:
    if box.isChecked() != checked:
        with QSignalBlocker(box):
            box.setChecked(checked)


class TextField(QPlainTextEdit):
    """Multi-line text that says when the user enters and leaves it."""

    entered = Signal()
    left = Signal()

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        line = self.fontMetrics().lineSpacing()
        margins = self.contentsMargins()
        frame = 2 * self.frameWidth() + margins.top() + margins.bottom()
        self.setFixedHeight(line * lines + frame + 2 * round(self.document().documentMargin()))

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.entered.emit()

    def insertFromMimeData(self, source: QMimeData) -> None:
        # A pasted long word would be laid out in the slow mode before any signal could help.
        if wrap_mode_for(source.text()) != self.wordWrapMode():
            self.setWordWrapMode(wrap_mode_for(source.text() + plain_text(self)))
        super().insertFromMimeData(source)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class LineField(QLineEdit):
    """One line of text that says when the user enters it."""

    entered = Signal()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.entered.emit()


class DateField(QDateEdit):
    """A date edit that says when the user enters it."""

    entered = Signal()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.entered.emit()


class OptionalDateEdit(QWidget):
    """A date that may be absent: a "Set" checkbox and a date edit with a calendar popup.

    Ticking "Set" only offers a date (today, in the field and the calendar): the value
    changes, and `edited` is sent, once the user picks a date, so that a tick alone neither
    dates the evidence nor adds an undo step."""

    edited = Signal(object)
    """The user's new value: a date, or None when unchecked."""
    entered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox("Set")
        self.date_edit = DateField()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setMinimumDate(NO_DATE)
        self._value: dt.date | None = None
        """The date the document holds, or the one the user last picked."""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.date_edit, 1)
        self.check.toggled.connect(self._on_toggled)
        self.date_edit.dateChanged.connect(self._on_date_changed)
        self.date_edit.calendarWidget().clicked.connect(self._on_date_changed)
        self.date_edit.entered.connect(self.entered)
        self._show(None)

    def value(self) -> dt.date | None:
        return self._value

    def is_offering(self) -> bool:
        """Ticked, with a date offered that the user has not picked yet."""
        return self.check.isChecked() and self._value is None

    def set_value(self, day: dt.date | None) -> None:
        if day == self._value and not self.is_offering():
            return
        self._value = day
        with QSignalBlocker(self.check), QSignalBlocker(self.date_edit):
            self.check.setChecked(day is not None)
            self._show(day)

    def _show(self, day: dt.date | None, enabled: bool | None = None) -> None:
        self._mark_offered(enabled is not None)
        self.date_edit.setEnabled(day is not None if enabled is None else enabled)
        self.date_edit.setSpecialValueText("" if day is not None else "Not set")
        self.date_edit.setDate(qdate_of(day) if day is not None else NO_DATE)

    def _mark_offered(self, offered: bool) -> None:
        """An offered date is drawn in italics and says it is not set yet."""
        font = self.date_edit.font()
        if font.italic() != offered:
            font.setItalic(offered)
            self.date_edit.setFont(font)
        self.date_edit.setToolTip(OFFERED_TIP if offered else "")

    def _on_toggled(self, checked: bool) -> None:
        self.entered.emit()
        if checked:
            with QSignalBlocker(self.date_edit):
                self._show(dt.date.today(), enabled=True)  # offered, not yet chosen
            return
        with QSignalBlocker(self.date_edit):
            self._show(None)
        if self._value is not None:
            self._value = None
            self.edited.emit(None)

    def _on_date_changed(self, _date: QDate) -> None:
        """A date typed or picked (even the offered one, clicked in the calendar)."""
        if not self.check.isChecked():
            return
        picked = day_of(self.date_edit.date())
        if picked != self._value and self.date_edit.date() != NO_DATE:
            self._value = picked
            self._mark_offered(False)
            self.edited.emit(picked)
