"""The architecture view of a case of modules, in a window of its own: each module coloured
by its worst status, its dependencies as arrows (export/architecture.py draws it, as the
HTML publication and the command line would), and an Export button for SVG, PNG or PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QObject
from PySide6.QtGui import QAction
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from gsn_studio.app.document import Document
from gsn_studio.export.architecture import architecture_svg
from gsn_studio.export.raster import to_pdf, to_png
from gsn_studio.io.atomic import write_atomically
from gsn_studio.io.errors import CaseFileError


class ArchitectureDialog(QDialog):
    def __init__(self, svg: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Architecture of the case")
        self.svg = svg
        self.picture = QSvgWidget()
        self.picture.load(QByteArray(svg.encode("utf-8")))
        size = self.picture.renderer().defaultSize()
        self.picture.setMinimumSize(size)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton("Export…", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self._export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture)
        layout.addWidget(buttons)

    def export_to(self, target: Path) -> None:
        """Write the view as SVG, PNG or PDF, by the file's suffix, atomically."""
        suffix = target.suffix.lower()
        data = (
            to_png(self.svg, 2.0, None)
            if suffix == ".png"
            else to_pdf(self.svg)
            if suffix == ".pdf"
            else self.svg.encode("utf-8")
        )
        write_atomically(target, data)

    def _export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export the architecture", "architecture.svg", "Figures (*.svg *.png *.pdf)"
        )
        if not name:
            return
        try:
            self.export_to(Path(name))
        except (CaseFileError, OSError) as error:
            QMessageBox.critical(self, "Cannot export", str(error))


class ArchitectureAction(QObject):
    """View > Architecture: enabled while a case of modules is open."""

    def __init__(self, document: Document, parent: QWidget) -> None:
        super().__init__(parent)
        self.document = document
        self.window = parent
        self.dialog: ArchitectureDialog | None = None
        self.action = QAction("&Architecture of the Case…", self)
        self.action.setStatusTip("The modules, their dependencies and their statuses")
        self.action.triggered.connect(self.show)
        document.findings_changed.connect(self._update)
        self._update()

    def show(self) -> ArchitectureDialog | None:
        whole = self.document.modules.whole
        if whole is None:
            return None
        self.dialog = ArchitectureDialog(architecture_svg(whole), self.window)
        self.dialog.show()
        return self.dialog

    def _update(self) -> None:
        self.action.setEnabled(self.document.modules.whole is not None)
