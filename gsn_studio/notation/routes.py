"""Where a link runs: the one path function for the canvas, every export and the layout
quality measure, so that what is measured is what is drawn.

A link is a straight line between the two outlines when that line passes no other node.
Otherwise it bends around them as an org chart does: down from the source's bottom to a
free horizontal lane, across, and down into the target's top (through a free vertical lane
when the drop itself would meet a node). A reader never sees a link pass behind a node it
does not join and take it for a step of the argument.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from gsn_studio.notation.geometry import DIAMOND, Geometry, boundary_point

Point = tuple[float, float]
Rect = tuple[float, float, float, float]
"""left, top, right, bottom."""
Obstacles = Callable[[Rect], Iterable[tuple[str, Rect]]]
"""The nodes (id and box) whose boxes meet a rectangle."""

CLEARANCE = 4.0
"""How far a detour keeps from the boxes it passes."""
LANE_ROOM = 2 * CLEARANCE + 2
"""The narrowest gap a lane may run through."""
MAX_LANES = 8
CHOICES = 4
"""How many clear ways round a router compares before it takes the best."""
MAX_TRIES = 40
DETOUR_LIMIT = 3000
"""Above this many nodes a blocked link is first drawn straight: routing every link of a
10,000-node case round its neighbours takes seconds, too long to wait for on opening or
after an auto-layout. The editor then routes them in idle batches (visible ones first, see
app/canvas/batch_routing); figures of such a case keep straight links."""
STEPS = 64
WINDOW = 600.0
ROW_REACH = 1200.0
"""How far below a lane the staircase looks for the next row of nodes."""
"""How far beside a long link's ends the staircase looks for gaps between nodes."""
SNUG = 20.0
"""How far from a node's edge a bend goes when there is room: about half a rank gap."""
FAR = 20000.0
"""How far below a target a link may go round to reach it from underneath."""
NEAR = 60.0
"""How far from a lane a node's link is taken to cross it."""


@dataclass(frozen=True, slots=True)
class End:
    """One end of a link: a node (its id, centre and geometry) or, without geometry, a point
    (the middle of a challenged link)."""

    node_id: str
    x: float
    y: float
    geometry: Geometry | None = None
    undeveloped: bool = False

    @property
    def half_width(self) -> float:
        return 0.0 if self.geometry is None else self.geometry.half_width

    @property
    def half_height(self) -> float:
        return 0.0 if self.geometry is None else self.geometry.half_height

    def edge(self, dx: float, dy: float) -> Point:
        """Where a ray from the centre in direction (dx, dy) leaves the outline."""
        if self.geometry is None:
            return self.x, self.y
        ox, oy = boundary_point(self.geometry.outline, dx, dy)
        return self.x + ox, self.y + oy


def node_rect(geometry: Geometry, x: float, y: float, undeveloped: bool = False) -> Rect:
    """The box a node takes on the diagram, its undeveloped diamond included."""
    below = 2 * DIAMOND if undeveloped else 0.0
    return (
        x - geometry.half_width,
        y - geometry.half_height,
        x + geometry.half_width,
        y + geometry.half_height + below,
    )


def _top_of(entry: tuple[str, Rect]) -> float:
    return entry[1][1]


def _left_of(entry: tuple[str, Rect]) -> float:
    return entry[1][0]


