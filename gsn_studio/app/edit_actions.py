"""The window's editing tools: adding an element (one key on the canvas, linked below or
beside the selected node when GSN allows), link mode, the hand tool, and auto-layout of the
case or of the selection (and the first layout of a file opened without positions).

Each edit is one undo step through `Document.push`; a refusal goes out through the
document's `refused` signal, as every other edit's does.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from gsn_studio.app import editing
from gsn_studio.app.canvas import CanvasScene, CanvasView
from gsn_studio.app.document import Document
from gsn_studio.app.icons import type_icon
from gsn_studio.app.layout_runner import LayoutRunner
from gsn_studio.app.memory import freeze_long_lived
from gsn_studio.app.panels.legend import MEANINGS
from gsn_studio.app.selection import Selection
from gsn_studio.model import Case, ModelError, NodeType, Position, kind_for
from gsn_studio.model.changes import MoveNodes

# Element types, their menu names and their one-key shortcuts on the canvas.
ELEMENTS = (
    (NodeType.GOAL, "&Goal", "G"),
    (NodeType.STRATEGY, "&Strategy", "S"),
    (NodeType.SOLUTION, "S&olution", "N"),
    (NodeType.CONTEXT, "&Context", "C"),
    (NodeType.ASSUMPTION, "&Assumption", "A"),
    (NodeType.JUSTIFICATION, "&Justification", "J"),
)
CHILD_WORDS = {
    NodeType.GOAL: "supporting goal",
    NodeType.STRATEGY: "strategy",
    NodeType.SOLUTION: "solution",
    NodeType.CONTEXT: "context",
    NodeType.ASSUMPTION: "assumption",
    NodeType.JUSTIFICATION: "justification",
}


class EditActions(QObject):
    def __init__(
        self,
        document: Document,
        selection: Selection,
        scene: CanvasScene,
        view: CanvasView,
        window: QMainWindow,
    ) -> None:
        super().__init__(window)
        self.document = document
        self.selection = selection
        self.scene = scene
        self.view = view
        self.window = window
        self.runner = LayoutRunner(window)
        self._undoable_layout = False
        """Whether the running layout was asked for (undoable) or came with opening a file."""
        self._whole_layout = True
        """Whether the running layout is of the whole case (else of the selection)."""

        self.add: dict[NodeType, QAction] = {}
        for node_type, label, key in ELEMENTS:
            action = QAction(label, window)
            action.setShortcut(QKeySequence(key))
            action.setStatusTip(
                f"Add a {node_type.value.lower()} (beside or below the selected node)"
            )
            action.triggered.connect(lambda _=False, t=node_type: self.add_element(t))
            action.setIcon(type_icon(node_type))
            action.setIconText(node_type.value)  # the palette keeps short names; menus say more
            action.setToolTip(f"{node_type.value} ({key}): {MEANINGS[node_type]}")
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            view.addAction(action)  # single letters act on the canvas, not in text fields
            self.add[node_type] = action

        self.layout_all = self._action("Auto-&layout", self.auto_layout, "Ctrl+L")
        self.layout_selection = self._action(
            "Auto-layout &Selection", self.auto_layout_selection, "Ctrl+Shift+L"
        )
        self.link_mode = self._canvas_tool("&Link Mode", self._toggle_link_mode, "L")
        self.pan_mode = self._canvas_tool("&Hand Tool (Pan)", self._toggle_pan_mode, "H")

        self.runner.finished.connect(self._apply_layout)
        selection.changed.connect(self._update_add_labels)

    def editing(self) -> list[QAction]:
        """The actions that change the argument (review mode greys them out)."""
        return [*self.add.values(), self.link_mode, self.layout_all, self.layout_selection]

    def _action(self, text: str, slot: object, shortcut: str) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.window.addAction(action)  # shortcuts work wherever focus is in the window
        return action

    def _canvas_tool(self, text: str, slot: object, key: str) -> QAction:
        """A checkable tool whose one-letter key acts on the canvas, not in text fields."""
        action = self._action(text, slot, key)
        action.setCheckable(True)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.view.addAction(action)
        return action

    # -- adding --------------------------------------------------------------------------

    def add_element(self, node_type: NodeType) -> None:
        """Add a node: linked below or beside the selected node when GSN allows, else free."""
        parent = self.selection.current
        try:
            if parent and kind_for(self.document.case.node(parent).type, node_type):
                change, new_id = editing.add_child(
                    self.document.case, parent, node_type, self.scene.node_ids_near_row
                )
                text = f"Add {CHILD_WORDS[node_type]} to {parent}"
            else:
                centre = self.view.mapToScene(self.view.viewport().rect().center())
                position = Position(x=centre.x(), y=centre.y())
                change, new_id = editing.add_node(
                    self.document.case, node_type, position, self.scene.node_ids_near_row
                )
                text = f"Add {node_type.value.lower()} {new_id}"
        except ModelError as error:
            self.document.refused.emit(str(error))
            return
        if self.document.push(change, text):
            self.selection.set([new_id])
            # The text editor opened on it scrolls it into view, with its node: scrolled here
            # first as well, the view moved twice, each time repainted and hit-tested again.
            item = self.scene.item_for(new_id)
            if not self.scene.edit_text(new_id) and item is not None:
                self.view.ensureVisible(item, 40, 40)

    def _update_add_labels(self) -> None:
        parent = self.selection.current
        case = self.document.case
        parent_type = case.node(parent).type if parent is not None and parent in case else None
        for node_type, label, _key in ELEMENTS:
            action = self.add[node_type]
            if parent and parent_type and kind_for(parent_type, node_type):
                action.setText(f"Add {CHILD_WORDS[node_type]} to {parent}")
            else:
                action.setText(label)

    # -- tools ---------------------------------------------------------------------------

    def _toggle_pan_mode(self, checked: bool) -> None:
        self.view.pan_mode = checked

    def _toggle_link_mode(self, checked: bool) -> None:
        self.scene.link_mode = checked
        self.window.statusBar().showMessage(
            "Link mode: drag from one node to another to link them" if checked else "", 4000
        )

    # -- layout --------------------------------------------------------------------------

    def auto_layout(self) -> None:
        if self.document.case.nodes:
            self._undoable_layout = self._whole_layout = True
            self.runner.start(self.document.case)

    def make_room(self, case: Case) -> None:
        """Lay out `case` (the document's, with unfolded subtrees hung back under their
        owners) as Auto-layout does: one undo step."""
        if not self.runner.is_running():
            self._undoable_layout = self._whole_layout = True
            self.runner.start(case)

    def auto_layout_selection(self) -> None:
        """Lay out just the subtrees under the selected nodes: one undo step."""
        if self.selection.ids:
            self._undoable_layout, self._whole_layout = True, False
            self.runner.start(self.document.case, list(self.selection.ids))

    def after_open(self) -> None:
        """A file was opened: lay it out if it came without positions, then show it."""
        self.selection.set([])
        case = self.document.case
        if case.nodes and any(node.position is None for node in case.nodes):
            self._undoable_layout = False  # a first layout is part of opening, not an edit
            self.runner.start(case)
        else:
            # The fit waits a turn, for the docks and tabs to take their room; the canvas is
            # not painted till then, or its first paint shows the case unfitted, for nothing.
            self.view.viewport().setUpdatesEnabled(False)
            QTimer.singleShot(0, self.show_opened_case)
        freeze_long_lived()

    def show_opened_case(self) -> None:
        """Fit the case, but not below a readable zoom: then its top goal leads the view."""
        try:
            self._lead_to_top_goal()
        finally:
            self.view.viewport().setUpdatesEnabled(True)  # painted once, as fitted

    def _lead_to_top_goal(self) -> None:
        case = self.document.case
        placed = [n for n in case.nodes if n.position is not None]
        assessment = self.document.assessment  # it found the top goals on its pass
        tops = assessment.top_goals(case) if assessment is not None else case.top_goals()
        top = next((case.node(i) for i in tops if case.node(i).position is not None), None)
        if top is None and placed:
            top = min(placed, key=lambda n: (n.position.y, n.position.x) if n.position else (0, 0))
        item = self.scene.item_for(top.id) if top is not None else None
        self.view.fit_readable(item.sceneBoundingRect() if item is not None else None)

    def _apply_layout(self, positions: dict[str, Position]) -> None:
        if self._undoable_layout:
            # Nodes deleted while the layout ran have no place to go.
            known = {i: p for i, p in positions.items() if i in self.document.case}
            whole = self._whole_layout  # with folds, only what shows was laid out
            self.document.push(
                MoveNodes(dict(known)), "Auto-layout" if whole else "Auto-layout selection"
            )
            if whole:
                self.view.fit_all()
        else:
            self.document.place(positions)
            self.show_opened_case()
        self._undoable_layout = False
        freeze_long_lived()
