"""The Merge Conflicts panel: what git's merge driver left to decide, one conflict at a time,
with our, their and the base version side by side. Each button resolves the conflict in one
undoable step (`model.conflict_resolution.resolve`), so Undo brings the conflict back.

The dock opens by itself when a case with conflicts is opened, and lists nothing otherwise.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from gsn_studio.app.canvas.acceptance_badge import TAG_HEIGHT, AcceptanceTagItem
from gsn_studio.app.canvas.scene import CanvasScene
from gsn_studio.app.canvas.view import CanvasView
from gsn_studio.app.document import Document
from gsn_studio.app.panels.texts import count, first_line
from gsn_studio.app.selection import Selection
from gsn_studio.model import Node
from gsn_studio.model.conflict_resolution import can_edit, resolve
from gsn_studio.model.conflicts import ConflictOn, MergeConflict
from gsn_studio.notation.acceptance import AcceptanceMark

CONFLICT_MARK = AcceptanceMark("⇄ merge conflict", fill="#ffebee", edge="#c62828", text="#b71c1c")
"""The tag above an element with a recorded conflict (acceptance tags hang below)."""

SIDES = (("ours", "Ours"), ("theirs", "Theirs"), ("base", "Base (before both)"))


def shown_value(conflict: MergeConflict, side: str) -> str:
    """A side's version as a person reads it: text as it is, an element as its fields."""
    value = getattr(conflict, side)
    if side == "base" and conflict.added:
        return "(not in the base: both sides added it)"
    if conflict.is_whole:
        if value is None:
            return "(deleted)" if side != "base" else "(not in the base)"
        return _element_text(conflict, value)
    if value is None or value in ("", [], {}):
        return "(none)"
    if isinstance(value, str):
        return value
    return json.dumps(value, indent=2, ensure_ascii=False)


def _element_text(conflict: MergeConflict, value: Any) -> str:
    if not isinstance(value, dict):
        return json.dumps(value, indent=2, ensure_ascii=False)
    if conflict.on is ConflictOn.NODE:
        defaults = Node(id=conflict.subject, type=value.get("type", "Goal")).model_dump(mode="json")
        lines = [f"{value.get('type')} {conflict.subject}"]
        for key, item in value.items():
            if key not in ("id", "type", "position") and item != defaults.get(key):
                text = item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)
                lines.append(f"{key}: {text}")
        return "\n".join(lines)
    return "\n".join(f"{key}: {item}" for key, item in value.items() if item not in (None, ()))


class MergeConflictsPanel(QWidget):
    activated = Signal(str)
    """A conflict on a node was chosen: show the node."""

    def __init__(
        self, document: Document, selection: Selection, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.selection = selection
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.listing = QListWidget()
        self.listing.setMinimumWidth(150)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.RichText)
        self.versions: dict[str, QPlainTextEdit] = {}
        self.pick_buttons: dict[str, QPushButton] = {}
        self.edited = QPlainTextEdit()
        self.edited.setPlaceholderText("Write your own version here (text fields only)")
        self.use_edited = QPushButton("Use My Version")
        self.use_edited.setToolTip("Put the text above in place and close the conflict")
        self._shown: list[MergeConflict] | None = None
        self._lay_out()
        self.listing.currentRowChanged.connect(self._on_row)
        self.use_edited.clicked.connect(self._use_edited)
        document.changed.connect(lambda _effects: self.refresh())
        document.reset.connect(self._on_reset)
        self.refresh()

    def _lay_out(self) -> None:
        detail = QWidget()
        grid = QGridLayout(detail)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.problem, 0, 0, 1, len(SIDES))
        for column, (side, title) in enumerate(SIDES):
            grid.setColumnStretch(column, 1)
            grid.addWidget(QLabel(f"<b>{title}</b>"), 1, column)
            version = QPlainTextEdit()
            version.setReadOnly(True)
            version.setObjectName(f"{side}Version")
            self.versions[side] = version
            grid.addWidget(version, 2, column)
            if side != "base":
                button = QPushButton("Keep Ours" if side == "ours" else "Take Theirs")
                button.setToolTip(f"Resolve with {side} version, in one undoable step")
                button.clicked.connect(lambda _=False, chosen=side: self._pick(chosen))
                self.pick_buttons[side] = button
                grid.addWidget(button, 3, column)
        grid.addWidget(self.edited, 4, 0, 1, len(SIDES) - 1)
        grid.addWidget(self.use_edited, 4, len(SIDES) - 1, Qt.AlignmentFlag.AlignTop)
        grid.setRowStretch(2, 3)
        grid.setRowStretch(4, 1)
        self.detail = detail
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.listing)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

    # -- what it shows -------------------------------------------------------------------------

    @property
    def conflicts(self) -> list[MergeConflict]:
        return self.document.case.conflicts

    def refresh(self) -> None:
        """List the conflicts again, if they changed (an edit elsewhere leaves the list, the
        chosen row and the half-written version alone)."""
        if self._shown == self.conflicts:
            return
        self._shown = list(self.conflicts)
        row = max(self.listing.currentRow(), 0)
        self.listing.blockSignals(True)
        self.listing.clear()
        for conflict in self.conflicts:
            item = QListWidgetItem(conflict.describe())
            item.setToolTip(conflict.problem())
            self.listing.addItem(item)
        total = len(self.conflicts)
        self.listing.setCurrentRow(min(row, total - 1))
        self.listing.blockSignals(False)
        self.summary.setText(
            f"{count(total, 'merge conflict')} left by git's merge: choose a version of each; "
            "Check reports each one until then."
            if total
            else "No merge conflicts: the case's last merge settled everything."
        )
        self.detail.setEnabled(bool(total))
        self._show_conflict(self.listing.currentRow())

    def _show_conflict(self, row: int) -> None:
        conflict = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        self.problem.setText(
            ""
            if conflict is None
            else f"<b>{escape(_sentence(conflict.problem()))}</b> {_holding(conflict)}."
        )
        for side, version in self.versions.items():
            version.setPlainText("" if conflict is None else shown_value(conflict, side))
        for side, button in self.pick_buttons.items():
            verb = "Keep Ours" if side == "ours" else "Take Theirs"
            deletes = conflict is not None and conflict.is_whole and getattr(conflict, side) is None
            button.setText(f"{verb} (Delete)" if deletes else verb)
        editable = conflict is not None and can_edit(conflict)
        self.edited.setEnabled(editable)
        self.use_edited.setEnabled(editable)
        self.edited.setPlainText(
            str(conflict.ours or "") if editable and conflict is not None else ""
        )

    def _on_row(self, row: int) -> None:
        self._show_conflict(row)
        self._go_to_current()

    def _on_reset(self) -> None:
        self._shown = None
        self.refresh()
        self._go_to_current(show=False)  # the window fits the opened case itself

    def _go_to_current(self, show: bool = True) -> None:
        """Select the node the current conflict is on, and (on request) show it."""
        conflict = self._current()
        if conflict is None or conflict.on is not ConflictOn.NODE:
            return
        if conflict.subject in self.document.case:
            self.selection.set([conflict.subject], source=self)
            if show:
                self.activated.emit(conflict.subject)

    # -- resolving -----------------------------------------------------------------------------

    def _pick(self, side: str) -> None:
        self.resolve_current(getattr(self._current(), side), f"take {side}")

    def _use_edited(self) -> None:
        self.resolve_current(self.edited.toPlainText(), "use an edited version")

    def resolve_current(self, value: Any, how: str) -> bool:
        conflict = self._current()
        if conflict is None:
            return False
        row = self.listing.currentRow()
        try:
            change = resolve(self.document.case, row, value)
        except ValueError as error:
            self.document.refused.emit(str(error))
            return False
        done = self.document.push(change, f"Resolve conflict on {conflict.describe()}: {how}")
        if done:
            self._go_to_current()  # on to the next one
        return done

    def _current(self) -> MergeConflict | None:
        row = self.listing.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None