class GridIndex:
    """Node boxes bucketed in a coarse grid, and kept sorted by top and by left edge: which
    nodes are near a rectangle, fast enough to route ten thousand links. A small rectangle
    looks in its grid cells; a large one (a lane across the drawing, a drop to its bottom)
    takes the boxes within its band of rows or columns, whichever holds fewer."""

    def __init__(self, boxes: Mapping[str, Rect], cell: float = 240.0) -> None:
        self.cell = cell
        self.boxes: dict[str, Rect] = {}
        self._grid: dict[tuple[int, int], list[str]] = {}
        self._tops: list[float] = []
        self._by_top: list[str] = []
        self._lefts: list[float] = []
        self._by_left: list[str] = []
        self._tallest = 0.0
        self._widest = 0.0
        # Built at once (the canvas opening a case): sorting once beats 10,000 insertions,
        # and each box's cells are found here, as _cells finds them, without a generator.
        self.boxes = dict(boxes)
        grid, floor = self._grid, math.floor
        tallest = widest = 0.0
        for node_id, (left, top, right, bottom) in self.boxes.items():
            rows = range(floor(top / cell), floor(bottom / cell) + 1)
            for i in range(floor(left / cell), floor(right / cell) + 1):
                for j in rows:
                    bucket = grid.get((i, j))
                    if bucket is None:
                        grid[i, j] = [node_id]
                    else:
                        bucket.append(node_id)
            tallest, widest = max(tallest, bottom - top), max(widest, right - left)
        self._tallest, self._widest = tallest, widest
        by_top = sorted(self.boxes.items(), key=_top_of)
        self._by_top, self._tops = [node_id for node_id, _ in by_top], [b[1] for _, b in by_top]
        by_left = sorted(self.boxes.items(), key=_left_of)
        self._by_left, self._lefts = [i for i, _ in by_left], [b[0] for _, b in by_left]

    def place(self, node_id: str, box: Rect) -> None:
        """Put a node's box in (or move it): the canvas keeps its index up to date so."""
        if self.boxes.get(node_id) == box:
            return
        self.remove(node_id)
        self.boxes[node_id] = box
        for key in self._cells(box):
            self._grid.setdefault(key, []).append(node_id)
        _insert(self._tops, self._by_top, box[1], node_id)
        _insert(self._lefts, self._by_left, box[0], node_id)
        # Only ever grows: a band a little too wide finds the same boxes, just less quickly.
        self._tallest = max(self._tallest, box[3] - box[1])
        self._widest = max(self._widest, box[2] - box[0])

    def remove(self, node_id: str) -> None:
        box = self.boxes.pop(node_id, None)
        if box is None:
            return
        for key in self._cells(box):
            bucket = self._grid.get(key)
            if bucket is not None and node_id in bucket:
                bucket.remove(node_id)
        _delete(self._tops, self._by_top, box[1], node_id)
        _delete(self._lefts, self._by_left, box[0], node_id)

    def _cells(self, rect: Rect) -> Iterator[tuple[int, int]]:
        cell = self.cell
        for i in range(math.floor(rect[0] / cell), math.floor(rect[2] / cell) + 1):
            for j in range(math.floor(rect[1] / cell), math.floor(rect[3] / cell) + 1):
                yield i, j

    def __call__(self, rect: Rect) -> Iterator[tuple[str, Rect]]:
        left, top, right, bottom = rect
        boxes = self.boxes
        cells = ((right - left) / self.cell + 1) * ((bottom - top) / self.cell + 1)
        if cells > _FEW_CELLS:
            rows = self._band(self._tops, self._by_top, top - self._tallest, bottom)
            columns = self._band(self._lefts, self._by_left, left - self._widest, right)
            for node_id in rows if len(rows) <= len(columns) else columns:
                box = boxes[node_id]
                if box[0] <= right and left <= box[2] and box[1] <= bottom and top <= box[3]:
                    yield node_id, box
            return
        seen: set[str] = set()
        grid = self._grid
        for key in self._cells(rect):
            for node_id in grid.get(key, ()):
                if node_id in seen:
                    continue
                seen.add(node_id)
                box = boxes[node_id]
                if box[0] <= right and left <= box[2] and box[1] <= bottom and top <= box[3]:
                    yield node_id, box

    @staticmethod
    def _band(keys: list[float], ids: list[str], low: float, high: float) -> list[str]:
        return ids[bisect.bisect_left(keys, low) : bisect.bisect_right(keys, high)]


_FEW_CELLS = 12
"""Up to this many grid cells a query visits them; beyond, it slices the sorted edges."""


def _insert(keys: list[float], ids: list[str], key: float, node_id: str) -> None:
    at = bisect.bisect_right(keys, key)
    keys.insert(at, key)
    ids.insert(at, node_id)


