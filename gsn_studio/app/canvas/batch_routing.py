"""Links of a large case routed round the nodes in their way a batch at a time, while the
editor is idle: opening or laying out 10,000 nodes shows straight links at once, then bends
the blocked ones, those in view first, without freezing the window (see routes.DETOUR_LIMIT).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QRectF, QTimer
from PySide6.QtWidgets import QGraphicsScene

from gsn_studio.app.canvas.link_item import LinkItem
from gsn_studio.app.canvas.node_item import NodeItem

BATCH_SECONDS = 0.03
"""How long one batch may run before the window gets its turn again (events, painting)."""
BACKLOG = 200
"""From this many links scheduled at once (an opening, an auto-layout) the batches give way
to the person working: see `hold`."""
HOLD_MS = 250
"""How long the batches of a backlog wait after an edit or a selection: long enough for the
window to answer it (repaint, panels, findings) without a batch of up to 0.1 s between."""
FIRST_HOLD_MS = 500
"""Likewise before a new backlog's first batch (an opened case's, once its findings are out):
long enough for the window to paint and its panels to catch up first."""
BEND_MADE_AT_ONCE = 16
"""An edit that touched at most this many links (an add, a nudge, an undone delete) bends
them as it is made (a few ms): queued, they were painted straight, then bent and painted
again."""


class BatchRouter(QObject):
    """A queue of link items to route with detours, worked through on a zero-delay timer."""

    def __init__(self, visible: Callable[[], QRectF | None], parent: QObject | None = None):
        super().__init__(parent)
        self._visible = visible
        """The part of the scene in view (None: no view), whose links go first."""
        self._queue: list[LinkItem] = []
        self._queued: set[LinkItem] = set()
        self._unsorted: list[list[LinkItem]] = []
        """Links scheduled since the last batch, each call's apart, still to be ordered by the
        view: the first batch after opening meets the view fitted to the case, which the
        scene's rebuild, where they are scheduled, comes before."""
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.run_batch)
        self.batches = 0
        self._backlog = False
        """Whether the queue holds a backlog (see BACKLOG) still being worked through."""
        self._untouched = False
        """Whether no batch has run since the backlog came (see FIRST_HOLD_MS)."""

    @property
    def pending(self) -> int:
        return len(self._queued)

    def schedule(self, links: Iterable[LinkItem]) -> None:
        """Queue links (again) for routing ahead of those waiting, nearest the middle of the
        view first, as the view stands when the next batch begins. Only these are sorted: an
        edit while thousands of links still wait after opening queues its own few in no more
        time than they take. A link queued already is queued again nearer the front; its
        older place is skipped once it is routed."""
        fresh = list(dict.fromkeys(links))
        if not fresh:
            return
        self._queued.update(fresh)
        self._unsorted.append(fresh)
        if len(fresh) >= BACKLOG and not self._backlog:
            self._backlog = self._untouched = True
            self._timer.start(FIRST_HOLD_MS)
        else:
            self._timer.start()

    def schedule_edit(self, nodes: Iterable[NodeItem | None]) -> None:
        """The links of the nodes an edit touched (None: a node gone): when they are few (an
        add, a nudge, an undone delete) they are bent now, before the window paints them;
        queued, they were drawn straight (a nudged node's bent links too), painted, then bent
        and painted again. Many (a large paste or move) are queued as `schedule` does."""
        touched = list(
            dict.fromkeys(link for node in nodes if node is not None for link in node.links)
        )
        now = [link for link in touched if link.challenged is None]
        if now and len(now) <= BEND_MADE_AT_ONCE:
            for link in now:
                self._queued.discard(link)  # a place left in the queue is skipped
                link.bend()
            bent = set(now)
            touched = [link for link in touched if link not in bent]
        self.schedule(touched)

    def order(self) -> list[LinkItem]:
        """The links waiting, the next to be routed last (as the next batch will take them)."""
        self._sort_scheduled()
        seen: set[LinkItem] = set()
        waiting = []
        for link in reversed(self._queue):  # a place left behind is skipped when reached
            if link in self._queued and link not in seen:
                seen.add(link)
                waiting.append(link)
        return waiting[::-1]

    def _sort_scheduled(self) -> None:
        """Put the links scheduled since the last batch at the front of the queue, each call's
        ahead of the calls before it, ordered by the view as it is now."""
        groups, self._unsorted = self._unsorted, []
        if not groups:
            return
        area = self._visible()
        for fresh in groups:
            if area is not None:
                fresh.sort(key=_distance_from(area), reverse=True)  # popped from the end
            self._queue.extend(fresh)

    def hold(self, *_why: object) -> None:
        """The person has just edited or selected, or the findings were worked out (an opened
        case's too): while a backlog waits, the next batch waits a moment, so the window
        answers and its panels catch up without a batch in between (one long link alone takes
        up to 0.1 s to bend at 10,000 nodes). An edit's own few links are bent at once."""
        if self._backlog and self._timer.isActive():
            self._timer.start(FIRST_HOLD_MS if self._untouched else HOLD_MS)

    def forget(self, link: LinkItem) -> None:
        """A link leaving the scene is not routed (its place in the queue is skipped)."""
        self._queued.discard(link)

    def clear(self) -> None:
        self._queue.clear()
        self._unsorted.clear()
        self._queued.clear()
        self._timer.stop()
        self._backlog = False

    def run_batch(self) -> None:
        """Route queued links (at least one) until the batch's time is up."""
        self.batches += 1
        self._untouched = False
        if self._timer.interval():
            self._timer.setInterval(0)  # after a hold
        deadline = time.perf_counter() + BATCH_SECONDS
        self._sort_scheduled()
        while self._queue:
            link = self._queue.pop()
            if link not in self._queued:
                continue  # forgotten, or queued again nearer the front and routed there
            self._queued.discard(link)
            if link.scene() is not None and link.challenged is None:
                link.bend()
            if time.perf_counter() >= deadline:
                break
        if not self._queued:
            self._queue.clear()
            self._unsorted.clear()
            self._timer.stop()
            self._backlog = False


def _distance_from(area: QRectF) -> Callable[[LinkItem], float]:
    """How far a link lies from the middle of the view, any link in view before all others."""
    left, top, right, bottom = area.left(), area.top(), area.right(), area.bottom()
    middle_x, middle_y = (left + right) / 2, (top + bottom) / 2

    def distance(link: LinkItem) -> float:
        # From the path's ends in plain numbers: opening sorts 12,000 links so.
        span = link.span()
        if span is None:
            return 1e12 + abs(middle_x) + abs(middle_y)
        (x1, y1), (x2, y2) = span
        low_x, high_x = min(x1, x2), max(x1, x2)
        low_y, high_y = min(y1, y2), max(y1, y2)
        inside = low_x <= right and left <= high_x and low_y <= bottom and top <= high_y
        centre_x, centre_y = (low_x + high_x) / 2, (low_y + high_y) / 2
        return (0.0 if inside else 1e12) + abs(centre_x - middle_x) + abs(centre_y - middle_y)

    return distance


def view_area(scene: QGraphicsScene) -> QRectF | None:
    """The scene rectangle the scene's first view shows."""
    views = scene.views()
    if not views:
        return None
    view = views[0]
    return view.mapToScene(view.viewport().rect()).boundingRect()
