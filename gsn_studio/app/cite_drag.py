"""Citing an element of the shown module from another module, without the Modules panel:
Alt+drag a node off the canvas, hover over another module's tab (it comes to the front, as
browser tabs do) and drop on its canvas, where `AwayDrop` adds the away element (one undo
step), or on the tab itself (the element goes to the centre of that module's view). The
node's context menu offers the same as "Cite in module" for those who do not drag.

Whether an element may be cited is the model's one rule (`ModularCase.citation_refusal`):
a private element is refused when the drag starts, with the reason, not at the drop."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, Qt
from PySide6.QtGui import QDrag, QMouseEvent
from PySide6.QtWidgets import QApplication, QMenu

from gsn_studio.app.away_drop import AwayDrop, cited_by, element_mime
from gsn_studio.app.canvas import CanvasScene, CanvasView
from gsn_studio.app.document import Document
from gsn_studio.model import Citation, Position

CITE_MODIFIER = Qt.KeyboardModifier.AltModifier
"""Held when pressing on a node: the drag cites it elsewhere instead of moving it."""
PREVIEW_WIDTH = 220
"""The dragged picture of the node is at most this wide, in pixels."""


class CiteDrag(QObject):
    """Watches the canvas for Alt+press on a node and turns the drag into a citation."""

    def __init__(
        self, document: Document, scene: CanvasScene, view: CanvasView, away_drop: AwayDrop
    ) -> None:
        super().__init__(view)
        self.document, self.scene, self.view, self.away_drop = document, scene, view, away_drop
        self._pressed: tuple[str, QPoint] | None = None
        """The node Alt+pressed on, and where, until the drag starts or the button is up."""
        view.viewport().installEventFilter(self)

    def node_at(self, point: QPoint) -> str | None:
        item = self.view.itemAt(point)
        while item is not None and not hasattr(item, "node_id"):
            item = item.parentItem()
        node_id = getattr(item, "node_id", None)
        return node_id if isinstance(node_id, str) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QMouseEvent) or self.document.modules.modular is None:
            return super().eventFilter(watched, event)
        point = event.position().toPoint()
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            self._pressed = None
            if event.button() is Qt.MouseButton.LeftButton and event.modifiers() & CITE_MODIFIER:
                node_id = self.node_at(point)
                if node_id is not None:
                    self._pressed = (node_id, point)
                    return True  # not a move of the node
        elif kind == QEvent.Type.MouseMove and self._pressed is not None:
            node_id, start = self._pressed
            if (point - start).manhattanLength() >= QApplication.startDragDistance():
                self._pressed = None
                self.start(node_id)
            return True
        elif kind == QEvent.Type.MouseButtonRelease and self._pressed is not None:
            self._pressed = None
            return True
        return super().eventFilter(watched, event)

    def citation(self, node_id: str) -> Citation | None:
        """The shown module's element as another module would cite it; None (and why) when
        no module may."""
        modular, active = self.document.modules.modular, self.document.modules.active
        if modular is None or active is None:
            return None
        cited = Citation(module=active, element=node_id)
        problem = modular.citation_refusal(cited)
        if problem is not None:
            self.document.refused.emit(problem)
            return None
        return cited

    def start(self, node_id: str) -> bool:
        """Drag the node as a citation of it (returns when it is dropped or given up)."""
        cited = self.citation(node_id)
        if cited is None:
            return False
        drag = QDrag(self.view.viewport())
        drag.setMimeData(element_mime(cited.module, node_id))
        item = self.scene.item_for(node_id)
        if item is not None:
            area = self.view.mapFromScene(item.sceneBoundingRect()).boundingRect()
            picture = self.view.viewport().grab(area)
            if picture.width() > PREVIEW_WIDTH:
                picture = picture.scaledToWidth(
                    PREVIEW_WIDTH, Qt.TransformationMode.SmoothTransformation
                )
            drag.setPixmap(picture)
        drag.exec(Qt.DropAction.CopyAction)
        return True

    # -- the same without dragging --------------------------------------------------------

    def fill_context_menu(self, menu: QMenu, node_id: str | None) -> None:
        """ "Cite in module ▸ fairness, …": add an away element citing the node there."""
        modular, active = self.document.modules.modular, self.document.modules.active
        if modular is None or node_id is None or node_id not in self.document.case:
            return
        others = [m for m in modular.modules if m.id != active]
        if not others or active is None:
            return
        problem = modular.citation_refusal(Citation(module=active, element=node_id))
        sub = menu.addMenu(f"Cite {node_id} in module")
        sub.setToolTip(problem or f"Add an away element citing {node_id} to another module")
        sub.setToolTipsVisible(True)
        sub.setEnabled(problem is None)
        for module in others:
            action = sub.addAction(module.name)
            action.setData(module.id)
            action.triggered.connect(
                lambda _=False, target=module.id, home=active: self.cite_in(home, node_id, target)
            )

    def cite_in(self, home: str, node_id: str, target: str) -> bool:
        """Show module `target` and add there, at the centre of the view, an away element
        citing `node_id` of module `home`."""
        if not self.document.show_module(target):
            return False
        return self.cite_at_centre(Citation(module=home, element=node_id))

    def drop_on_tab(self, data: QMimeData) -> bool:
        """An element dropped on a module's tab (now in front): cited at the view's centre."""
        cited = cited_by(data)
        return cited is not None and self.cite_at_centre(cited)

    def cite_at_centre(self, cited: Citation) -> bool:
        """An away element citing `cited` in the shown module, at the centre of the view,
        selected so that it is seen and can be moved."""
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        if not self.away_drop.drop(cited, Position(x=centre.x(), y=centre.y())):
            return False
        self.scene.selection.set([self.document.case.nodes[-1].id])
        return True
