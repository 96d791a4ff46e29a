"""The small dialog that writes a review comment: what it is on, what kind, and the text.
Also the reviewer's name, asked once and kept with the other preferences."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gsn_studio.app.panels.texts import first_line
from gsn_studio.app.plain_text import plain_label
from gsn_studio.app.user_name import ask_user_name
from gsn_studio.model import Case, CommentKind
from gsn_studio.model.comment_edits import KIND_MEANINGS, Target


def ask_author_name(parent: QWidget | None) -> str:
    return ask_user_name(parent, "sign your review comments and replies with")


def targets_near(case: Case, node_id: str) -> list[Target]:
    """The node and every link that joins it to another node: what a comment on it may be
    about. A challenge to a link has no ends of its own to name, so it is left out."""
    targets = [Target(node_id)]
    for link in case.links:
        if link.via is None and node_id in (link.source, link.target):
            target = Target.of_link(link)
            if target not in targets:
                targets.append(target)
    return targets


class CommentDialog(QDialog):
    def __init__(
        self,
        case: Case,
        targets: list[Target],
        author: str,
        parent: QWidget | None = None,
        chosen: Target | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add Review Comment")
        self.target_box = QComboBox()
        for target in targets:
            self.target_box.addItem(_target_label(case, target))
        self._targets = targets
        if chosen in targets:
            self.target_box.setCurrentIndex(targets.index(chosen))
        self.kinds = QButtonGroup(self)
        kind_rows = QVBoxLayout()
        kind_rows.setSpacing(2)
        for index, (kind, meaning) in enumerate(KIND_MEANINGS.items()):
            button = QRadioButton(f"{kind.value.capitalize()}: {meaning}")
            button.setChecked(index == 0)
            self.kinds.addButton(button, index)
            kind_rows.addWidget(button)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("What should the analyst answer or change?")
        self.text.setTabChangesFocus(True)
        signed = plain_label(f"Signed {author}")
        signed.setEnabled(False)

        form = QFormLayout()
        form.addRow("On", self.target_box)
        form.addRow("Kind", kind_rows)
        form.addRow("Comment", self.text)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Add Comment")
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(
            lambda: self.ok.setEnabled(bool(self.text.toPlainText().strip()))
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(signed)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.text.setFocus()

    @property
    def target(self) -> Target:
        return self._targets[self.target_box.currentIndex()]

    @property
    def kind(self) -> CommentKind:
        return list(KIND_MEANINGS)[max(self.kinds.checkedId(), 0)]

    def set_kind(self, kind: CommentKind) -> None:
        button = self.kinds.button(list(KIND_MEANINGS).index(kind))
        if button is not None:
            button.setChecked(True)

    @property
    def comment_text(self) -> str:
        return self.text.toPlainText().strip()


def _target_label(case: Case, target: Target) -> str:
    if target.via is not None:
        return target.describe()
    node = case.get(target.node)
    statement = first_line(node.statement, 60) if node is not None else ""
    return f"{target.node}: {statement}" if statement else target.node
