"""The tabs above the canvas of a case of modules: one per module, the shown one current.

One canvas serves every tab (each panel, the search and the layout follow the document, which
shows one module at a time); each tab keeps its own zoom and scroll position. An element
dragged over a tab (to be cited there, see `cite_drag`) brings that tab to the front after a
moment, as browser tabs do, so that it can be dropped on that module's canvas."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QSignalBlocker, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QTabBar, QVBoxLayout, QWidget

from gsn_studio.app.away_drop import AWAY_MIME
from gsn_studio.app.canvas import CanvasView
from gsn_studio.app.document import Document

HOVER_SWITCH_MS = 400
"""How long an element dragged over a tab waits there before that tab comes to the front:
long enough that passing over the tabs switches nothing."""


class ModuleTabs(QTabBar):
    element_dropped = Signal(object)
    """An element (its QMimeData) dropped on a tab, whose module is now in front."""

    def __init__(self, document: Document, view: CanvasView, fit: Callable[[], None]) -> None:
        super().__init__()
        self.document = document
        self.view = view
        self._fit = fit
        self._views: dict[str, tuple[float, QPointF]] = {}
        """Module -> the zoom and the scene point at the centre of the view when it was left."""
        self._shown: str | None = None
        self.setDocumentMode(True)
        self.setExpanding(False)
        self.setVisible(False)
        document.modules_changed.connect(self._rebuild)
        document.reset.connect(self._after_reset)
        document.module_shown.connect(self._after_shown)
        self.currentChanged.connect(self._choose)
        self.setAcceptDrops(True)
        self._hovered = -1
        self._hover = QTimer(self)
        self._hover.setSingleShot(True)
        self._hover.setInterval(HOVER_SWITCH_MS)
        self._hover.timeout.connect(self._switch_to_hovered)

    def module_ids(self) -> list[str]:
        return [str(self.tabData(index)) for index in range(self.count())]

    def _rebuild(self) -> None:
        modular = self.document.modules.modular
        self._views.clear()
        with QSignalBlocker(self):
            while self.count():
                self.removeTab(0)
            for module in modular.modules if modular is not None else []:
                index = self.addTab(module.name)
                self.setTabData(index, module.id)
                self.setTabToolTip(index, f"{module.id}: {module.path}")
            self._select(self.document.modules.active)
        self._shown = self.document.modules.active
        self.setVisible(modular is not None)

    def _after_reset(self) -> None:
        if self.document.modules.modular is None and self.count():
            self._rebuild()

    def _choose(self, index: int) -> None:
        if index >= 0:
            self.document.show_module(str(self.tabData(index)))

    def _after_shown(self, module_id: str) -> None:
        if self._shown is not None:
            centre = self.view.mapToScene(self.view.viewport().rect().center())
            self._views[self._shown] = (self.view.zoom, QPointF(centre))
        self._shown = module_id
        with QSignalBlocker(self):
            self._select(module_id)
        remembered = self._views.get(module_id)
        if remembered is None:
            self._fit()
        else:
            self.view.set_zoom(remembered[0])
            self.view.centerOn(remembered[1])

    # -- an element dragged over the tabs ------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(AWAY_MIME):
            event.acceptProposedAction()
            self._hover_at(self.tabAt(event.position().toPoint()))
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(AWAY_MIME):
            event.acceptProposedAction()
            self._hover_at(self.tabAt(event.position().toPoint()))

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._hover_at(-1)

    def dropEvent(self, event: QDropEvent) -> None:
        """Dropped on a tab: that module comes to the front and cites the element (at the
        centre of its view), as a drop on its canvas would."""
        self._hover_at(-1)
        index = self.tabAt(event.position().toPoint())
        if index < 0 or not event.mimeData().hasFormat(AWAY_MIME):
            event.ignore()
            return
        self.setCurrentIndex(index)
        event.acceptProposedAction()
        self.element_dropped.emit(event.mimeData())

    def _hover_at(self, index: int) -> None:
        if index == self._hovered:
            return
        self._hovered = index
        self._hover.stop()
        if index >= 0 and index != self.currentIndex():
            self._hover.start()

    def _switch_to_hovered(self) -> None:
        if 0 <= self._hovered < self.count():
            self.setCurrentIndex(self._hovered)

    def _select(self, module_id: str | None) -> None:
        if module_id in self.module_ids():
            self.setCurrentIndex(self.module_ids().index(module_id))


def with_tabs(tabs: ModuleTabs, view: CanvasView) -> QWidget:
    """The canvas under its module tabs, as the window's central widget."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(tabs)
    layout.addWidget(view)
    return holder
