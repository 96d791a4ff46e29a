"""The "Export figure" dialog: choose a file, what to show and how, then write it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gsn_studio.analysis.query import QueryError
from gsn_studio.app.document import Document
from gsn_studio.app.plain_text import show_error
from gsn_studio.app.selection import Selection
from gsn_studio.export.figure import ExportOptions, export_figure
from gsn_studio.io import CaseFileError

THEME_NAMES = ("light", "dark", "print")
FILTERS = "SVG image (*.svg);;PNG image (*.png);;PDF document (*.pdf)"


def default_target(document: Document) -> Path:
    """The case file's name with .svg beside it, or ~/figure.svg for an unsaved case."""
    if document.path is not None:
        return document.path.with_suffix(".svg")
    return Path.home() / "figure.svg"


class ExportDialog(QDialog):
    """Export the case, the selection or a subtree as an SVG, PNG or PDF figure."""

    def __init__(
        self,
        document: Document,
        selection: Selection,
        parent: QWidget | None = None,
        focus: str | None = None,
        query: str = "",
    ) -> None:
        """`focus`: the node the canvas is focused on, whose subtree is then what is exported;
        `query`: the query bar's, offered as a filter beside the case's saved views."""
        super().__init__(parent)
        self.focus = focus
        self.setWindowTitle("Export Figure")
        self.document = document
        self.selection = selection
        self.written: Path | None = None

        self.file_edit = QLineEdit(str(default_target(document)))
        self.browse_button = QPushButton("Browse…")
        self.browse_button.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)

        form = QFormLayout()
        form.addRow("Output file:", file_row)
        form.addRow("What:", self._what_buttons())
        self._add_filter_rows(form, query)
        self._add_style_rows(form)

        ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
        self.buttons = QDialogButtonBox(ok | cancel)
        export_button = self.buttons.button(ok)
        assert export_button is not None  # the box was made with an Ok button
        self.export_button = export_button
        self.export_button.setText("Export")
        self.buttons.accepted.connect(self._export)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _what_buttons(self) -> QVBoxLayout:
        selection = self.selection
        ids = selection.ids
        self.whole_radio = QRadioButton("Whole case")
        self.selection_radio = QRadioButton(f"Selection only ({len(ids)} nodes)")
        root = self.focus or selection.current
        self.subtree_radio = QRadioButton(
            ("Focused subtree of " if self.focus else "Subtree of ") + root
            if root
            else "Subtree of selected node"
        )
        self.whole_radio.setChecked(True)
        self.selection_radio.setEnabled(bool(ids))
        self.subtree_radio.setEnabled(root is not None)
        self.what_group = QButtonGroup(self)
        for button in (self.whole_radio, self.selection_radio, self.subtree_radio):
            self.what_group.addButton(button)

        self.depth_spin = QSpinBox()
        self.depth_spin.setRange(0, 99)
        self.depth_spin.setSpecialValueText("All levels")
        self.depth_spin.setEnabled(False)
        self.subtree_radio.toggled.connect(self.depth_spin.setEnabled)
        self.subtree_radio.setChecked(self.focus is not None)
        subtree_row = QHBoxLayout()
        subtree_row.addWidget(self.subtree_radio)
        subtree_row.addWidget(self.depth_spin)
        subtree_row.addStretch(1)
        what = QVBoxLayout()
        what.addWidget(self.whole_radio)
        what.addWidget(self.selection_radio)
        what.addLayout(subtree_row)
        return what

    def _add_filter_rows(self, form: QFormLayout, query: str) -> None:
        """Draw faint what a query or saved view does not match (`ExportOptions.query`)."""
        self.filter_combo = QComboBox()
        self.filter_combo.setObjectName("exportFilter")
        self.filter_combo.addItem("Nothing: every element as it is", ("", ""))
        if query:
            self.filter_combo.addItem(f"Current query: {query}", (query, ""))
        for view in self.document.case.views:
            self.filter_combo.addItem(f"View: {view.name}", (view.query, view.name))
        self.filter_combo.setEnabled(self.filter_combo.count() > 1)
        self.matches_only_check = QCheckBox("Only the matches and the path above them")
        self.matches_only_check.setEnabled(False)
        self.filter_combo.currentIndexChanged.connect(
            lambda index: self.matches_only_check.setEnabled(index > 0)
        )
        form.addRow("Dim all but:", self.filter_combo)
        form.addRow("", self.matches_only_check)

    def _add_style_rows(self, form: QFormLayout) -> None:
        self.theme_combo = QComboBox()
        self.theme_combo.addItems(THEME_NAMES)
        self.highlight_check = QCheckBox("Highlight undeveloped and expired")
        self.highlight_check.setChecked(True)
        self.legend_check = QCheckBox("Legend")
        self.caption_check = QCheckBox("Caption with the as-of date")
        self.caption_check.setChecked(True)
        self.caption_check.setToolTip(
            "A line below the figure with the case's name, the day its statuses were judged "
            "and the GSN Studio version"
        )
        self.unfold_check = QCheckBox("Show folded subtrees unfolded")
        self.unfold_check.setToolTip("Without it, folded nodes show their marker, as on the canvas")
        self.transparent_check = QCheckBox("Transparent background (PNG)")
        self.scale_spin = QDoubleSpinBox()
        self.scale_spin.setRange(0.1, 8.0)  # as low as the command line: huge figures
        self.scale_spin.setSingleStep(0.5)
        self.scale_spin.setValue(2.0)
        self.scale_spin.setToolTip("PNG pixels per diagram unit")
        form.addRow("Theme:", self.theme_combo)
        form.addRow("", self.highlight_check)
        form.addRow("", self.legend_check)
        form.addRow("", self.caption_check)
        form.addRow("", self.unfold_check)
        form.addRow("", self.transparent_check)
        form.addRow("PNG scale:", self.scale_spin)

    def target(self) -> Path:
        return Path(self.file_edit.text().strip()).expanduser()

    def options(self) -> ExportOptions:
        root = None
        depth = None
        node_ids: tuple[str, ...] = ()
        if self.subtree_radio.isChecked() and (self.focus or self.selection.current):
            root = self.focus or self.selection.current
            depth = self.depth_spin.value() or None
        elif self.selection_radio.isChecked():
            node_ids = tuple(self.selection.ids)
        query, view_name = self.filter_combo.currentData()
        return ExportOptions(
            root=root,
            depth=depth,
            node_ids=node_ids,
            as_of=self.document.as_of,
            highlights=self.highlight_check.isChecked(),
            legend=self.legend_check.isChecked(),
            theme=self.theme_combo.currentText(),
            scale=self.scale_spin.value(),
            transparent=self.transparent_check.isChecked(),
            case_path=self.document.path,
            allow_outside=self.document.artifacts.allow_outside,
            caption=self.caption_check.isChecked(),
            unfold=self.unfold_check.isChecked(),
            query=query,
            view_name=view_name,
            matches_only=bool(query) and self.matches_only_check.isChecked(),
        )

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export Figure", str(self.target()), FILTERS)
        if name:
            self.file_edit.setText(name)

    def _export(self) -> None:
        target = self.target()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            export_figure(self.document.case, target, self.options())
        except (CaseFileError, QueryError) as error:  # a view `under` a node since deleted
            failure: Exception | None = error
        else:
            failure = None
        finally:
            QApplication.restoreOverrideCursor()
        if failure is not None:
            show_error(self, "Export Failed", str(failure))
            return
        self.written = target
        self.accept()
