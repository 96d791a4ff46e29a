"""Open review comments on the canvas: a yellow speech bubble with their number at a node's
bottom-left corner (the status badge has the top corners, an A or J the bottom right), and at
the middle of a commented link.

Bubbles keep their size on screen whatever the zoom, so a reviewer looking at a whole case
still sees where the open questions are. Only commented nodes get one, so a large case pays
nothing. `CommentBadges` observes the document after the scene has updated its items.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)
from shiboken6 import isValid

from gsn_studio.app.canvas.link_item import LinkItem
from gsn_studio.app.canvas.node_item import NodeItem
from gsn_studio.app.canvas.paints import brush, font, pen
from gsn_studio.app.document import Document
from gsn_studio.model.changes import Effects
from gsn_studio.model.comment_edits import open_counts
from gsn_studio.notation.geometry import Geometry
from gsn_studio.notation.metrics import text_width

if TYPE_CHECKING:
    from gsn_studio.app.canvas.scene import CanvasScene

BUBBLE_FILL = "#fdd835"
BUBBLE_EDGE = "#8d6e00"
BUBBLE_TEXT = "#3e2723"
BUBBLE_HEIGHT = 16.0
"""In screen pixels: the bubble ignores the view's zoom."""
BUBBLE_TEXT_SIZE = 11.0
TAIL = 5.0
BADGE_Z = 5.0
"""A link's bubble, above every node."""
COMMENTED_Z = 0.5
"""A commented node sits above the others, so that its bubble (its child) does too."""


def comment_words(count: int) -> str:
    return f"{count} open review comment{'' if count == 1 else 's'}"


class CommentBadgeItem(QGraphicsItem):
    """The bubble. A node's is its child, so it moves with it; a link's stands on its own
    above the nodes (as the link's `follower`), since a child of a link is drawn below them."""

    def __init__(
        self,
        parent: QGraphicsItem | None,
        on_click: Callable[[], None],
        link: LinkItem | None = None,
    ) -> None:
        super().__init__(parent)
        # Weak: a strong reference would keep a dropped link's item alive through its bubble.
        self.link = weakref.ref(link) if link is not None else None
        self.count = 0
        self._on_click = on_click
        self._rect = QRectF()
        self._path = QPainterPath()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(BADGE_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def show_count(self, count: int) -> None:
        if count == self.count:
            return
        self.prepareGeometryChange()
        self.count = count
        word = self.text
        width = max(BUBBLE_HEIGHT + 2, text_width(word, BUBBLE_TEXT_SIZE, bold=True) + 10)
        # The tail points back up at the corner the bubble hangs from (the item's origin).
        self._rect = QRectF(-width + TAIL, TAIL, width, BUBBLE_HEIGHT)
        path = QPainterPath()
        radius = BUBBLE_HEIGHT / 2
        path.addRoundedRect(self._rect, radius, radius)
        tail = QPainterPath()
        tail.moveTo(0, 0)
        tail.lineTo(-TAIL * 0.4, TAIL + 1)
        tail.lineTo(-TAIL * 2.2, TAIL + 1)
        tail.closeSubpath()
        self._path = path.united(tail)
        self.setToolTip(comment_words(count))
        self.update()

    @property
    def text(self) -> str:
        return str(self.count) if self.count < 100 else "99+"

    def boundingRect(self) -> QRectF:
        return self._path.boundingRect().adjusted(-1, -1, 1, 1)

    def shape(self) -> Any:
        return self._path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(pen(BUBBLE_EDGE, 1.0))
        painter.setBrush(brush(BUBBLE_FILL))
        painter.drawPath(self._path)
        painter.setPen(pen(BUBBLE_TEXT, 1.0))
        painter.setFont(font(BUBBLE_TEXT_SIZE, bold=True))
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.text)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        event.accept()
        self._on_click()


def corner(geometry: Geometry) -> QPointF:
    """A node's bottom-left corner, on the outline for ovals."""
    outline = geometry.outline
    if outline.kind == "ellipse":
        return QPointF(-geometry.half_width * math.sqrt(0.5), geometry.half_height * math.sqrt(0.5))
    if outline.kind == "polygon":  # the strategy leans right: its bottom edge starts further left
        bottom = max(y for _, y in outline.points)
        return QPointF(min(x for x, y in outline.points if y == bottom), bottom)
    return QPointF(-geometry.half_width, geometry.half_height)


