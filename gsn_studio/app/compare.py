"""File > Compare With…: the open case against another version of it, on the canvas.

`diff_cases(other, current)` decides what differs; this controller only draws it (marks on
nodes and links, ghosts for what the other version has and this one lacks) and lists it in
the Compare panel. It never changes the document: ghosts live in the scene only. The
comparison follows edits made meanwhile, and ends when another case is opened.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow
from shiboken6 import isValid

from gsn_studio.analysis.diff import CaseDiff, diff_cases
from gsn_studio.app.canvas import CanvasScene, CanvasView
from gsn_studio.app.canvas.compare_items import (
    ADDED_COLOUR,
    CHANGED_COLOUR,
    DiffMarkItem,
    GhostLinkItem,
    GhostNodeItem,
)
from gsn_studio.app.canvas.covered_area import SCENE_MARGIN
from gsn_studio.app.canvas.link_item import LinkItem
from gsn_studio.app.canvas.node_item import NodeItem
from gsn_studio.app.document import Document
from gsn_studio.app.files import OPEN_FILTER
from gsn_studio.app.panels.compare_panel import ComparePanel
from gsn_studio.app.plain_text import show_warning
from gsn_studio.app.selection import Selection
from gsn_studio.io import CaseFileError, load_case
from gsn_studio.layout import layout_case
from gsn_studio.model import Case, Position
from gsn_studio.notation.geometry import Geometry

REFRESH_DELAY_MS = 150
"""After an edit the comparison is redrawn this much later, once, however fast the typing."""


@dataclass(frozen=True)
class DiffEntry:
    """One line of the Compare panel: a difference, and where on the canvas it is."""

    sign: str
    """+ (only in the open case), − (only in the other), ~ (changed)."""
    text: str
    node: str | None = None
    """A node of the open case to select, or a ghost's id (see `ghost`)."""
    ends: tuple[str, str] | None = None
    """A link's two ends."""
    ghost: bool = False


