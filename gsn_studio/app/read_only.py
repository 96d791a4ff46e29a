"""Making a panel's fields read-only for review mode, while keeping them readable.

Text fields stay selectable and scrollable (a reviewer copies a statement into a comment);
boxes and lists that can only edit are greyed out. Buttons are left alone: those in the
panels open, copy or unfold things, and the one that edits (Mark Verified) is refused by
the document like every other edit.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
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
            elif not locked and widget.property(_CHANGED_BY_US):
                widget.setReadOnly(False)
                widget.setProperty(_CHANGED_BY_US, False)
        elif isinstance(widget, QComboBox | QCheckBox | QRadioButton):
            if locked and widget.isEnabled():
                widget.setEnabled(False)
                widget.setProperty(_CHANGED_BY_US, True)
            elif not locked and widget.property(_CHANGED_BY_US):
                widget.setEnabled(True)
                widget.setProperty(_CHANGED_BY_US, False)


def _is_ours(widget: QObject) -> bool:
    """A QLineEdit inside a QComboBox or spin box belongs to it: leave it to its owner."""
    parent = widget.parent()
    return isinstance(parent, QComboBox | QAbstractSpinBox)
