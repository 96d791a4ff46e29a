"""Where a link runs: the one path function for the canvas, every export and the layout
quality measure, so that what is measured is what is drawn.

A link is a straight line between the two outlines when that line passes no other node.
Otherwise it bends around them as an org chart does: down from the source's bottom to a
free horizontal lane, across, and down into the target's top (through a free vertical lane
when the drop itself would meet a node). A reader never sees a link pass behind a node it
does not join and take it for a step of the argument.
"""

from __future__ import annotations

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
MAX_LANES = 24


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


class GridIndex:
    """Node boxes bucketed in a coarse grid: which nodes are near a rectangle, fast enough to
    route ten thousand links."""

    def __init__(self, boxes: Mapping[str, Rect], cell: float = 240.0) -> None:
        self.cell = cell
        self.boxes = dict(boxes)
        self._grid: dict[tuple[int, int], list[str]] = {}
        for node_id, box in self.boxes.items():
            for key in self._cells(box):
                self._grid.setdefault(key, []).append(node_id)

    def _cells(self, rect: Rect) -> Iterator[tuple[int, int]]:
        cell = self.cell
        for i in range(math.floor(rect[0] / cell), math.floor(rect[2] / cell) + 1):
            for j in range(math.floor(rect[1] / cell), math.floor(rect[3] / cell) + 1):
                yield i, j

    def __call__(self, rect: Rect) -> Iterator[tuple[str, Rect]]:
        seen: set[str] = set()
        grid, boxes = self._grid, self.boxes
        for key in self._cells(rect):
            for node_id in grid.get(key, ()):
                if node_id in seen:
                    continue
                seen.add(node_id)
                box = boxes[node_id]
                if (
                    box[0] <= rect[2]
                    and rect[0] <= box[2]
                    and box[1] <= rect[3]
                    and rect[1] <= box[3]
                ):
                    yield node_id, box


def _meets(a: Rect, b: Rect) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


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


def route(source: End, target: End, obstacles: Obstacles | None = None) -> tuple[Point, ...]:
    """The link's path from the source's outline to the target's (or to a point); empty when
    the two overlap and there is no gap to draw it in."""
    dx, dy = target.x - source.x, target.y - source.y
    if math.hypot(dx, dy) < 1:
        return ()
    straight = (source.edge(dx, dy), target.edge(-dx, -dy))
    if obstacles is None or source.geometry is None:
        return straight
    skip = frozenset((source.node_id, target.node_id))
    if _clear(straight, obstacles, skip):
        return straight
    for path in _detours(source, target, obstacles):
        if _clear(path, obstacles, skip):
            return _simplified(path)
    return straight


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
    else:
        yield from _sideways(source, target, obstacles)


def _vertical(upper: End, lower: End, obstacles: Obstacles) -> Iterator[list[Point]]:
    """Paths from the bottom of `upper` to the top of `lower`: three segments through a free
    horizontal lane, then five through a free vertical lane as well."""
    start = upper.edge(0.0, 1.0)
    if upper.undeveloped:
        start = (start[0], start[1] + 2 * DIAMOND)
    end = lower.edge(0.0, -1.0)
    (sx, sy), (tx, ty) = start, end
    reach = max(abs(tx - sx), 200.0)
    wide = (min(sx, tx) - reach, sy, max(sx, tx) + reach, ty)
    near = (min(sx, tx), sy, max(sx, tx), ty)
    lanes = _free_lanes(obstacles, near, sy, ty, vertical=False)
    for y in lanes:
        yield [start, (sx, y), (tx, y), end]
    wide_lanes = _free_lanes(obstacles, wide, sy, ty, vertical=False) or [(sy + ty) / 2]
    first = _nearest(_free_lanes(obstacles, (sx - 1, sy, sx + 1, ty), sy, ty, False), sy)
    last = _nearest(_free_lanes(obstacles, (tx - 1, sy, tx + 1, ty), sy, ty, False), ty)
    y1 = first if first is not None else wide_lanes[0]
    y2 = last if last is not None else wide_lanes[-1]
    if y2 < y1:
        y1, y2 = y2, y1
    columns = _free_lanes(obstacles, (wide[0], y1, wide[2], y2), wide[0], wide[2], vertical=True)
    middle = (sx + tx) / 2
    # Straight down from the source, or straight down into the target, read best.
    for x in [tx, sx, *sorted(columns, key=lambda x: abs(x - middle))[:MAX_LANES]]:
        yield [start, (sx, y1), (x, y1), (x, y2), (tx, y2), end]


def _sideways(source: End, target: End, obstacles: Obstacles) -> Iterator[list[Point]]:
    """A node beside another (a context beside its claim): out of the facing side, along a
    vertical lane in the gap between them, into the target's facing side; else around below
    or above both."""
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
    for y, sign in ((bottom + 2 * CLEARANCE + 2 * DIAMOND, 1.0), (top - 2 * CLEARANCE, -1.0)):
        a, b = source.edge(0.0, sign), target.edge(0.0, sign)
        yield [a, (a[0], y), (b[0], y), b]


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
        if start - cursor >= LANE_ROOM:
            lanes.append((cursor + start) / 2)
        cursor = max(cursor, end)
        if cursor >= high:
            break
    if high - cursor >= LANE_ROOM:
        lanes.append((cursor + high) / 2)
    return lanes
