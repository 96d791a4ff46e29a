"""Resolving a recorded merge conflict: one reversible change that puts the chosen version in
place and drops the record, so that the editor's undo brings the conflict back."""

from __future__ import annotations

from typing import Any

from gsn_studio.model.case import Case, ModelError
from gsn_studio.model.changes import (
    AddComment,
    AddNode,
    Batch,
    Change,
    Disconnect,
    RemoveComment,
    RemoveNode,
    SetCaseFields,
    UpdateComment,
    UpdateNode,
)
from gsn_studio.model.conflicts import ConflictOn, MergeConflict
from gsn_studio.model.links import is_allowed
from gsn_studio.model.nodes import Node
from gsn_studio.model.review import Comment

TEXT_FIELDS = frozenset(
    {"statement", "description", "owner", "name", "evidence.reference", "refutation.reference"}
)
"""Fields a person may resolve by writing a third version, not only by picking one."""


def can_edit(conflict: MergeConflict) -> bool:
    return conflict.field in TEXT_FIELDS


def resolve(case: Case, index: int, value: Any) -> Change:
    """The change that gives conflict `index` the value `value` (its `ours`, its `theirs`, or
    for a text field a version written by hand) and removes it from the case's conflicts."""
    conflict = case.conflicts[index]
    rest = [other for i, other in enumerate(case.conflicts) if i != index]
    if conflict.on is ConflictOn.CASE:
        return SetCaseFields({conflict.field: value, "conflicts": rest})
    if conflict.on is ConflictOn.COMMENT:
        return Batch((*_comment(case, conflict.subject, value), SetCaseFields({"conflicts": rest})))
    if conflict.subject not in case and not conflict.is_whole:
        return SetCaseFields({"conflicts": rest})  # its element has gone since: nothing to set
    if conflict.is_whole:
        if value is None:  # the element goes, and with it every record about it
            gone = {conflict.subject, *conflict.along}
            rest = [other for other in rest if not any(_about(other, i) for i in gone)]
        changes = _whole_node(case, conflict.subject, value)
        if value is None:  # what was kept below it goes with it
            changes += tuple(RemoveNode(node_id) for node_id in conflict.along if node_id in case)
        return Batch((*changes, SetCaseFields({"conflicts": rest})))
    return Batch((_node_field(case, conflict, value), SetCaseFields({"conflicts": rest})))


def _about(conflict: MergeConflict, node_id: str) -> bool:
    return conflict.on is ConflictOn.NODE and conflict.subject == node_id


def _node_field(case: Case, conflict: MergeConflict, value: Any) -> Change:
    node = case.node(conflict.subject)
    field, _, part = conflict.field.partition(".")
    if not part:
        return UpdateNode(node.id, {field: value})
    current = getattr(node, field)
    data: dict[str, Any] = {} if current is None else current.model_dump(mode="json")
    data[part] = value
    return UpdateNode(node.id, {field: data})


def _whole_node(case: Case, node_id: str, value: Any) -> tuple[Change, ...]:
    if value is None:
        return (RemoveNode(node_id),) if node_id in case else ()
    try:
        node = Node.model_validate(value)
    except ValueError as error:
        raise ModelError(f"{node_id}: the chosen version is not a valid element: {error}") from None
    if node_id not in case:
        return (AddNode(node),)
    # The chosen version may be of another type: links its type may not have go first.
    types = {other.id: other.type for other in case.nodes}
    types[node_id] = node.type
    doomed = tuple(
        Disconnect(link)
        for link in case.links
        if node_id in (link.source, link.target)
        and link.source in types
        and link.target in types
        and not is_allowed(link.kind, types[link.source], types[link.target])
    )
    fields = {key: getattr(node, key) for key in type(node).model_fields if key != "id"}
    return (*doomed, UpdateNode(node_id, fields))


def _comment(case: Case, comment_id: str, value: Any) -> tuple[Change, ...]:
    present = any(comment.id == comment_id for comment in case.comments)
    if value is None:
        return (RemoveComment(comment_id),) if present else ()
    comment = Comment.model_validate(value)
    return (UpdateComment(comment),) if present else (AddComment(comment, restoring=True),)
