"""The dashboard's line on acceptances: how many elements an assessor accepted, and each
stale acceptance with what changed (hidden when nothing was accepted)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from gsn_studio.analysis import Assessment
from gsn_studio.model import Case


class AcceptanceSummary(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stale: list[str] = []

    def show_case(self, case: Case, assessment: Assessment) -> None:
        accepted = sum(1 for node in case.nodes if node.acceptance is not None)
        self.stale = [f.message for f in assessment.findings if f.code == "acceptance-stale"]
        self.setVisible(accepted > 0)
        if not accepted:
            return
        head = f"Acceptances: {accepted} element{'s' if accepted != 1 else ''} accepted"
        if not self.stale:
            self.setText(f"{head}, <span style='color:#2e7d32'>none stale</span>")
            return
        items = "".join(f"<li>{html.escape(message)}</li>" for message in self.stale)
        self.setText(
            f"{head}, <b style='color:#8d5a00'>{len(self.stale)} stale</b>:"
            f"<ul style='margin:0'>{items}</ul>"
        )