class CommentBadges(QObject):
    """Keeps one bubble on each node and link that has open comments."""

    activated = Signal(str, object)
    """A bubble was clicked: the node, and the other end of the link (or None)."""

    def __init__(self, scene: CanvasScene, document: Document) -> None:
        super().__init__(scene)
        self.scene = scene
        self.document = document
        self._nodes: dict[str, CommentBadgeItem] = {}
        self._links: dict[tuple[str, str], CommentBadgeItem] = {}
        # Connected after the scene's own slots, so the items are already up to date.
        document.changed.connect(self._on_changed)
        # After a reset every item is new, with no bubble and no count: only the items with
        # comments need a look (not 20,000 of a large case).
        document.reset.connect(self.refresh_counted)
        self.refresh()

    def badge_for(self, node_id: str) -> CommentBadgeItem | None:
        return self._nodes.get(node_id)

    def link_badge_for(self, first: str, second: str) -> CommentBadgeItem | None:
        return self._links.get((min(first, second), max(first, second)))

    def refresh(self) -> None:
        """Bubbles afresh for every item (the scene made new items, or comments changed)."""
        node_counts, link_counts = open_counts(self.document.case)
        # A bubble goes with its item when the scene drops or remakes that item.
        self._nodes = {key: badge for key, badge in self._nodes.items() if isValid(badge)}
        self._links = {key: badge for key, badge in self._links.items() if isValid(badge)}
        nodes: dict[str, CommentBadgeItem] = {}
        for item in self.scene.node_items():
            badge = self._show_node(item, node_counts.get(item.node_id, 0))
            if badge is not None:
                nodes[item.node_id] = badge
        links: dict[tuple[str, str], CommentBadgeItem] = {}
        for link in self.scene.link_items():
            ends = _ends(link)
            if ends is None or ends in links:
                continue  # a challenge to a link, or a second link between the same nodes
            badge = self._show_link(link, ends, link_counts.get(ends, 0))
            if badge is not None:
                links[ends] = badge
        self._keep_only(nodes, links)

    def refresh_counted(self) -> None:
        """Bubbles for just the nodes and links that have open comments or had a bubble: an
        edit that touches no comment changes no count, only which items exist (a new item
        starts with none), so nodes without comments need no look."""
        node_counts, link_counts = open_counts(self.document.case)
        self._nodes = {key: badge for key, badge in self._nodes.items() if isValid(badge)}
        self._links = {key: badge for key, badge in self._links.items() if isValid(badge)}
        nodes: dict[str, CommentBadgeItem] = {}
        for node_id in node_counts.keys() | self._nodes.keys():
            item = self.scene.item_for(node_id)
            if item is not None:
                badge = self._show_node(item, node_counts.get(node_id, 0))
                if badge is not None:
                    nodes[node_id] = badge
        links: dict[tuple[str, str], CommentBadgeItem] = {}
        for ends in link_counts.keys() | self._links.keys():
            link = self._link_between(ends)
            if link is not None:
                badge = self._show_link(link, ends, link_counts.get(ends, 0))
                if badge is not None:
                    links[ends] = badge
        self._keep_only(nodes, links)

    def _keep_only(
        self, nodes: dict[str, CommentBadgeItem], links: dict[tuple[str, str], CommentBadgeItem]
    ) -> None:
        """These bubbles stay; every other one goes from the scene."""
        kept = {id(badge) for badge in [*nodes.values(), *links.values()]}
        for badge in [*self._nodes.values(), *self._links.values()]:
            if id(badge) not in kept:
                self._drop(badge)
        self._nodes, self._links = nodes, links

    def _link_between(self, ends: tuple[str, str]) -> LinkItem | None:
        """The link item a bubble on these two ends sits on: the first drawn between them."""
        item = self.scene.item_for(ends[0])
        if item is None:
            return None
        return next((link for link in item.links if _ends(link) == ends), None)

    def _on_changed(self, effects: Effects) -> None:
        if effects.comments or effects.renamed:
            self.refresh()
        elif effects.added or effects.removed or effects.links:
            self.refresh_counted()
        elif effects.changed:  # a new statement may resize the node: move its bubble
            for node_id in effects.changed:
                badge, item = self._nodes.get(node_id), self.scene.item_for(node_id)
                if badge is not None and item is not None:
                    badge.setPos(corner(item.geometry))

    def _show_node(self, item: NodeItem, count: int) -> CommentBadgeItem | None:
        item.open_comments = count
        item.setZValue(COMMENTED_Z if count else 0.0)
        badge = self._nodes.get(item.node_id)
        if badge is not None and badge.parentItem() is not item:
            badge = None  # the node's item was made afresh: its old bubble went with it
        if count == 0:
            return None
        if badge is None:
            node_id = item.node_id
            badge = CommentBadgeItem(item, lambda: self.activated.emit(node_id, None))
        badge.setPos(corner(item.geometry))
        badge.show_count(count)
        return badge

    def _show_link(
        self, link: LinkItem, ends: tuple[str, str], count: int
    ) -> CommentBadgeItem | None:
        link.open_comments = count
        badge = self._links.get(ends)
        if badge is not None and (badge.link is None or badge.link() is not link):
            badge = None  # the link's item was made afresh: the old bubble is dropped below
        if count == 0:
            link.follower = None
            return None
        if badge is None:
            source, target = link.source.node_id, link.target.node_id
            badge = CommentBadgeItem(None, lambda: self.activated.emit(target, source), link)
            self.scene.addItem(badge)
        link.follower = badge
        middle = link.midpoint()
        badge.setPos(middle if middle is not None else QPointF())
        badge.setVisible(middle is not None)
        badge.show_count(count)
        return badge

    def _drop(self, badge: CommentBadgeItem) -> None:
        if isValid(badge) and badge.scene() is not None:
            badge.scene().removeItem(badge)


def _ends(link: LinkItem) -> tuple[str, str] | None:
    if link.challenged is not None:
        return None
    first, second = link.source.node_id, link.target.node_id
    return (min(first, second), max(first, second))
