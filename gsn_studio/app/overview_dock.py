"""The overview (minimap) dock: the whole case scaled down, each node a block in its status
colour, and a frame showing what the canvas shows; a click or a drag in it moves the canvas.

Cheap at any size: the blocks are drawn once into a pixmap, made again after an edit, a
status change or a resize (once per turn of the event loop, and only while the dock is
visible). Each node's block is kept between drawings, and an edit works out again only the
blocks of the nodes it touched or whose status changed; drawing is then one call per colour,
and when the drawn area stays the same and no links are drawn (a large case), only the
touched blocks' places are drawn again, with the blocks beside them (the routing index finds
those). Scrolling or zooming the canvas repaints just the pixmap and the frame.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, QSizeF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QRegion,
    QResizeEvent,
    QShowEvent,
    QTransform,
)
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSizePolicy, QWidget

from gsn_studio.analysis.levels import mark_rank
from gsn_studio.app.canvas import CanvasScene, CanvasView
from gsn_studio.app.canvas.link_item import LinkItem
from gsn_studio.app.canvas.node_item import NodeItem
from gsn_studio.app.canvas.paints import brush, colour, pen
from gsn_studio.model.changes import Effects
from gsn_studio.notation.palette import (
    BACKGROUND,
    LINK_COLOUR,
    SELECTION_COLOUR,
    Status,
    block_colour,
)

REBUILD_DELAY_MS = 0
"""The blocks are drawn again at the next turn of the event loop: a burst of changes within
one turn (an edit, its findings, a resize) draws once."""
MARGIN = 6.0
"""Pixels kept free around the drawing."""
LINK_ALPHA = 40
MAX_LINKS = 2000
"""Beyond this many links they are left out: thousands of faint lines become a grey fog over
the blocks, which show the case's shape by themselves."""
MIN_FRAME = 8.0
"""The frame is never drawn smaller than this (pixels), so it can be found on a huge case."""
FRAME_WIDTH = 2.0


def _layers() -> dict[str, tuple[int, int]]:
    layers: dict[str, tuple[int, int]] = {}
    for status in Status:  # a colour several marks share is as bad as the worst of them
        name = block_colour(status)
        layers[name] = max(layers.get(name, (-2, 0)), mark_rank(status.value))
    return layers


_LAYERS = _layers()


def drawing_order(colour_name: str) -> tuple[tuple[int, int], str]:
    """Where a block colour is drawn among the others: the worse the status it marks, the
    later, so that where blocks overlap at the overview's scale a problem is never hidden
    under a sound or unmarked node."""
    return _LAYERS.get(colour_name, (-2, 0)), colour_name


MAX_PATCHED = 400
"""Past this many touched blocks the whole drawing is made again (it costs about as much)."""


