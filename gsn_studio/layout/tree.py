"""A tidy top-down layout for GSN in pure Python, near-linear in the size of the case.

GSN arguments are near-trees: every node hangs under one parent, and some evidence is shared.
Ranks are longest paths from the top goals (so every parent sits above all of its children);
each node hangs under the parent just above it (the first such, in file order), siblings keep
their file order, and a parent is centred over the row of what supports it. Subtrees are
packed by their outlines rank by rank (Reingold and Tilford's contours), so a change in one
subtree moves little else. Contexts travel with their node as one block (see `blocks`).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from gsn_studio.layout.blocks import blocks_of, layout_children
from gsn_studio.model import Case, Position
from gsn_studio.notation.geometry import DIAMOND, geometry_of

NODE_GAP = 28.8  # points between neighbouring subtrees (0.4 inch, as with dot)
ROOT_GAP = 57.6  # points between separate arguments
RANK_GAP = 39.6  # points between ranks (0.55 inch, as with dot)
WRAP_WIDTH = 6000.0
"""A row of subtrees narrower than this never wraps (every sample and corpus case)."""
WRAP_ASPECT = 2.0
"""A wrapped row aims at subtrees this many times wider than deep."""
RANK_ESTIMATE = 160.0
"""About how tall a rank is with the gap below it, for choosing how to wrap."""
TRUNK = "\0trunk"
"""A stand-in in a wrapped row for the lane down to the rows below (no node id has NUL)."""
TRUNK_HALF_WIDTH = 16.0
CHANNEL = 8.0
"""Half the width kept free above a node whose parent is several ranks higher: the link's
vertical lane, which no other subtree may fill."""

OFF_CENTRE = 1 / 6
"""A top goal further than this share of its argument's width from the argument's middle
is moved over that middle (see `_middle`)."""
Contour = dict[int, tuple[float, float]]
"""Per rank, the left and right edges of a subtree relative to its top node's centre."""


class _Cancelled(Exception):
    pass


def tree_layout(
    case: Case, cancelled: Callable[[], bool] = lambda: False
) -> dict[str, Position] | None:
    """Centre positions for every node, or None when cancelled."""
    try:
        return _Layout(case, cancelled).positions()
    except _Cancelled:
        return None


