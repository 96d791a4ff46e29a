"""Going to what an away element cites, and back: double-clicking an away element shows its
home module with the element selected and centred; Back (Alt+Left) and Forward (Alt+Right)
return along the way taken, as in a web browser."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence

from gsn_studio.app.canvas import CanvasScene, CanvasView
from gsn_studio.app.document import Document
from gsn_studio.app.selection import Selection

MAX_STEPS = 100


@dataclass(frozen=True)
class Place:
    """Where the user was: the module, what was selected and the view's zoom and centre."""

    module: str
    selected: tuple[str, ...]
    zoom: float
    centre: QPointF


class Navigator(QObject):
    def __init__(
        self,
        document: Document,
        selection: Selection,
        scene: CanvasScene,
        view: CanvasView,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document, self.selection, self.scene, self.view = document, selection, scene, view
        self._back: list[Place] = []
        self._forward: list[Place] = []
        self.back = QAction("&Back", self)
        self.back.setShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Left))
        self.back.setStatusTip("Return to where you were before going to an away element's home")
        self.back.triggered.connect(self.go_back)
        self.forward = QAction("&Forward", self)
        self.forward.setShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Right))
        self.forward.triggered.connect(self.go_forward)
        # Queued: going home rebuilds the scene, which must not happen inside the double-click
        # that asked for it (the view would keep a grab on items that are gone).
        scene.away_activated.connect(self.go_home, Qt.ConnectionType.QueuedConnection)
        document.modules_changed.connect(self._forget)
        self._update()

    def go_home(self, node_id: str) -> bool:
        """Show the element an away element cites, in its module (a module reference: the
        module itself, as its tab last showed it)."""
        modular = self.document.modules.modular
        node = self.document.case.node(node_id) if node_id in self.document.case else None
        if node is None or node.cites is None:
            return False
        home = modular.module(node.cites.module) if modular is not None else None
        if home is None:
            self.document.refused.emit(
                f"{node_id} cites module {node.cites.module}, which is not part of this case"
            )
            return False
        element = node.cites.element
        if element and element not in home.case:
            self.document.refused.emit(f"module {home.id} has no element {element}")
            return False
        return self.go_to(home.id, element)

    def go_to(self, module_id: str, element: str | None) -> bool:
        here = self._here()
        if not self.document.show_module(module_id):
            return False
        if here is not None:
            self._back = [*self._back, here][-MAX_STEPS:]
            self._forward.clear()
        if element:
            self.view.center_on_node(element)
        self._update()
        return True

    def go_back(self) -> None:
        self._step(self._back, self._forward)

    def go_forward(self) -> None:
        self._step(self._forward, self._back)

    def _step(self, source: list[Place], target: list[Place]) -> None:
        if not source:
            return
        place, here = source.pop(), self._here()
        if here is not None:
            target.append(here)
        if self.document.show_module(place.module):
            self.scene.select_only([i for i in place.selected if i in self.document.case])
            self.view.set_zoom(place.zoom)
            self.view.centerOn(place.centre)
        self._update()

    def _here(self) -> Place | None:
        module = self.document.modules.active
        if module is None:
            return None
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        return Place(module, tuple(self.scene.selected_ids()), self.view.zoom, QPointF(centre))

    def _forget(self) -> None:
        self._back.clear()
        self._forward.clear()
        self._update()

    def _update(self) -> None:
        self.back.setEnabled(bool(self._back))
        self.forward.setEnabled(bool(self._forward))
