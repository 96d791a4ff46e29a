"""Dropping an element of another module onto the canvas makes an away element citing it
(GSN v3 modular extension): dragged from the Modules panel, where each module lists the
elements other modules may cite. One undo step, through Document.push."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QObject
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

from gsn_studio.app.canvas import CanvasView
from gsn_studio.app.document import Document
from gsn_studio.model import Citation, Node, Position
from gsn_studio.model.changes import AddNode

AWAY_MIME = "application/x-gsn-studio-element"
"""What is dragged: "module<TAB>element"."""


def element_mime(module_id: str, element: str) -> QMimeData:
    data = QMimeData()
    data.setData(AWAY_MIME, QByteArray(f"{module_id}\t{element}".encode()))
    data.setText(f"{element} in {module_id}")
    return data


def cited_by(data: QMimeData) -> Citation | None:
    if not data.hasFormat(AWAY_MIME):
        return None
    module_id, _, element = (
        bytes(data.data(AWAY_MIME).data()).decode("utf-8", "replace").partition("\t")
    )
    try:
        return Citation(module=module_id, element=element) if module_id and element else None
    except ValueError:
        return None


class AwayDrop(QObject):
    """Watches the canvas for element drops (the scene keeps its own mouse tools)."""

    def __init__(self, document: Document, view: CanvasView) -> None:
        super().__init__(view)
        self.document, self.view = document, view
        view.setAcceptDrops(True)
        view.viewport().setAcceptDrops(True)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QDragEnterEvent | QDragMoveEvent):
            if cited_by(event.mimeData()) is not None:
                event.acceptProposedAction()
                return True
        elif isinstance(event, QDropEvent):
            cited = cited_by(event.mimeData())
            if cited is not None:
                at = self.view.mapToScene(event.position().toPoint())
                self.drop(cited, Position(x=at.x(), y=at.y()))
                event.acceptProposedAction()
                return True
        return super().eventFilter(watched, event)

    def drop(self, cited: Citation, at: Position) -> bool:
        """Add an away element citing `cited` at `at`; False (and why) when it cannot be."""
        modular = self.document.modules.modular
        home_module = modular.module(cited.module) if modular is not None else None
        problem = (
            modular.citation_refusal(cited, self.document.modules.active)
            if modular is not None
            else f"there is no {cited.describe()} in this case"
        )
        if home_module is None or problem is not None:
            self.document.refused.emit(problem or f"there is no {cited.describe()} in this case")
            return False
        home = home_module.case.node(cited.element)
        case = self.document.case
        node = Node(
            id=case.next_id(home.type),
            type=home.type,
            statement=home.statement,
            cites=cited,
            position=at,
        )
        return self.document.push(AddNode(node), f"Add away {node.id}")
