"""One review comment in full: its text, its replies, a box to reply, and its status.

Every button is one undoable edit through `Document.push`. A reply typed before pressing a
status button goes with it, as one step: "answered, because..." is a single act.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gsn_studio.app.comment_dialog import ask_author_name
from gsn_studio.app.document import Document
from gsn_studio.app.panels.review_model import local_time, target_label
from gsn_studio.model import Comment, CommentStatus, comment_edits
from gsn_studio.model.changes import Effects

STATUS_BUTTONS = (
    (CommentStatus.ANSWERED, "Answered", "The analyst has answered: the reviewer may now check"),
    (CommentStatus.RESOLVED, "Resolved", "Settled: the argument was changed or the answer holds"),
    (CommentStatus.REJECTED, "Rejected", "Not acted on: the comment does not apply"),
    (CommentStatus.OPEN, "Reopen", "Open again: the answer does not settle it"),
)


class CommentThread(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.comment_id: str | None = None
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        self.reply_edit = QPlainTextEdit()
        self.reply_edit.setPlaceholderText(
            "Write a reply; a status button below sends it with the new status"
        )
        self.reply_edit.setTabChangesFocus(True)
        self.reply_edit.setMaximumHeight(58)
        self.reply_button = QPushButton("Reply")
        self.reply_button.setToolTip("Add your reply to the thread (Ctrl+Return)")
        self.status_buttons: dict[CommentStatus, QPushButton] = {}
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Remove this comment and its replies (undoable)")
        statuses = QHBoxLayout()
        statuses.setSpacing(4)
        for status, label, tip in STATUS_BUTTONS:
            button = QPushButton(label)
            button.setToolTip(tip)
            button.setMinimumWidth(40)  # a narrow dock squeezes them rather than the window grow
            button.clicked.connect(lambda _=False, s=status: self.set_status(s))
            self.status_buttons[status] = button
            statuses.addWidget(button)
        replying = QHBoxLayout()
        replying.addWidget(self.reply_edit, 1)
        column = QVBoxLayout()
        column.addWidget(self.reply_button)
        column.addWidget(self.delete_button)
        column.addStretch(1)
        replying.addLayout(column)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.body, 1)
        layout.addLayout(replying)
        layout.addLayout(statuses)

        self.reply_button.clicked.connect(self.send_reply)
        send = QShortcut(QKeySequence("Ctrl+Return"), self.reply_edit)
        send.setContext(Qt.ShortcutContext.WidgetShortcut)
        send.activated.connect(self.send_reply)
        self.reply_edit.textChanged.connect(self._update_buttons)
        self.delete_button.clicked.connect(self.delete)
        document.changed.connect(self._on_changed)
        document.reset.connect(lambda: self.show_comment(None))
        self.show_comment(None)

    @property
    def comment(self) -> Comment | None:
        if self.comment_id is None:
            return None
        return next((c for c in self.document.case.comments if c.id == self.comment_id), None)

    def show_comment(self, comment_id: str | None) -> None:
        if comment_id != self.comment_id:
            self.reply_edit.clear()
        self.comment_id = comment_id
        self.refresh()

    def refresh(self) -> None:
        comment = self.comment
        if comment is None:
            self.header.setText("<i>Select a comment to read its thread and answer it.</i>")
            self.body.clear()
        else:
            self.header.setText(_header(self.document, comment))
            self.body.setHtml(_thread(comment))
        self._update_buttons()

    # -- the user's acts, each one undo step ------------------------------------------------

    def send_reply(self) -> bool:
        comment, text = self.comment, self.reply_edit.toPlainText().strip()
        if comment is None or not text:
            return False
        author = ask_author_name(self.window())
        if not author:
            self.document.refused.emit("a reply needs your name (set it in Edit > Preferences)")
            return False
        change, words = comment_edits.reply(comment, author, text)
        if self.document.push(change, words):
            self.reply_edit.clear()
            return True
        return False

    def set_status(self, status: CommentStatus) -> bool:
        comment = self.comment
        if comment is None or comment.status is status:
            return False
        text = self.reply_edit.toPlainText().strip()
        if text:  # the reply and the status as one step
            author = ask_author_name(self.window())
            if not author:
                self.document.refused.emit("a reply needs your name (set it in Preferences)")
                return False
            replied, _words = comment_edits.reply(comment, author, text)
            comment = replied.comment
        change, words = comment_edits.set_status(comment, status)
        if self.document.push(change, words):
            self.reply_edit.clear()
            return True
        return False

    def delete(self) -> bool:
        comment = self.comment
        if comment is None:
            return False
        change, words = comment_edits.remove(comment)
        return self.document.push(change, words)

    # -- following the document -------------------------------------------------------------

    def _on_changed(self, effects: Effects) -> None:
        if effects.comments or effects.removed or effects.added or effects.renamed:
            self.refresh()

    def _update_buttons(self) -> None:
        comment = self.comment
        has_text = bool(self.reply_edit.toPlainText().strip())
        self.reply_button.setEnabled(comment is not None and has_text)
        self.reply_edit.setEnabled(comment is not None)
        self.delete_button.setEnabled(comment is not None)
        for status, button in self.status_buttons.items():
            button.setEnabled(comment is not None and comment.status is not status)


def _header(document: Document, comment: Comment) -> str:
    kind = comment.kind.value.capitalize()
    meaning = comment_edits.KIND_MEANINGS[comment.kind]
    on = html.escape(target_label(document.case, comment))
    return (
        f"<b>{kind}</b> ({html.escape(meaning)}) on <b>{on}</b> · "
        f"<b>{comment.status.value}</b><br>"
        f"<span style='color:#616161'>{html.escape(comment.author)}, "
        f"{local_time(comment.time)}</span>"
    )


def _thread(comment: Comment) -> str:
    parts = [_paragraphs(comment.text)]
    for reply in comment.replies:
        parts.append(
            "<hr><p style='color:#616161'>"
            f"↳ <b>{html.escape(reply.author)}</b>, {local_time(reply.time)}</p>"
            + _paragraphs(reply.text)
        )
    return "".join(parts)


def _paragraphs(text: str) -> str:
    return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"