class OverviewWidget(QWidget):
    """The minimap itself; `OverviewDock` puts it in a dock."""

    def __init__(self, scene: CanvasScene, view: CanvasView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = scene
        self.view = view
        self.setMinimumSize(120, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Overview: click or drag to move the canvas")
        self._pixmap: QPixmap | None = None
        self._stale = True
        self._area = QRectF()
        """The part of the scene drawn: the nodes' bounding box."""
        self._scale = 1.0
        self._origin = QPointF()
        """Where the area's top-left corner lands in the widget."""
        self.rebuilds = 0
        """How many times the blocks were drawn (tests check they are not drawn per scroll)."""
        self.patched = 0
        """How many of those drew only the touched blocks' places."""
        self._transform: QTransform | None = None
        """From scene to pixmap, as last drawn whole (None: nothing to patch)."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REBUILD_DELAY_MS)
        self._timer.timeout.connect(self.rebuild)
        self._blocks: dict[str, Block] | None = None
        """Each node's block as last drawn (None: to be collected from every item again)."""
        self._touched: set[str] = set()
        self._edit_waiting = False
        """An edit waits for its findings, with which the drawing is brought up to date."""
        self._by_colour: dict[str, dict[str, QRectF]] = {}
        """The blocks' rectangles by colour, then by node: drawn one call per colour."""
        """Nodes whose blocks are out of date since the last drawing."""
        self.blocks_made = 0
        """How many blocks were worked out, in all (tests check an edit makes its own)."""
        document = scene.document
        document.changed.connect(self._on_changed)
        document.reset.connect(self._on_new_case)
        document.findings_changed.connect(self._on_findings)
        scene.folding.shown_changed.connect(self._on_reset)  # a fold or the focus
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.valueChanged.connect(self.update)
            bar.rangeChanged.connect(self.update)
        view.zoom_changed.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(260, 200)

    # -- the cached drawing ---------------------------------------------------------------

    def schedule_rebuild(self, *_args: object) -> None:
        """The case changed: draw it again once things settle (or when next shown)."""
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def _on_reset(self) -> None:
        self._blocks = None
        self.schedule_rebuild()

    def _on_new_case(self) -> None:
        """Another case: the last drawing shows nothing of it, so the next paint draws it (in
        the window's first paint after opening, not after a turn of routing batches)."""
        self._pixmap = None
        self._on_reset()
        self.update()

    def _on_findings(self) -> None:
        self._touched.update(self.scene.document.status_changes)
        if self._edit_waiting and self.isVisible():
            # An edit's findings end its burst of changes: drawn now, in the window's one
            # repaint after the edit, not in a second one at the next turn.
            self.rebuild()
        else:
            self.schedule_rebuild()

    def _on_changed(self, effects: Effects) -> None:
        """An edit: its findings (the blocks' colours) follow unless it only moved nodes, and
        the drawing waits for them, or a slow edit would draw the case twice."""
        if effects.folded or effects.renamed:  # what shows, or what an id names, changed
            self._blocks = None
        self._touched.update(effects.added, effects.removed, effects.changed, effects.moved)
        if self.scene.document.findings_pending:
            self._stale = self._edit_waiting = True
        else:
            self.schedule_rebuild()

    def rebuild(self) -> None:
        """Draw every node as a block, and the links as faint lines, into the pixmap."""
        self._timer.stop()
        self._stale = self._edit_waiting = False
        self.rebuilds += 1
        before, area, touched = self._blocks, QRectF(self._area), set(self._touched)
        old = [before[i].rect for i in touched if i in before] if before is not None else []
        self._update_blocks()  # changes `before` in place
        if self._patchable(before, area, touched):
            assert self._blocks is not None
            self._redraw_around(old + [self._blocks[i].rect for i in touched if i in self._blocks])
            self.update()
            return
        self._transform = None
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(colour(BACKGROUND))
        self._pixmap = pixmap
        if self._area.isEmpty():
            self.update()
            return
        room_w = max(1.0, self.width() - 2 * MARGIN)
        room_h = max(1.0, self.height() - 2 * MARGIN)
        self._scale = min(room_w / self._area.width(), room_h / self._area.height())
        self._origin = QPointF(
            (self.width() - self._area.width() * self._scale) / 2,
            (self.height() - self._area.height() * self._scale) / 2,
        )
        painter = QPainter(pixmap)
        # Drawn in scene units through the painter's transform: no mapping per node in Python.
        left = self._origin.x() - self._area.left() * self._scale
        top = self._origin.y() - self._area.top() * self._scale
        transform = QTransform(self._scale, 0, 0, self._scale, left, top)
        painter.setTransform(transform)
        links: list[LinkItem] = []
        for link in self.scene.link_items():  # counted only as far as MAX_LINKS: past it
            if link.isVisible():  # none is drawn, and 10,000 calls would be wasted
                links.append(link)
                if len(links) > MAX_LINKS:
                    break
        if len(links) <= MAX_LINKS:
            painter.setPen(pen(LINK_COLOUR, 0, alpha=LINK_ALPHA))
            painter.drawLines(
                [
                    QLineF(link.source.pos(), link.target.pos())
                    for link in links
                    if link.challenged is None
                ]
            )
        for name, rects in sorted(self._by_colour.items(), key=_by_severity):
            # A hairline outline in the block's colour: at least a pixel, so that no node
            # vanishes from a huge case, with no per-block work in Python.
            painter.setPen(pen(name, 0))
            painter.setBrush(brush(name))
            painter.drawRects(list(rects.values()))
        painter.end()
        if not links or len(links) > MAX_LINKS:  # no faint line crosses a place to draw
            self._transform = transform
        self.update()

    def _patchable(self, before: dict[str, Block] | None, area: QRectF, touched: set[str]) -> bool:
        """Whether drawing the touched blocks' places gives the whole drawing: the pixmap, its
        size, the area (so the scale) and the blocks kept are those of the last drawing."""
        pixmap = self._pixmap
        return (
            self._transform is not None
            and before is not None
            and self._blocks is not None
            and pixmap is not None
            and pixmap.deviceIndependentSize() == self.size().toSizeF()
            and area == self._area
            and len(touched) <= MAX_PATCHED
        )

    def _redraw_around(self, places: list[QRectF]) -> None:
        """Draw again, in the pixmap, the pixels of these scene rectangles (a touched block's
        old and new places): background, then every block reaching there, in the whole
        drawing's order, so that the pixels equal it."""
        transform, pixmap, blocks = self._transform, self._pixmap, self._blocks
        assert transform is not None and pixmap is not None and blocks is not None
        region = QRegion()
        reach = 3 / self._scale  # the region's margin, a hairline and rounding, in scene units
        areas: list[QRectF] = []
        for place in places:
            region += transform.mapRect(place).toAlignedRect().adjusted(-1, -1, 1, 1)
            area = place.adjusted(-reach, -reach, reach, reach)
            for other in [a for a in areas if a.intersects(area)]:  # one query for both
                areas.remove(other)
                area = area.united(other)
            areas.append(area)
        near: set[str] = set()
        for area in areas:  # at this scale a pixel holds many nodes: few queries, not many
            # The routing index of shown nodes' boxes: Qt's own index lists each long link
            # once per cell it crosses, which costs milliseconds for a rectangle this large.
            box = (area.left(), area.top(), area.right(), area.bottom())
            near.update(node_id for node_id, _box in self.scene.obstacles(box))
        self.patched += 1
        if region.isEmpty():
            return
        painter = QPainter(pixmap)
        painter.setClipRegion(region)
        painter.fillRect(region.boundingRect(), colour(BACKGROUND))
        painter.setTransform(transform)
        for name, rects in sorted(self._by_colour.items(), key=_by_severity):
            here = [rects[node_id] for node_id in near if node_id in rects]
            if here:
                painter.setPen(pen(name, 0))
                painter.setBrush(brush(name))
                painter.drawRects(here)
        painter.end()

    def _update_blocks(self) -> None:
        """Every node's block, made afresh only for the nodes touched since the last drawing
        (or for all of them after a new case, a fold or a rename); `_area` follows. The area
        is measured over every block again only when a touched block lay on its edge, where
        it may have shrunk."""
        blocks = self._blocks
        touched, self._touched = self._touched, set()
        if blocks is None:
            items = self.scene.node_items()
            blocks, self._by_colour = _all_blocks(items, self.scene.covered.bounds(items)[1])
            self._area = self.scene.items_bounding_rect()
            self.blocks_made += len(blocks)
        else:
            edge = _edges(self._area)
            shrink = False
            grown = QRectF(self._area)
            for node_id in touched:
                old = blocks.pop(node_id, None)
                if old is not None:
                    self._by_colour.get(old.colour, {}).pop(node_id, None)
                    shrink = shrink or (old.shown is not None and bool(_edges(old.shown) & edge))
                item = self.scene.item_for(node_id)
                if item is None:
                    continue
                block = blocks[node_id] = _block(item)
                if block.shown is not None:
                    self._by_colour.setdefault(block.colour, {})[node_id] = block.rect
                    grown = grown.united(block.shown)
            self.blocks_made += len(touched)
            self._area = _covered(blocks.values()) if shrink else grown
        self._blocks = blocks

    # -- mapping ------------------------------------------------------------------------

    def to_overview(self, point: QPointF) -> QPointF:
        """A scene point's place in the widget."""
        return (point - self._area.topLeft()) * self._scale + self._origin

    def to_scene(self, point: QPointF) -> QPointF:
        """The scene point a widget point shows."""
        return (point - self._origin) / self._scale + self._area.topLeft()

    def view_frame(self) -> QRectF:
        """Where the canvas's visible part lies in the widget."""
        visible = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        top_left = self.to_overview(visible.topLeft())
        bottom_right = self.to_overview(visible.bottomRight())
        return QRectF(top_left, bottom_right)

    # -- Qt overrides -----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        # A stale drawing stays up until the timer redraws it: a repaint never waits on it.
        if self._pixmap is None or self._pixmap.deviceIndependentSize() != self.size().toSizeF():
            self.rebuild()
        painter = QPainter(self)
        assert self._pixmap is not None
        painter.drawPixmap(0, 0, self._pixmap)
        if not self._area.isEmpty():
            frame = self.view_frame()
            if frame.width() < MIN_FRAME or frame.height() < MIN_FRAME:
                centre = frame.center()
                frame.setSize(frame.size().expandedTo(QSizeF(MIN_FRAME, MIN_FRAME)))
                frame.moveCenter(centre)
            frame = frame.intersected(QRectF(self.rect()).adjusted(1, 1, -1, -1))
            painter.setPen(pen(SELECTION_COLOUR, FRAME_WIDTH))
            painter.setBrush(QColor(26, 115, 232, 28))
            painter.drawRect(frame)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.schedule_rebuild()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            QTimer.singleShot(0, self._rebuild_if_stale)  # the debounce interval stays as is

    def _rebuild_if_stale(self) -> None:
        if self._stale:
            self.rebuild()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._centre_at(event.position())
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._centre_at(event.position())
            event.accept()

    def _centre_at(self, point: QPointF) -> None:
        if not self._area.isEmpty():
            self.view.centerOn(self.to_scene(point))


def _by_severity(entry: tuple[str, object]) -> tuple[tuple[int, int], str]:
    return drawing_order(entry[0])


class Block(NamedTuple):
    """A node as the overview draws it: its block, its colour, and the area it covers when
    shown (None when folded away or outside the focus)."""

    rect: QRectF
    colour: str
    shown: QRectF | None


def _block(item: NodeItem) -> Block:
    g = item.geometry
    rect = QRectF(item.x() - g.width / 2, item.y() - g.height / 2, g.width, g.height)
    return Block(
        rect, block_colour(item.status), item.sceneBoundingRect() if item.isVisible() else None
    )


def _all_blocks(
    items: list[NodeItem], shown_bounds: dict[str, QRectF]
) -> tuple[dict[str, Block], dict[str, dict[str, QRectF]]]:
    """Every node's block (as `_block` makes it) and the shown ones by colour, in one pass:
    an opened case of 10,000 nodes asks each item only its place, each status's colour is
    looked up once, and whether a node shows and its bounds come from the canvas's measure
    of the area they cover (`shown_bounds`: the scene bounds of the shown nodes by id)."""
    blocks: dict[str, Block] = {}
    by_colour: dict[str, dict[str, QRectF]] = {}
    colours: dict[Status, str] = {}
    for item in items:
        geometry, status, node_id = item.geometry, item.status, item.node_id
        width, height = geometry.width, geometry.height
        rect = QRectF(item.x() - width / 2, item.y() - height / 2, width, height)
        name = colours.get(status)
        if name is None:
            name = colours[status] = block_colour(status)
        shown = shown_bounds.get(node_id)
        if shown is not None:  # not folded away nor outside the focus: drawn
            same = by_colour.get(name)
            if same is None:
                same = by_colour[name] = {}
            same[node_id] = rect
        blocks[node_id] = Block(rect, name, shown)
    return blocks, by_colour


def _covered(blocks: Iterable[Block]) -> QRectF:
    """The area the shown blocks cover."""
    shown = [block.shown for block in blocks if block.shown is not None]
    if not shown:
        return QRectF()
    left = min(rect.left() for rect in shown)
    top = min(rect.top() for rect in shown)
    right = max(rect.right() for rect in shown)
    bottom = max(rect.bottom() for rect in shown)
    return QRectF(left, top, right - left, bottom - top)


def _edges(rect: QRectF) -> set[tuple[str, float]]:
    # Rounded: QRectF keeps left and width, so an area's right edge summed from a far-left
    # origin differs in the last bits from the same edge of the block that set it.
    return {
        ("l", round(rect.left(), 3)),
        ("t", round(rect.top(), 3)),
        ("r", round(rect.right(), 3)),
        ("b", round(rect.bottom(), 3)),
    }


def add_overview_dock(window: QMainWindow, scene: CanvasScene, view: CanvasView) -> QDockWidget:
    """The Overview dock, at the bottom of the left dock area; shown or hidden as the window's
    saved state says (its object name keys it there)."""
    dock = QDockWidget("Overview", window)
    dock.setObjectName("overviewDock")
    dock.setWidget(OverviewWidget(scene, view, dock))
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock, Qt.Orientation.Vertical)
    return dock