def _delete(keys: list[float], ids: list[str], key: float, node_id: str) -> None:
    at = bisect.bisect_left(keys, key)
    while at < len(keys) and keys[at] == key:
        if ids[at] == node_id:
            del keys[at], ids[at]
            return
        at += 1


def segment_hits(a: Point, b: Point, box: Rect, inset: float = 0.0) -> bool:
    """Whether the segment a-b enters the box shrunk by `inset` (grown when negative)."""
    left, top, right, bottom = box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset
    if left >= right or top >= bottom:
        return False
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - left), (dx, right - a[0]), (-dy, a[1] - top), (dy, bottom - a[1])):
        if p == 0:
            if q <= 0:
                return False
            continue
        r = q / p
        if p < 0:
            if r > t1:
                return False
            t0 = max(t0, r)
        else:
            if r < t0:
                return False
            t1 = min(t1, r)
    return t1 - t0 > 1e-9


def blockers(
    path: Iterable[Point], obstacles: Obstacles, skip: frozenset[str], inset: float
) -> Iterator[str]:
    """The nodes (other than `skip`) that a path passes through, once per segment."""
    points = list(path)
    for a, b in itertools.pairwise(points):
        grow = max(0.0, -inset)
        rect = (
            min(a[0], b[0]) - grow,
            min(a[1], b[1]) - grow,
            max(a[0], b[0]) + grow,
            max(a[1], b[1]) + grow,
        )
        for node_id, box in obstacles(rect):
            if node_id not in skip and segment_hits(a, b, box, inset):
                yield node_id


def detours_at_once(obstacles: Obstacles | None) -> bool:
    """Whether links among these obstacles are routed round them as soon as they are drawn
    (at most DETOUR_LIMIT nodes); in a larger case the editor routes them in idle batches."""
    return obstacles is not None and len(getattr(obstacles, "boxes", ())) <= DETOUR_LIMIT


def route(
    source: End, target: End, obstacles: Obstacles | None = None, detour: bool | None = None
) -> tuple[Point, ...]:
    """The link's path from the source's outline to the target's (or to a point); empty when
    the two overlap and there is no gap to draw it in. `detour`: whether a blocked link bends
    round what is in its way (by default, when there are at most DETOUR_LIMIT nodes)."""
    dx, dy = target.x - source.x, target.y - source.y
    if math.hypot(dx, dy) < 1:
        return ()
    straight = (source.edge(dx, dy), target.edge(-dx, -dy))
    if obstacles is None or source.geometry is None:
        return straight
    if detour is None:
        detour = detours_at_once(obstacles)
    skip = frozenset((source.node_id, target.node_id))
    if not detour or _clear(straight, obstacles, skip):
        return straight
    if not _one_above_the_other(source, target):
        # Side by side (a context beside its node): the first clear way, in reading order.
        for path in _sideways(source, target, obstacles):
            if _clear(path, obstacles, skip):
                return _simplified(path)
        return straight
    best: tuple[float, list[Point]] | None = None
    found = 0
    for tried, path in enumerate(_detours(source, target, obstacles)):
        if best is not None and len(path) > len(best[1]) and best[0] < 1:
            break  # a short bend that crosses nothing beats any longer way round
        if found >= CHOICES or (tried >= MAX_TRIES and best is not None):
            break
        if _clear(path, obstacles, skip):
            found += 1
            cost = _cost(path, obstacles, skip)
            if best is None or cost < best[0]:
                best = (cost, path)
    return straight if best is None else _simplified(best[1])


def _cost(path: list[Point], obstacles: Obstacles, skip: frozenset[str]) -> float:
    """About how many other links a path crosses (each node just below a stretch of
    horizontal lane has a link coming down through it), plus a little for length and bends."""
    crossed = 0
    for a, b in itertools.pairwise(path):
        if abs(a[1] - b[1]) < 0.01 and abs(a[0] - b[0]) > 0.01:
            low, high = sorted((a[0], b[0]))
            # The nodes just below have links coming down through the lane.
            for node_id, box in obstacles((low, a[1], high, a[1] + NEAR)):
                if node_id not in skip and low < (box[0] + box[2]) / 2 < high and box[1] > a[1]:
                    crossed += 1
    length = sum(math.dist(a, b) for a, b in itertools.pairwise(path))
    # Rising into the end: an arrow into a node's bottom reads the wrong way round.
    rising = 0.5 if len(path) > 2 and path[-1][1] < path[-2][1] - 0.01 else 0.0
    return crossed + length / 1500 + len(path) / 100 + rising


