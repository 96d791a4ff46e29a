"""Review in the editor: comments on nodes and links, their bubbles on the canvas, the Review
panel, and review mode, where the argument is read-only and only comments change.

Read-only is the document's rule (`Document.push` refuses every change that is not a comment
change), so no widget can slip an edit past it. What this controller adds is clarity: editing
actions greyed out, the properties read-only, a banner over the canvas, and undo held back
from edits made before review mode began.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from gsn_studio.app import comments
from gsn_studio.app.canvas.comment_badge import CommentBadges
from gsn_studio.app.canvas.link_item import LinkItem
from gsn_studio.app.comment_dialog import CommentDialog, ask_author_name, targets_near
from gsn_studio.app.comments import Target
from gsn_studio.app.document import is_comment_change
from gsn_studio.app.read_only import lock_fields
from gsn_studio.model import CommentKind

if TYPE_CHECKING:
    from gsn_studio.app.main_window import MainWindow

BANNER_TEXT = (
    "<b>Review mode</b>: the argument is read-only. Comment on a node or link "
    "(Ctrl+M or right-click), then answer and settle comments in the Review panel."
)
STATUS_TEXT = "Review mode: read-only, comments only"
BANNER_STYLE = "background:#fff3c4; color:#3e2723; border-bottom:1px solid #e0c35c;"


class ReviewMode(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.panel = window.review_panel
        self.badges = CommentBadges(window.scene, window.document)
        self._held_back = False
        """Whether the undo actions are disabled by us rather than by the stack."""

        self.action = QAction("&Review Mode", window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.action.setStatusTip("Read the argument without changing it; only comment on it")
        self.action.toggled.connect(self.set_on)
        window.addAction(self.action)
        self.add_action = QAction("Add &Comment…", window)
        self.add_action.setShortcut(QKeySequence("Ctrl+M"))
        self.add_action.setStatusTip("Comment on the selected node or one of its links")
        self.add_action.triggered.connect(self.comment_on_selection)
        window.addAction(self.add_action)

        self.status_label = QLabel(STATUS_TEXT)
        self.status_label.setStyleSheet(f"{BANNER_STYLE} padding:1px 6px; font-weight:bold;")
        self.status_label.hide()
        window.statusBar().addPermanentWidget(self.status_label)
        self.banner = _banner(self.action)
        self._wrap_canvas(self.banner)

        self.badges.activated.connect(self.show_comments_on)
        self.panel.activated.connect(window.view.center_on_node)
        self.panel.add_requested.connect(self.comment_on_selection)
        window.selection.changed.connect(self._relock)
        self.document.changed.connect(self._relock)
        self.document.reset.connect(self._relock)
        stack = self.document.undo_stack
        for signal in (stack.indexChanged, stack.canUndoChanged, stack.canRedoChanged):
            signal.connect(self._guard_history)  # after the undo actions' own slots

    @property
    def on(self) -> bool:
        return self.document.read_only

    # -- review mode -----------------------------------------------------------------------

    def set_on(self, on: bool) -> None:
        window = self.window
        window.scene.commit_edit()
        window.properties.commit_pending()  # a field being typed in is not lost, nor refused
        if on and window.act_link_mode.isChecked():
            window.act_link_mode.trigger()
        self.document.set_read_only(on)
        if self.action.isChecked() != on:
            self.action.setChecked(on)
        for action in self.editing_actions():
            action.setEnabled(not on)
        window.evidence_actions.update()
        lock_fields(window.properties, on)
        self.banner.setVisible(on)
        self.status_label.setVisible(on)
        self._guard_history()
        if on:
            window.docks["review"].show()
            window.docks["review"].raise_()
        window.statusBar().showMessage(
            "Review mode: the argument is read-only, comments can be added" if on else "", 5000
        )

    def editing_actions(self) -> list[QAction]:
        window = self.window
        return [
            *window.act_add.values(),
            window.act_link_mode,
            window.act_cut,
            window.act_paste,
            window.act_delete,
            window.act_layout,
            window.act_layout_selection,
        ]

    def _relock(self, *_args: object) -> None:
        # The properties panel may have shown another node, with fields made afresh.
        if self.on:
            lock_fields(self.window.properties, True)

    def _guard_history(self, *_args: object) -> None:
        """In review mode, undo and redo reach comment changes only: an edit made before
        review mode began stays as it is until review mode ends."""
        if not isValid(self.document.undo_stack):
            return  # the stack clears itself as the window closes
        if not self.on:
            if self._held_back:
                self._held_back = False
                stack = self.document.undo_stack
                self.window.act_undo.setEnabled(stack.canUndo())
                self.window.act_redo.setEnabled(stack.canRedo())
            return
        self._held_back = True
        stack = self.document.undo_stack
        index = stack.index()
        undo = stack.command(index - 1) if stack.canUndo() else None
        redo = stack.command(index) if stack.canRedo() else None
        self.window.act_undo.setEnabled(undo is not None and _comment_only(undo))
        self.window.act_redo.setEnabled(redo is not None and _comment_only(redo))

    # -- comments --------------------------------------------------------------------------

    def comment_on_selection(self) -> bool:
        node_id = self.window.selection.current
        if node_id is None or node_id not in self.document.case:
            self.document.refused.emit("select one node to comment on it or on one of its links")
            return False
        return self.comment_on(Target(node_id))

    def comment_on(self, target: Target) -> bool:
        """Ask for the comment's kind and text, then post it as one undoable step."""
        author = ask_author_name(self.window)
        if not author:
            self.document.refused.emit("a comment needs your name (set it in Edit > Preferences)")
            return False
        case = self.document.case
        targets = targets_near(case, target.node if target.via is None else target.via)
        if target not in targets:
            targets = [target, *targets]
        dialog = CommentDialog(case, targets, author, self.window, chosen=target)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.comment_text:
            return False
        return self.post(dialog.target, dialog.kind, dialog.comment_text, author)

    def post(self, target: Target, kind: CommentKind, text: str, author: str) -> bool:
        change, words = comments.add_comment(self.document.case, target, author, kind, text)
        if not self.document.push(change, words):
            return False
        self.panel.select_comment(change.comment.id)
        self.window.statusBar().showMessage(f"Commented on {target.describe()}", 5000)
        return True

    def show_comments_on(self, node_id: str, via: str | None) -> None:
        self.window.docks["review"].show()
        self.window.docks["review"].raise_()
        self.panel.show_comments_on(node_id, via)

    def fill_context_menu(self, menu: QMenu, node_id: str | None, link: LinkItem | None) -> None:
        """The canvas menu's review entries: comment on the node, or on the link, under the
        pointer."""
        if link is not None and link.challenged is None:
            target = Target(link.target.node_id, link.source.node_id)
            action = menu.addAction(f"Comment on the Link {link.source.node_id} → {target.node}…")
            action.triggered.connect(lambda _=False, t=target: self.comment_on(t))
        if node_id is not None:
            action = menu.addAction(f"Add Comment on {node_id}…")
            action.setShortcut(self.add_action.shortcut())
            action.triggered.connect(lambda _=False, n=node_id: self.comment_on(Target(n)))
        menu.addSeparator()

    # -- construction ----------------------------------------------------------------------

    def _wrap_canvas(self, banner: QWidget) -> None:
        """Put the banner above the canvas: the canvas moves into a column with it."""
        window = self.window
        view = window.takeCentralWidget()
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(banner)
        layout.addWidget(view, 1)
        window.setCentralWidget(column)


def _comment_only(command: object) -> bool:
    return is_comment_change(getattr(command, "change", None))


def _banner(toggle: QAction) -> QWidget:
    banner = QWidget()
    banner.setObjectName("reviewBanner")
    banner.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    banner.setStyleSheet(f"#reviewBanner {{{BANNER_STYLE}}}")
    text = QLabel(BANNER_TEXT)
    text.setWordWrap(True)
    leave = QPushButton("Leave Review Mode")
    leave.clicked.connect(lambda: toggle.setChecked(False))
    row = QHBoxLayout(banner)
    row.setContentsMargins(10, 5, 6, 5)
    row.addWidget(text, 1)
    row.addWidget(leave)
    banner.hide()
    return banner
