"""The Compare panel: the differences from the other version, one a line, with Previous and
Next to step through them on the canvas, and End Comparison."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gsn_studio.app.canvas.compare_items import ADDED_COLOUR, CHANGED_COLOUR, REMOVED_COLOUR
from gsn_studio.app.plain_text import plain_label

if TYPE_CHECKING:
    from gsn_studio.app.compare import DiffEntry

IDLE_TEXT = "No comparison: File > Compare With… shows what differs from another version."
SIGN_COLOURS = {"+": ADDED_COLOUR, "~": CHANGED_COLOUR, "−": REMOVED_COLOUR}


class ComparePanel(QWidget):
    chosen = Signal(int)
    """The user picked a difference (by its number): show it on the canvas."""
    end_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[DiffEntry] = []
        self.active = False
        self.summary = plain_label(IDLE_TEXT)
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setUniformItemSizes(True)
        self.previous_button = QPushButton("Previous")
        self.previous_button.setToolTip("The difference before this one (Shift+F8)")
        self.next_button = QPushButton("Next")
        self.next_button.setToolTip("The next difference (F8)")
        self.end_button = QPushButton("End Comparison")
        steps = QHBoxLayout()
        steps.addWidget(self.previous_button)
        steps.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(steps)
        layout.addWidget(self.end_button)

        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.end_button.clicked.connect(self.end_requested)
        self.list.currentRowChanged.connect(self._on_row)
        self.list.itemClicked.connect(lambda item: self.chosen.emit(self.list.row(item)))
        self._update_buttons()

    def show_entries(self, entries: Sequence[DiffEntry], title: str) -> None:
        """List the differences, keeping the current line when it is still there."""
        current = self.list.currentItem()
        kept = current.text() if current is not None else None
        self.entries = list(entries)
        self.list.blockSignals(True)
        self.list.clear()
        for entry in entries:
            item = QListWidgetItem(f"{entry.sign} {entry.text}")
            item.setForeground(QBrush(QColor(SIGN_COLOURS.get(entry.sign, "#000000"))))
            self.list.addItem(item)
        matches = self.list.findItems(kept, Qt.MatchFlag.MatchExactly) if kept else []
        if matches:
            self.list.setCurrentItem(matches[0])
        self.list.blockSignals(False)
        self.summary.setText(title)
        self.active = True
        self._update_buttons()

    def clear(self) -> None:
        self.entries, self.active = [], False
        self.list.clear()
        self.summary.setText(IDLE_TEXT)
        self._update_buttons()

    def step(self, by: int) -> int | None:
        """Move to the next (1) or previous (-1) difference, wrapping round; its number."""
        count = self.list.count()
        if count == 0:
            return None
        row = self.list.currentRow()
        row = (0 if by > 0 else count - 1) if row < 0 else (row + by) % count
        self.list.setCurrentRow(row)
        return row

    def _on_row(self, row: int) -> None:
        self._update_buttons()
        if row >= 0:
            self.chosen.emit(row)

    def _update_buttons(self) -> None:
        has = self.list.count() > 0
        self.previous_button.setEnabled(has)
        self.next_button.setEnabled(has)
        self.end_button.setEnabled(self.active)
