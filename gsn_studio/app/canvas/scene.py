"""The diagram: one item per node and per link, kept in step with the document.

The scene observes the document and never owns data. It builds its items from the case when
made and on `reset`; after that each `changed` names the nodes an edit touched, and only
those items are updated. Mouse gestures become document changes through small tools
(`MoveTool`, `ConnectTool`); the in-place editor reports its text, and the scene pushes it.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneHelpEvent,
    QGraphicsSceneMouseEvent,
    QToolTip,
)

from gsn_studio.app import editing
from gsn_studio.app.canvas.batch_routing import BatchRouter, view_area
from gsn_studio.app.canvas.connect_tool import ConnectTool
from gsn_studio.app.canvas.covered_area import CoveredArea, padded
from gsn_studio.app.canvas.folding import CanvasFolding
from gsn_studio.app.canvas.inline_editor import InlineEditor
from gsn_studio.app.canvas.link_item import LinkItem, LinkKey, box_of, key_of, place_obstacle
from gsn_studio.app.canvas.move_tool import FINE_NUDGE_STEP, NUDGE_STEP, MoveTool
from gsn_studio.app.canvas.node_item import NodeItem
from gsn_studio.app.canvas.paints import brush
from gsn_studio.app.canvas.pattern_paint import refresh_pattern_marks
from gsn_studio.app.canvas.pointer import node_under
from gsn_studio.app.canvas.selection_sync import SelectionSync
from gsn_studio.app.document import READ_ONLY_MESSAGE, Document
from gsn_studio.app.selection import Selection
from gsn_studio.model import Link, LinkKind, Node
from gsn_studio.model.changes import Effects
from gsn_studio.notation.palette import BACKGROUND, Status
from gsn_studio.notation.routes import GridIndex, detours_at_once

BULK_MOVE = 200
"""From this many moved nodes (and a quarter of the case) a change is handled as a bulk
move (see _on_changed)."""
NEAR_ROW_MARGIN = 40.0  # an item's box and its node's outline may differ a little
FAR = 1e7  # further than any diagram reaches: a new node's row is looked for across it
_BY_BOX = Qt.ItemSelectionMode.IntersectsItemBoundingRect

_ARROWS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}


class CanvasScene(QGraphicsScene):
    link_mode_changed = Signal(bool)
    away_activated = Signal(str)
    """An away element or module reference was double-clicked: go to what it cites."""

    def __init__(
        self, document: Document, selection: Selection, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.selection = selection
        self._nodes: dict[str, NodeItem] = {}
        self._links: dict[LinkKey, LinkItem] = {}
        self.obstacles = GridIndex({})
        """Where the nodes are, for routing links around them (kept here, not asked of Qt's
        item index, which rebuilds itself after every added item)."""
        self._dangling: set[LinkKey] = set()
        """Links of the case whose source or target is missing: not drawn."""
        self._statuses: dict[str, Status] = {}
        self.covered = CoveredArea()
        self._marked = False
        """Whether any item shows pattern notation or an ACP (see pattern_paint)."""
        self._link_mode = False
        self._editor: InlineEditor | None = None
        self._retired_editor: InlineEditor | None = None
        """Kept alive until the next edit: it may be finishing inside its own key event."""
        self.setBackgroundBrush(brush(BACKGROUND))
        self.connect_tool = ConnectTool(self, document)
        self.move_tool = MoveTool(self, document)
        self.selection_sync = SelectionSync(self, selection)
        self.batch_router = BatchRouter(lambda: view_area(self), self)
        """Bends the links of a case too large to route at once, a batch at a time."""
        for signal in (document.changed, selection.changed, document.findings_changed):
            signal.connect(self.batch_router.hold)  # the person's turn first, and the panels
        document.changed.connect(self._on_changed)
        document.reset.connect(self.rebuild)
        document.findings_changed.connect(self._on_findings)
        document.read_only_changed.connect(self._on_read_only)
        self.rebuild()
        self.folding = CanvasFolding(document, self)
        """Which items show: folds and the focus (connected after the scene's own slots)."""

    # -- queries ---------------------------------------------------------------------------

    def item_for(self, node_id: str) -> NodeItem | None:
        return self._nodes.get(node_id)

    def node_items(self) -> list[NodeItem]:
        return list(self._nodes.values())

    def has_nodes(self) -> bool:
        return bool(self._nodes)

    def link_item_for(
        self, source: str, target: str, kind: LinkKind, via: str | None = None
    ) -> LinkItem | None:
        return self._links.get((source, target, kind, via))

    def link_items(self) -> list[LinkItem]:
        return list(self._links.values())

    def node_item_at(self, point: QPointF, ignore: NodeItem | None = None) -> NodeItem | None:
        """The topmost node whose outline holds the point (see pointer.node_under)."""
        return node_under(point, self._nodes, self.obstacles, self._stacked_nodes, ignore)

    def _stacked_nodes(self, point: QPointF) -> list[NodeItem]:
        return [i for i in self.items(point, _BY_BOX) if isinstance(i, NodeItem)]

    def link_item_at(self, point: QPointF) -> LinkItem | None:
        """The topmost drawn link near the point that a defeater may challenge: not itself a
        challenge to a link, which the notation gives no middle to aim at."""
        for item in self.items(point):
            if isinstance(item, LinkItem) and item.challenged is None and item.is_drawn:
                return item
        return None

    def node_ids_at(self, point: QPointF) -> list[str]:
        """Ids of the nodes under a scene point, topmost first."""
        return [item.node_id for item in self.items(point) if isinstance(item, NodeItem)]

    def selected_node_items(self) -> list[NodeItem]:
        return [item for item in self.selectedItems() if isinstance(item, NodeItem)]

    def selected_ids(self) -> list[str]:
        return [item.node_id for item in self.selected_node_items()]

    def items_bounding_rect(self) -> QRectF:
        """The area the shown nodes cover (with their marks), empty when there are none."""
        return self.covered.of(self._nodes.values())

    # -- modes and commands for the main window ----------------------------------------------

    @property
    def link_mode(self) -> bool:
        """When True, a drag from anywhere on a node links it instead of moving it."""
        return self._link_mode

    @link_mode.setter
    def link_mode(self, on: bool) -> None:
        if on != self._link_mode:
            self._link_mode = on
            self.connect_tool.cancel()
            self.link_mode_changed.emit(on)

    def link_nodes(self, source_id: str, target_id: str) -> bool:
        """Link two nodes as a drag between them would (kind from the types, or refused)."""
        return self.connect_tool.connect(source_id, target_id)

    def select_only(self, ids: Iterable[str]) -> None:
        self.clearSelection()
        for node_id in ids:
            item = self._nodes.get(node_id)
            if item is not None:
                item.setSelected(True)

    @property
    def editing(self) -> bool:
        return self._editor is not None

    def edit_text(self, node_id: str) -> bool:
        """Open the in-place editor on a node's statement (see InlineEditor for the keys)."""
        item = self._nodes.get(node_id)
        if item is None:
            return False
        if self.document.read_only:
            self.document.refused.emit(READ_ONLY_MESSAGE)
            return False
        self.commit_edit()
        self.connect_tool.show_handle(None)
        editor = InlineEditor(item, self._finish_edit)
        self._editor = editor
        self.addItem(editor)
        views = self.views()
        if views and not views[0].hasFocus():
            views[0].setFocus(Qt.FocusReason.OtherFocusReason)
        # The node and its editor in one scroll (the cursor's own request then finds it shown).
        editor.ensureVisible(
            editor.mapRectFromItem(item, item.rect()).united(editor.boundingRect())
        )
        editor.start()
        return True

    def commit_edit(self) -> None:
        if self._editor is not None:
            self._editor.commit()

    def cancel_edit(self) -> None:
        if self._editor is not None:
            self._editor.cancel()

    def node_ids_near_row(self, top: float, bottom: float) -> list[str]:
        """Nodes that may reach the band between two heights (`editing.NearRow`): shown ones
        from the routing index (Qt's is slow for so wide a band), and hidden ones too."""
        band = (-FAR, top - NEAR_ROW_MARGIN, FAR, bottom + NEAR_ROW_MARGIN)
        shown = [node_id for node_id, _box in self.obstacles(band)]
        return shown + list(self.folding.hidden)

    def restore_positions(self, ids: Iterable[str]) -> None:
        """Put items back where the model has their nodes (after a refused move)."""
        self.covered.forget()
        for node_id in ids:
            node = self.document.case.get(node_id)
            item = self._nodes.get(node_id)
            if node is not None and item is not None:
                item.show_node(node)

    # -- building and following the document ----------------------------------------------

    def rebuild(self) -> None:
        """Make every item afresh from the case: only for a new, opened or reloaded case."""
        self.cancel_edit()
        self.connect_tool.detach()
        self.batch_router.clear()
        self.covered.forget()
        with self.selection_sync.paused():
            self.clear()
            self._nodes.clear()
            self._links.clear()
            self._dangling.clear()
            self._statuses = dict(self.document.statuses)
            # Qt's index of items is built once all are in (routing has its own index meanwhile).
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
            for node in self.document.case.nodes:
                if node.id not in self._nodes:  # the first of duplicate ids, as the model does
                    self._add_node(node)
            self.obstacles = GridIndex({i: item.placed_box() for i, item in self._nodes.items()})
            self._reconcile_links()
            self._marked = refresh_pattern_marks(  # new items show none: a plain case is skipped
                self.document.case, self._nodes, self._links, shown_before=False
            )
            self.connect_tool.attach()
            # The rect before the index: set after, Qt regenerates it at first use (0.4 s).
            self.setSceneRect(padded(self.items_bounding_rect()))
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
            self.selection_sync.selection_to_scene()
        self.selection_sync.scene_to_selection()
        self._route_later(self._links.values())

    def _on_changed(self, effects: Effects) -> None:
        self.covered.forget()
        case = self.document.case
        for old, new in effects.renamed:
            item = self._nodes.pop(old, None)
            self.obstacles.remove(old)
            if item is not None:
                self._nodes[new] = item
                item.node_id = new
        touched = dict.fromkeys(
            [*effects.removed, *effects.added, *effects.changed, *effects.moved]
            + [new for _, new in effects.renamed]
        )
        links_needed = effects.links
        link_ends = effects.link_ends if effects.links else None
        grown = QRectF()
        # Most of the case moved (an auto-layout): Qt's index of items is rebuilt once after,
        # not re-sorted at every move (with every node still at the origin, as when a case
        # opens unplaced, that cost 2.5 ms a node), and each link is placed once, by
        # _reroute_around, not again for each of its ends.
        bulk = len(effects.moved) > max(BULK_MOVE, len(self._nodes) // 4)
        if bulk:
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        for node_id in touched:
            node = case.get(node_id)
            item = self._nodes.get(node_id)
            if node is None:
                if item is not None:
                    self._drop_node(item)
                continue
            if item is None:
                item = self._add_node(node)
                place_obstacle(self.obstacles, item)  # before links of nodes changed with it
                if any(node_id in (key[0], key[1], key[3]) for key in self._dangling):
                    links_needed, link_ends = True, None
            else:
                retyped = item.node.type is not node.type
                item.show_node(node, follow_links=not bulk)
                if retyped:
                    for link in item.links:
                        link.refresh_rule()
            grown = grown.united(item.sceneBoundingRect())
        if bulk:
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        # Every touched box is in the routing index before new links are placed among them.
        for node_id in touched:
            item = self._nodes.get(node_id)
            if item is not None:
                place_obstacle(self.obstacles, item)
        near = None if link_ends is None else self._reconcile_links_at(link_ends)
        if links_needed and near is None:
            self._reconcile_links()
        if effects.moved:
            self._reroute_around(effects.moved)
        if not detours_at_once(self.obstacles):  # the few links it made are bent now
            self.batch_router.schedule_edit([self._nodes.get(node_id) for node_id in touched])
        # Marks follow the links and the ACPs; no editor command changes an ACP, but a
        # rename carries it along.
        if links_needed or (self._marked and effects.renamed):
            self._marked = refresh_pattern_marks(case, self._nodes, self._links, self._marked, near)
        if not grown.isEmpty():
            self.setSceneRect(self.sceneRect().united(padded(grown)))
        if self._editor is not None and self._editor.node_id not in self._nodes:
            self.cancel_edit()
        self.connect_tool.refresh()

    def shown_or_hidden(self, ids: Iterable[str]) -> None:
        """Nodes shown or hidden (a fold, the focus; link items already follow): links are
        routed round shown nodes only, so the shown links that run past these nodes are
        routed again (in idle batches in a large case, as after a layout)."""
        self.covered.forget()
        items = [item for node_id in ids if (item := self._nodes.get(node_id)) is not None]
        if len(items) > max(BULK_MOVE, len(self._nodes) // 4):
            # Taking thousands of boxes out one by one costs more than indexing the rest.
            self.obstacles = GridIndex(
                {i: box_of(item) for i, item in self._nodes.items() if item.isVisible()}
            )
            links = [link for link in self._links.values() if link.isVisible()]
        else:
            for item in items:
                place_obstacle(self.obstacles, item)
            near = {
                found
                for item in items
                for found in self.items(
                    item.sceneBoundingRect(), Qt.ItemSelectionMode.IntersectsItemBoundingRect
                )
                if isinstance(found, LinkItem)
            }
            links = [link for link in near if link.isVisible()]
        if detours_at_once(self.obstacles):
            for link in links:
                if link.challenged is None:
                    link.update_geometry()  # and the challenges to it
        else:
            self.batch_router.schedule(links)

    def _reroute_around(self, moved: Iterable[str]) -> None:
        """Route again the links that end at moved nodes or run where they now stand, once
        every node of the change is in place: a link bends around a node dropped on it."""
        items = [item for node_id in moved if (item := self._nodes.get(node_id)) is not None]
        if len(items) > len(self._nodes) // 4:
            links: set[LinkItem] = set(self._links.values())
        else:
            links = {link for item in items for link in item.links}
            for item in items:
                links.update(
                    near
                    for near in self.items(item.sceneBoundingRect())
                    if isinstance(near, LinkItem)
                )
        for link in links:
            if link.challenged is None:
                link.update_geometry()  # and the challenges to it
        self._route_later(links)

    def _route_later(self, links: Iterable[LinkItem]) -> None:
        """In a case too large to route at once, bend these links in idle batches."""
        if not detours_at_once(self.obstacles):
            self.batch_router.schedule(links)

    def _on_findings(self) -> None:
        """Repaint the nodes whose status changed (the document names them), not every node:
        an item always shows the status the document had when the item was made or last
        told, so the changes since then are all it needs."""
        old, self._statuses = self._statuses, self.document.statuses
        for node_id, status in self.document.status_changes.items():
            item = self._nodes.get(node_id)
            if item is not None and item.status is not status:
                item.show_status(status)
                if status is Status.REFUTED or old.get(node_id) is Status.REFUTED:
                    self._repaint_challenges_from(node_id)

    def _repaint_challenges_from(self, node_id: str) -> None:
        """A defeater refuted, or no longer: its challenge lines fade or come back."""
        for link in self._links.values():
            if link.source.node_id == node_id:
                link.update()

    def _on_read_only(self, on: bool) -> None:
        """Review mode: nodes cannot be dragged, nor links drawn from them."""
        self.cancel_edit()
        self.connect_tool.cancel()
        self.connect_tool.show_handle(None)
        for item in self._nodes.values():
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, not on)

    def _add_node(self, node: Node) -> NodeItem:
        item = NodeItem(node, self._statuses.get(node.id, Status.NONE))
        if self.document.read_only:
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, False)
        self.addItem(item)
        self._nodes[node.id] = item  # the caller puts it in the routing index
        return item

    def _drop_node(self, item: NodeItem) -> None:
        for link in list(item.links):
            self._drop_link(link)
        if self.connect_tool.handle_owner is item:
            self.connect_tool.show_handle(None)
        if self.connect_tool.source is item:
            self.connect_tool.cancel()
        self.removeItem(item)
        del self._nodes[item.node_id]
        self.obstacles.remove(item.node_id)

    def _drop_link(self, link: LinkItem) -> None:
        # A challenge to a link has nothing to point at once the link is gone; if the case
        # still holds it, the next reconcile finds it dangling or aims it anew.
        for challenger in list(link.challengers):
            self._drop_link(challenger)
        link.detach()
        self.batch_router.forget(link)
        if link.scene() is self:
            self.removeItem(link)
        self._links.pop(link.key, None)

    def _reconcile_links_at(self, ends: Iterable[str]) -> list[Link] | None:
        """Match the link items at these nodes to the case's links there (returned), keying
        no other link, from the case's index of links; None (nothing done) where the whole
        reconcile is needed: challenges to links, dangling links, duplicate ids."""
        case = self.document.case
        if self._dangling or len(case.index()) != len(case.nodes):
            return None
        at = set(ends)
        near = [link for _, link in case.links_at(at)]
        if any(link.via is not None for link in near):
            return None
        have: dict[LinkKey, LinkItem] = {}
        for node_id in at:
            for link_item in self._nodes[node_id].links if node_id in self._nodes else ():
                if link_item.key[3] is not None or link_item.challengers:
                    return None
                have[link_item.key] = link_item
        wanted = dict.fromkeys(key_of(link) for link in near)
        for key, link_item in have.items():
            if key not in wanted:
                self._drop_link(link_item)
        for key in wanted:
            if key not in self._links:
                self._add_link(key, None)
        return near

    def _reconcile_links(self) -> None:
        """Make the link items match the case's links: a set difference, not a rebuild.
        Links between nodes come first, so that challenges to them find their item."""
        links = self.document.case.links
        wanted = dict.fromkeys(key_of(link) for link in links)
        for key in [key for key in self._links if key not in wanted]:
            item = self._links.get(key)
            if item is not None:
                self._drop_link(item)
        self._dangling.clear()
        to_links: list[tuple[LinkKey, str]] = []  # a challenge to a link, and its `via`
        for key in wanted:
            if key[3] is not None:
                to_links.append((key, key[3]))
            elif key not in self._links:
                self._add_link(key, None)
        if not to_links:
            return
        # What a challenge to a link names: the first plain link joining its two ends.
        joining: dict[frozenset[str], Link] = {}
        for link in links:
            if link.via is None:
                joining.setdefault(frozenset((link.source, link.target)), link)
        for key, via in to_links:
            challenged = joining.get(frozenset((via, key[1])))
            aim = None if challenged is None else self._links.get(key_of(challenged))
            existing = self._links.get(key)
            if existing is not None and existing.challenged is aim and aim is not None:
                continue
            if existing is not None:
                self._drop_link(existing)
            if aim is None:
                self._dangling.add(key)
            else:
                self._add_link(key, aim)

    def _add_link(self, key: LinkKey, challenged: LinkItem | None) -> None:
        source, target = self._nodes.get(key[0]), self._nodes.get(key[1])
        if source is None or target is None:
            self._dangling.add(key)
            return
        link = LinkItem(source, target, key[2], challenged, key[3])
        self.addItem(link)
        link.place_new(detours_at_once(self.obstacles))  # it sees the nodes it bends round
        self._links[key] = link

    def _finish_edit(self, editor: InlineEditor, text: str | None) -> None:
        if self._editor is editor:
            self._editor = None
        self._retired_editor = editor
        if editor.scene() is self:
            self.removeItem(editor)
        node = self.document.case.get(editor.node_id)
        if text is not None and node is not None and text != node.statement:
            change = editing.edit_statement(self.document.case, editor.node_id, text)
            self.document.push(change, f"Edit text of {editor.node_id}")

    # -- Qt overrides: mouse and keys ---------------------------------------------------------

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        point = event.scenePos()
        editor = self._editor
        if editor is not None and not editor.sceneBoundingRect().contains(point):
            editor.commit()
        if (
            event.button() == Qt.MouseButton.LeftButton
            and not self.document.read_only
            and self.connect_tool.press(point, self._link_mode)
        ):
            event.accept()
            return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.move_tool.press()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.connect_tool.active:
            self.connect_tool.move(event.scenePos(), _shift(event))
            event.accept()
            return
        super().mouseMoveEvent(event)
        if event.buttons() == Qt.MouseButton.NoButton and not self.document.read_only:
            self.connect_tool.hover(event.scenePos())
        else:
            self.move_tool.follow()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.connect_tool.active and event.button() == Qt.MouseButton.LeftButton:
            self.connect_tool.release(event.scenePos(), _shift(event))
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.move_tool.release()
            self.connect_tool.refresh()

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        item = self.node_item_at(event.scenePos())
        if event.button() == Qt.MouseButton.LeftButton and item is not None:
            if item.node.cites is not None:
                self.away_activated.emit(item.node_id)
                event.accept()
                return
            self.edit_text(item.node_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        """Tooltips are written when asked for, not stored on thousands of items."""
        for item in self.items(event.scenePos()):
            if isinstance(item, NodeItem | LinkItem):
                QToolTip.showText(event.screenPos(), item.tool_tip(), event.widget())
                event.accept()
                return
            if item.toolTip():
                break
        super().helpEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.focusItem() is not None:
            super().keyPressEvent(event)
            return
        if event.key() == Qt.Key.Key_Escape and self.connect_tool.active:
            self.connect_tool.cancel()
            event.accept()
            return
        direction = _ARROWS.get(Qt.Key(event.key()))
        if direction is not None:
            fine = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            step = FINE_NUDGE_STEP if fine else NUDGE_STEP
            if self.move_tool.nudge(direction[0] * step, direction[1] * step):
                event.accept()
                return
        super().keyPressEvent(event)


def _shift(event: QGraphicsSceneMouseEvent) -> bool:
    """Shift at a link drop picks the other kind, where two may join the nodes."""
    return bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
