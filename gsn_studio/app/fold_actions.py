"""View > Fold, Unfold, Unfold All, Fold to Level, Focus on Subtree: the actions, their keys
and the canvas menu's entries. Folds are undoable (and allowed in review mode); the focus
is the view's own (see focus.py). While editing, Fold to Level also lays out compactly what
stays shown, and unfolding makes room for what comes back (see canvas/folding.py)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from gsn_studio.app.canvas import CanvasScene
from gsn_studio.app.document import Document
from gsn_studio.app.focus import Focus
from gsn_studio.app.selection import Selection
from gsn_studio.layout import compact_layout
from gsn_studio.model.changes import Batch, Change, MoveNodes
from gsn_studio.model.diagram_view import FoldNodes, folded_ids, folds_at_depth

LEVELS = range(1, 7)


class FoldActions(QObject):
    def __init__(
        self,
        document: Document,
        selection: Selection,
        focus: Focus,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.document, self.selection, self.focus = document, selection, focus
        self.scene: CanvasScene = focus.scene
        canvas = focus.view
        self.fold = self._action(
            "&Fold", self.fold_selected, ("-", "Ctrl+["), "Hide what supports the selected nodes"
        )
        self.unfold = self._action(
            "&Unfold", self.unfold_selected, ("+", "Ctrl+]"), "Show what the selection folds"
        )
        self.unfold_all = self._action(
            "Unfold &All", self.unfold_everything, ("Ctrl+Shift+]",), "Show every folded node"
        )
        self.focus_action = self._action(
            "Focus on &Subtree",
            self.focus_selected,
            ("Ctrl+Shift+H",),
            "Show only the selected node and what supports it, with a way back above",
        )
        self.leave_focus = self._action("&Leave Focus", lambda: focus.focus_on(None), ())
        for action in (self.fold, self.unfold):
            # Single keys act on the canvas only, never in a text field.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            canvas.addAction(action)
        for action in (self.unfold_all, self.focus_action, self.leave_focus):
            window.addAction(action)
        self.level_menu = QMenu("Fold to &Level", window)
        for level in LEVELS:
            action = self.level_menu.addAction(f"{level} level{'s' * (level != 1)} below the top")
            action.triggered.connect(lambda _=False, n=level: self.fold_to_level(n))
        focus.changed.connect(self._update)
        selection.changed.connect(self._update)
        document.changed.connect(self._update)
        document.reset.connect(self._update)
        self._update()

    def _action(self, text: str, slot: object, keys: tuple[str, ...], tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def fill(self, menu: QMenu) -> None:
        """The View menu's entries."""
        menu.addActions([self.fold, self.unfold, self.unfold_all])
        menu.addMenu(self.level_menu)
        menu.addActions([self.focus_action, self.leave_focus])

    def fill_context_menu(self, menu: QMenu, node_id: str | None) -> None:
        """The canvas menu: what applies to the node under the pointer."""
        node = self.document.case.get(node_id) if node_id else None
        if node is not None:
            if node.folded:
                menu.addAction(self.unfold)
            elif self.fold.isEnabled():
                menu.addAction(self.fold)
            menu.addAction(self.focus_action)
        if self.focus.root is not None:
            menu.addAction(self.leave_focus)
        if self.unfold_all.isEnabled():
            menu.addAction(self.unfold_all)
        menu.addSeparator()

    def fold_selected(self) -> None:
        self.scene.folding.set_folded(self.selection.ids, True)

    def unfold_selected(self) -> None:
        self.scene.folding.set_folded(self.selection.ids, False)

    def unfold_everything(self) -> None:
        self.scene.folding.set_folded(folded_ids(self.document.case), False)

    def fold_to_level(self, level: int) -> None:
        """Fold every node `level` SupportedBy steps below the top, unfold those above; while
        editing, what stays shown is laid out compactly in the same undo step (folding closes
        the gaps, as in an outliner). In review mode the positions are the author's and stay:
        only the folds change."""
        case = self.document.case
        target = folds_at_depth(case, level)
        changes = {i: True for i in target if not case.node(i).folded}
        changes.update({i: False for i in folded_ids(case) - target})
        if not changes:
            return
        change: Change = FoldNodes(changes)
        if not self.document.read_only:
            change = Batch((change, MoveNodes(dict(compact_layout(case, target)))))
        self.document.push(change, f"Fold to level {level}")

    def focus_selected(self) -> None:
        current = self.selection.current
        if current is not None:
            self.focus.focus_on(current)

    def _update(self, *_args: object) -> None:
        case, folding = self.document.case, self.scene.folding
        ids = [i for i in self.selection.ids if i in case]
        self.fold.setEnabled(any(folding.is_foldable(i) and not case.node(i).folded for i in ids))
        self.unfold.setEnabled(any(case.node(i).folded for i in ids))
        self.unfold_all.setEnabled(bool(folding.folded))
        self.focus_action.setEnabled(self.selection.current in case)
        self.leave_focus.setEnabled(self.focus.root is not None)
