"""The problems panel: exactly the findings `gsn-studio check` prints, for the open case."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gsn_studio.analysis import Severity
from gsn_studio.analysis.check import severity_counts
from gsn_studio.app.document import Document
from gsn_studio.app.panels.problems_model import CODE, MESSAGE, NODE, SEVERITY, ProblemsModel
from gsn_studio.app.panels.texts import count
from gsn_studio.app.plain_text import plain_label

NARROW_WIDTH = 420
"""Below this width the code column is hidden."""

SEVERITY_CHOICES: tuple[tuple[str, Severity | None], ...] = (
    ("All", None),
    ("Errors", Severity.ERROR),
    ("Warnings", Severity.WARNING),
)


class ProblemsPanel(QWidget):
    activated = Signal(str)
    """A finding about a node was clicked or activated: show that node."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model = ProblemsModel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter problems")
        self.filter_edit.setToolTip("Show findings whose node, code or message holds this text")
        self.filter_edit.setClearButtonEnabled(True)
        self.severity = QComboBox()
        self.severity.setToolTip("Show findings of this severity")
        for label, _severity in SEVERITY_CHOICES:
            self.severity.addItem(label)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        header = self.view.header()
        header.setStretchLastSection(True)
        # Fixed widths: "resize to contents" reads every cell on each update, which costs
        # hundreds of milliseconds when a large case has thousands of findings.
        for column, width in ((SEVERITY, 80), (NODE, 70), (CODE, 190)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Interactive)
        self.details = plain_label()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.hide()

        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.severity)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details)

        self._mouse_index = QModelIndex()
        self.filter_edit.textChanged.connect(self._on_filter)
        self.severity.currentIndexChanged.connect(self._on_filter)
        self.view.clicked.connect(self._on_clicked)
        self.view.doubleClicked.connect(self._remember_mouse)
        self.view.activated.connect(self._on_activated)
        self.view.selectionModel().currentChanged.connect(self._on_current)
        document.findings_changed.connect(self.refresh)
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # In a narrow dock the message matters more than the code, which the details show.
        narrow = event.size().width() < NARROW_WIDTH
        if self.view.isColumnHidden(CODE) != narrow:
            self.view.setColumnHidden(CODE, narrow)

    def refresh(self) -> None:
        self.model.set_findings(self.document.findings)
        if self.view.isVisible():
            # Laid out now, the rows are painted in the window's repaint that shows the edit;
            # left to the view's zero timer, they are laid out and painted in another.
            self.view.doItemsLayout()
        self._show_summary()
        self.details.hide()

    def _show_summary(self) -> None:
        errors, warnings = severity_counts(self.document.findings)
        day = self.document.as_of.isoformat()
        if not self.document.findings:
            text = f"No problems as of {day}"
        else:
            text = f"{count(errors, 'error')}, {count(warnings, 'warning')} as of {day}"
        if len(self.model.shown) != len(self.model.findings):
            text += f" (showing {len(self.model.shown)})"
        self.summary.setText(text)

    def _on_filter(self) -> None:
        _label, severity = SEVERITY_CHOICES[self.severity.currentIndex()]
        self.model.set_filter(self.filter_edit.text(), severity)
        self._show_summary()
        self.details.hide()

    def _on_current(self, index: QModelIndex, _previous: QModelIndex) -> None:
        finding = self.model.finding_at(index)
        self.details.setText(f"{finding.code}: {finding.message}" if finding else "")
        self.details.setVisible(finding is not None)

    def _on_clicked(self, index: QModelIndex) -> None:
        self._remember_mouse(index)
        self._emit_for(index)

    def _remember_mouse(self, index: QModelIndex) -> None:
        # A click or double-click may also emit `activated`; that one is not a second request.
        self._mouse_index = index
        QTimer.singleShot(0, self._forget_mouse)

    def _forget_mouse(self) -> None:
        self._mouse_index = QModelIndex()

    def _on_activated(self, index: QModelIndex) -> None:
        if index != self._mouse_index:
            self._emit_for(index)

    def _emit_for(self, index: QModelIndex) -> None:
        finding = self.model.finding_at(index)
        if finding is not None and finding.node is not None:
            self.activated.emit(finding.node)
