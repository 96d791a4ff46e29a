"""The findings about one node, under its properties, so the reason for a mark is in view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from gsn_studio.analysis import Finding
from gsn_studio.app.panels.swatches import severity_icon
from gsn_studio.app.plain_text import plain_label

ICON_SIZE = 16


class NodeFindings(QWidget):
    """Read-only rows of severity icon and message; "None" when the node is fine. The rows'
    labels are kept and filled again for the next node, not made afresh: labels deleted
    later lay the panel out again after the window has repainted, and it repaints twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setColumnStretch(1, 1)
        self._none = QLabel("None")
        self._none.setEnabled(False)
        self._layout.addWidget(self._none, 0, 0, 1, 2)
        self._rows: list[tuple[QLabel, QLabel]] = []
        self._shown: list[Finding] | None = None
        self.show_findings([])

    def show_findings(self, findings: list[Finding]) -> None:
        if findings == self._shown:
            return
        self._shown = list(findings)
        while len(self._rows) < len(findings):
            icon = QLabel()
            icon.setAlignment(Qt.AlignmentFlag.AlignTop)
            message = plain_label()
            message.setWordWrap(True)
            message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row = len(self._rows) + 1  # below the "None" row, which hides meanwhile
            self._layout.addWidget(icon, row, 0)
            self._layout.addWidget(message, row, 1)
            self._rows.append((icon, message))
        self._none.setVisible(not findings)
        for index, (icon, message) in enumerate(self._rows):
            if index >= len(findings):
                icon.hide()
                message.hide()
                continue
            finding = findings[index]
            icon.setPixmap(severity_icon(finding.severity).pixmap(ICON_SIZE, ICON_SIZE))
            icon.setToolTip(finding.severity.value.capitalize())
            message.setText(finding.message)
            message.setAccessibleName(f"{finding.severity.value}: {finding.message}")
            icon.show()
            message.show()

    def messages(self) -> list[str]:
        return [finding.message for finding in self._shown or []]
