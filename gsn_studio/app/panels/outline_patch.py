"""Where one new or removed node goes in an `OutlineTree`, with the rows under it, so that
an add, a delete or an undo of either patches the rows it touches instead of rebuilding
10,000.

Each plan returns None whenever the patch might differ from what `build_tree` would give
(cycles, notes, the row limit, duplicate ids): the caller rebuilds.
"""

from __future__ import annotations

from typing import NamedTuple

from gsn_studio.app.panels.outline_tree import (
    ROOT_TYPES,
    OutlineTree,
    Row,
    Shape,
    default_row_limit,
    shape_of,
)
from gsn_studio.model import Case, Link, LinkKind, link_violation

Slot = tuple[Row | None, int, bool]
"""A parent row (None: the top level), the position among its children, and whether the
row is reached by an InContextOf link."""
NEW_GROUP = -1
"""The position of a node that goes into a "Not connected" group not yet there."""


class LinksAt(NamedTuple):
    """The links into and out of one node, in the case's order: looked up once in the case's
    index of links, for the plans for its rows to share."""

    into: list[Link]
    out: list[Link]


def links_at(case: Case, node_id: str) -> LinksAt:
    into: list[Link] = []
    out: list[Link] = []
    for _, link in case.links_at((node_id,)):
        if link.target == node_id:
            into.append(link)
        if link.source == node_id:
            out.append(link)
    return LinksAt(into, out)


def _links_from(case: Case, sources: list[str]) -> dict[str, list[Link]]:
    """The links out of each of these nodes, in the case's order."""
    found: dict[str, list[Link]] = {source: [] for source in sources}
    if found:
        for _, link in case.links_at(sources):
            if link.source in found:
                found[link.source].append(link)
    return found


def _legal_children(
    case: Case, source: str, out: list[Link]
) -> tuple[list[str], list[str]] | None:
    """The source's supporting and contextual children (`out`: its links), as `build_tree`
    orders them."""
    source_node = case.get(source)
    if source_node is None:
        return None
    support: list[str] = []
    context: list[str] = []
    for link in out:
        target = case.get(link.target)
        if target is None or link_violation(
            link.kind, source, source_node.type, target.id, target.type
        ):
            continue
        (support if link.kind is LinkKind.SUPPORTED_BY else context).append(target.id)
    return support, context


def _ids(rows: list[Row]) -> list[str | None]:
    return [row.node_id for row in rows]


def _clean(tree: OutlineTree) -> bool:
    """No row carries a note: nothing was cut short by a cycle or by the row limit. (Once a
    patch took a noted row out the tree still counts it: the next edit rebuilds, as is safe.)"""
    return tree.noted == 0


def plan_insert(
    tree: OutlineTree, case: Case, node_id: str, at: LinksAt | None = None
) -> list[Slot] | None:
    """Slots for a node just added (`at`: its links, if read already), or None. Rows of its
    children elsewhere are the caller's (see `plan_children`)."""
    node = case.get(node_id)
    if node is None or node_id in tree.by_id:
        return None
    # Unique ids (the index as long as the node list) say it without listing every id.
    if len(case.index()) != len(case.nodes) and [n.id for n in case.nodes].count(node_id) != 1:
        return None
    parents: list[str] = []
    support_parent = False
    for link in (at or links_at(case, node_id)).into:
        if link.source == node_id:
            return None  # a node linked to itself: only a build knows its rows
        source = case.get(link.source)
        if source is None or link_violation(link.kind, source.id, source.type, node_id, node.type):
            continue
        support_parent = support_parent or link.kind is LinkKind.SUPPORTED_BY
        if source.id not in parents:
            parents.append(source.id)
    slots: list[Slot] = []
    from_parents = _links_from(case, parents)
    for parent_id in parents:
        found = _legal_children(case, parent_id, from_parents[parent_id])
        if found is None:
            return None
        support, context = found
        children = support + context
        for parent_row in tree.by_id.get(parent_id, []):
            if parent_row.note:
                return None
            if _ids(parent_row.children) != [c for c in children if c != node_id]:
                return None
            for position, child in enumerate(children):
                if child == node_id:
                    slots.append((parent_row, position, position >= len(support)))
    if not parents or (node.type in ROOT_TYPES and not support_parent):
        slot = _top_slot(tree, case, node_id, root=node.type in ROOT_TYPES and not support_parent)
        if slot is None:
            return None
        slots.append(slot)
    if len(tree.rows) + len(slots) >= default_row_limit(len(case.nodes)) or not _clean(tree):
        return None
    return slots