class Comparison(QObject):
    entries_changed = Signal()
    active_changed = Signal(bool)

    def __init__(
        self,
        *,
        document: Document,
        selection: Selection,
        scene: CanvasScene,
        view: CanvasView,
        panel: ComparePanel,
        dock: QDockWidget,
        window: QMainWindow,
    ) -> None:
        """`window`: where the actions and the status bar messages go, and the parent of the
        file dialog; `dock` holds the panel and shows while a comparison lasts."""
        super().__init__(window)
        self.window = window
        self.document = document
        self.selection = selection
        self.scene = scene
        self.view = view
        self.dock = dock
        self.other: Case | None = None
        self.other_path: Path | None = None
        self.diff = CaseDiff()
        self._positions: dict[str, Position] = {}
        self.entries: list[DiffEntry] = []
        self.ghosts: dict[str, GhostNodeItem] = {}
        self.ghost_links: list[GhostLinkItem] = []
        self._marks: list[DiffMarkItem] = []
        self._noted: list[NodeItem | LinkItem] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)

        self.action = QAction("Compare &With…", window)
        self.action.setStatusTip("Show on the canvas what differs from another version of the case")
        self.action.triggered.connect(self.choose_file)
        self.end_action = QAction("&End Comparison", window)
        self.end_action.triggered.connect(self.end)
        self.next_action = QAction("&Next Difference", window)
        self.next_action.setShortcut(QKeySequence(Qt.Key.Key_F8))
        self.next_action.triggered.connect(lambda: self.panel.step(1))
        self.previous_action = QAction("&Previous Difference", window)
        self.previous_action.setShortcut(QKeySequence("Shift+F8"))
        self.previous_action.triggered.connect(lambda: self.panel.step(-1))
        for action in (self.end_action, self.next_action, self.previous_action):
            action.setEnabled(False)
            window.addAction(action)

        self.panel: ComparePanel = panel  # typed here: the actions above call it in lambdas
        self.panel.chosen.connect(self.show_entry)
        self.panel.end_requested.connect(self.end)
        self.entries_changed.connect(self._show_entries)
        self.active_changed.connect(self._show_panel)
        self.document.changed.connect(self._on_changed)
        self.document.reset.connect(self.end)

    @property
    def active(self) -> bool:
        return self.other is not None

    # -- starting and ending ---------------------------------------------------------------

    def choose_file(self) -> bool:
        path = self.document.path
        start = str(path.parent) if path else ""
        name, _ = QFileDialog.getOpenFileName(
            self.window, "Compare with another version", start, OPEN_FILTER
        )
        return self.start(Path(name)) if name else False

    def start(self, path: Path) -> bool:
        """Compare with the case in a file; a bad file is reported and changes nothing."""
        try:
            other = load_case(path)
        except CaseFileError as error:
            show_warning(self.window, "Cannot compare", str(error))
            return False
        self.compare_with(other, path)
        return True

    def compare_with(self, other: Case, path: Path | None = None) -> None:
        self.other, self.other_path = other, path
        self._positions = _positions_of(other)
        self.refresh()
        self.active_changed.emit(True)
        name = path.name if path else "the other version"
        differences = len(self.entries)
        self.window.statusBar().showMessage(
            f"Compared with {name}: {differences or 'no'} difference"
            f"{'' if differences == 1 else 's'}",
            8000,
        )

    def end(self) -> None:
        if not self.active:
            return
        self._timer.stop()
        self._clear()
        self.other, self.other_path = None, None
        self.diff, self.entries = CaseDiff(), []
        self.entries_changed.emit()
        self.active_changed.emit(False)

    def show_entry(self, index: int) -> None:
        """Bring one difference into view, selecting what of it is in the case."""
        if not 0 <= index < len(self.entries):
            return
        entry, view, selection = self.entries[index], self.view, self.selection
        if entry.ends is not None:
            in_case = [end for end in entry.ends if end in self.document.case]
            selection.set(in_case)
            middle = self._link_middle(entry.ends)
            if middle is not None:
                view.centerOn(middle)
        elif entry.ghost and entry.node in self.ghosts:
            selection.set([])
            view.centerOn(self.ghosts[entry.node])
        elif entry.node is not None:
            view.center_on_node(entry.node)

    def _link_middle(self, ends: tuple[str, str]) -> QPointF | None:
        for link in self.scene.link_items():
            if (link.source.node_id, link.target.node_id) == ends:
                return link.midpoint()
        for ghost in self.ghost_links:
            if ghost.ends == ends:
                return ghost.midpoint()
        return None

    def _show_entries(self) -> None:
        if not self.active:
            self.panel.clear()
            return
        name = self.other_path.name if self.other_path else "the other version"
        count = len(self.entries)
        title = (
            f"Compared with <b>{name}</b>: {count} difference{'' if count == 1 else 's'} "
            "(+ only here, − only there, ~ changed)"
            if count
            else f"Compared with <b>{name}</b>: the same argument"
        )
        self.panel.show_entries(self.entries, title)

    def _show_panel(self, active: bool) -> None:
        for action in (self.end_action, self.next_action, self.previous_action):
            action.setEnabled(active)
        dock = self.dock
        dock.setVisible(active)
        if active:
            dock.raise_()

    # -- drawing -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Diff again and redraw every mark (after an edit, an undo, a layout)."""
        if self.other is None:
            return
        self._clear()
        other, case = self.other, self.document.case
        self.diff = diff = diff_cases(other, case)
        name = self.other_path.name if self.other_path else "the other version"
        entries: list[DiffEntry] = []
        for node_id in diff.added:
            self._mark(node_id, "NEW", ADDED_COLOUR, f"New: not in {name}")
            entries.append(DiffEntry("+", f"{node_id} added", node=node_id))
        for node_id, fields in diff.changed:
            words = ", ".join(fields)
            self._mark(node_id, "CHANGED", CHANGED_COLOUR, f"Changed since {name}: {words}")
            entries.append(DiffEntry("~", f"{node_id} changed: {words}", node=node_id))
        self._add_ghosts(diff.removed, name)
        for node_id in diff.removed:
            entries.append(DiffEntry("−", f"{node_id} removed", node=node_id, ghost=True))
        drawn = {_diff_key(link): link for link in self.scene.link_items()}
        for source, target, kind in diff.links_added:
            self._highlight(drawn.get((source, target, kind)), f"New link: not in {name}")
            entries.append(DiffEntry("+", f"link {source} → {target} added", ends=(source, target)))
        for source, target, kind in diff.links_removed:
            self._add_ghost_link(source, target, f"Removed link ({_kind_words(kind)}), in {name}")
            entries.append(
                DiffEntry("−", f"link {source} → {target} removed", ends=(source, target))
            )
        for before, after in diff.renamed:
            entries.append(DiffEntry("~", f"{before} looks renamed to {after}", node=after))
        self.entries = entries
        self.entries_changed.emit()

    def _mark(self, node_id: str, word: str, colour: str, note: str) -> None:
        item = self.scene.item_for(node_id)
        if item is None:
            return
        self._marks.append(DiffMarkItem(item, item.geometry, word, colour))
        item.compare_note = note
        self._noted.append(item)

    def _highlight(self, link: LinkItem | None, note: str) -> None:
        if link is not None:
            link.highlight = ADDED_COLOUR
            link.compare_note = note
            link.update()
            self._noted.append(link)

    def _add_ghosts(self, removed: list[str], name: str) -> None:
        assert self.other is not None
        places = _ghost_places(self.other, removed, self._positions, self._current_centre)
        for node_id in removed:
            centre = places.get(node_id)
            if centre is None:
                continue
            node = self.other.node(node_id)
            note = f"Removed: {node_id} ({node.type.value}) is in {name}, not in this case"
            ghost = GhostNodeItem(node, centre, note)
            self.scene.addItem(ghost)
            self.ghosts[node_id] = ghost
            # Room to scroll to a ghost that stands beyond the case's nodes.
            room = ghost.sceneBoundingRect().adjusted(
                -SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN
            )
            self.scene.setSceneRect(self.scene.sceneRect().united(room))

    def _add_ghost_link(self, source: str, target: str, note: str) -> None:
        ends = [self._end(source), self._end(target)]
        if ends[0] is None or ends[1] is None:
            return
        ghost = GhostLinkItem((source, target), ends[0], ends[1], note)
        self.scene.addItem(ghost)
        self.ghost_links.append(ghost)

    def _end(self, node_id: str) -> tuple[QPointF, Geometry] | None:
        item = self.scene.item_for(node_id)
        if item is not None:
            return item.pos(), item.geometry
        ghost = self.ghosts.get(node_id)
        return (ghost.pos(), ghost.geometry) if ghost is not None else None

    def _current_centre(self, node_id: str) -> QPointF | None:
        item = self.scene.item_for(node_id)
        return item.pos() if item is not None else None

    def _clear(self) -> None:
        # Items the scene has dropped (a node deleted, a rebuild) are gone with their marks.
        for item in [*self._marks, *self.ghosts.values(), *self.ghost_links]:
            if isValid(item) and item.scene() is not None:
                item.scene().removeItem(item)
        for noted in self._noted:
            if isValid(noted):
                noted.compare_note = ""
                if isinstance(noted, LinkItem):
                    noted.highlight = None
                noted.update()
        self._marks, self.ghost_links, self._noted = [], [], []
        self.ghosts = {}

    def _on_changed(self, *_args: object) -> None:
        if self.active:
            self._timer.start()


