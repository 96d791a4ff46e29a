"""Find a node by id or by words of its statement, and select it."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from gsn_studio.app.document import Document
from gsn_studio.app.selection import Selection
from gsn_studio.model import Case
from gsn_studio.model.changes import Effects

NOT_FOUND_TINT = "#fde2e2"


def matches(case: Case, text: str) -> list[str]:
    """Ids whose id or statement holds text (any case): an exact id first, then node order."""
    needle = text.strip().lower()
    if not needle:
        return []
    exact = [node.id for node in case.nodes if node.id.lower() == needle]
    found = [
        node.id
        for node in case.nodes
        if node.id not in exact and (needle in node.id.lower() or needle in node.statement.lower())
    ]
    return list(dict.fromkeys(exact + found))


def next_match(case: Case, text: str, current: str | None) -> str | None:
    """The match after the current node, wrapping; the exact id first when elsewhere."""
    found = matches(case, text)
    if not found:
        return None
    if current in found:
        return found[(found.index(current) + 1) % len(found)]
    exact = found[0].lower() == text.strip().lower()
    if exact or current is None or current not in case:
        return found[0]
    order = {node.id: i for i, node in enumerate(case.nodes)}
    after = [node_id for node_id in found if order[node_id] > order[current]]
    return after[0] if after else found[0]


class SearchBox(QLineEdit):
    activated = Signal(str)
    """A node was found and selected: show it on the canvas."""
    not_found = Signal(str)
    """Nothing matches the text."""

    def __init__(
        self, document: Document, selection: Selection, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.selection = selection
        self.setPlaceholderText("Find node by id or text (Ctrl+F)")
        self.setClearButtonEnabled(True)
        self._ids = QStringListModel(self)
        self._ids_stale = True
        completer = QCompleter(self._ids, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self._normal_base = self.palette().color(QPalette.ColorRole.Base)
        # Ctrl+F belongs to Edit > Find, which calls focus_and_select: a second owner of the
        # key would make Qt drop it as ambiguous, and the next letters would edit the canvas.

        self.returnPressed.connect(self.find_next)
        self.textEdited.connect(lambda _text: self._tint(False))
        document.reset.connect(self._mark_ids_stale)
        document.changed.connect(self._on_changed)

    def focus_and_select(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def find_next(self) -> str | None:
        """Select the next match and say so; tint the field when there is none."""
        text = self.text()
        if not text.strip():
            return None
        found = next_match(self.document.case, text, self.selection.current)
        self._tint(found is None)
        if found is None:
            self.not_found.emit(text)
            return None
        self.selection.set([found], source=self)
        self.activated.emit(found)
        return found

    def is_tinted(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base) != self._normal_base

    def _tint(self, on: bool) -> None:
        if on == self.is_tinted():
            return
        palette = self.palette()
        base = QColor(NOT_FOUND_TINT) if on else self._normal_base
        palette.setColor(QPalette.ColorRole.Base, base)
        self.setPalette(palette)

    # -- the completer's ids -------------------------------------------------------------

    def _on_changed(self, effects: Effects) -> None:
        if effects.added or effects.removed or effects.renamed:
            self._mark_ids_stale()

    def _mark_ids_stale(self) -> None:
        self._ids_stale = True
        if self.hasFocus():
            self._load_ids()

    def _load_ids(self) -> None:
        if self._ids_stale:
            self._ids.setStringList(list(dict.fromkeys(n.id for n in self.document.case.nodes)))
            self._ids_stale = False

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._load_ids()
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self._tint(False)
            return
        super().keyPressEvent(event)
