"""Which items the canvas shows: folds (kept in the case, with the positions) and the focus
on one subtree (the editor's view only). Items are hidden and shown, never rebuilt or laid
out again, and no finding is recomputed: folding a 10,000-node case costs one walk of its
links and the items whose visibility changes.

A folded node carries its marker ("+12 WEAKENED", from `notation.folding`), which unfolds it
when clicked; a selected node with support below shows a small "−" toggle that folds it.
Only those nodes get a toggle item: thousands of them would slow opening a large case by
half a second and clutter it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)
from shiboken6 import isValid

from gsn_studio.analysis.levels import worst_mark
from gsn_studio.app.canvas.node_item import NodeItem
from gsn_studio.app.canvas.paints import brush, font, pen
from gsn_studio.app.document import Document
from gsn_studio.layout import layout_case
from gsn_studio.layout.folded import brought_back, overlaps
from gsn_studio.model import Case
from gsn_studio.model.changes import Batch, Change, Effects, MoveNodes
from gsn_studio.model.diagram_view import (
    FoldNodes,
    Hanging,
    fold_markers,
    folded_ids,
    folds_hiding,
    hanging,
    hidden_by_folds,
    link_folded,
)
from gsn_studio.model.links import LinkKind
from gsn_studio.notation.folding import (
    MARKER_SIZE,
    NEUTRAL_FILL,
    NEUTRAL_STROKE,
    TOGGLE_RADIUS,
    FoldMarker,
    marker_box,
    toggle_centre,
)
from gsn_studio.notation.palette import Status

ROOM_AT_ONCE = 2000
"""Up to this many nodes, unfolding makes room in the same undo step; a larger case is laid
out in the layout thread after (its own undo step), so that the window never hangs."""
TINY = 0.3
"""Below this zoom the toggle is not drawn and the marker loses its text (a coloured pill
still shows where something is folded)."""


class FoldToggleItem(QGraphicsItem):
    """A child of its node's item, so it moves and hides with it."""

    def __init__(self, parent: NodeItem, on_click: Callable[[str], object]) -> None:
        super().__init__(parent)
        self.node_item = parent
        self.marker: FoldMarker | None = None
        self._on_click = on_click
        self._rect = QRectF()
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.show_marker(None)

    def show_marker(self, marker: FoldMarker | None) -> None:
        geometry = self.node_item.geometry
        self.prepareGeometryChange()
        self.marker = marker
        if marker is not None:
            self._rect = QRectF(*marker_box(geometry, marker))
            self.setToolTip(marker.tooltip)
        else:
            x, y = toggle_centre(geometry)
            r = TOGGLE_RADIUS
            self._rect = QRectF(x - r, y - r, 2 * r, 2 * r)
            self.setToolTip(f"Fold: hide what supports {self.node_item.node_id} (−)")
        self.update()

    @property
    def text(self) -> str:
        return self.marker.text if self.marker is not None else "−"

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        zoom = option.levelOfDetailFromTransform(painter.worldTransform())
        marker = self.marker
        if marker is None and zoom < TINY:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        fill, stroke = marker.colours() if marker is not None else (NEUTRAL_FILL, NEUTRAL_STROKE)
        painter.setPen(pen(stroke, 1.2))
        painter.setBrush(brush(fill))
        radius = self._rect.height() / 2
        painter.drawRoundedRect(self._rect, radius, radius)
        if zoom >= TINY:
            painter.setFont(font(MARKER_SIZE if marker is not None else 10.0, bold=True))
            painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.text)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        event.accept()
        self._on_click(self.node_item.node_id)


