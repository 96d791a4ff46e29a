"""A defeater's standing: open, refuted (by evidence) or accepted, and what it challenges."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QWidget

from gsn_studio.app.document import Document
from gsn_studio.app.plain_text import plain_label
from gsn_studio.model import DefeaterStatus, LinkKind, Node
from gsn_studio.model.changes import UpdateNode

STATUS_CHOICES: tuple[tuple[DefeaterStatus, str, str], ...] = (
    (DefeaterStatus.OPEN, "Open", "Not yet settled: what it challenges counts as weakened"),
    (
        DefeaterStatus.REFUTED,
        "Refuted",
        "Shown not to hold by the refuting evidence below, for as long as that evidence holds",
    ),
    (DefeaterStatus.ACCEPTED, "Accepted", "Agreed to hold: what it challenges is defeated"),
)
UNDO_TEXTS = {
    DefeaterStatus.OPEN: "Reopen {id}",
    DefeaterStatus.REFUTED: "Mark {id} refuted",
    DefeaterStatus.ACCEPTED: "Mark {id} accepted",
}


class DefeaterForm(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._node_id = ""
        self.status = QComboBox()
        for row, (_status, label, tip) in enumerate(STATUS_CHOICES):
            self.status.addItem(label)
            self.status.setItemData(row, tip, Qt.ItemDataRole.ToolTipRole)
        self.status.setToolTip("Where this challenge stands")
        self.challenges = plain_label()
        self.challenges.setWordWrap(True)
        self.challenges.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Status", self.status)
        form.addRow("Challenges", self.challenges)
        self.status.activated.connect(self._on_status_chosen)

    def load(self, node: Node) -> None:
        self._node_id = node.id
        row = [choice[0] for choice in STATUS_CHOICES].index(node.defeater_status)
        if self.status.currentIndex() != row:
            with QSignalBlocker(self.status):
                self.status.setCurrentIndex(row)
        targets = [
            link.describe_target()
            for link in self.document.case.links
            if link.kind is LinkKind.CHALLENGES and link.source == node.id
        ]
        self.challenges.setText(", ".join(targets) if targets else "Nothing yet: link it")

    def _on_status_chosen(self, row: int) -> None:
        status = STATUS_CHOICES[row][0]
        node = self.document.case.get(self._node_id)
        if node is None or node.defeater_status is status:
            return
        text = UNDO_TEXTS[status].format(id=node.id)
        if not self.document.push(UpdateNode(node.id, {"defeater_status": status}), text):
            self.load(node)
