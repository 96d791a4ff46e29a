"""Layouts that respect where things already are: a full layout shifted to keep as many nodes
where they stood as it can, and the layout of a selected subtree, anchored at its top."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from gsn_studio.layout.blocks import blocks_of, layout_children
from gsn_studio.layout.tree import tree_layout
from gsn_studio.model import Case, LinkKind, Position
from gsn_studio.notation.geometry import geometry_of

GRID = 0.5
"""Shifts are compared rounded to this, so float noise does not split a vote."""
SETTLE = 40.0
"""A node laid out again this close to where it stood goes back there when that overlaps no
other node: centring a parent over a grown subtree nudges every ancestor a few units, and a
drawing that shifts everywhere by a few units reads as a different drawing."""
SETTLE_SPAN = 1 / 16
"""A parent may also stay this share of its children's spread off their middle: over a wide
argument, a top goal tens of units off centre still reads as centred."""
CLEARANCE = 12.0
"""The least room between two nodes' outlines that settling back must leave."""
CELL = 256.0


def keep_in_place(
    positions: dict[str, Position], previous: Mapping[str, Position]
) -> dict[str, Position]:
    """The layout moved as a whole by the shift that leaves the most nodes where they were:
    laying out again after a small edit then moves only what the edit disturbed."""
    votes: Counter[tuple[float, float]] = Counter()
    shifts: dict[tuple[float, float], tuple[float, float]] = {}
    for node_id, new in positions.items():
        old = previous.get(node_id)
        if old is not None:
            dx, dy = old.x - new.x, old.y - new.y
            bucket = (round(dx / GRID), round(dy / GRID))
            votes[bucket] += 1
            shifts.setdefault(bucket, (dx, dy))
    if not votes:
        return positions
    dx, dy = shifts[votes.most_common(1)[0][0]]
    return {i: Position(x=p.x + dx, y=p.y + dy) for i, p in positions.items()}


def moved_count(positions: Mapping[str, Position], previous: Mapping[str, Position]) -> int:
    """How many nodes that stood somewhere are now elsewhere (by more than half a point)."""
    count = 0
    for node_id, old in previous.items():
        new = positions.get(node_id)
        if new is not None and abs(new.x - old.x) + abs(new.y - old.y) > 0.5:
            count += 1
    return count


