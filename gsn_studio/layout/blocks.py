"""Layout blocks: a node with its contexts, placed as one box so that contexts sit beside
the claim they belong to and never in the way of the argument."""

from __future__ import annotations

from dataclasses import dataclass, field

from gsn_studio.model import CONTEXTUAL, Case, Link, LinkKind
from gsn_studio.notation.geometry import DIAMOND, Geometry, geometry_of

CONTEXT_GAP = 24.0  # points between a node and its contexts, and between stacked contexts


@dataclass
class Block:
    """A node with its contexts in a row beside it: the layout places the block, so contexts
    never sit in the way of the argument and never overlap it."""

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
    """Contexts alternate right and left of the node, each side a row going outwards, tops
    level with the node's top: every context sits on its node's rank, never above it (so
    never above the top goal), and a link to an outer one is routed round the inner one."""
    extra = 2 * DIAMOND if undeveloped else 0.0
    right, left = members[0::2], members[1::2]

    def row_width(stack: list[tuple[str, Geometry]]) -> float:
        return sum(g.width + CONTEXT_GAP for _, g in stack)

    if left:  # both sides used: keep the node in the middle so its links stay straight
        side = max(row_width(right), row_width(left))
        width = own.width + 2 * side
        node_x = 0.0
    else:
        width = own.width + row_width(right)
        node_x = -width / 2 + own.width / 2
    offsets = {anchor: (node_x, 0.0)}
    reach = own.height / 2 + extra  # how far the block extends above and below the node
    for sign, stack in ((1.0, right), (-1.0, left)):
        edge = own.width / 2 + CONTEXT_GAP
        for context_id, member in stack:
            offsets[context_id] = (
                node_x + sign * (edge + member.width / 2),
                -own.height / 2 + member.height / 2,
            )
            edge += member.width + CONTEXT_GAP
            reach = max(reach, member.height - own.height / 2)
    # The block is centred on the node, so nodes of one rank line up.
    return Block(anchor, width, 2 * reach, offsets)


def layout_children(case: Case, blocks: dict[str, Block]) -> dict[str, list[str]]:
    """The blocks below each block, left to right: what supports it, then the defeaters
    that challenge it, so that a counter argument hangs beside the argument it attacks and
    never in a pile of its own (gsn2x places them so too).

    Only a defeater that heads its own counter argument moves: one supported by another
    counter claim stays in that argument. A challenge to a link puts the defeater beside the
    link's lower end, just right of it. A defeater's first challenge decides.
    """
    children: dict[str, list[str]] = {}
    supported: set[str] = set()
    challenges: list[Link] = []
    for link in case.ordered_links():
        if link.kind is LinkKind.CHALLENGES:
            challenges.append(link)
        elif link.kind is LinkKind.SUPPORTED_BY and link.source in blocks and link.target in blocks:
            children.setdefault(link.source, []).append(link.target)
            if link.target != link.source:
                supported.add(link.target)
    owner = {member: block.anchor for block in blocks.values() for member in block.offsets}
    joining: dict[frozenset[str], Link] = {}
    for link in case.links:
        if link.via is None:
            joining.setdefault(frozenset((link.source, link.target)), link)
    placed: set[str] = set()
    # Challenges to nodes first: a challenge to a challenge then finds its defeater placed.
    for link in sorted(challenges, key=lambda link: link.via is not None):
        defeater = link.source
        if defeater in placed or defeater in supported or defeater not in blocks:
            continue
        spot = _spot(link, children, owner, joining)
        if spot is None or spot[0] == defeater:
            continue
        parent, after = spot
        siblings = children.setdefault(parent, [])
        siblings.insert(siblings.index(after) + 1 if after in siblings else len(siblings), defeater)
        placed.add(defeater)
    return children


def _spot(
    link: Link,
    children: dict[str, list[str]],
    owner: dict[str, str],
    joining: dict[frozenset[str], Link],
) -> tuple[str, str | None] | None:
    """The block a defeater goes under, and the sibling it follows (None: the last)."""
    if link.via is None:
        target = owner.get(link.target)
        return None if target is None else (target, None)
    challenged = joining.get(frozenset((link.via, link.target)))
    if challenged is None:
        return None
    upper, lower = owner.get(challenged.source), owner.get(challenged.target)
    if upper is None or lower is None:
        return None
    if lower in children.get(upper, ()):
        return upper, lower
    if upper in children.get(lower, ()):
        return lower, upper
    return upper, None
