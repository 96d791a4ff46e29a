"""File > Open Portfolio: the management-review table of every case in a folder, the same rows
`gsn-studio portfolio` prints, kept current as the files change; double-click opens a case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gsn_studio.analysis import Level
from gsn_studio.analysis.portfolio import UNREADABLE
from gsn_studio.cli.common import UsageError
from gsn_studio.cli.portfolio import HEADERS, Entry, case_files, cells, gather
from gsn_studio.notation.palette import STATUS_MARKS, Status

VERDICT_COLUMN = HEADERS.index("Verdict")
REFRESH_DELAY_MS = 300
"""Saves come in bursts (write, rename): wait for the burst to end before reading again."""


class PortfolioWindow(QWidget):
    open_requested = Signal(Path)
    """A row was double-clicked: open that case in the editor."""

    def __init__(
        self, targets: list[Path], as_of: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.targets = targets
        self.as_of = as_of
        self.entries: list[Entry] = []
        self.setWindowTitle(f"Portfolio: {', '.join(t.name or str(t) for t in targets)}")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)

        self.watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.watcher.fileChanged.connect(lambda _path: self._timer.start())
        self.watcher.directoryChanged.connect(lambda _path: self._timer.start())
        self.table.cellDoubleClicked.connect(self._open_row)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_details(row))
        self.resize(1000, 360)
        self.refresh()

    def refresh(self) -> None:
        """Read every case again and rebuild the rows; watch what is there now."""
        day = self.as_of or dt.date.today()
        try:
            self.entries = gather(self.targets, day)
        except UsageError as error:
            self.entries = []
            self.summary.setText(str(error))
        self._fill(day)
        self._watch()

    def _fill(self, day: dt.date) -> None:
        current = self.table.currentRow()
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            for column, text in enumerate(cells(entry.row, day)):
                item = QTableWidgetItem(text)
                item.setToolTip(_tooltip(entry))
                if column == VERDICT_COLUMN:
                    _colour(item, entry.row.verdict)
                self.table.setItem(row, column, item)
        standing = sum(1 for e in self.entries if e.row.verdict == Level.SUPPORTED)
        if self.entries:
            self.summary.setText(
                f"<b>{len(self.entries)} systems</b> as of {day.isoformat()}: "
                f"{standing} whose argument stands, {len(self.entries) - standing} to review. "
                "Double-click a row to open the case."
            )
        if 0 <= current < len(self.entries):
            self.table.selectRow(current)
        self._show_details(self.table.currentRow())

    def _watch(self) -> None:
        for paths in (self.watcher.files(), self.watcher.directories()):
            if paths:
                self.watcher.removePaths(paths)
        folders = {str(t) for t in self.targets if t.is_dir()}
        try:
            files = {str(path) for path in case_files(self.targets)}
        except UsageError:
            files = set()
        # New cases appear in folders below the ones given, so watch those too.
        folders |= {str(Path(f).parent) for f in files}
        if folders:
            self.watcher.addPaths(sorted(folders))
        if files:
            self.watcher.addPaths(sorted(files))

    def _show_details(self, row: int) -> None:
        if not 0 <= row < len(self.entries):
            self.details.setText("")
            return
        self.details.setText(_tooltip(self.entries[row]).replace("\n", "<br>"))

    def _open_row(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.entries):
            self.open_requested.emit(self.entries[row].file)


def _tooltip(entry: Entry) -> str:
    row = entry.row
    lines = [f"<b>{_escape(row.name)}</b> ({_escape(row.path)})"]
    if row.problem:
        lines.append(_escape(row.problem))
    lines += [
        f"{c.claim}: {_escape(c.statement)} <i>({_escape(c.detection)})</i>" for c in row.conditions
    ]
    return "\n".join(lines)


def _colour(item: QTableWidgetItem, verdict: str) -> None:
    if verdict == UNREADABLE:
        item.setForeground(QBrush(QColor("#c62828")))
        return
    try:
        mark = STATUS_MARKS[Status(verdict)]
    except (ValueError, KeyError):
        return
    item.setBackground(QBrush(QColor(mark.fill)))
    item.setForeground(QBrush(QColor(mark.stroke)))
    font = item.font()
    font.setBold(verdict != Level.SUPPORTED)  # not by colour alone: the word and its weight
    item.setFont(font)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