class _Layout:
    def __init__(self, case: Case, cancelled: Callable[[], bool]) -> None:
        self.cancelled = cancelled
        self.rank: dict[str, int] = {}
        self.extent: dict[str, tuple[float, float, float]] = {}
        self.offset: dict[str, float] = {}
        """A node's x relative to its parent's."""
        self.contour: dict[str, Contour] = {}
        self.drop: dict[str, int] = {}
        """How many ranks a wrapped child's subtree hangs below where its rank would be."""
        self.ticks = 0
        self.nodes = case.index()
        self.blocks = blocks_of(case)
        below = layout_children(case, self.blocks)
        self.below = {a: [c for c in below.get(a, []) if c != a] for a in self.blocks}
        self.order = {anchor: i for i, anchor in enumerate(self.blocks)}

    def _tick(self) -> None:
        self.ticks += 1
        if self.ticks % 1024 == 0 and self.cancelled():
            raise _Cancelled

    # -- ranks and the tree -------------------------------------------------------------------

    def _acyclic(self) -> tuple[list[str], dict[str, list[str]]]:
        """Nodes in topological order and each node's parents, without the links that close
        a cycle (found by a depth-first walk from the roots, then from whatever is left)."""
        has_parent = {c for children in self.below.values() for c in children}
        starts = [a for a in self.blocks if a not in has_parent] + list(self.blocks)
        state: dict[str, int] = {}  # 1 on the walk's path, 2 done
        finished: list[str] = []
        parents: dict[str, list[str]] = {a: [] for a in self.blocks}
        for start in starts:
            if start in state:
                continue
            state[start] = 1
            stack = [(start, iter(self.below[start]))]
            while stack:
                self._tick()
                anchor, children = stack[-1]
                child = next(children, None)
                if child is None:
                    state[anchor] = 2
                    finished.append(anchor)
                    stack.pop()
                    continue
                seen = state.get(child)
                if seen == 1:
                    continue  # a link back up the path: it closes a cycle
                parents[child].append(anchor)
                if seen is None:
                    state[child] = 1
                    stack.append((child, iter(self.below[child])))
        finished.reverse()
        for anchor, above in parents.items():
            above.sort(key=self._link_rank(anchor))
        return finished, parents

    def _link_rank(self, child: str) -> Callable[[str], tuple[int, int]]:
        """Parents in file order: the parent's place, then the child's among its siblings."""
        return lambda parent: (self.order[parent], self.below[parent].index(child))

    def positions(self) -> dict[str, Position]:
        if not self.blocks:
            return {}
        topological, parents = self._acyclic()
        rank: dict[str, int] = {}
        for anchor in topological:
            rank[anchor] = max((rank[p] + 1 for p in parents[anchor]), default=0)
        host: dict[str, str] = {}
        for anchor in topological:
            deepest = [p for p in parents[anchor] if rank[p] == rank[anchor] - 1]
            if deepest:
                host[anchor] = deepest[0]
        kids: dict[str, list[str]] = {a: [] for a in self.blocks}
        for parent in self.blocks:
            for child in self.below[parent]:
                if host.get(child) == parent and child not in kids[parent]:
                    kids[parent].append(child)
        roots = [a for a in self.blocks if a not in host]

        self.rank = rank
        self.extent = extent = {a: self._extent(a) for a in self.blocks}
        offset, contour = self.offset, self.contour
        for anchor in reversed(_preorder(roots, kids)):
            self._tick()
            contour[anchor] = self._pack(anchor, kids[anchor])
            for child in kids[anchor]:
                del contour[child]  # merged into the parent's: keep memory flat
        root_x = _row(roots, contour, ROOT_GAP)
        x: dict[str, float] = {}
        for root, rx in zip(roots, root_x, strict=True):
            x[root] = rx
        for anchor in _preorder(roots, kids):
            for child in kids[anchor]:
                x[child] = x[anchor] + offset[child]
                # A wrapped row takes its whole subtree down with it.
                self.drop[child] = self.drop.get(child, 0) + self.drop.get(anchor, 0)
        rank = {a: rank[a] + self.drop.get(a, 0) for a in rank}

        band: dict[int, float] = {}
        for anchor in self.blocks:
            band[rank[anchor]] = max(band.get(rank[anchor], 0.0), extent[anchor][2])
        top: dict[int, float] = {}
        y = 0.0
        for level in range(max(band) + 1):
            top[level] = y
            y += band.get(level, 0.0) + RANK_GAP
        return self._expand(x, {a: top[rank[a]] for a in self.blocks})

    # -- packing ----------------------------------------------------------------------------

    def _extent(self, anchor: str) -> tuple[float, float, float]:
        """Left and right of the block relative to its node's centre, and its depth below the
        node's top edge."""
        block = self.blocks[anchor]
        ax, _ = block.offsets[anchor]
        own = geometry_of(self.nodes[anchor])
        left = right = depth = 0.0
        for member, (dx, dy) in block.offsets.items():
            node = self.nodes[member]
            g = geometry_of(node)
            left = min(left, dx - ax - g.half_width)
            right = max(right, dx - ax + g.half_width)
            below = dy + g.half_height + (2 * DIAMOND if node.undeveloped else 0.0)
            depth = max(depth, below + own.half_height)
        return left, right, depth

    def _pack(self, anchor: str, children: list[str]) -> Contour:
        """The subtree's contour, with its children placed side by side as close as their
        contours allow, and the node centred over the first and last of them. A row far
        wider than deep wraps: later children hang below the deepest of the row before."""
        rank, contour, offset = self.rank, self.contour, self.offset
        own_rank = rank[anchor]
        for child in children:
            # A node several ranks below its parent keeps the lane its link runs down.
            for level in range(own_rank + 1, rank[child]):
                contour[child][level] = (-CHANNEL, CHANNEL)
        merged: Contour = {}
        rows = self._rows(children)
        drop = 0
        for number, row in enumerate(rows):
            if drop:
                for child in row:
                    self.drop[child] = drop
                    contour[child] = {
                        level + drop: edges
                        for level, edges in contour[child].items()
                        if level >= rank[child]  # its link comes down the trunk instead
                    }
            deepest = max(level for child in row for level in contour[child])
            members = list(row)
            if number < len(rows) - 1:
                # The trunk to the rows below runs down a lane kept free mid-row.
                contour[TRUNK] = {
                    level: (-TRUNK_HALF_WIDTH, TRUNK_HALF_WIDTH)
                    for level in range(own_rank + 1, deepest + 1)
                }
                members.insert(len(row) // 2, TRUNK)
            placed = _row(members, contour, NODE_GAP)
            middle = self._middle(members, placed, own_rank)
            if TRUNK in members:  # the trunk straight under the node, through every row
                middle = placed[members.index(TRUNK)]
            for child, cx in zip(members, placed, strict=True):
                shift = cx - middle
                if child != TRUNK:
                    offset[child] = shift
                for level, (left, right) in contour[child].items():
                    known = merged.get(level)
                    merged[level] = (
                        (left + shift, right + shift)
                        if known is None
                        else (min(known[0], left + shift), max(known[1], right + shift))
                    )
            contour.pop(TRUNK, None)
            drop = deepest - own_rank
        merged[own_rank] = self.extent[anchor][:2]
        return merged

    def _middle(self, members: list[str], placed: list[float], own_rank: int) -> float:
        """Where a node goes over a row of what supports it: centred over its first and
        last child, as a tidy tree does. A top goal whose one wide subtree beside a few
        narrow ones leaves it well off the middle of its argument (the pump's G1 sat far
        right, over two evidence-only goals, above empty space) goes over that middle
        instead, kept between its first and last child so its links still fan out below."""
        first, last = placed[0], placed[-1]
        middle = (first + last) / 2
        if own_rank != 0:
            return middle  # moving inner nodes too would shift most of a case after an edit
        spans = [
            (x + left, x + right)
            for member, x in zip(members, placed, strict=True)
            for left, right in self.contour[member].values()
        ]
        low, high = min(s[0] for s in spans), max(s[1] for s in spans)
        centre = (low + high) / 2
        if abs(centre - middle) <= (high - low) * OFF_CENTRE:
            return middle
        return min(max(centre, first), last)

    def _rows(self, children: list[str]) -> list[list[str]]:
        """The children in one row, or in several (file order kept) when one row would be
        more than WRAP_ASPECT times wider than the subtrees are deep."""
        if len(children) < 2:
            return [children] if children else []
        widths, depths = [], []
        for child in children:
            shape = self.contour[child]
            widths.append(
                max(r for _, r in shape.values()) - min(left for left, _ in shape.values())
            )
            depths.append(max(shape) - self.rank[child] + 1)
        total = sum(widths) + NODE_GAP * (len(children) - 1)
        if total < WRAP_WIDTH:
            return [children]

        def split(limit: float) -> list[list[int]]:
            rows: list[list[int]] = [[]]
            width = 0.0
            for i, w in enumerate(widths):
                if rows[-1] and width + w > limit:
                    rows.append([])
                    width = 0.0
                rows[-1].append(i)
                width += w + NODE_GAP
            return rows

        best: tuple[float, list[list[int]]] | None = None
        for count in range(1, len(children) + 1):
            rows = split(total / count)
            width = max(sum(widths[i] + NODE_GAP for i in row) for row in rows)
            height = sum(max(depths[i] for i in row) for row in rows) * RANK_ESTIMATE
            miss = abs(math.log(width / height / WRAP_ASPECT))
            if best is None or miss < best[0]:
                best = (miss, rows)
            if width / height < WRAP_ASPECT:
                break
        assert best is not None
        return [[children[i] for i in row] for row in best[1]]

    def _expand(self, x: dict[str, float], top: dict[str, float]) -> dict[str, Position]:
        positions: dict[str, Position] = {}
        for anchor, block in self.blocks.items():
            ax, _ = block.offsets[anchor]
            centre_y = top[anchor] + geometry_of(self.nodes[anchor]).half_height
            for member, (dx, dy) in block.offsets.items():
                positions[member] = Position(x=x[anchor] + dx - ax, y=centre_y + dy)
        return positions


def _preorder(roots: list[str], kids: dict[str, list[str]]) -> list[str]:
    out: list[str] = []
    stack = list(reversed(roots))
    while stack:
        anchor = stack.pop()
        out.append(anchor)
        stack.extend(reversed(kids[anchor]))
    return out


def _row(items: list[str], contour: dict[str, Contour], gap: float) -> list[float]:
    """x of each subtree placed left to right, each as far left as the ones before allow."""
    placed: list[float] = []
    right_edge: dict[int, float] = {}
    for item in items:
        shape = contour[item]
        x = 0.0
        if placed:
            x = max(
                (
                    right_edge[level] - left + gap
                    for level, (left, _) in shape.items()
                    if level in right_edge
                ),
                default=placed[-1],
            )
        placed.append(x)
        for level, (_, right) in shape.items():
            right_edge[level] = max(right_edge.get(level, -1e18), x + right)
    return placed