def settle(
    case: Case, positions: dict[str, Position], previous: Mapping[str, Position]
) -> dict[str, Position]:
    """Nodes the new layout put within SETTLE of where they stood go back there, in file
    order, each only if its box then keeps CLEARANCE from every other node's."""
    halves = {}
    for node in case.nodes:
        if node.id in positions:
            g = geometry_of(node)
            halves[node.id] = (g.half_width + CLEARANCE / 2, g.half_height + CLEARANCE / 2)
    grid: dict[tuple[int, int], set[str]] = {}

    def cells(node_id: str, at: Position) -> list[tuple[int, int]]:
        hw, hh = halves[node_id]
        xs = range(int((at.x - hw) // CELL), int((at.x + hw) // CELL) + 1)
        ys = range(int((at.y - hh) // CELL), int((at.y + hh) // CELL) + 1)
        return [(cx, cy) for cx in xs for cy in ys]

    placed = dict(positions)
    for node_id, at in placed.items():
        for cell in cells(node_id, at):
            grid.setdefault(cell, set()).add(node_id)

    def clear(node_id: str, at: Position, moving: Mapping[str, Position]) -> bool:
        hw, hh = halves[node_id]
        for cell in cells(node_id, at):
            for other in grid.get(cell, ()):
                if other in moving:
                    continue
                there, (ow, oh) = placed[other], halves[other]
                if abs(there.x - at.x) < hw + ow and abs(there.y - at.y) < hh + oh:
                    return False
        return True

    allowed, context_of = _allowances(case, positions)
    groups: dict[str, list[str]] = {}  # a node with its contexts: they go back together
    for node in case.nodes:
        if node.id in halves:
            groups.setdefault(context_of.get(node.id, node.id), []).append(node.id)
    for node in case.nodes:
        moving: dict[str, Position] = {}
        for member in groups.get(node.id, ()):
            now, old = placed[member], previous.get(member)
            distance = math.inf if old is None else abs(now.x - old.x) + abs(now.y - old.y)
            if distance > allowed.get(member, SETTLE):
                moving = {}
                break
            if distance > 0 and old is not None:
                moving[member] = old
        if not moving or not all(clear(m, at, moving) for m, at in moving.items()):
            continue
        for member, old in moving.items():
            for cell in cells(member, placed[member]):
                grid[cell].discard(member)
            placed[member] = old
            for cell in cells(member, old):
                grid.setdefault(cell, set()).add(member)
    return placed


def _allowances(
    case: Case, positions: Mapping[str, Position]
) -> tuple[dict[str, float], dict[str, str]]:
    """How far each node may stay from where the new layout puts it: SETTLE, or a share of
    the width its argument below spans; a context, assumption or justification as much as
    the node it belongs to, since it moves with it. Also which node each contextual element
    belongs to."""
    below: dict[str, list[str]] = {}
    context_of: dict[str, str] = {}
    for link in case.links:
        if link.source in positions and link.target in positions:
            if link.kind is LinkKind.SUPPORTED_BY:
                below.setdefault(link.source, []).append(link.target)
            elif link.kind is LinkKind.IN_CONTEXT_OF:
                context_of.setdefault(link.target, link.source)
    span: dict[str, tuple[float, float]] = {}
    for root in positions:
        if root in span:
            continue
        stack: list[tuple[str, bool]] = [(root, False)]
        while stack:  # post-order without recursion: arguments can be thousands deep
            node_id, done = stack.pop()
            if done:
                x = positions[node_id].x
                lows = [span[c][0] for c in below.get(node_id, ()) if c in span]
                highs = [span[c][1] for c in below.get(node_id, ()) if c in span]
                span[node_id] = (min([x, *lows]), max([x, *highs]))
            elif node_id not in span:
                span[node_id] = (positions[node_id].x, positions[node_id].x)  # cycle guard
                stack.append((node_id, True))
                stack.extend((c, False) for c in below.get(node_id, ()) if c not in span)
    allowed = {i: max(SETTLE, (high - low) * SETTLE_SPAN) for i, (low, high) in span.items()}
    for node_id, owner in context_of.items():
        allowed[node_id] = max(allowed.get(node_id, SETTLE), allowed.get(owner, SETTLE))
    return allowed, context_of


def subtree_ids(case: Case, roots: Iterable[str]) -> list[str]:
    """The roots and everything below them as the layout hangs it (what supports them, their
    contexts, the defeaters placed beside them), in file order."""
    blocks = blocks_of(case)
    owner = {member: b.anchor for b in blocks.values() for member in b.offsets}
    below = layout_children(case, blocks)
    seen: set[str] = set()
    stack = [owner[r] for r in roots if r in owner]
    while stack:
        anchor = stack.pop()
        if anchor in seen:
            continue
        seen.add(anchor)
        stack.extend(below.get(anchor, ()))
    members = {m for anchor in seen for m in blocks[anchor].offsets}
    return [node.id for node in case.nodes if node.id in members]


def layout_subtrees(
    case: Case, selected: Iterable[str], cancelled: Callable[[], bool] = lambda: False
) -> dict[str, Position] | None:
    """New positions for the subtrees under the selected nodes (each selected node with no
    selected node above it heads one), each laid out on its own and anchored so that its
    head stays where it is; None when cancelled. Nothing else moves."""
    selected = list(dict.fromkeys(selected))
    result: dict[str, Position] = {}
    covered: set[str] = set()
    heads = [s for s in selected if s in case]
    under = {s: set(subtree_ids(case, [s])) - {s} for s in heads}
    heads = [h for h in heads if not any(h in under[o] for o in heads if o != h)]
    for head in heads:
        ids = [i for i in subtree_ids(case, [head]) if i not in covered]
        covered.update(ids)
        keep = set(ids)
        part = Case(
            nodes=[n for n in case.nodes if n.id in keep],
            links=[
                link
                for link in case.links
                if link.source in keep
                and link.target in keep
                and (link.via is None or link.via in keep)
            ],
        )
        laid = tree_layout(part, cancelled)
        if laid is None:
            return None
        anchor = case.index()[head].position
        if anchor is not None and head in laid:
            dx, dy = anchor.x - laid[head].x, anchor.y - laid[head].y
            laid = {i: Position(x=p.x + dx, y=p.y + dy) for i, p in laid.items()}
        result.update(laid)
    return result
