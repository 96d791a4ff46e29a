"""The properties panel: the selected node's fields, the case's when nothing is selected."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from gsn_studio.app.document import Document
from gsn_studio.app.panels.case_form import CaseForm
from gsn_studio.app.panels.node_form import NodeForm
from gsn_studio.app.panels.texts import count
from gsn_studio.app.selection import Selection
from gsn_studio.model.changes import Effects


class PropertiesPanel(QWidget):
    def __init__(
        self, document: Document, selection: Selection, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.selection = selection
        self.node_form = NodeForm(document)
        self.case_form = CaseForm(document)
        self.several = QLabel()
        self.several.setWordWrap(True)
        self.several.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        self.pages = QStackedWidget()
        for page in (self.case_form, self.node_form, self.several):
            self.pages.addWidget(page)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.pages)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(scroll)

        document.changed.connect(self._on_changed)
        document.reset.connect(self.refresh)
        document.findings_changed.connect(self.node_form.show_findings)
        selection.changed.connect(self._on_selection_changed)
        self.refresh()

    def commit_pending(self) -> None:
        """Apply edits still held in a field (id, tags, case fields): call before saving."""
        if self.pages.currentWidget() is self.node_form:
            self.node_form.commit_pending()
        elif self.pages.currentWidget() is self.case_form:
            self.case_form.commit_pending()

    def refresh(self) -> None:
        """Show what the selection points at, keeping the text of the field being typed in."""
        ids = [i for i in self.selection.ids if i in self.document.case]
        if len(ids) == 1:
            self.node_form.load(ids[0])
            self._show(self.node_form)
        elif ids:
            self.several.setText(f"{count(len(ids), 'node')} selected")
            self._show(self.several)
        else:
            if self.pages.currentWidget() is self.node_form:
                self.node_form.commit_pending()
            self.node_form.node_id = ""
            self.case_form.load()
            self._show(self.case_form)

    def _on_selection_changed(self, _source: object) -> None:
        self.refresh()

    def _show(self, page: QWidget) -> None:
        if self.pages.currentWidget() is not page:
            self.commit_pending()
            self.pages.setCurrentWidget(page)

    def _on_changed(self, effects: Effects) -> None:
        for old, new in effects.renamed:
            self.node_form.follow_rename(old, new)
            self.selection.rename(old, new)  # idempotent: other views may do it too
        shown = self.node_form.node_id
        page = self.pages.currentWidget()
        if (
            (page is self.node_form and (shown in effects.changed or effects.renamed))
            or (page is self.case_form and effects.case)
            or effects.removed
            or effects.added
        ):
            self.refresh()
