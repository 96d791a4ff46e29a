"""Editor operations as model changes: add, add a linked child, delete, copy and paste.

No Qt here: each function looks at the case and returns the change to push, so the GUI's
menus, shortcuts and tests all make the same edits.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from typing import Any

from gsn_studio.model import (
    Case,
    Link,
    LinkKind,
    ModelError,
    Node,
    NodeType,
    Position,
    kind_for,
)
from gsn_studio.model.changes import (
    AddNode,
    Batch,
    Change,
    Connect,
    MoveNodes,
    RemoveNode,
    UpdateNode,
)
from gsn_studio.notation.geometry import Geometry, geometry_of

CLIPBOARD_MIME = "application/x-gsn-studio-nodes"
GAP_X = 40.0
GAP_Y = 60.0
ROOM = 20.0
"""The least space left beside a node that grew (above and below: half of it)."""
NearRow = Callable[[float, float], Iterable[str]]
"""The ids of at least every node whose outline reaches the band between two heights (the
canvas answers from its index of items); without one, every node is measured."""


def add_node(
    case: Case, node_type: NodeType, position: Position, near: NearRow | None = None
) -> tuple[Change, str]:
    """A new unlinked node at the position, or beside it if a node is there already."""
    node = Node(id=case.next_id(node_type), type=node_type)
    spot = _free_spot(case, node_type, position, node, near)
    node = node.model_copy(update={"position": spot})
    return AddNode(node), node.id


def edit_statement(case: Case, node_id: str, text: str) -> Change:
    """New statement text, with the moves that keep the grown node off its neighbours, as
    one step (undoing it puts the neighbours back too)."""
    node = case.node(node_id)
    change = UpdateNode(node_id, {"statement": text})
    moves = make_room(case, node.model_copy(update={"statement": text}))
    return Batch((change, MoveNodes(dict(moves)))) if moves else change


def make_room(case: Case, grown: Node) -> dict[str, Position]:
    """Moves that leave no outline overlapping `grown` (a node of the case at its new size).

    Each clash is resolved by shifting everything beyond it, right or down (whichever is the
    shorter shift): the part of the diagram past a line keeps its shape, and every pair on
    the two sides of the line only gets further apart, so no new clash is made."""
    if grown.position is None:
        return {}
    positions = {n.id: n.position for n in case.nodes if n.position is not None}
    sizes = {n.id: geometry_of(n) for n in case.nodes if n.position is not None}
    positions[grown.id], sizes[grown.id] = grown.position, geometry_of(grown)
    moved: set[str] = set()
    for _ in range(len(positions)):
        me = positions[grown.id]
        clash = _first_clash(grown.id, positions, sizes)
        if clash is None:
            break
        other = positions[clash]
        room_x = sizes[grown.id].half_width + sizes[clash].half_width + ROOM
        room_y = sizes[grown.id].half_height + sizes[clash].half_height + ROOM / 2
        short_x = room_x - abs(me.x - other.x)
        short_y = room_y - abs(me.y - other.y)
        if other.x != me.x and (short_x <= short_y or other.y == me.y):
            # Past a vertical line between the two, everything moves right.
            movers = _beyond(positions, "x", me.x, include_line=other.x < me.x)
            dx, dy = short_x, 0.0
        elif other.y != me.y:
            movers = _beyond(positions, "y", me.y, include_line=other.y < me.y)
            dx, dy = 0.0, short_y
        else:  # the same centre: only the grown node can step aside
            movers, dx, dy = [grown.id], room_x, 0.0
        for node_id in movers:
            position = positions[node_id]
            positions[node_id] = Position(x=position.x + dx, y=position.y + dy)
            moved.add(node_id)
    return {node_id: positions[node_id] for node_id in moved}


def _beyond(
    positions: dict[str, Position], axis: str, line: float, include_line: bool
) -> list[str]:
    """Nodes past a line across the axis (and on it, when include_line)."""
    return [
        node_id
        for node_id, position in positions.items()
        if getattr(position, axis) > line or (include_line and getattr(position, axis) == line)
    ]


def _first_clash(
    node_id: str, positions: dict[str, Position], sizes: dict[str, Geometry]
) -> str | None:
    me, size = positions[node_id], sizes[node_id]
    for other_id, other in positions.items():
        if other_id == node_id:
            continue
        other_size = sizes[other_id]
        if (
            abs(me.x - other.x) < size.half_width + other_size.half_width + ROOM - 0.01
            and abs(me.y - other.y) < size.half_height + other_size.half_height + ROOM / 2 - 0.01
        ):
            return other_id
    return None


def add_child(
    case: Case, parent_id: str, node_type: NodeType, near: NearRow | None = None
) -> tuple[Change, str]:
    """A new node linked to parent, placed below it (support) or beside it (context)."""
    parent = case.node(parent_id)
    kind = kind_for(parent.type, node_type)
    if kind is None:
        raise ModelError(
            f"a {node_type} cannot be added under {parent_id} ({parent.type}): "
            "no GSN relationship joins them"
        )
    node = Node(id=case.next_id(node_type), type=node_type)  # once: it reads every id
    wanted = _child_position(case, parent, node, kind)
    node = node.model_copy(update={"position": _free_spot(case, node_type, wanted, node, near)})
    link = Link(source=parent_id, target=node.id, kind=kind)
    return Batch((AddNode(node), Connect(link))), node.id


def _child_position(case: Case, parent: Node, child: Node, kind: LinkKind) -> Position:
    origin = parent.position or Position(x=0, y=0)
    parent_box = geometry_of(parent)
    child_box = geometry_of(child)
    siblings = [
        case.node(child)
        for child in case.children(parent.id, kind)
        if child in case and case.node(child).position is not None
    ]
    if kind is LinkKind.IN_CONTEXT_OF:
        # To the right of the parent, stacked downwards below earlier contexts.
        x = origin.x + parent_box.half_width + GAP_X + child_box.half_width
        y = origin.y
        for sibling in siblings:
            assert sibling.position is not None
            y = max(
                y,
                sibling.position.y + geometry_of(sibling).half_height + 16 + child_box.half_height,
            )
        return Position(x=x, y=y)
    y = origin.y + parent_box.half_height + GAP_Y + child_box.half_height
    if not siblings:
        return Position(x=origin.x, y=y)
    rightmost = max(siblings, key=lambda s: s.position.x if s.position else 0)
    assert rightmost.position is not None
    x = rightmost.position.x + geometry_of(rightmost).half_width + GAP_X / 2 + child_box.half_width
    return Position(x=x, y=rightmost.position.y)


def _free_spot(
    case: Case,
    node_type: NodeType,
    wanted: Position,
    new: Node | None = None,
    near: NearRow | None = None,
) -> Position:
    """The wanted position, moved right until the new node (`new`, else a fresh one of the
    type) overlaps no other node: past every node in its row whose reach covers it, in one
    sweep from left to right (the smallest free x at or right of the wanted one, whatever the
    order of the nodes). With `near`, only the nodes it names are measured."""
    box = geometry_of(new or Node(id=case.next_id(node_type), type=node_type))
    candidates: Iterable[Node] = case.nodes
    if near is not None and len(case.index()) == len(case.nodes):  # duplicates: measure all
        reach = box.half_height + GAP_X / 4
        index = case.index()
        ids = dict.fromkeys(near(wanted.y - reach, wanted.y + reach))
        candidates = [index[node_id] for node_id in ids if node_id in index]
    row = []
    for node in candidates:
        if node.position is None:
            continue
        geometry = geometry_of(node)
        if abs(node.position.y - wanted.y) < geometry.half_height + box.half_height + GAP_X / 4:
            row.append((node.position.x, geometry.half_width + box.half_width + GAP_X / 2))
    row.sort(key=lambda entry: entry[0] - entry[1])  # by the left end of each one's reach
    x = wanted.x
    for centre, reach in row:
        if centre - x >= reach:
            break  # this one, and all after it, start right of x
        if abs(centre - x) < reach:
            # Rounded up to the hundredth a position keeps, so rounding cannot overlap.
            x = math.ceil((centre + reach) * 100) / 100
    return Position(x=x, y=wanted.y)


def delete(case: Case, ids: list[str]) -> Change:
    """Remove nodes with their links, as one step."""
    present = [node_id for node_id in dict.fromkeys(ids) if node_id in case]
    return Batch(tuple(RemoveNode(node_id) for node_id in present))


def nudge(case: Case, ids: list[str], dx: float, dy: float) -> Change:
    moves: dict[str, Position | None] = {}
    for node_id in ids:
        position = case.node(node_id).position or Position(x=0, y=0)
        moves[node_id] = Position(x=position.x + dx, y=position.y + dy)
    return MoveNodes(moves)


def copy_payload(case: Case, ids: list[str]) -> str:
    """The selected nodes and the links among them, as JSON for the clipboard."""
    chosen = [case.node(node_id) for node_id in dict.fromkeys(ids) if node_id in case]
    inside = {node.id for node in chosen}
    links = [link for link in case.links if link.source in inside and link.target in inside]
    return json.dumps(
        {
            "format": CLIPBOARD_MIME,
            "nodes": [node.model_dump(mode="json") for node in chosen],
            "links": [link.model_dump(mode="json") for link in links],
        }
    )


def paste(case: Case, payload: str, offset: float = 30.0) -> tuple[Change, list[str]]:
    """Nodes from the clipboard, ids renumbered where they clash, shifted so they show."""
    try:
        data: dict[str, Any] = json.loads(payload)
        nodes = [Node.model_validate(item) for item in data["nodes"]]
        links = [Link.model_validate(item) for item in data["links"]]
    except (ValueError, KeyError, TypeError, RecursionError) as error:  # any app can fill it
        raise ModelError(f"the clipboard does not hold GSN Studio nodes ({error})") from None
    scratch = case.model_copy(deep=True)  # to hand out ids that do not clash
    renamed: dict[str, str] = {}
    changes: list[Change] = []
    for node in nodes:
        new_id = node.id if node.id not in scratch else scratch.next_id(node.type)
        renamed[node.id] = new_id
        position = node.position
        if position is not None:
            position = Position(x=position.x + offset, y=position.y + offset)
        placed = node.model_copy(update={"id": new_id, "position": position})
        scratch.insert_node(placed)
        changes.append(AddNode(placed))
    for link in links:
        changes.append(
            Connect(Link(source=renamed[link.source], target=renamed[link.target], kind=link.kind))
        )
    return Batch(tuple(changes)), list(renamed.values())
