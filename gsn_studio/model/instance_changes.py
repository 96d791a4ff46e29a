"""An instance brought up to date (re-instantiated) as one reversible change: the editor's
"update the instance" is then one undo step, like every other edit."""

from __future__ import annotations

from gsn_studio.model.case import Case
from gsn_studio.model.changes import (
    AddNode,
    Batch,
    Change,
    Connect,
    Disconnect,
    RemoveNode,
    SetCaseFields,
    UpdateNode,
)
from gsn_studio.model.nodes import Node

_KEPT_BY_ID = frozenset({"id"})


def changes_to(old: Case, new: Case) -> Batch:
    """The change that turns `old` into `new`, node by node and link by link."""
    changes: list[Change] = []
    new_index, old_index = new.index(), old.index()
    changes += [RemoveNode(node.id) for node in old.nodes if node.id not in new_index]
    for node in new.nodes:
        before = old_index.get(node.id)
        if before is None:
            changes.append(AddNode(node))
        elif before != node:
            changes.append(UpdateNode(node.id, _differences(before, node)))
    old_keys = {(lk.source, lk.target, lk.kind, lk.via) for lk in old.links}
    new_keys = {(lk.source, lk.target, lk.kind, lk.via) for lk in new.links}
    changes += [
        Disconnect(link)
        for link in old.links
        if (link.source, link.target, link.kind, link.via) not in new_keys
        and link.source in new_index
        and link.target in new_index
        and (link.via is None or link.via in new_index)
    ]
    changes += [
        Connect(link)
        for link in new.links
        if (link.source, link.target, link.kind, link.via) not in old_keys
    ]
    if old.acps != new.acps:
        changes.append(SetCaseFields({"acps": list(new.acps)}))
    return Batch(tuple(changes))


def _differences(before: Node, after: Node) -> dict[str, object]:
    return {
        name: getattr(after, name)
        for name in type(after).model_fields
        if name not in _KEPT_BY_ID and getattr(before, name) != getattr(after, name)
    }
