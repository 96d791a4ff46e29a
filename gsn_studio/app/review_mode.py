"""Review in the editor: comments on nodes and links, their bubbles on the canvas, the Review
panel, and review mode, where the argument is read-only and only comments change.

Read-only is the document's rule (`Document.push`, undo and redo refuse every step that is
not a comment change), so no widget can slip an edit past it. What this controller adds is
clarity: editing actions greyed out, a key for one of them answered in the status bar, the
properties read-only (and looking it), a banner over the canvas.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gsn_studio.app.canvas import CanvasScene, CanvasView
from gsn_studio.app.canvas.comment_badge import CommentBadges
from gsn_studio.app.canvas.link_item import LinkItem
from gsn_studio.app.comment_dialog import CommentDialog, ask_author_name, targets_near
from gsn_studio.app.document import READ_ONLY_MESSAGE, Document
from gsn_studio.app.panels import PropertiesPanel
from gsn_studio.app.panels.review_panel import ReviewPanel
from gsn_studio.app.read_only import lock_fields
from gsn_studio.app.selection import Selection
from gsn_studio.model import CommentKind, comment_edits
from gsn_studio.model.comment_edits import Target

BANNER_TEXT = (
    "<b>Review mode</b>: the argument is read-only. Comment on a node or link "
    "(Ctrl+M or right-click), then answer and settle comments in the Review panel."
)
STATUS_TEXT = "Review mode: read-only, comments only"
_EXACT = QKeySequence.SequenceMatch.ExactMatch
BANNER_STYLE = "background:#fff3c4; color:#3e2723; border-bottom:1px solid #e0c35c;"


class ReviewMode(QObject):
    def __init__(
        self,
        *,
        document: Document,
        selection: Selection,
        scene: CanvasScene,
        view: CanvasView,
        panel: ReviewPanel,
        dock: QDockWidget,
        properties: PropertiesPanel,
        editing_actions: Sequence[QAction],
        window: QMainWindow,
    ) -> None:
        """`editing_actions`: what review mode greys out (a checked tool among them, such
        as link mode, is switched off); `window`: where the actions, the status bar and the
        banner over the canvas go, and the parent of the comment dialog."""
        super().__init__(window)
        self.document = document
        self.selection = selection
        self.scene = scene
        self.panel = panel
        self.dock = dock
        self.properties = properties
        self._editing_actions = list(editing_actions)
        self.window = window
        self.badges = CommentBadges(scene, document)

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
        self.panel.activated.connect(view.center_on_node)
        self.panel.add_requested.connect(self.comment_on_selection)
        selection.changed.connect(self._relock)
        self.document.changed.connect(self._relock)
        self.document.reset.connect(self._relock)
        view.installEventFilter(self)

    @property
    def on(self) -> bool:
        return self.document.read_only

    # -- review mode -----------------------------------------------------------------------

    def set_on(self, on: bool) -> None:
        self.scene.commit_edit()
        self.properties.commit_pending()  # a field being typed in is not lost, nor refused
        if on:
            for tool in self._editing_actions:  # link mode ends: it could only be refused
                if tool.isCheckable() and tool.isChecked():
                    tool.trigger()
        self.document.set_read_only(on)
        if self.action.isChecked() != on:
            self.action.setChecked(on)
        for action in self.editing_actions():
            action.setEnabled(not on)
        lock_fields(self.properties, on)
        self.banner.setVisible(on)
        self.status_label.setVisible(on)
        if on:
            self.dock.show()
            self.dock.raise_()
        self.window.statusBar().showMessage(
            "Review mode: the argument is read-only, comments can be added" if on else "", 5000
        )

    def editing_actions(self) -> list[QAction]:
        return list(self._editing_actions)

    def _relock(self, *_args: object) -> None:
        # The properties panel may have shown another node, with fields made afresh.
        if self.on:
            lock_fields(self.properties, True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A key of a greyed-out editing action (G, Delete…) on the canvas says why nothing
        happens, instead of doing nothing."""
        if self.on and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            for action in self.editing_actions():
                if any(key.matches(pressed) == _EXACT for key in action.shortcuts()):
                    self.document.refused.emit(READ_ONLY_MESSAGE)
                    return True
        return super().eventFilter(watched, event)

    # -- comments --------------------------------------------------------------------------

    def comment_on_selection(self) -> bool:
        node_id = self.selection.current
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
        change, words = comment_edits.add_comment(self.document.case, target, author, kind, text)
        if not self.document.push(change, words):
            return False
        self.panel.select_comment(change.comment.id)
        self.window.statusBar().showMessage(f"Commented on {target.describe()}", 5000)
        return True

    def show_comments_on(self, node_id: str, via: str | None) -> None:
        self.dock.show()
        self.dock.raise_()
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
        assert view is not None  # the canvas (with its tabs), set before review mode is made
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(banner)
        layout.addWidget(view, 1)
        window.setCentralWidget(column)


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
