"""Making a panel's fields read-only for review mode, while keeping them readable.

Text fields stay selectable and scrollable (a reviewer copies a statement into a comment),
drawn on the window's colour so that they do not look as if they took typing; boxes and
lists that can only edit are greyed out. Buttons are left alone: those in the
panels open, copy or unfold things, and the one that edits (Mark Verified) is refused by
the document like every other edit.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTextEdit,
    QWidget,
)

_CHANGED_BY_US = "gsnLockedForReview"
"""A property on the fields we locked, so that unlocking frees only those (a field that is
read-only by design, such as a hash, stays so)."""
_BASE_BEFORE = "gsnBaseBeforeReview"


def lock_fields(root: QWidget, locked: bool) -> None:
    """Set every field under `root` read-only (or back). Safe to call again after the panel
    has shown another node: it only touches fields that are not already as wanted."""
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox):
            if _is_ours(widget):
                continue
            if locked and not widget.isReadOnly():
                widget.setReadOnly(True)
                widget.setProperty(_CHANGED_BY_US, True)
                _look_read_only(widget, True)
            elif not locked and widget.property(_CHANGED_BY_US):
                widget.setReadOnly(False)
                widget.setProperty(_CHANGED_BY_US, False)
                _look_read_only(widget, False)
        elif isinstance(widget, QComboBox | QCheckBox | QRadioButton):
            if locked and widget.isEnabled():
                widget.setEnabled(False)
                widget.setProperty(_CHANGED_BY_US, True)
            elif not locked and widget.property(_CHANGED_BY_US):
                widget.setEnabled(True)
                widget.setProperty(_CHANGED_BY_US, False)


def _look_read_only(widget: QWidget, on: bool) -> None:
    """The field's background takes the window's colour, or its own back."""
    palette = widget.palette()
    if on:
        widget.setProperty(_BASE_BEFORE, palette.color(QPalette.ColorRole.Base))
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
    else:
        base = widget.property(_BASE_BEFORE)
        if not isinstance(base, QColor):
            return
        palette.setColor(QPalette.ColorRole.Base, base)
    widget.setPalette(palette)


def _is_ours(widget: QObject) -> bool:
    """A QLineEdit inside a QComboBox or spin box belongs to it: leave it to its owner."""
    parent = widget.parent()
    return isinstance(parent, QComboBox | QAbstractSpinBox)