def _holding(conflict: MergeConflict) -> str:
    """Which version the case holds until someone chooses."""
    if conflict.is_whole and conflict.ours is None:
        return "The case holds theirs meanwhile"
    return "The case holds ours meanwhile"


def _sentence(text: str) -> str:
    line = first_line(text, 300)
    return line[:1].upper() + line[1:] + "."


class ConflictTagItem(AcceptanceTagItem):
    """Sits on the element's top left corner: clear of the status badge (top right), the
    incoming link (top centre) and acceptance tags (below)."""

    def show_mark(self, mark: AcceptanceMark, tip: str) -> None:
        super().show_mark(mark, tip)
        self.prepareGeometryChange()
        width = self._rect.width()
        self._rect = QRectF(0, -TAG_HEIGHT - 3, width, TAG_HEIGHT)


class ConflictTags(QObject):
    """A tag above every element with a recorded conflict, its tooltip saying what."""

    def __init__(self, scene: CanvasScene, document: Document) -> None:
        super().__init__(scene)
        self.scene = scene
        self.document = document
        self._tags: dict[str, AcceptanceTagItem] = {}
        document.changed.connect(lambda _effects: self.refresh())
        document.reset.connect(self.refresh)
        self.refresh()

    def tag_for(self, node_id: str) -> AcceptanceTagItem | None:
        return self._tags.get(node_id)

    def refresh(self) -> None:
        problems: dict[str, list[str]] = {}
        for conflict in self.document.case.conflicts:
            if conflict.on is ConflictOn.NODE:
                problems.setdefault(conflict.subject, []).append(_sentence(conflict.problem()))
        for tag in self._tags.values():
            if isValid(tag) and tag.scene() is not None:  # a deleted node took its tag along
                tag.scene().removeItem(tag)
        self._tags = {}
        for node_id, lines in problems.items():
            item = self.scene.item_for(node_id)
            if item is None:
                continue
            tag = ConflictTagItem(item)
            tag.setPos(QPointF(-item.geometry.half_width, -item.geometry.half_height))
            tag.show_mark(CONFLICT_MARK, "\n".join(lines))
            self._tags[node_id] = tag


class MergeConflictsDock:
    """Adds the panel to the window as a dock, listed in the View menu, that comes forward
    whenever a case with conflicts is opened."""

    def __init__(
        self,
        window: QMainWindow,
        *,
        docks: dict[str, QDockWidget],
        document: Document,
        selection: Selection,
        scene: CanvasScene,
        view: CanvasView,
    ) -> None:
        self.panel = MergeConflictsPanel(document, selection)
        self.panel.activated.connect(view.center_on_node)
        self.tags = ConflictTags(scene, document)
        self.dock = QDockWidget("Merge Conflicts", window)
        self.dock.setObjectName("mergeConflictsDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        docks["merge_conflicts"] = self.dock
        self.document = document
        self.dock.hide()
        document.reset.connect(self._on_reset)

    def _on_reset(self) -> None:
        if self.document.case.conflicts:
            self.dock.show()
            self.dock.raise_()
