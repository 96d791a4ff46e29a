"""Where one new or removed leaf node goes in an `OutlineTree`, so that an add, a delete or
an undo of either patches a few rows instead of rebuilding 10,000.

Each plan returns None whenever the patch might differ from what `build_tree` would give
(a node with children, cycles, notes, the row limit, duplicate ids): the caller rebuilds.
"""

from __future__ import annotations

from gsn_studio.app.panels.outline_tree import ROOT_TYPES, OutlineTree, Row, default_row_limit
from gsn_studio.model import Case, LinkKind, link_violation

Slot = tuple[Row | None, int, bool]
"""A parent row (None: the top level), the position among its children, and whether the
row is reached by an InContextOf link."""
NEW_GROUP = -1
"""The position of a node that goes into a "Not connected" group not yet there."""


def _legal_children(case: Case, source: str) -> tuple[list[str], list[str]] | None:
    """The source's supporting and contextual children, as `build_tree` orders them."""
    source_node = case.get(source)
    if source_node is None:
        return None
    support: list[str] = []
    context: list[str] = []
    for link in case.links:
        if link.source != source:
            continue
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
    """No row carries a note: nothing was cut short by a cycle or by the row limit."""
    return not any(row.note for rows in tree.by_id.values() for row in rows)


def plan_insert(tree: OutlineTree, case: Case, node_id: str) -> list[Slot] | None:
    """Slots for a node just added with no children of its own, or None."""
    node = case.get(node_id)
    if node is None or node_id in tree.by_id or sum(n.id == node_id for n in case.nodes) != 1:
        return None
    parents: list[str] = []
    support_parent = False
    for link in case.links:
        if node_id not in (link.source, link.target):
            continue
        if link.source == node_id:
            return None  # the node has children (or links itself): not a leaf
        source = case.get(link.source)
        if source is None or link_violation(link.kind, source.id, source.type, node_id, node.type):
            continue
        support_parent = support_parent or link.kind is LinkKind.SUPPORTED_BY
        if source.id not in parents:
            parents.append(source.id)
    slots: list[Slot] = []
    for parent_id in parents:
        found = _legal_children(case, parent_id)
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
    order: dict[str, int] = {}
    for index, node in enumerate(case.nodes):
        order.setdefault(node.id, index)
    mine = order[node_id]
    roots = [row for row in tree.top if row.node_id is not None]
    group = next((row for row in tree.top if row.node_id is None), None)
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


def _pointed_at(case: Case, ids: set[str | None]) -> set[str]:
    """Which of ids a legal link leads to."""
    found: set[str] = set()
    for link in case.links:
        if link.target not in ids or link.target in found:
            continue
        source, target = case.get(link.source), case.get(link.target)
        if source is None or target is None:
            continue
        if not link_violation(link.kind, source.id, source.type, target.id, target.type):
            found.add(target.id)
    return found


def plan_removal(tree: OutlineTree, case: Case, node_id: str) -> list[Row] | None:
    """The rows of a node just removed that had no children, or None."""
    rows = tree.by_id.get(node_id)
    if not rows or case.get(node_id) is not None or not _clean(tree):
        return None
    if any(row.children for row in rows):
        return None
    if len(tree.rows) - len(rows) >= default_row_limit(len(case.nodes)):
        return None
    return list(rows)
