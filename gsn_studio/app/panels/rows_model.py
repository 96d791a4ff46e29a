"""What the panels' tables share: a read-only table over the rows a filter lets through."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

ModelIndex = QModelIndex | QPersistentModelIndex
NO_INDEX = QModelIndex()
Row = TypeVar("Row")


class RowsModel(QAbstractTableModel, Generic[Row]):
    """One row per item of `shown`, one column per header in `columns`. Subclasses fill
    `shown` (between beginResetModel and endResetModel) and answer `data`."""

    columns: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[Row] = []

    def row_at(self, index: ModelIndex) -> Row | None:
        if not index.isValid() or not 0 <= index.row() < len(self.shown):
            return None
        return self.shown[index.row()]

    def rowCount(self, parent: ModelIndex = NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: ModelIndex = NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        return None