def _kind_words(kind: str) -> str:
    return kind.split(":", maxsplit=1)[0]


def _diff_key(link: LinkItem) -> tuple[str, str, str]:
    """A link item as `diff_cases` names links (see analysis.diff._key)."""
    source, target, kind, via = link.key
    return (source, target, kind.value if via is None else f"{kind.value}:{via}")


def _positions_of(case: Case) -> dict[str, Position]:
    """Where the other version's nodes are: as saved, or (for a file saved without a layout)
    as an automatic layout places them."""
    saved = {node.id: node.position for node in case.nodes if node.position is not None}
    if len(saved) == len(case.nodes):
        return saved
    try:
        laid = layout_case(case, folded=())  # every node gets a place, folded or not
    except Exception:  # a layout failure only costs the ghosts their places
        laid = {}
    return {**laid, **saved}


def _ghost_places(
    other: Case,
    removed: list[str],
    positions: dict[str, Position],
    current: Callable[[str], QPointF | None],
) -> dict[str, QPointF]:
    """Where to draw each removed node: at the same offset from its nearest surviving
    neighbour as in the other version, so it lands beside what it was joined to even when
    the two versions were laid out apart; alone, at its own old place."""
    anchors = _nearest_survivors(other, set(removed), positions, current)
    places: dict[str, QPointF] = {}
    for node_id in removed:
        own = positions.get(node_id)
        if own is None:
            continue
        anchor = anchors.get(node_id)
        if anchor is None:
            places[node_id] = QPointF(own.x, own.y)
            continue
        there, here = positions[anchor], current(anchor)
        assert here is not None
        places[node_id] = here + QPointF(own.x - there.x, own.y - there.y)
    return places


def _nearest_survivors(
    other: Case,
    gone: set[str],
    positions: dict[str, Position],
    current: Callable[[str], QPointF | None],
) -> dict[str, str]:
    """For each removed node, the nearest node (by links, either way) of the other version
    that the open case still has: one search outwards from all of them at once, so a
    version with thousands of removals costs no more than one with a few."""
    neighbours: dict[str, list[str]] = {}
    for link in other.links:
        neighbours.setdefault(link.source, []).append(link.target)
        neighbours.setdefault(link.target, []).append(link.source)
    anchors: dict[str, str] = {}
    queue: deque[str] = deque()
    for node in other.nodes:
        if node.id not in gone and node.id in positions and current(node.id) is not None:
            anchors[node.id] = node.id
            queue.append(node.id)
    while queue:
        node_id = queue.popleft()
        for neighbour in neighbours.get(node_id, []):
            if neighbour in gone and neighbour not in anchors:
                anchors[neighbour] = anchors[node_id]
                queue.append(neighbour)
    return {node_id: anchor for node_id, anchor in anchors.items() if node_id in gone}
