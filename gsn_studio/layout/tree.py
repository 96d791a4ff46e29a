"""A tidy top-down tree layout in pure Python, linear in the size of the case.

GSN arguments are near-trees: every node has one parent but shared evidence. Laying out the
spanning tree (each node under its first parent, siblings in link order) gives a readable
figure for cases far beyond what dot handles quickly; shared nodes keep their extra links.
"""

from __future__ import annotations

from collections.abc import Callable

from gsn_studio.layout.blocks import Block, blocks_of, layout_children
from gsn_studio.model import Case, Position

NODE_GAP = 28.8  # points between neighbouring subtrees (0.4 inch, as with dot)
RANK_GAP = 39.6  # points between ranks (0.55 inch, as with dot)


class _Cancelled(Exception):
    pass


def tree_layout(
    case: Case, cancelled: Callable[[], bool] = lambda: False
) -> dict[str, Position] | None:
    """Centre positions for every node, or None when cancelled."""
    blocks = blocks_of(case)
    children: dict[str, list[str]] = {anchor: [] for anchor in blocks}
    has_parent: set[str] = set()
    for parent, ordered in layout_children(case, blocks).items():
        for child in ordered:
            if child not in has_parent and child != parent:
                children[parent].append(child)
                has_parent.add(child)
    roots = [anchor for anchor in blocks if anchor not in has_parent]
    # A cycle with no way in has no root: start it from its first node.
    placed_somewhere = _reachable(roots, children)
    roots += [anchor for anchor in blocks if anchor not in placed_somewhere]

    depth: dict[str, int] = {}
    order: list[str] = []
    stack = [(root, 0) for root in reversed(roots)]
    while stack:
        anchor, level = stack.pop()
        if anchor in depth:
            continue
        depth[anchor] = level
        order.append(anchor)
        stack.extend((child, level + 1) for child in reversed(children[anchor]))
    kids = {a: [c for c in children[a] if depth.get(c) == depth[a] + 1] for a in order}

    # Subtree widths bottom-up, then x positions top-down.
    width: dict[str, float] = {}
    for count, anchor in enumerate(reversed(order)):
        if count % 2048 == 0 and cancelled():
            return None
        below = sum(width[c] for c in kids[anchor]) + NODE_GAP * max(len(kids[anchor]) - 1, 0)
        width[anchor] = max(blocks[anchor].width, below)
    rank_height: dict[int, float] = {}
    for anchor in order:
        level = depth[anchor]
        rank_height[level] = max(rank_height.get(level, 0.0), blocks[anchor].height)
    rank_y: dict[int, float] = {}
    y = 0.0
    for level in sorted(rank_height):
        rank_y[level] = y + rank_height[level] / 2
        y += rank_height[level] + RANK_GAP

    centre_x: dict[str, float] = {}
    left_edge = 0.0
    for root in roots:
        if root in depth and depth[root] == 0 and root not in centre_x:
            _place(root, left_edge, width, kids, centre_x)
            left_edge += width[root] + NODE_GAP
    return _expand(blocks, centre_x, {a: rank_y[depth[a]] for a in centre_x})


def _reachable(roots: list[str], children: dict[str, list[str]]) -> set[str]:
    seen = set(roots)
    stack = list(roots)
    while stack:
        for child in children[stack.pop()]:
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


def _place(
    root: str,
    left: float,
    width: dict[str, float],
    kids: dict[str, list[str]],
    centre_x: dict[str, float],
) -> None:
    stack = [(root, left)]
    while stack:
        anchor, start = stack.pop()
        centre_x[anchor] = start + width[anchor] / 2
        below = sum(width[c] for c in kids[anchor]) + NODE_GAP * max(len(kids[anchor]) - 1, 0)
        x = start + (width[anchor] - below) / 2
        for child in kids[anchor]:
            stack.append((child, x))
            x += width[child] + NODE_GAP


def _expand(
    blocks: dict[str, Block], centre_x: dict[str, float], centre_y: dict[str, float]
) -> dict[str, Position]:
    positions: dict[str, Position] = {}
    for anchor, x in centre_x.items():
        for member, (dx, dy) in blocks[anchor].offsets.items():
            positions[member] = Position(x=x + dx, y=centre_y[anchor] + dy)
    return positions
