"""The GSN domain model: pure data and rules, no Qt, no file formats."""

from gsn_studio.model.case import Case, ModelError
from gsn_studio.model.links import Link, LinkKind, kind_for, link_violation
from gsn_studio.model.nodes import (
    CONTEXTUAL,
    COUNTER,
    EVIDENTIAL,
    ID_PREFIXES,
    SUPPORTABLE,
    Evidence,
    JsonValue,
    Node,
    NodeType,
    Position,
    type_from_id,
)

__all__ = [
    "CONTEXTUAL",
    "COUNTER",
    "EVIDENTIAL",
    "ID_PREFIXES",
    "SUPPORTABLE",
    "Case",
    "Evidence",
    "JsonValue",
    "Link",
    "LinkKind",
    "ModelError",
    "Node",
    "NodeType",
    "Position",
    "kind_for",
    "link_violation",
    "type_from_id",
]
