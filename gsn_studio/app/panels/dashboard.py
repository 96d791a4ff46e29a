"""The dashboard: how the case stands as of the chosen day, and the evidence register that
says what falls due next. It follows every refresh of the findings."""

from __future__ import annotations

import time

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gsn_studio.analysis.register import register
from gsn_studio.app.document import Document
from gsn_studio.app.panels.acceptance_summary import AcceptanceSummary
from gsn_studio.app.panels.metrics_box import MetricsBox
from gsn_studio.app.panels.practice_summary import PracticeSummary
from gsn_studio.app.panels.register_model import (
    DUE,
    ID,
    MEASURED,
    REFERENCE,
    STATE,
    STATEMENT,
    VERIFIED,
    RegisterModel,
)
from gsn_studio.app.panels.verdict import COUNTED, Verdict, verdict
from gsn_studio.app.plain_text import make_plain, tip
from gsn_studio.notation.palette import STATUS_MARKS, Status

COLUMN_WIDTHS = {ID: 70, STATEMENT: 260, REFERENCE: 200, DUE: 90, STATE: 100, VERIFIED: 150}
"""Fixed widths: resizing to contents reads every cell, too slow for thousands of rows."""


class DashboardPanel(QWidget):
    activated = Signal(str)
    """A register row was double-clicked or activated: show that node."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.last_refresh_ms = 0.0
        # `in_view`: false while the tab is behind another dock's (see set_in_view);
        # `refreshes`: how many times it was brought up to date.
        self.in_view, self._stale, self.refreshes = True, False, 0
        self.verdict: Verdict | None = None
        self._just_activated = -1
        self._build_summary()
        self._build_register()

        # A strip of verdict above the register: the dock is usually wide and short.
        top = QHBoxLayout()
        top.addWidget(self.headline)
        top.addWidget(self.soundness, 1)
        second = QHBoxLayout()
        second.addWidget(self.counts)
        second.addWidget(self.notes, 1)
        register_bar = QHBoxLayout()
        register_bar.addWidget(self.register_title)
        register_bar.addWidget(self.filter_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addLayout(second)
        self.practice = PracticeSummary()
        layout.addWidget(self.practice)
        self.acceptances = AcceptanceSummary()
        layout.addWidget(self.acceptances)
        # The register and the metrics side by side: the dock is wide and short.
        register_side = QWidget()
        register_layout = QVBoxLayout(register_side)
        register_layout.setContentsMargins(0, 0, 0, 0)
        register_layout.addLayout(register_bar)
        register_layout.addWidget(self.view, 1)
        self.metrics_box = MetricsBox()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(register_side)
        self.splitter.addWidget(self.metrics_box)
        self.splitter.setStretchFactor(0, 1)  # a wider dock widens the register
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([560, 820])
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)

        self.filter_edit.textChanged.connect(self._on_filter)
        self.view.activated.connect(self._on_activated)
        self.view.doubleClicked.connect(self._on_activated)
        document.findings_changed.connect(self.refresh)
        document.path_changed.connect(self._on_path_changed)  # a method: gone with the panel
        document.saved.connect(self.metrics_box.reload_history)
        self.metrics_box.set_path(document.path)
        self.refresh()

    def _build_summary(self) -> None:
        """The verdict, until when it holds, and goals and strategies counted by status."""
        self.headline = QLabel()
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.soundness = _wrapping()
        self.counts = QLabel()
        self.counts.setToolTip("Goals and strategies by assurance status")
        self.notes = _wrapping()
        make_plain(self.notes)  # names node ids from the case
        self.notes.setEnabled(False)

    def _build_register(self) -> None:
        self.model = RegisterModel()
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter evidence")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setToolTip(
            "Show evidence whose id, statement, reference or state holds this"
        )
        self.register_title = QLabel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.view.horizontalHeader()
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(MEASURED, 200)

    def set_in_view(self, shown: bool) -> None:
        """The dock's tab came to the front (or went behind): a panel nobody sees does no
        work per edit (on a big case, more than the findings themselves), and catches up
        when it is shown."""
        self.in_view = shown
        if shown and self._stale:
            self.refresh()

    def refresh(self) -> None:
        if not self.in_view:
            self._stale = True
            return
        self._stale = False
        started = time.perf_counter()
        assessment = self.document.assessment
        if assessment is None:
            return
        self.refreshes += 1
        case = self.document.case
        self.verdict = found = verdict(case, assessment)
        day = assessment.as_of.isoformat()
        if found.top:
            look = STATUS_MARKS[Status(found.level.value)]
            verdict_text = f"<b>{found.top}</b> <b style='color:{look.stroke}'>{look.badge}</b>"
        else:
            verdict_text = f"<b>{_escape(found.headline)}</b>"
        self.headline.setText(f"As of {day}: {verdict_text} ·")
        self.headline.setToolTip(tip(found.headline))
        colour = "#2e7d32" if found.sound else "#c62828"
        self.soundness.setText(f"<span style='color:{colour}'>{_escape(found.soundness)}</span>")
        self.soundness.setToolTip(tip(found.soundness))
        self.notes.setText(" · ".join(found.notes))
        self.counts.setText(
            "Goals and strategies: "
            + " · ".join(
                f"<b style='color:{STATUS_MARKS[Status(level.value)].stroke}'>"
                f"{found.counts[level]}</b> {level.value}"
                for level in COUNTED
            )
            + (" ·" if found.notes else "")
        )
        self.practice.show_case(case, assessment)
        self.acceptances.show_case(case, assessment)
        self.model.set_rows(register(case, assessment))
        whole = self.document.modules.whole if self.document.modules.modular else None
        self.metrics_box.show_case(case, assessment, whole)
        self._show_register_title()
        self.last_refresh_ms = (time.perf_counter() - started) * 1000

    def _on_path_changed(self) -> None:
        self.metrics_box.set_path(self.document.path)

    def _show_register_title(self) -> None:
        total, shown = len(self.model.rows), len(self.model.shown)
        text = f"Evidence register: {total} item{'s' if total != 1 else ''}, soonest due first"
        if shown != total:
            text += f" (showing {shown})"
        self.register_title.setText(text)

    def _on_filter(self, text: str) -> None:
        self.model.set_filter(text)
        self._show_register_title()

    def _on_activated(self, index: QModelIndex) -> None:
        # Double-click emits both signals on some platforms: show the node once.
        row = self.model.row_at(index)
        if row is None or index.row() == self._just_activated:
            return
        self._just_activated = index.row()
        QTimer.singleShot(0, self._forget_activation)
        self.activated.emit(row.node)

    def _forget_activation(self) -> None:
        self._just_activated = -1


def _wrapping() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
