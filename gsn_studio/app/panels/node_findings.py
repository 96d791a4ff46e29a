"""The findings about one node, under its properties, so the reason for a mark is in view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from gsn_studio.analysis import Finding
from gsn_studio.app.panels.swatches import severity_icon
from gsn_studio.app.plain_text import plain_label

ICON_SIZE = 16


class NodeFindings(QWidget):
    """Read-only rows of severity icon and message; "None" when the node is fine."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setColumnStretch(1, 1)
        self._shown: list[Finding] | None = None
        self.show_findings([])

    def show_findings(self, findings: list[Finding]) -> None:
        if findings == self._shown:
            return
        self._shown = list(findings)
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.hide()  # gone from view now, deleted when control returns to Qt
                widget.deleteLater()
        if not findings:
            none = QLabel("None")
            none.setEnabled(False)
            self._layout.addWidget(none, 0, 0, 1, 2)
            return
        for row, finding in enumerate(findings):
            icon = QLabel()
            icon.setPixmap(severity_icon(finding.severity).pixmap(ICON_SIZE, ICON_SIZE))
            icon.setToolTip(finding.severity.value.capitalize())
            icon.setAlignment(Qt.AlignmentFlag.AlignTop)
            message = plain_label(finding.message)
            message.setWordWrap(True)
            message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            message.setAccessibleName(f"{finding.severity.value}: {finding.message}")
            self._layout.addWidget(icon, row, 0)
            self._layout.addWidget(message, row, 1)

    def messages(self) -> list[str]:
        return [finding.message for finding in self._shown or []]
