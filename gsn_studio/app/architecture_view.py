"""The architecture view of a case of modules, in a window of its own: each module coloured
by its worst status, its dependencies as arrows (export/architecture.py draws it, as the
HTML publication and the command line would), and an Export button for SVG, PNG or PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gsn_studio.app.document import Document
from gsn_studio.export.architecture import architecture_svg, complete_svg
from gsn_studio.export.raster import to_pdf, to_png
from gsn_studio.io.atomic import write_atomically
from gsn_studio.io.errors import CaseFileError


def _picture(svg: str) -> QLabel:
    """The figure drawn by cairo, as exports are (Qt's SVG renderer lacks text spans)."""
    pixmap = QPixmap()
    pixmap.loadFromData(to_png(svg, 1.0, "#ffffff"), "PNG")
    picture = QLabel()
    picture.setPixmap(pixmap)
    picture.setFixedSize(pixmap.size())
    return picture


class ArchitectureDialog(QDialog):
    """Two read-only tabs: the architecture, and the complete view (every module unrolled
    into one argument, away elements merged into their homes); Export writes the one shown."""

    def __init__(self, svg: str, complete_svg: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Architecture of the case")
        self.svgs = (svg, complete_svg)
        self.picture = _picture(svg)
        self.complete_picture = _picture(complete_svg)
        self.tabs = QTabWidget()
        for title, picture in (
            ("Architecture", self.picture),
            ("Complete view", self.complete_picture),
        ):
            scroller = QScrollArea()
            scroller.setWidget(picture)
            self.tabs.addTab(scroller, title)
        self.resize(min(1400, self.picture.width() + 60), min(900, self.picture.height() + 120))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton("Export…", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self._export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    @property
    def svg(self) -> str:
        """The figure of the tab shown."""
        return self.svgs[max(0, self.tabs.currentIndex())]

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
        self.dialog = ArchitectureDialog(architecture_svg(whole), complete_svg(whole), self.window)
        self.dialog.show()
        return self.dialog

    def _update(self) -> None:
        self.action.setEnabled(self.document.modules.whole is not None)
