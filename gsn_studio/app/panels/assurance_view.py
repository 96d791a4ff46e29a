"""Why a node has its status: the assurance level and the chain to each cause, such as
"G1 weakened: Sn4 expired on 2025-11-30 via S1 → G5"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from gsn_studio.analysis import NodeAssurance
from gsn_studio.app.panels.texts import mark_meaning
from gsn_studio.notation.palette import STATUS_MARKS, Status

SHOWN_REASONS = 8
"""Reasons listed before "Show all": the top goal of a large case can have hundreds."""
SUPPORTED_TEXT = "Everything it rests on holds as of {day}"


class AssuranceView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.PlainText)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.more_button = QPushButton()
        self.more_button.setFlat(True)
        self.more_button.setStyleSheet("text-align: left; padding: 0; color: palette(link);")
        self.more_button.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.reasons)
        layout.addWidget(self.more_button)
        self.more_button.clicked.connect(self._toggle_all)
        self._lines: list[str] = []
        self._all = False
        self._key: tuple[object, ...] | None = None

    def show_assurance(
        self, node_id: str, assurance: NodeAssurance | None, mark: Status, day: str
    ) -> None:
        key = (node_id, assurance, mark, day)
        if key == self._key:
            return
        if self._key is None or self._key[0] != node_id:
            self._all = False
        self._key = key
        if assurance is None:
            self.status.setText("Not judged")
            self._lines = []
        else:
            status = mark if mark in STATUS_MARKS else Status(assurance.status.value)
            look = STATUS_MARKS[status]
            meaning = mark_meaning(status)
            self.status.setText(f"<b style='color:{look.stroke}'>{look.badge}</b> &nbsp;{meaning}")
            self.status.setToolTip(look.label)
            self._lines = assurance.explain(node_id) or [SUPPORTED_TEXT.format(day=day)]
        self._show_lines()

    def lines(self) -> list[str]:
        """Every reason line, shown or folded away."""
        return list(self._lines)

    def _toggle_all(self) -> None:
        self._all = not self._all
        self._show_lines()

    def _show_lines(self) -> None:
        shown = self._lines if self._all else self._lines[:SHOWN_REASONS]
        self.reasons.setText("\n".join(f"• {line}" for line in shown))
        hidden = len(self._lines) - SHOWN_REASONS
        self.more_button.setVisible(hidden > 0)
        self.more_button.setText("Show fewer" if self._all else f"Show all {len(self._lines)}")
