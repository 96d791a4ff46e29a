"""Plain records of what an SACM file says, before ids are chosen and the model is built."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gsn_studio.model import Evidence, LinkKind, NodeType

Ref = int | str
"""A node's key, or, for a reference that resolves to nothing, the reference as written."""


@dataclass(slots=True)
class RawNode:
    key: int
    package: int
    index: int
    """Position among its package's elements: makes ids for elements that have none."""
    line: int | None
    node_type: NodeType
    name: str
    """The id as the file writes it (a name, or a gid); may be empty or repeat."""
    gid: str = ""
    statement: str = ""
    undeveloped: bool = False
    cites: Ref | None = None
    cites_package: int | None = None
    """Set for a citation of a whole package (a module reference)."""
    evidence: Evidence | None = None
    extras: dict[str, Any] = field(default_factory=dict)
    overlay: dict[str, Any] | None = None
    """GSN Studio's own data for the node, from our xmi:Extension."""


@dataclass(frozen=True, slots=True)
class RawLink:
    source: Ref
    target: Ref
    kind: LinkKind
    via: Ref | None = None


@dataclass(slots=True)
class RawPackage:
    name: str
    gid: str = ""
    description: str = ""
    overlay: dict[str, Any] | None = None


@dataclass(slots=True)
class RawCase:
    name: str = ""
    description: str = ""
    packages: list[RawPackage] = field(default_factory=list)
    nodes: list[RawNode] = field(default_factory=list)
    links: list[RawLink] = field(default_factory=list)
    overlay: dict[str, Any] | None = None
