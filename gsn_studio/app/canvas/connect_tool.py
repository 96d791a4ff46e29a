"""Linking by drag: from the connector handle under a node (or, in link mode, from anywhere
on a node) to another node, or onto a link.

The kind follows from the two node types by the model's one rule (`kind_for`): where two
kinds may join them, which only happens from a counter claim onto a strategy, a contextual
element or another counter claim, the drop builds the counter argument (supported by, in
context of) and Shift at the drop makes it a challenge; the preview line shows which before
the drop. Onto a goal or a solution a counter claim can only challenge. Dropping a counter
node's drag onto a link challenges that link. A pair that nothing joins is refused with the
rule, and nothing changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsLineItem

from gsn_studio.app.canvas.link_item import LinkItem
from gsn_studio.app.canvas.node_item import NodeItem
from gsn_studio.app.canvas.paints import brush, pen
from gsn_studio.app.canvas.shapes import exit_point
from gsn_studio.app.document import Document
from gsn_studio.model import COUNTER, Link, LinkKind, kind_for, link_violation
from gsn_studio.model.changes import Connect
from gsn_studio.model.links import RULES
from gsn_studio.notation.palette import LINK_COLOUR, SELECTION_COLOUR
from gsn_studio.notation.themes import CHALLENGE_COLOUR

if TYPE_CHECKING:
    from gsn_studio.app.canvas.scene import CanvasScene

HANDLE_RADIUS = 5.0
HANDLE_HIT = HANDLE_RADIUS + 2.0
"""How close to the handle's centre a press must land, in scene units."""
TOOL_Z = 10.0
REFUSED_COLOUR = "#c62828"


