"""Layouts that respect where things already are: a full layout shifted to keep as many nodes
where they stood as it can, and the layout of a selected subtree, anchored at its top."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from gsn_studio.layout.blocks import blocks_of, layout_children
from gsn_studio.layout.tree import tree_layout
from gsn_studio.model import Case, Position

GRID = 0.5
"""Shifts are compared rounded to this, so float noise does not split a vote."""


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
