"""The Review panel: every review comment of the case, filtered, with the selected one's
thread beside the list. Choosing a comment shows its node on the canvas; the thread answers,
replies and changes its status, in review mode and in the normal editor alike."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gsn_studio.app.document import Document
from gsn_studio.app.panels.comment_thread import CommentThread
from gsn_studio.app.panels.review_model import (
    AUTHOR,
    KIND,
    ON,
    REPLIES,
    STATUS,
    TEXT,
    TIME,
    ReviewModel,
)
from gsn_studio.app.panels.texts import count
from gsn_studio.model import CommentKind, CommentStatus
from gsn_studio.model.changes import Effects
from gsn_studio.model.comment_edits import CommentFilter, target_exists

_S = CommentStatus
STATUS_CHOICES: tuple[tuple[str, frozenset[CommentStatus] | None], ...] = (
    ("Any status", None),
    ("Open or answered", frozenset({_S.OPEN, _S.ANSWERED})),
    ("Open", frozenset({_S.OPEN})),
    ("Answered", frozenset({_S.ANSWERED})),
    ("Resolved", frozenset({_S.RESOLVED})),
    ("Rejected", frozenset({_S.REJECTED})),
)
KIND_CHOICES: tuple[tuple[str, CommentKind | None], ...] = (
    ("Any kind", None),
    *((kind.value.capitalize(), kind) for kind in CommentKind),
)
ANY_AUTHOR = "Anyone"


class ReviewPanel(QWidget):
    activated = Signal(str)
    """A comment was chosen: show the node it is on."""
    add_requested = Signal()
    """The Add Comment button: comment on the selected node."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model = ReviewModel()
        self.summary = QLabel()
        self.add_button = QPushButton("Add Comment…")
        self.add_button.setToolTip("Comment on the selected node or one of its links (Ctrl+M)")
        self._build_filters()
        self._build_view()
        self.comment_thread = CommentThread(document)
        self._quiet = False
        self._lay_out()

        self.add_button.clicked.connect(self.add_requested)
        self.text_filter.textChanged.connect(self._on_filter)
        for box in (self.status_filter, self.kind_filter, self.author_filter):
            box.currentIndexChanged.connect(self._on_filter)
        self.view.selectionModel().currentChanged.connect(self._on_current)
        self.view.clicked.connect(self._show_node_of)
        document.changed.connect(self._on_changed)
        document.reset.connect(self.refresh)
        self.refresh()

    def _build_filters(self) -> None:
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText("Filter comments")
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.setToolTip("Show comments whose node, author, text or replies hold this")
        self.status_filter = QComboBox()
        self.status_filter.setToolTip("Show comments with this status")
        for label, _statuses in STATUS_CHOICES:
            self.status_filter.addItem(label)
        self.kind_filter = QComboBox()
        self.kind_filter.setToolTip("Show comments of this kind")
        for label, _kind in KIND_CHOICES:
            self.kind_filter.addItem(label)
        self.author_filter = QComboBox()
        self.author_filter.setToolTip("Show comments by this reviewer")
        self.author_filter.addItem(ANY_AUTHOR)
        self.text_filter.setMinimumWidth(90)
        for box in (self.status_filter, self.kind_filter, self.author_filter):
            # Sized to a short word, not the longest choice, so the dock can be narrow.
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(7)

    def _build_view(self) -> None:
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        header = self.view.header()
        header.setStretchLastSection(False)
        for column, width in ((ON, 110), (KIND, 80), (STATUS, 76), (AUTHOR, 90), (TIME, 118)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(REPLIES, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.add_button)
        filters = QHBoxLayout()
        filters.addWidget(self.text_filter, 1)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.author_filter)
        listing = QWidget()
        listing_layout = QVBoxLayout(listing)
        listing_layout.setContentsMargins(0, 0, 0, 0)
        listing_layout.addLayout(top)
        listing_layout.addLayout(filters)
        listing_layout.addWidget(self.view, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(listing)
        self.splitter.addWidget(self.comment_thread)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

    # -- what the window asks ----------------------------------------------------------------

    def select_comment(self, comment_id: str) -> bool:
        """Make a comment current (clearing filters that hide it)."""
        if self.model.row_of(comment_id) is None:
            self.clear_filters()
        row = self.model.row_of(comment_id)
        if row is None:
            return False
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def show_comments_on(self, node_id: str, via: str | None = None) -> None:
        """A comment bubble was clicked: filter on that node and open its first open comment."""
        self.clear_filters()
        self.text_filter.setText(node_id)
        if via is None:
            wanted = [c for c in self.model.shown if c.node == node_id and c.via is None]
        else:
            ends = {node_id, via}
            wanted = [c for c in self.model.shown if c.via is not None and {c.node, c.via} == ends]
        first = next((c for c in wanted if c.status is CommentStatus.OPEN), None)
        if first is None and wanted:
            first = wanted[0]
        if first is not None:
            self.select_comment(first.id)

    def clear_filters(self) -> None:
        self.text_filter.clear()
        for box in (self.status_filter, self.kind_filter, self.author_filter):
            box.setCurrentIndex(0)

    def refresh(self) -> None:
        current = self.comment_thread.comment_id
        self.model.set_case(self.document.case)
        self._fill_authors()
        self._show_summary()
        if current is not None and self.model.row_of(current) is not None:
            row = self.model.row_of(current)
            assert row is not None
            with self._restoring():
                self.view.setCurrentIndex(self.model.index(row, 0))
        else:
            self.comment_thread.show_comment(None)

    # -- internals -------------------------------------------------------------------------

    def _on_changed(self, effects: Effects) -> None:
        # Deleting or renaming a node changes how its comments are listed.
        if effects.comments or effects.removed or effects.added or effects.renamed:
            self.refresh()

    def _on_filter(self) -> None:
        statuses = STATUS_CHOICES[max(self.status_filter.currentIndex(), 0)][1]
        kind = KIND_CHOICES[max(self.kind_filter.currentIndex(), 0)][1]
        author = self.author_filter.currentText()
        chosen = CommentFilter(
            statuses=statuses,
            kind=kind,
            author=None if author in ("", ANY_AUTHOR) else author,
            text=self.text_filter.text().strip(),
        )
        current = self.comment_thread.comment_id
        self.model.set_filter(chosen)
        self._show_summary()
        row = self.model.row_of(current) if current is not None else None
        if row is not None:
            with self._restoring():
                self.view.setCurrentIndex(self.model.index(row, 0))
        else:
            self.comment_thread.show_comment(None)

    def _fill_authors(self) -> None:
        chosen = self.author_filter.currentText()
        authors = self.model.authors()
        if [self.author_filter.itemText(i) for i in range(1, self.author_filter.count())] == (
            authors
        ):
            return
        self.author_filter.blockSignals(True)
        self.author_filter.clear()
        self.author_filter.addItems([ANY_AUTHOR, *authors])
        self.author_filter.setCurrentIndex(max(self.author_filter.findText(chosen), 0))
        self.author_filter.blockSignals(False)

    def _show_summary(self) -> None:
        everything = self.model.comments
        open_ = sum(1 for c in everything if c.status is CommentStatus.OPEN)
        text = f"{count(len(everything), 'comment')}, {open_} open"
        if len(self.model.shown) != len(everything):
            text += f" (showing {len(self.model.shown)})"
        self.summary.setText(text if everything else "No review comments yet")

    @contextlib.contextmanager
    def _restoring(self) -> Iterator[None]:
        """Put the current row back after a refresh without moving the canvas."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def _on_current(self, index: QModelIndex, _previous: QModelIndex) -> None:
        comment = self.model.comment_at(index)
        self.comment_thread.show_comment(comment.id if comment else None)
        if comment is not None and not self._quiet:
            self._show_node_of(index)

    def _show_node_of(self, index: QModelIndex) -> None:
        comment = self.model.comment_at(index)
        if comment is not None and target_exists(self.document.case, comment):
            self.activated.emit(comment.node)
