"""Text from a case, shown as text. Qt guesses whether a label's, a tooltip's or a message
box's text is HTML, and would then load `<img src="/any/file">` from a shared case's comment:
every widget that shows case text goes through these, which never let it guess."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

LONG_WORD = 1000
"""A run of this many characters without a space is wrapped anywhere (see wrap_mode_for)."""
_LONG_WORD = re.compile(rf"\S{{{LONG_WORD}}}")
TIP_CHARACTERS = 2000
"""A tooltip shows at most this much of a text; the panels show the rest."""


def plain_label(text: str = "") -> QLabel:
    """A label that shows its text literally, whatever it holds."""
    label = QLabel()
    make_plain(label)
    label.setText(text)
    return label


def make_plain(*labels: QLabel) -> None:
    for label in labels:
        label.setTextFormat(Qt.TextFormat.PlainText)


def as_rich_text(text: str, limit: int | None = None) -> str:
    """Text for a place where Qt guesses the format (tooltips, message boxes) that shows it
    literally. Qt only guesses rich text from something like a tag, so text without "<" is
    already safe as it is; other text is escaped and put in a paragraph, a form Qt always
    takes as rich text. Line breaks are kept; limit clips a long text."""
    if limit is not None and len(text) > limit:
        text = text[:limit] + " …"
    if "<" not in text:
        return text
    return "<p style='white-space:pre-wrap'>" + html.escape(text).replace("\n", "<br>") + "</p>"


def tip(text: str) -> str:
    """A tooltip for text from a case; empty stays empty (no tooltip)."""
    return as_rich_text(text, TIP_CHARACTERS) if text else ""


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """A critical message box whose text (often naming a file or quoting one) is shown
    literally."""
    QMessageBox.critical(parent, title, as_rich_text(text))


def show_warning(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, as_rich_text(text))


def wrap_mode_for(text: str) -> QTextOption.WrapMode:
    """How a text editor should wrap this text. Qt's default (at word boundaries, else
    anywhere) is quadratic in a word with no spaces: a 100,000-character word froze the
    properties panel for half a minute. Such text is wrapped anywhere, which is linear."""
    if _LONG_WORD.search(text):
        return QTextOption.WrapMode.WrapAnywhere
    return QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
