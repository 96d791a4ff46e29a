"""A tidy top-down layout for GSN in pure Python, near-linear in the size of the case.

GSN arguments are near-trees: every node hangs under one parent, and some evidence is shared.
Ranks are longest paths from the top goals (so every parent sits above all of its children);
each node hangs under the parent just above it, shared evidence under the middle one of its
parents (its other links each keep a lane free below their parent, as dot's dummy nodes do);
siblings keep their file order, and a parent is centred over the row of what supports it.
Subtrees are packed by their outlines rank by rank (Reingold and Tilford's contours), so a
change in one subtree moves little else. Contexts travel with their node as one block (see
`blocks`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping

from gsn_studio.layout import stable
from gsn_studio.layout.blocks import blocks_of, layout_children
from gsn_studio.layout.wrap import wrap
from gsn_studio.model import Case, Position
from gsn_studio.notation.geometry import DIAMOND, geometry_of

NODE_GAP = 28.8  # points between neighbouring subtrees (0.4 inch, as with dot)
ROOT_GAP = 57.6  # points between separate arguments
RANK_GAP = 39.6  # points between ranks (0.55 inch, as with dot)
TRUNK = "\0trunk"
"""A stand-in in a wrapped row for the lane down to the rows below (no node id has NUL)."""
TRUNK_HALF_WIDTH = 16.0
LANE = "\0lane"
"""A stand-in for the vertical lane a link from a parent other than the host keeps free
below that parent, as dot keeps one with its chain of dummy nodes (no node id has NUL)."""
RANK_ROUNDS = 4
THOROUGH_UP_TO = 500
"""Lanes and the layout again for wrapped rows, only up to this many nodes: laid out again
after an edit, such a case tries several ways and keeps the steadiest (see `layout_case`);
a larger one takes the first, where lanes moved a few dozen nodes after one added leaf,
and the rounds took a 10,000-node case past its time."""
"""How often a layout is redone with shared nodes hung under a parent that a wrapped row
took down past them (once is almost always enough)."""

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
    case: Case,
    cancelled: Callable[[], bool] = lambda: False,
    before: Mapping[str, Position] | None = None,
    lean: float = 1.0,
) -> dict[str, Position] | None:
    """Centre positions for every node, or None when cancelled. `before`: where nodes stood
    (laying out again), the places subtrees and ranks keep where the layout allows (see
    `stable`); `lean`: how much more moving a subtree left counts than moving it right."""
    try:
        forced: dict[str, str] = {}
        floor: dict[str, int] = {}
        for round_ in range(RANK_ROUNDS):
            layout = _Layout(case, cancelled, before or {}, lean, forced=forced, floor=floor)
            positions = layout.positions()
            above = layout.above_parents() if layout.thorough else {}
            if not above:
                break
            # A wrapped row took a parent of shared evidence down past it. First the evidence
            # is held that far down under its own host; where a row then wraps otherwise,
            # it hangs under that parent and goes down with it.
            if round_ == 0:
                for child, parent in above.items():
                    floor[child] = layout.final_rank[parent] + 1 - layout.drop.get(child, 0)
            else:
                forced.update(above)
        return positions
    except _Cancelled:
        return None


class _Layout:
    def __init__(
        self,
        case: Case,
        cancelled: Callable[[], bool],
        before: Mapping[str, Position],
        lean: float = 1.0,
        *,
        forced: Mapping[str, str] | None = None,
        floor: Mapping[str, int] | None = None,
    ) -> None:
        self.floor = floor or {}
        self.thorough = len(case.nodes) <= THOROUGH_UP_TO
        """Whether links from parents other than the host keep lanes, and shared evidence
        is held below parents a wrapped row took down (a layout again)."""
        self.cancelled = cancelled
        self.forced = forced or {}
        """The parent a shared node hangs under: one a wrapped row took down past it."""
        self.lean = lean
        self.rank: dict[str, int] = {}
        self.extent: dict[str, tuple[float, float, float]] = {}
        self.offset: dict[str, float] = {}
        """A node's x relative to its parent's."""
        self.contour: dict[str, Contour] = {}
        self.drop: dict[str, int] = {}
        """How many ranks a wrapped child's subtree hangs below where its rank would be."""
        self.ticks = 0
        self.parents: dict[str, list[str]] = {}
        self.tree_order: dict[str, int] = {}
        """Each node's place in reading order (preorder of the tree under first parents)."""
        self.final_rank: dict[str, int] = {}
        self.nodes = case.index()
        self.blocks = blocks_of(case)
        below = layout_children(case, self.blocks)
        self.below = {a: [c for c in below.get(a, []) if c != a] for a in self.blocks}
        self.order = {anchor: i for i, anchor in enumerate(self.blocks)}
        self.before = {a: before[a] for a in self.blocks if a in before}
        """Where each block's node stood, when laid out again."""
        self.wish: dict[str, float] = {}
        """The x at which a node would leave its subtree where it stood."""
        self.standing: dict[str, stable.Standing] = {}
        """What moving each subtree costs (merged into its parent's, like contours)."""
        self.stood = {
            a: sum(1 for member in block.offsets if member in before)
            for a, block in self.blocks.items()
            if a in before
        }
        """How many of each block's nodes stood somewhere."""

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
        self.parents = parents
        rank: dict[str, int] = {}
        for anchor in topological:
            rank[anchor] = max([self.floor.get(anchor, 0), *(rank[p] + 1 for p in parents[anchor])])
        host = self._hosts(topological, parents, rank)
        kids: dict[str, list[str]] = {a: [] for a in self.blocks}
        lanes: dict[str, Contour] = {}
        for parent in self.blocks:
            for child in self.below[parent]:
                if host.get(child) == parent:
                    if child not in kids[parent]:
                        kids[parent].append(child)
                elif self.thorough and rank[child] - rank[parent] >= 2 and child in host:
                    # Its link drops down a lane beside the parent's subtree, on the side
                    # facing the host's, and runs across only just above the shared node.
                    lane = f"{LANE}{len(lanes)}"
                    lanes[lane] = dict.fromkeys(
                        range(rank[parent] + 1, rank[child]), (-CHANNEL, CHANNEL)
                    )
                    rank[lane] = rank[parent] + 1
                    kids[lane] = []
                    if self.tree_order.get(child, 0) < self.tree_order.get(parent, 0):
                        kids[parent].insert(0, lane)
                    else:
                        kids[parent].append(lane)
        roots = [a for a in self.blocks if a not in host]

        self.rank = rank
        self.extent = extent = {a: self._extent(a) for a in self.blocks}
        offset, contour = self.offset, self.contour
        for anchor in reversed(_preorder(roots, kids)):
            self._tick()
            if anchor in lanes:
                contour[anchor] = lanes[anchor]
                continue
            contour[anchor] = self._pack(anchor, kids[anchor])
            for child in kids[anchor]:
                del contour[child]  # merged into the parent's: keep memory flat
        root_x = self._kept_row(roots, 0.0, ROOT_GAP) or _row(roots, contour, ROOT_GAP)
        self.standing.clear()
        x: dict[str, float] = {}
        for root, rx in zip(roots, root_x, strict=True):
            x[root] = rx
        for anchor in _preorder(roots, kids):
            for child in kids[anchor]:
                x[child] = x[anchor] + offset[child]
                # A wrapped row takes its whole subtree down with it.
                self.drop[child] = self.drop.get(child, 0) + self.drop.get(anchor, 0)
        rank = {a: rank[a] + self.drop.get(a, 0) for a in rank}
        self.final_rank = rank

        boxes: dict[int, list[stable.RankBox]] = {}
        for anchor in self.blocks:
            left, right, depth = extent[anchor]
            at = self.before.get(anchor)
            half = geometry_of(self.nodes[anchor]).half_height
            boxes.setdefault(rank[anchor], []).append(
                stable.RankBox(
                    x[anchor] + left,
                    x[anchor] + right,
                    depth,
                    not self.below[anchor],
                    None if at is None else at.y - half,
                )
            )
        top = stable.rank_tops(boxes, RANK_GAP)
        return self._expand(x, {a: top[rank[a]] for a in self.blocks})

    def _hosts(
        self, topological: list[str], parents: dict[str, list[str]], rank: dict[str, int]
    ) -> dict[str, str]:
        """The parent each node hangs under. A node with one parent above it hangs under
        that one. Shared evidence hangs under the middle one of its parents in reading
        order (their order in the tree each node hung under its first deepest parent), so
        that its links from the others come from both sides, as short as they can be;
        under its first parent, every other link crossed the argument in between."""
        first: dict[str, str] = {}
        for anchor in topological:
            deepest = [p for p in parents[anchor] if rank[p] == rank[anchor] - 1]
            if deepest:
                first[anchor] = deepest[0]
            elif parents[anchor]:  # held down below a parent a wrapped row took down
                first[anchor] = max(parents[anchor], key=rank.__getitem__)
        tree: dict[str, list[str]] = {a: [] for a in self.blocks}
        for parent in self.blocks:
            for child in self.below[parent]:
                if first.get(child) == parent and child not in tree[parent]:
                    tree[parent].append(child)
        roots = [a for a in self.blocks if a not in first]
        self.tree_order = {a: i for i, a in enumerate(_preorder(roots, tree))}
        host = dict(first)
        for anchor, above in parents.items():
            if anchor in self.forced:
                host[anchor] = self.forced[anchor]
            elif len(above) > 1:
                in_order = sorted(above, key=self.tree_order.__getitem__)
                host[anchor] = in_order[(len(in_order) - 1) // 2]
        return host

    def above_parents(self) -> dict[str, str]:
        """Nodes that ended at or above a parent (a wrapped row took it down past them),
        each with its lowest parent: hung under that one, it goes down with it."""
        rank, lowered = self.final_rank, {}
        for child, above in self.parents.items():
            if above:
                lowest = max(above, key=rank.__getitem__)
                if rank[lowest] >= rank[child]:
                    lowered[child] = lowest
        return lowered

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
        wider than deep wraps: later children hang below the deepest of the row before.
        Laid out again, the children keep their places as far as room allows (`_place`)."""
        rank, contour, offset = self.rank, self.contour, self.offset
        own_rank = rank[anchor]
        for child in children:
            # A node several ranks below its parent keeps the lane its link runs down.
            for level in range(own_rank + 1, rank[child]):
                contour[child][level] = (-CHANNEL, CHANNEL)
        merged: Contour = {}
        rows = self._rows(children)
        own = self.before.get(anchor)
        origin = own.x if own is not None else None
        if origin is None and self.before:  # a new node over subtrees that stood
            origin = next((w for c in children if (w := self.wish.get(c)) is not None), None)
        standing = stable.Standing()
        first_middle: float | None = None
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
            placed, middle = self._place(anchor, members, origin)
            if first_middle is None:
                first_middle = middle
            for child, cx in zip(members, placed, strict=True):
                shift = cx - middle
                if child != TRUNK:
                    offset[child] = shift
                    part = self.standing.pop(child, None)
                    wish = self.wish.get(child)
                    if part is not None and wish is not None and origin is not None:
                        # Where it goes from its wish while this subtree stays at its own.
                        standing.add(part, cx - (wish - origin) + (first_middle - middle))
                for level, (left, right) in contour[child].items():
                    known = merged.get(level)
                    merged[level] = (
                        (left + shift, right + shift)
                        if known is None
                        else (min(known[0], left + shift), max(known[1], right + shift))
                    )
            contour.pop(TRUNK, None)
            drop = deepest - own_rank
        if origin is not None:
            middle = first_middle or 0.0
            self.wish[anchor] = origin + middle
            if own is not None:  # the node stands where it stood when the subtree goes -middle
                standing.add(stable.Standing(self.stood[anchor], {0: self.stood[anchor]}), middle)
            self.standing[anchor] = standing
        merged[own_rank] = self.extent[anchor][:2]
        return merged

    def _place(
        self, anchor: str, members: list[str], origin: float | None
    ) -> tuple[list[float], float]:
        """x of a row of subtrees, and of their node above them (`middle`). Laid out afresh
        (`origin` None), the row is packed and the node centred over it. Laid out again,
        relative to where the node stood or would stand (`origin`), the subtrees keep their
        places as far as room allows; the node stays while still over them, else it moves
        over them or they move under it, whichever moves fewer nodes."""
        own_rank = self.rank[anchor]
        placed = None if origin is None else self._kept_row(members, origin, NODE_GAP)
        if placed is None:
            placed = _row(members, self.contour, NODE_GAP)
            if origin is not None:  # new subtrees below a node that stood: centred below it
                tidy = self._middle(members, placed, own_rank)
                placed = [x - tidy for x in placed]
        if TRUNK in members:  # the trunk straight under the node, through every row
            return placed, placed[members.index(TRUNK)]
        tidy = self._middle(members, placed, own_rank)
        if origin is None or anchor not in self.before:
            return placed, tidy
        if stable.stays_centred(0.0, placed[0], placed[-1], tidy):
            return placed, 0.0
        node_moves = self.stood[anchor] + self._row_cost(members, placed, origin, 0.0)
        row_moves = self._row_cost(members, placed, origin, -tidy) * (self.lean if tidy > 0 else 1)
        if row_moves <= node_moves:
            return [x - tidy for x in placed], 0.0
        return placed, tidy

    def _row_cost(
        self, members: list[str], placed: list[float], origin: float, shift: float
    ) -> int:
        """Nodes of a row's subtrees that end away from where they stood, the row `shift`ed."""
        total = 0
        for member, x in zip(members, placed, strict=True):
            part, wish = self.standing.get(member), self.wish.get(member)
            if part is not None and wish is not None:
                total += part.cost(x + shift - (wish - origin))
        return total

    def _kept_row(self, items: list[str], origin: float, gap: float) -> list[float] | None:
        """x of each subtree of a row relative to `origin`, each as near where it stood as
        the row allows (see `stable.place_row`); None when none of them stood anywhere."""
        if not self.before or not items:
            return None
        wished = [None if (w := self.wish.get(i)) is None else w - origin for i in items]
        costs = [self.standing.get(i) or stable.Standing() for i in items]
        if TRUNK in items:  # the lane to the rows below stays under the node
            heavy = len(self.nodes) + 1
            wished[items.index(TRUNK)] = 0.0
            costs[items.index(TRUNK)] = stable.Standing(heavy, {0: heavy})
        # Each gap at least as wide as packing leaves it: then no subtree reaches past its
        # neighbour into one further along, whichever gaps widen.
        packed = _row(items, self.contour, gap)
        least = [b - a for a, b in itertools.pairwise(packed)]
        return stable.place_row(least, wished, costs, lean=self.lean)

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
        """The children in one row, or in several (see `wrap`); laid out again, in the rows
        they stood in while those still read about as well."""
        if len(children) < 2:
            return [children] if children else []
        widths, depths = [], []
        for child in children:
            shape = self.contour[child]
            # Rounded: laid out again, the same subtrees must wrap the same way, however
            # their outlines were summed.
            width = max(r for _, r in shape.values()) - min(left for left, _ in shape.values())
            widths.append(float(round(width)))
            depths.append(max(shape) - self.rank[child] + 1)
        before = self._rows_before(children) if self.before else None
        rows = wrap(widths, depths, NODE_GAP, before)
        return [[children[i] for i in row] for row in rows]

    def _rows_before(self, children: list[str]) -> list[list[int]] | None:
        """The rows the children stood in (a row starts where the tops step down; a new
        child joins the row of the one before it); None when they did not stand in rows."""
        rows: list[list[int]] = []
        current: float | None = None
        for index, child in enumerate(children):
            at = self.before.get(child)
            top = None if at is None else at.y - geometry_of(self.nodes[child]).half_height
            if rows and (top is None or current is None or abs(top - current) <= 1.0):
                rows[-1].append(index)
                current = top if current is None else current
            elif not rows or (current is not None and top is not None and top > current):
                rows.append([index])
                current = top
            else:
                return None
        return rows

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
