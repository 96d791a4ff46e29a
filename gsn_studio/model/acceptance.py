"""Accepting an element as one reversible change: the acceptance on the element and the
traces under it marked as seen. A change of its own kind, so review mode (which allows
comments and acceptances, never edits of the argument) can tell it from an edit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gsn_studio.model.case import Case
from gsn_studio.model.changes import Change, Effects

ACCEPTANCE_FIELDS = frozenset({"acceptance", "traces"})


@dataclass(frozen=True)
class Accept:
    """Node fields by node id; only an acceptance and the seen hashes of traces change."""

    fields: dict[str, dict[str, Any]]

    def __post_init__(self) -> None:
        for node_id, values in self.fields.items():
            if not set(values) <= ACCEPTANCE_FIELDS:
                raise ValueError(f"{node_id}: accepting changes only acceptance and traces")

    def apply(self, case: Case) -> Change:
        old: dict[str, dict[str, Any]] = {}
        for node_id, values in self.fields.items():
            node = case.node(node_id)
            if "traces" in values:  # what is traced is the argument's; accepting records seen rows
                before = [(t.set, t.item) for t in node.traces]
                if [(t.set, t.item) for t in values["traces"]] != before:
                    raise ValueError(f"{node_id}: accepting cannot change what it traces")
            old[node_id] = {key: getattr(node, key) for key in values}
        applied: dict[str, dict[str, Any]] = {}
        try:
            for node_id, values in self.fields.items():
                case.update_node(node_id, **values)
                applied[node_id] = old[node_id]
        except Exception:
            for node_id, values in applied.items():
                case.update_node(node_id, **values)
            raise
        return Accept(old)

    def effects(self) -> Effects:
        return Effects(changed=list(self.fields))