def midpoint(path: tuple[Point, ...]) -> Point | None:
    """Halfway along a path: where a challenge to the link ends."""
    if len(path) < 2:
        return None
    lengths = [math.dist(a, b) for a, b in itertools.pairwise(path)]
    remaining = sum(lengths) / 2
    for (a, b), length in zip(itertools.pairwise(path), lengths, strict=True):
        if remaining <= length and length > 0:
            t = remaining / length
            return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        remaining -= length
    return path[-1]


def _clear(path: Iterable[Point], obstacles: Obstacles, skip: frozenset[str]) -> bool:
    return next(blockers(path, obstacles, skip, -CLEARANCE), None) is None


def _simplified(path: list[Point]) -> tuple[Point, ...]:
    """Without zero-length segments and bends that go straight on."""
    out: list[Point] = []
    for point in path:
        if out and math.dist(out[-1], point) < 0.01:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if abs((bx - ax) * (point[1] - ay) - (by - ay) * (point[0] - ax)) < 0.01:
                out[-1] = point
                continue
        out.append(point)
    return tuple(out)


def _detours(source: End, target: End, obstacles: Obstacles) -> Iterator[list[Point]]:
    """Bent paths to try, best reading first."""
    below = target.y - target.half_height - (source.y + source.half_height)
    above = source.y - source.half_height - (target.y + target.half_height)
    if below >= LANE_ROOM:
        yield from _vertical(source, target, obstacles)
    elif above >= LANE_ROOM:
        for path in _vertical(target, source, obstacles):
            yield path[::-1]


def _one_above_the_other(source: End, target: End) -> bool:
    below = target.y - target.half_height - (source.y + source.half_height)
    above = source.y - source.half_height - (target.y + target.half_height)
    return below >= LANE_ROOM or above >= LANE_ROOM


def _vertical(upper: End, lower: End, obstacles: Obstacles) -> Iterator[list[Point]]:
    """Paths from the bottom of `upper` to the top of `lower`: three segments through a free
    horizontal lane, then five through a free vertical lane as well."""
    start = upper.edge(0.0, 1.0)
    if upper.undeveloped:
        start = (start[0], start[1] + 2 * DIAMOND)
    end = lower.edge(0.0, -1.0)
    (sx, sy), (tx, ty) = start, end
    near = (min(sx, tx), sy, max(sx, tx), ty)
    lanes = _free_lanes(obstacles, near, sy, ty, vertical=False)
    # A drop blocked at one lane is blocked at every deeper one, a rise into the target at
    # every shallower one: two binary searches leave the lanes both ends can reach.
    skip = frozenset((upper.node_id, lower.node_id))
    deepest = _first(lanes, lambda y: not _clear([start, (sx, y)], obstacles, skip))
    shallowest = _first(lanes[:deepest], lambda y: _clear([(tx, y), end], obstacles, skip))
    for y in _spread(lanes[shallowest:deepest]):
        yield [start, (sx, y), (tx, y), end]
    # Then down a free vertical lane, reached by free lanes below the source and above the
    # target; the lane may lie well to the side (around a whole subtree) if it must.
    first = _nearest(_free_lanes(obstacles, (sx - 1, sy, sx + 1, ty), sy, ty, False), sy)
    last = _nearest(_free_lanes(obstacles, (tx - 1, sy, tx + 1, ty), sy, ty, False), ty)
    if first is None or last is None or last <= first:
        return
    stairs = _staircase(start, end, first, obstacles, frozenset((upper.node_id, lower.node_id)))
    if stairs is not None:
        yield stairs
    reach = 2 * max(abs(tx - sx), 200.0) + 400.0
    wide = (min(sx, tx) - reach, first, max(sx, tx) + reach, last)
    columns = _free_lanes(obstacles, wide, wide[0], wide[2], vertical=True)
    # Down beside the source's subtree, under everything and up into the target's bottom:
    # long, but it may cross nothing (shared evidence far across the argument).
    if not lower.undeveloped:
        yield from _underneath(start, lower, obstacles, first, columns)
    # Last, across to a free vertical lane between subtrees and down it.
    middle = (sx + tx) / 2
    for x in sorted(columns, key=lambda x: abs(x - middle))[:MAX_LANES]:
        y1 = _nearest(
            _free_lanes(obstacles, (min(sx, x), sy, max(sx, x), last), sy, last, False), sy
        )
        y2 = _nearest(
            _free_lanes(obstacles, (min(tx, x), first, max(tx, x), ty), first, ty, False), ty
        )
        for a, b in ((y1, y2), (first, last)):
            if a is not None and b is not None and a < b:
                yield [start, (sx, a), (x, a), (x, b), (tx, b), end]


