"""Layout blocks: a node with its contexts, placed as one box so that contexts sit beside
the claim they belong to and never in the way of the argument."""

from __future__ import annotations

from dataclasses import dataclass, field

from gsn_studio.model import CONTEXTUAL, Case, LinkKind
from gsn_studio.notation.geometry import DIAMOND, Geometry, geometry_of

CONTEXT_GAP = 24.0  # points between a node and its contexts, and between stacked contexts


@dataclass
class Block:
    """A node with its contexts stacked in a column to its right: dot places the block, so
    contexts never sit in the way of the argument and never overlap it."""

    anchor: str
    width: float
    height: float
    offsets: dict[str, tuple[float, float]] = field(default_factory=dict)
    """Each member's centre relative to the block's centre, in points."""


def blocks_of(case: Case) -> dict[str, Block]:
    """One block per argument node; a context shared by several nodes goes with the first."""
    nodes = case.index()
    column: dict[str, list[str]] = {}
    claimed: set[str] = set()
    for link in case.ordered_links():
        target = nodes.get(link.target)
        if (
            link.kind is LinkKind.IN_CONTEXT_OF
            and link.source in nodes
            and target is not None
            and target.type in CONTEXTUAL
            and target.id not in claimed
            and nodes[link.source].type not in CONTEXTUAL
        ):
            claimed.add(target.id)
            column.setdefault(link.source, []).append(target.id)
    blocks: dict[str, Block] = {}
    for node in nodes.values():
        if node.id not in claimed:
            members = [(c, geometry_of(nodes[c])) for c in column.get(node.id, [])]
            blocks[node.id] = _block(node.id, geometry_of(node), node.undeveloped, members)
    return blocks


def _block(
    anchor: str, own: Geometry, undeveloped: bool, members: list[tuple[str, Geometry]]
) -> Block:
    """Contexts alternate right and left of the node, each side stacked upwards from the
    node's bottom edge, so that the links below the node never cross them."""
    extra = 2 * DIAMOND if undeveloped else 0.0
    right, left = members[0::2], members[1::2]
    side_width = {
        "right": max((g.width for _, g in right), default=0.0),
        "left": max((g.width for _, g in left), default=0.0),
    }
    if left:  # both sides used: keep the node in the middle so its links stay straight
        widest = max(side_width.values())
        width = own.width + 2 * (CONTEXT_GAP + widest)
        node_x = 0.0
    else:
        width = own.width + (CONTEXT_GAP + side_width["right"] if right else 0.0)
        node_x = -width / 2 + own.width / 2
    offsets = {anchor: (node_x, 0.0)}
    reach = own.height / 2 + extra  # how far the block extends above and below the node
    for side, stack in (("right", right), ("left", left)):
        bottom = own.height / 2
        for context_id, member in stack:
            if side == "right":
                x = node_x + own.width / 2 + CONTEXT_GAP + member.width / 2
            else:
                x = node_x - own.width / 2 - CONTEXT_GAP - member.width / 2
            offsets[context_id] = (x, bottom - member.height / 2)
            bottom -= member.height + CONTEXT_GAP
            reach = max(reach, -(bottom + CONTEXT_GAP))
    # The block is centred on the node, so nodes of one rank line up.
    return Block(anchor, width, 2 * reach, offsets)
