"""The GSN domain model: pure data and rules, no Qt, no file formats.

Every model class sets `defer_build=True`: pydantic builds its validator when something first
validates with it, not at import (every command's start), and readers that build models with
`fast_validate` never need it (tests/test_fast_validate.py pins both). The modules defining
models write their annotations without `from __future__ import annotations`: pydantic turns
each string annotation into a type by compiling it (137 of them, 3 ms of every start), a
type as written needs no compiling (a class naming itself in a method is quoted)."""

from gsn_studio.model.case import Case, ModelError
from gsn_studio.model.evidence import Comparison, Evidence, Measure, Verification, is_url
from gsn_studio.model.links import Link, LinkKind, kind_for, link_violation
from gsn_studio.model.module_info import Contract, ModuleInfo
from gsn_studio.model.modules import Complete, ModularCase, Module, Trouble, Unresolved
from gsn_studio.model.nodes import (
    CITING,
    CONTEXTUAL,
    COUNTER,
    EVIDENTIAL,
    ID_PREFIXES,
    SUPPORTABLE,
    Citation,
    DefeaterStatus,
    JsonValue,
    Node,
    NodeType,
    Position,
    type_from_id,
)
from gsn_studio.model.practice import (
    DEFAULT_CHECKS,
    DEFAULT_VAGUE_TERMS,
    PRACTICE_CHECKS,
    ConditionKind,
    DegradationCondition,
    PracticeSettings,
)
from gsn_studio.model.review import Comment, CommentKind, CommentStatus, Reply, new_comment_id
from gsn_studio.model.text import MAX_NESTING

__all__ = [
    "CITING",
    "CONTEXTUAL",
    "COUNTER",
    "DEFAULT_CHECKS",
    "DEFAULT_VAGUE_TERMS",
    "EVIDENTIAL",
    "ID_PREFIXES",
    "MAX_NESTING",
    "PRACTICE_CHECKS",
    "SUPPORTABLE",
    "Case",
    "Citation",
    "Comment",
    "CommentKind",
    "CommentStatus",
    "Comparison",
    "Complete",
    "ConditionKind",
    "Contract",
    "DefeaterStatus",
    "DegradationCondition",
    "Evidence",
    "JsonValue",
    "Link",
    "LinkKind",
    "Measure",
    "ModelError",
    "ModularCase",
    "Module",
    "ModuleInfo",
    "Node",
    "NodeType",
    "Position",
    "PracticeSettings",
    "Reply",
    "Trouble",
    "Unresolved",
    "Verification",
    "is_url",
    "kind_for",
    "link_violation",
    "new_comment_id",
    "type_from_id",
]
