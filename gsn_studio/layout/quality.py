"""How well a diagram reads, measured on the links as drawn (the paths of
`notation.case_routes`, which the canvas and the figures draw): links passing through a node
they do not join, link crossings, and the shape of the whole."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from gsn_studio.model import Case, Position
from gsn_studio.notation.case_routes import LinkKey, case_routes, obstacle_index
from gsn_studio.notation.routes import Point, blockers

THROUGH_INSET = 1.0
"""A link must enter a node's box by more than this to count as passing through it."""
CELL = 160.0


@dataclass(frozen=True)
class Quality:
    through: list[tuple[LinkKey, str]] = field(default_factory=list)
    """Each link and a node it passes through without joining it."""
    crossings: int = 0
    """Pairs of links (with no node in common) whose paths cross."""
    width: float = 0.0
    height: float = 0.0

    @property
    def aspect(self) -> float:
        """Width over height of the bounding box."""
        return self.width / self.height if self.height else 0.0


def measure(case: Case, positions: Mapping[str, Position]) -> Quality:
    """The quality of the case drawn at `positions` (nodes without one are left out)."""
    index = case.index()
    shown = {node_id: node for node_id, node in index.items() if node_id in positions}
    obstacles = obstacle_index(shown, positions)
    paths = case_routes(case, shown, positions, obstacles)
    through = [
        (key, node_id)
        for key, path in paths.items()
        for node_id in dict.fromkeys(blockers(path, obstacles, frozenset(key[:2]), THROUGH_INSET))
    ]
    boxes = obstacles.boxes.values()
    width = height = 0.0
    if boxes:
        width = max(b[2] for b in boxes) - min(b[0] for b in boxes)
        height = max(b[3] for b in boxes) - min(b[1] for b in boxes)
    return Quality(through, count_crossings(paths), width, height)


def count_crossings(paths: Mapping[LinkKey, tuple[Point, ...]]) -> int:
    """Pairs of links that cross, links that share a node aside (they meet there)."""
    keys = list(paths)
    grid: dict[tuple[int, int], list[tuple[int, Point, Point]]] = {}
    for number, key in enumerate(keys):
        for a, b in itertools.pairwise(paths[key]):
            for cell in _cells_along(a, b):
                grid.setdefault(cell, []).append((number, a, b))
    crossing: set[tuple[int, int]] = set()
    for segments in grid.values():
        for (n, a, b), (m, c, d) in itertools.combinations(segments, 2):
            if n == m:
                continue
            pair = (n, m) if n < m else (m, n)
            if pair in crossing or _share_node(keys[n], keys[m]):
                continue
            if _cross(a, b, c, d):
                crossing.add(pair)
    return len(crossing)


def _cells_along(a: Point, b: Point) -> set[tuple[int, int]]:
    """The grid cells a segment passes through (a few more near corners), not every cell of
    its bounding box: a long diagonal link of a 10,000-node case spans tens of thousands of
    those, and filling them took gigabytes."""
    steps = max(1, math.ceil(2 * max(abs(b[0] - a[0]), abs(b[1] - a[1])) / CELL))
    cells: set[tuple[int, int]] = set()
    last: tuple[int, int] | None = None
    for step in range(steps + 1):
        t = step / steps
        cell = (
            math.floor((a[0] + (b[0] - a[0]) * t) / CELL),
            math.floor((a[1] + (b[1] - a[1]) * t) / CELL),
        )
        if last is not None and last[0] != cell[0] and last[1] != cell[1]:
            cells.update(((cell[0], last[1]), (last[0], cell[1])))  # past a corner
        cells.add(cell)
        last = cell
    return cells


def _share_node(a: LinkKey, b: LinkKey) -> bool:
    ends = {a[0], a[1], *((a[3],) if a[3] else ())}
    return b[0] in ends or b[1] in ends or (b[3] is not None and b[3] in ends)


def _cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Whether the segments cross at a point inside both (touching and overlapping do not)."""
    d1, d2 = _side(c, d, a), _side(c, d, b)
    d3, d4 = _side(a, b, c), _side(a, b, d)
    return d1 * d2 < 0 and d3 * d4 < 0


def _side(p: Point, q: Point, r: Point) -> float:
    value = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return 0.0 if abs(value) < 1e-6 else value