class ConnectTool:
    def __init__(self, scene: CanvasScene, document: Document) -> None:
        self.scene = scene
        self.document = document
        self.handle = QGraphicsEllipseItem(
            QRectF(-HANDLE_RADIUS, -HANDLE_RADIUS, 2 * HANDLE_RADIUS, 2 * HANDLE_RADIUS)
        )
        self.handle.setPen(pen(SELECTION_COLOUR, 1.5))
        self.handle.setBrush(brush("#ffffff"))
        self.handle.setZValue(TOOL_Z)
        self.handle.setCursor(Qt.CursorShape.CrossCursor)
        self.handle.setToolTip(
            "Drag to another node to link them; from a counter claim, onto an element or "
            "a link to challenge it (Shift: the other kind, where two may join them)"
        )
        self.handle.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.preview = QGraphicsLineItem()
        self.preview.setZValue(TOOL_Z)
        self.handle_owner: NodeItem | None = None
        self.source: NodeItem | None = None
        """The node a link is being dragged from, while a drag lasts."""
        self.attach()

    # -- the items it shows ----------------------------------------------------------------

    def attach(self) -> None:
        """Put the handle and the preview line (hidden) into the scene."""
        for item in (self.handle, self.preview):
            item.hide()
            self.scene.addItem(item)
        self.handle_owner = None
        self.source = None

    def detach(self) -> None:
        """Take them out, so that clearing the scene does not delete them."""
        for item in (self.handle, self.preview):
            if item.scene() is not None:
                self.scene.removeItem(item)
        self.handle_owner = None
        self.source = None

    def hover(self, point: QPointF) -> None:
        """Show the handle under the node the mouse is over, or the one selected node."""
        if self.source is not None:
            return
        if self.on_handle(point):
            return
        node = self.scene.node_item_at(point)
        if node is None:
            current = self.scene.selection.current  # O(1), unlike asking Qt for the selection
            node = self.scene.item_for(current) if current is not None else None
        self.show_handle(node)

    def show_handle(self, node: NodeItem | None) -> None:
        self.handle_owner = node
        if node is None or self.scene.editing:
            self.handle.hide()
            return
        self.handle.setPos(node.handle_point())
        self.handle.show()

    def refresh(self) -> None:
        """Follow the handle's node after an edit moved, resized or removed it."""
        owner = self.handle_owner
        if owner is not None and self.scene.item_for(owner.node_id) is not owner:
            owner = None
        self.show_handle(owner)

    def on_handle(self, point: QPointF) -> bool:
        if not self.handle.isVisible() or self.handle_owner is None:
            return False
        return QLineF(point, self.handle.pos()).length() <= HANDLE_HIT

    # -- the drag --------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self.source is not None

    def press(self, point: QPointF, anywhere: bool) -> bool:
        """Start a link drag if the press is on the handle (or on any node when `anywhere`)."""
        if self.on_handle(point):
            source = self.handle_owner
        elif anywhere:
            source = self.scene.node_item_at(point)
        else:
            source = None
        if source is None:
            return False
        self.source = source
        self.handle.hide()
        self.move(point)
        self.preview.show()
        return True

    def move(self, point: QPointF, other: bool = False) -> None:
        """Follow the mouse; the preview shows what a drop here would make."""
        source = self.source
        if source is None:
            return
        start = QPointF(
            *exit_point(source.geometry.outline, source.centre(), (point.x(), point.y()))
        )
        self.preview.setLine(QLineF(start, point))
        target = self.scene.node_item_at(point, ignore=source)
        if target is not None:
            kind = kind_for(source.node.type, target.node.type, other)
        elif (link := self.scene.link_item_at(point)) is not None:
            kind = LinkKind.CHALLENGES if self._may_challenge(source, link) else None
        else:
            self.preview.setPen(pen(LINK_COLOUR, 1.5, (5.0, 4.0)))
            return
        if kind is None:
            colour = REFUSED_COLOUR
        elif kind is LinkKind.CHALLENGES:
            colour = CHALLENGE_COLOUR
        else:
            colour = SELECTION_COLOUR
        self.preview.setPen(pen(colour, 1.5, (5.0, 4.0)))

    def release(self, point: QPointF, other: bool = False) -> bool:
        """End the drag: link the source to the node under the point, or make it challenge
        the link under the point."""
        source = self.source
        self.cancel()
        if source is None:
            return False
        target = self.scene.node_item_at(point, ignore=source)
        if target is not None:
            return self.connect(source.node_id, target.node_id, other)
        link = self.scene.link_item_at(point)
        if link is not None:
            return self.challenge_link(source.node_id, link)
        return False

    def cancel(self) -> None:
        self.source = None
        self.preview.hide()
        self.preview.setLine(QLineF())

    def connect(self, source_id: str, target_id: str, other: bool = False) -> bool:
        """Push the link between two nodes, or emit the refusal that says which rule forbids it."""
        case = self.document.case
        source, target = case.node(source_id), case.node(target_id)
        kind = kind_for(source.type, target.type, other)
        if kind is None:
            message = (
                link_violation(
                    LinkKind.SUPPORTED_BY, source_id, source.type, target_id, target.type
                )
                or f"{source_id} cannot be linked to {target_id}"
            )
            if kind_for(target.type, source.type) is not None:
                message += f". Drag from {target_id} to {source_id} instead."
            self.document.refused.emit(message)
            return False
        link = Link(source=source_id, target=target_id, kind=kind)
        if kind is LinkKind.CHALLENGES:
            text = f"Challenge {target_id} with {source_id}"
        else:
            text = f"Link {source_id} to {target_id}"
        return self.document.push(Connect(link), text)

    def challenge_link(self, source_id: str, link: LinkItem) -> bool:
        """Push a challenge by a defeater to a link, or emit why it may not."""
        ends = f"{link.source.node_id} → {link.target.node_id}"
        source = self.document.case.node(source_id)
        if source.type not in COUNTER:
            self.document.refused.emit(
                f"{source_id} ({source.type}) cannot challenge the link {ends}: "
                f"{RULES[LinkKind.CHALLENGES]}"
            )
            return False
        if source_id in (link.source.node_id, link.target.node_id):
            self.document.refused.emit(f"{source_id} cannot challenge its own link {ends}")
            return False
        challenge = Link(
            source=source_id,
            target=link.target.node_id,
            kind=LinkKind.CHALLENGES,
            via=link.source.node_id,
        )
        return self.document.push(Connect(challenge), f"Challenge the link {ends} with {source_id}")

    @staticmethod
    def _may_challenge(source: NodeItem, link: LinkItem) -> bool:
        return source.node.type in COUNTER and source not in (link.source, link.target)