def _spread(lanes: list[float]) -> list[float]:
    """The lanes in the order a router tries them: the two nearest the source, then the two
    nearest the target, then the rest from the source down. A long link's best lane often
    lies just above its target, where few links run; trying only the first few lanes below
    its source ran it across the whole argument where it is densest."""
    if len(lanes) <= 4:
        return lanes
    first = [*lanes[:2], lanes[-1], lanes[-2]]
    return [*first, *lanes[2:-2]]


def _underneath(
    start: Point, lower: End, obstacles: Obstacles, first: float, columns: list[float]
) -> Iterator[list[Point]]:
    """Down a lane beside the source, under everything between and up into the target."""
    sx, tx = start[0], lower.x
    bottom = lower.edge(0.0, 1.0)
    # Past the whole drawing's side, if nothing nearer is free: such a lane always is.
    spread = [box for _, box in obstacles((sx - FAR, first, sx + FAR, first + ROW_REACH))]
    outer = (
        [min(b[0] for b in spread) - 2 * LANE_ROOM, max(b[2] for b in spread) + 2 * LANE_ROOM]
        if spread
        else []
    )
    # Into the side that faces the way the link comes, where the gap beside it is free: an
    # arrow into a node's bottom reads as if that node supported what lies below it.
    side = 1.0 if sx > tx else -1.0
    door = lower.edge(side, 0.0)
    for x in [*sorted(columns, key=lambda x: abs(x - sx))[:4], *outer]:
        low, high = min(x, tx), max(x, tx)
        depth = max(
            (box[3] for _, box in obstacles((low, bottom[1], high, bottom[1] + FAR))),
            default=bottom[1],
        )
        b = depth + 2 * LANE_ROOM
        beside = door[0] + side * min(SNUG, _room_beside(door, side, obstacles, lower.node_id) / 2)
        if (beside - door[0]) * side >= LANE_ROOM / 2 and (x - beside) * side > 0:
            yield [start, (sx, first), (x, first), (x, b), (beside, b), (beside, door[1]), door]
        yield [start, (sx, first), (x, first), (x, b), (tx, b), bottom]


def _room_beside(door: Point, side: float, obstacles: Obstacles, own: str) -> float:
    """How far the free gap beside a node's side reaches, level with its middle."""
    x, y = door
    reach = [
        box[0] - x if side > 0 else x - box[2]
        for node_id, box in obstacles((x, y - 1, x + side * 2 * SNUG, y + 1))
        if node_id != own
    ]
    return min([2 * SNUG, *[r for r in reach if r >= 0]])