def _top_slot(tree: OutlineTree, case: Case, node_id: str, root: bool) -> Slot | None:
    """A root among the roots, or an unconnected node among the unconnected ones that nothing
    points at, both in the order of the case's nodes."""
    roots = [row for row in tree.top if row.node_id is not None]
    group = next((row for row in tree.top if row.node_id is None), None)
    wanted = {node_id, *(row.node_id for row in roots)}
    if group is not None:
        wanted.update(row.node_id for row in group.children)
    order = _order(case, wanted)
    mine = order[node_id]
    if root:
        return (None, sum(order.get(row.node_id or "", -1) < mine for row in roots), False)
    if group is None:
        return (None, NEW_GROUP, False)
    pointed_at = _pointed_at(case, {row.node_id for row in group.children})
    position = 0
    for child in group.children:
        if child.node_id in pointed_at or order.get(child.node_id or "", -1) > mine:
            break
        position += 1
    if any(c.node_id in pointed_at for c in group.children[:position]):
        return None
    return (group, position, False)


def _order(case: Case, ids: set[str | None]) -> dict[str, int]:
    """Where each of these ids first stands among the case's nodes (numbering only these:
    most of 10,000 nodes are neither roots nor unconnected)."""
    order: dict[str, int] = {}
    for index, node in enumerate(case.nodes):
        if node.id in ids and node.id not in order:
            order[node.id] = index
    return order


def _pointed_at(case: Case, ids: set[str | None]) -> set[str]:
    """Which of ids a legal link leads to."""
    found: set[str] = set()
    named = {i for i in ids if i is not None}
    for _, link in case.links_at(named, lambda link: link.target in named):
        if link.target in found:
            continue
        source, target = case.get(link.source), case.get(link.target)
        if source is None or target is None:
            continue
        if not link_violation(link.kind, source.id, source.type, target.id, target.type):
            found.add(target.id)
    return found


def plan_removal(tree: OutlineTree, case: Case, node_id: str) -> list[Row] | None:
    """The rows of a node just removed (the rows under them go with them), or None."""
    rows = tree.by_id.get(node_id)
    if not rows or case.get(node_id) is not None or not _clean(tree):
        return None
    if len(tree.rows) - len(rows) >= default_row_limit(len(case.nodes)):
        return None
    return list(rows)


def top_slot(tree: OutlineTree, case: Case, shape: Shape) -> Slot | None:
    """Where a node that nothing leads to goes at the top level: among the roots if it is
    a goal, else among the unconnected."""
    node_id = shape[0]
    node = case.get(node_id) if node_id is not None else None
    if node is None or node_id is None:
        return None
    return _top_slot(tree, case, node_id, root=node.type in ROOT_TYPES)


def plan_children(
    tree: OutlineTree, case: Case, node_id: str, at: LinksAt | None = None
) -> tuple[list[Shape], list[Row]] | None:
    """For a node just added with children (an undone delete; `at`: its links, if read
    already): the rows under each of its new rows, copied from where its children stand now,
    and those of their rows that go because the new node now leads to them (at the top
    level, or among the unconnected); or None."""
    found = _legal_children(case, node_id, (at or links_at(case, node_id)).out)
    if found is None or not _clean(tree):
        return None
    support, context = found
    shapes: list[Shape] = []
    stale: list[Row] = []
    for child, is_context in [(c, False) for c in support] + [(c, True) for c in context]:
        rows = tree.by_id.get(child)
        child_node = case.get(child)
        if not rows or child_node is None:
            return None
        _, _, under = shape_of(rows[0])
        shapes.append((child, is_context, under))
        stays_a_root = child_node.type in ROOT_TYPES and child not in support
        for row in rows:
            parent = tree.parent_of(row)
            at_top = parent is None and not stays_a_root
            if (at_top or (parent is not None and parent.node_id is None)) and row not in stale:
                stale.append(row)
    return shapes, stale


def plan_orphans(tree: OutlineTree, case: Case, rows: list[Row]) -> list[Shape] | None:
    """For the rows of a node just removed: the children under them that nothing leads to
    any more, with the rows under each, in the case's order (each then goes to the top
    level, as a root or among the unconnected); or None."""
    if not rows or not _clean(tree):
        return None
    children = [child for child in rows[0].children if child.node_id is not None]
    pointed = _pointed_at(case, {child.node_id for child in children})
    orphans: dict[str, Shape] = {}
    for child in children:
        assert child.node_id is not None
        if child.node_id not in pointed and child.node_id in case:
            _, _, under = shape_of(child)
            orphans.setdefault(child.node_id, (child.node_id, False, under))  # no link to it
    if len(orphans) < 2:  # nothing to put in order: no need to number every node
        return list(orphans.values())
    order = {node.id: index for index, node in enumerate(case.nodes) if node.id in orphans}
    return [orphans[node_id] for node_id in sorted(orphans, key=order.__getitem__)]


def size_of(shape: Shape) -> int:
    """How many rows a shape makes."""
    count, pending = 0, [shape]
    while pending:
        count += 1
        pending.extend(pending.pop()[2])
    return count
