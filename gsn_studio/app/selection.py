"""Which nodes are selected, shared by the canvas, the outline and the properties panel."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal


class Selection(QObject):
    changed = Signal(object)
    """The object that made the change (a view ignores its own), or None."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids: list[str] = []

    @property
    def ids(self) -> list[str]:
        return list(self._ids)

    @property
    def current(self) -> str | None:
        """The one selected node, or None when none or several are selected."""
        return self._ids[0] if len(self._ids) == 1 else None

    def set(self, ids: Iterable[str], source: object | None = None) -> None:
        new = list(dict.fromkeys(ids))
        if new != self._ids:
            self._ids = new
            self.changed.emit(source)

    def rename(self, old: str, new: str) -> None:
        if old in self._ids:
            self.set([new if i == old else i for i in self._ids])

    def discard(self, ids: Iterable[str]) -> None:
        gone = set(ids)
        if gone & set(self._ids):
            self.set([i for i in self._ids if i not in gone])