def _staircase(
    start: Point, end: Point, first: float, obstacles: Obstacles, skip: frozenset[str]
) -> list[Point] | None:
    """Down rank by rank, as dot routes a long link: along the free lane under each row of
    nodes to the gap in the next row nearest the target, through it, and on; None if a row
    has no gap to pass."""
    tx, ty = end
    x, y = start[0], first
    path = [start, (x, y)]
    for _ in range(STEPS):
        tail = [(x, y), (tx, y), end]
        if _clear(tail, obstacles, skip):
            return path + tail[1:]
        window = (min(x, tx) - WINDOW, y, max(x, tx) + WINDOW, ty)
        below = [box for node_id, box in obstacles(window) if node_id not in skip and box[1] > y]
        if not below:
            return None
        row_top = min(box[1] for box in below)
        row_bottom = max(box[3] for box in below if box[1] < row_top + 1)
        next_y = row_bottom + SNUG
        if next_y >= ty:
            return None
        gaps = _free_lanes(
            obstacles, (window[0], row_top, window[2], row_bottom), window[0], window[2], True
        )
        ahead = next(
            (
                gap
                for gap in sorted(gaps, key=lambda gap: abs(gap - tx))[:MAX_LANES]
                if _clear([(x, y), (gap, y), (gap, next_y)], obstacles, skip)
            ),
            None,
        )
        if ahead is None:
            return None
        path += [(ahead, y), (ahead, next_y)]
        x, y = ahead, next_y
    return None


def _sideways(source: End, target: End, obstacles: Obstacles) -> Iterator[list[Point]]:
    """A node beside another (a context beside its claim): out of the facing side, along a
    vertical lane in the gap between them, into the target's facing side; else around above
    or below both."""
    right = target.x >= source.x
    start = source.edge(1.0 if right else -1.0, 0.0)
    end = target.edge(-1.0 if right else 1.0, 0.0)
    gap = (end[0] - start[0]) if right else (start[0] - end[0])
    if gap >= LANE_ROOM:
        low, high = sorted((start[0], end[0]))
        lanes = _free_lanes(
            obstacles, (low, min(start[1], end[1]), high, max(start[1], end[1])), low, high, True
        )
        for x in sorted(lanes, key=lambda x: abs(x - (low + high) / 2)):
            yield [start, (x, start[1]), (x, end[1]), end]
    bottom = max(source.y + source.half_height, target.y + target.half_height)
    top = min(source.y - source.half_height, target.y - target.half_height)
    # Over the top first: under the node its own links leave downwards, and a context's
    # link must not look like one of them.
    for y, sign in ((top - SNUG, -1.0), (bottom + SNUG + 2 * DIAMOND, 1.0)):
        a, b = source.edge(0.0, sign), target.edge(0.0, sign)
        yield [a, (a[0], y), (b[0], y), b]


def _first(lanes: list[float], holds: Callable[[float], bool]) -> int:
    """The index of the first lane where `holds` (false, then true, along the lanes)."""
    low, high = 0, len(lanes)
    while low < high:
        middle = (low + high) // 2
        if holds(lanes[middle]):
            high = middle
        else:
            low = middle + 1
    return low


def _nearest(lanes: list[float], to: float) -> float | None:
    return min(lanes, key=lambda lane: abs(lane - to)) if lanes else None


def _free_lanes(
    obstacles: Obstacles, rect: Rect, low: float, high: float, vertical: bool
) -> list[float]:
    """The middles of the gaps between the boxes that meet `rect`, along y (or along x when
    `vertical`: lanes for vertical segments), between low and high, in order."""
    spans = sorted((box[0], box[2]) if vertical else (box[1], box[3]) for _, box in obstacles(rect))
    lanes: list[float] = []
    cursor = low
    for start, end in spans:
        _lanes_in(cursor, start, lanes)
        cursor = max(cursor, end)
        if cursor >= high:
            break
    _lanes_in(cursor, high, lanes)
    return lanes


def _lanes_in(low: float, high: float, lanes: list[float]) -> None:
    """A lane in the middle of a narrow gap; near each end of a wide one, so that a link
    bends close to the node it leaves or enters rather than halfway across the drawing."""
    gap = high - low
    if gap < LANE_ROOM:
        return
    if gap <= 2 * SNUG:
        lanes.append((low + high) / 2)
    else:
        lanes.extend((low + SNUG, high - SNUG))
