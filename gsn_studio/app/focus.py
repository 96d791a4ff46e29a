"""Focus on one subtree: the canvas shows the node, what supports it and what hangs beside
them (the same part `gsn-studio export --root` draws), with a breadcrumb bar above it from a
top of the argument down to the focused node. Clicking a crumb focuses there, "Whole case"
or Esc leaves. Focus is the editor's view only: it is not saved and not undone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from gsn_studio.app.canvas import CanvasScene, CanvasView
from gsn_studio.app.document import Document
from gsn_studio.export.select import subtree
from gsn_studio.model.changes import Effects
from gsn_studio.model.diagram_view import path_to

WHOLE_CASE = "Whole case"


class BreadcrumbBar(QWidget):
    """ "Whole case › G1 › S1 › G3": each crumb a button, the last the focused node."""

    chosen = Signal(object)
    """A crumb was clicked: its node id, or None for the whole case."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("breadcrumbBar")
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(6, 2, 6, 2)
        self._row.setSpacing(2)
        self.crumbs: list[QToolButton] = []
        self.leave_button = QToolButton()
        self.leave_button.setText("Leave focus (Esc)")
        self.leave_button.clicked.connect(lambda: self.chosen.emit(None))
        self.hide()

    def show_path(self, path: list[tuple[str, str]]) -> None:
        """(node id, statement) from the top down to the focused node."""
        while (item := self._row.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None and widget is not self.leave_button:
                widget.deleteLater()
        self.crumbs = []
        steps: list[tuple[str | None, str, str]] = [(None, WHOLE_CASE, "Show the whole case")]
        steps += [(node_id, node_id, statement) for node_id, statement in path]
        for index, (node_id, text, tip) in enumerate(steps):
            if index:
                self._row.addWidget(QLabel("›"))
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setAutoRaise(True)
            last = index == len(steps) - 1
            button.setEnabled(not last)
            if last:
                font = button.font()
                font.setBold(True)
                button.setFont(font)
            button.clicked.connect(lambda _=False, n=node_id: self.chosen.emit(n))
            self._row.addWidget(button)
            self.crumbs.append(button)
        self._row.addStretch(1)
        self._row.addWidget(self.leave_button)


class Focus(QObject):
    """Which subtree the canvas is focused on, if any."""

    changed = Signal()

    def __init__(
        self, document: Document, scene: CanvasScene, view: CanvasView, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.document, self.scene, self.view = document, scene, view
        self.root: str | None = None
        self.bar = BreadcrumbBar()
        self.bar.chosen.connect(self.focus_on)
        document.reset.connect(self._forget)
        document.changed.connect(self._on_changed)
        view.installEventFilter(self)

    def wrap(self, canvas: QWidget) -> QWidget:
        """The canvas with the breadcrumb bar above it."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.bar)
        layout.addWidget(canvas, 1)
        return box

    def focus_on(self, node_id: str | None) -> None:
        """Show just this node's subtree (None: the whole case again)."""
        if node_id is not None and node_id not in self.document.case:
            return
        before, self.root = self.root, node_id
        self._show()
        if node_id is None:
            if before is not None and before in self.document.case:
                self.view.center_on_node(before)
        else:
            self.view.fit_all()
            self.scene.select_only([node_id])
        self.changed.emit()

    def _show(self) -> None:
        case, root = self.document.case, self.root
        if root is None:
            self.scene.folding.set_focus(None)
            self.bar.hide()
            return
        self.scene.folding.set_focus({node.id for node in subtree(case, root).nodes})
        self.bar.show_path([(i, case.node(i).statement) for i in path_to(case, root)])
        self.bar.show()

    def _forget(self) -> None:
        if self.root is not None:
            self.root = None
            self.bar.hide()
            self.changed.emit()

    def _on_changed(self, effects: Effects) -> None:
        if self.root is None:
            return
        for old, new in effects.renamed:
            if old == self.root:
                self.root = new
        if self.root not in self.document.case:
            self.focus_on(None)
        elif effects.links or effects.added or effects.removed or effects.renamed:
            self._show()  # a node added below the focused one shows at once

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Esc on the canvas leaves the focus, unless the canvas is using it (a text being
        edited, a link being drawn)."""
        if (
            self.root is not None
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.scene.focusItem() is None
            and not self.scene.connect_tool.active
        ):
            self.focus_on(None)
            return True
        return super().eventFilter(watched, event)