class CanvasFolding(QObject):
    """Shows and hides the scene's items as the folds and the focus say."""

    shown_changed = Signal()
    """The set of shown nodes changed (a fold, an unfold, a focus)."""
    room_wanted = Signal(object)
    """An unfold in a large case needs room made: the case to lay out (Ctrl+L's way)."""

    def __init__(self, document: Document, scene: Any) -> None:
        super().__init__(scene)
        self.document = document
        self.scene = scene
        self.hidden: set[str] = set()
        """Nodes hidden by folds or by the focus."""
        self.folded_away: set[str] = set()
        """Nodes hidden by folds alone."""
        self.markers: dict[str, list[str]] = {}
        self.folded: set[str] = set()
        """Nodes marked folded (whether or not they hide anything)."""
        self._focus: set[str] | None = None
        self._toggles: dict[str, FoldToggleItem] = {}
        self._table: Hanging | None = None
        self._fresh = False
        """While the scene's items are all new (a reset), every one shown."""
        document.changed.connect(self._on_changed)
        document.reset.connect(self._on_reset)
        document.findings_changed.connect(self._show_markers)
        scene.selection.changed.connect(self._reveal_selected)
        self.refresh()

    # -- what the actions ask ------------------------------------------------------------

    def toggle(self, node_id: str) -> bool:
        node = self.document.case.get(node_id)
        if node is None:
            return False
        return self.set_folded([node_id], not node.folded)

    def set_folded(self, ids: Collection[str], folded: bool) -> bool:
        """Fold or unfold nodes as one undo step (review mode allows it)."""
        case = self.document.case
        wanted = [
            i for i in ids if i in case and case.node(i).folded != folded and self.is_foldable(i)
        ]
        if not folded:  # unfolding needs no support below: a stale fold may be cleared
            wanted = [i for i in ids if i in case and case.node(i).folded]
        if not wanted:
            return False
        verb = "Fold" if folded else "Unfold"
        text = f"{verb} {wanted[0]}" if len(wanted) == 1 else f"{verb} {len(wanted)} nodes"
        change: Change = FoldNodes(dict.fromkeys(wanted, folded))
        hung = None
        if not folded and not self.document.read_only:
            hung = self._hung_back(wanted)
            if hung is not None and len(case.nodes) <= ROOM_AT_ONCE:
                # One undo step: unfolded, and room made for what came back.
                positions = layout_case(hung, folded=self.folded - set(wanted))
                change = Batch((change, MoveNodes(dict(positions))))
                hung = None
        folded_before, hidden_before = set(self.folded), set(self.folded_away)
        done = self.document.push(change, text)
        if done and hung is not None:  # a large case: laid out in the layout thread after
            back = hidden_before - self.folded_away
            self.room_wanted.emit(brought_back(self.document.case, back, folded_before))
        return done

    def _hung_back(self, unfolding: Collection[str]) -> Case | None:
        """The case as laid out again to make room for what unfolding brings back: each
        subtree hung just under the node that hid it (a compact layout may have moved that
        node); None when everything comes back where it was and fits there."""
        case = self.document.case
        table = self._table or hanging(case)
        back = self.folded_away - hidden_by_folds(case, self.folded - set(unfolding), table)
        if not back:
            return None
        hung = brought_back(case, back, self.folded, table)
        shown = [node.id for node in case.nodes if node.id not in self.folded_away]
        if hung is case and not overlaps(case, back, [*shown, *back]):
            return None
        return hung

    def reveal(self, node_id: str) -> bool:
        """Show a node folded away or outside the focus: unfold what hides it, leave the
        focus. False if it shows already."""
        revealed = False
        if self._focus is not None and node_id not in self._focus:
            self.set_focus(None)
            revealed = True
        if node_id in self.folded_away:
            unfold = folds_hiding(self.document.case, node_id, self.folded_away)
            revealed = self.set_folded(unfold, False) or revealed
        return revealed

    def _reveal_selected(self, _source: object) -> None:
        """One node chosen elsewhere (the outline, a finding, a search) that the canvas hides
        is shown; a selection of many (Select All) leaves the folds alone."""
        current = self.scene.selection.current
        if current is not None and current in self.hidden and self.reveal(current):
            self.scene.selection_sync.selection_to_scene()
        self._place_toggles()
        self._show_markers()

    def set_focus(self, ids: Collection[str] | None) -> None:
        self._focus = None if ids is None else set(ids)
        self.refresh(structure=False)

    @property
    def foldable(self) -> set[str]:
        """Nodes with support below them."""
        return set(self._hanging().support)

    def _hanging(self) -> Hanging:
        if self._table is None:
            self._table = hanging(self.document.case)
        return self._table

    def is_foldable(self, node_id: str) -> bool:
        """Whether a node has support below it: from the table when it is made, else from
        the node's own link items (an edit need not read every link for one toggle)."""
        if self._table is not None:
            return node_id in self._table.support
        item = self.scene.item_for(node_id)
        return item is not None and any(
            link.kind is LinkKind.SUPPORTED_BY and link.source is item for link in item.links
        )

    def is_shown(self, node_id: str) -> bool:
        return node_id in self.document.case and node_id not in self.hidden

    # -- following the document ----------------------------------------------------------

    def _on_changed(self, effects: Effects) -> None:
        for node_id in effects.removed:  # gone with its node's item
            self._toggles.pop(node_id, None)
        for old, new in effects.renamed:  # the item is the same, its toggle too
            if old in self._toggles:
                self._toggles[new] = self._toggles.pop(old)
        if effects.links or effects.added or effects.removed or effects.renamed:
            if self._nothing_hidden(effects):
                # Nothing folded or focused, before or after: every item shows (new ones start
                # shown), and who hangs below whom is read again only when asked.
                self._table = None
                self._place_toggles()
            else:
                self.refresh()
        elif effects.folded:
            self.refresh(structure=False, folds=effects.folded)
        elif effects.changed and self._toggles:
            for node_id in effects.changed:  # a new statement changes the node's height
                toggle = self._toggles.get(node_id)
                if toggle is not None:
                    toggle.show_marker(toggle.marker)

    def _nothing_hidden(self, effects: Effects) -> bool:
        """Whether nothing was folded, focused or hidden, and the change brings no fold (an
        undone delete or a paste of a folded node)."""
        if self.folded or self.hidden or self._focus is not None or self.markers:
            return False
        case = self.document.case
        return not any(node.folded for node in map(case.get, effects.added) if node is not None)

    def _on_reset(self) -> None:
        """A new case (the scene has just made its items afresh): nothing is hidden yet."""
        self.hidden.clear()
        self._toggles.clear()
        self._focus = None
        self._fresh = True
        try:
            self.refresh()
        finally:
            self._fresh = False

    def refresh(self, structure: bool = True, folds: Collection[str] = ()) -> None:
        """Show and hide items as the case's folds and the focus say. `structure`: nodes or
        links changed, so who hangs below whom is read again and every link item looked at
        (a reconcile may have made new ones); else only the links of nodes that changed and
        of the nodes in `folds` (folded or unfolded)."""
        case = self.document.case
        if structure or self._table is None:
            self._table = hanging(case)
        table = self._table
        folded = self.folded = folded_ids(case)
        self.folded_away = hidden_by_folds(case, folded, table)
        hidden = set(self.folded_away)
        if self._focus is not None:
            hidden |= {node.id for node in case.nodes if node.id not in self._focus}
        self.markers = fold_markers(case, folded, self.folded_away, table)
        changed = hidden ^ self.hidden
        self.hidden = hidden
        self._show_items(changed, structure, folds)
        self._place_toggles()
        self._show_markers()
        if changed:
            self.shown_changed.emit()

    def _show_items(self, changed: set[str], every_link: bool, folds: Collection[str]) -> None:
        scene = self.scene
        links: set[Any] = set()
        for node_id in folds:
            item = scene.item_for(node_id)
            if item is not None:
                links.update(item.links)
        for node_id in changed:
            item = scene.item_for(node_id)
            if item is not None:
                item.setVisible(node_id not in self.hidden)
                if node_id in self.hidden and item.isSelected():
                    item.setSelected(False)
                links.update(item.links)
        if every_link and (self.folded or changed or not self._fresh):
            # A reconcile may have made new ones (they start visible); items made afresh
            # all show, so with nothing folded or hidden no link needs a look.
            links = set(scene.link_items())
        else:
            links.update(c for link in list(links) for c in link.challengers)
        for link in links:
            shown = link.source.isVisible() and link.target.isVisible()
            # A folded node's support is folded, even where a node below is shown (shared).
            shown = shown and not link_folded(link.kind, link.source.node_id, self.folded)
            if link.challenged is not None:
                shown = shown and link.challenged.source.isVisible()
                shown = shown and link.challenged.target.isVisible()
            if link.isVisible() != shown:
                link.setVisible(shown)
                follower = getattr(link, "follower", None)
                if follower is not None:
                    follower.setVisible(shown)
        if changed:
            scene.shown_or_hidden(changed)

    def _place_toggles(self) -> None:
        chosen = self.folded | set(self.scene.selection.ids)
        foldable = {i for i in chosen if self.is_foldable(i)}
        for node_id in [i for i in self._toggles if i not in foldable]:
            stale = self._toggles.pop(node_id)
            if isValid(stale):
                # Qt takes nullptr here (the item becomes top-level); the stub omits None.
                stale.setParentItem(None)  # type: ignore[arg-type]
                if stale.scene() is not None:
                    stale.scene().removeItem(stale)
        for node_id in foldable:
            item = self.scene.item_for(node_id)
            toggle = self._toggles.get(node_id)
            if toggle is not None and (not isValid(toggle) or toggle.node_item is not item):
                toggle = None  # the item was made afresh (a rebuild)
            if item is not None and toggle is None:
                self._toggles[node_id] = FoldToggleItem(item, self.toggle)

    def _show_markers(self) -> None:
        statuses = self.document.statuses
        for node_id, toggle in self._toggles.items():
            under = self.markers.get(node_id, [])
            marker = None
            if node_id in self.folded:  # "+0": what it folds shows through another branch
                worst = worst_mark(statuses.get(i, Status.NONE) for i in under)
                marker = FoldMarker(len(under), Status(worst))
            if marker != toggle.marker:
                toggle.show_marker(marker)

    def toggle_for(self, node_id: str) -> FoldToggleItem | None:
        return self._toggles.get(node_id)
