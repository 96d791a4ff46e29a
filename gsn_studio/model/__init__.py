"""The GSN domain model: pure data and rules, no Qt, no file formats."""

from gsn_studio.model.case import Case, ModelError
from gsn_studio.model.evidence import Comparison, Evidence, Measure, Verification, is_url
from gsn_studio.model.links import Link, LinkKind, kind_for, link_violation
from gsn_studio.model.nodes import (
    CONTEXTUAL,
    COUNTER,
    EVIDENTIAL,
    ID_PREFIXES,
    SUPPORTABLE,
    DefeaterStatus,
    JsonValue,
    Node,
    NodeType,
    Position,
    type_from_id,
)
from gsn_studio.model.review import Comment, CommentKind, CommentStatus, Reply, new_comment_id
from gsn_studio.model.text import MAX_NESTING

__all__ = [
    "CONTEXTUAL",
    "COUNTER",
    "EVIDENTIAL",
    "ID_PREFIXES",
    "MAX_NESTING",
    "SUPPORTABLE",
    "Case",
    "Comment",
    "CommentKind",
    "CommentStatus",
    "Comparison",
    "DefeaterStatus",
    "Evidence",
    "JsonValue",
    "Link",
    "LinkKind",
    "Measure",
    "ModelError",
    "Node",
    "NodeType",
    "Position",
    "Reply",
    "Verification",
    "is_url",
    "kind_for",
    "link_violation",
    "new_comment_id",
    "type_from_id",
]
