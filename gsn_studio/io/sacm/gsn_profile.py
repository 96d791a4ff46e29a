"""The GSN profile of SACM (ACWG 3.0, and the older ACME and SCSC namespaces): elements typed
with GSN classes, links in GSN's direction (source the parent, target the child)."""

from __future__ import annotations

import re

from gsn_studio.model import LinkKind, NodeType

NAMESPACES = frozenset(
    {"http://acwg.org/3.0/gsn", "http://org.eclipse.acme/1.0/gsn", "http://scsc.acwg.gsn/2.0"}
)

NODE_CLASSES: dict[str, NodeType] = {
    "Goal": NodeType.GOAL,
    "Strategy": NodeType.STRATEGY,
    "Solution": NodeType.SOLUTION,
    "Context": NodeType.CONTEXT,
    "Assumption": NodeType.ASSUMPTION,
    "Justification": NodeType.JUSTIFICATION,
    "AwayGoal": NodeType.GOAL,
    "AwaySolution": NodeType.SOLUTION,
    "AwayContext": NodeType.CONTEXT,
    "AwayAssumption": NodeType.ASSUMPTION,
    "AwayJustification": NodeType.JUSTIFICATION,
}
AWAY_CLASSES = frozenset(name for name in NODE_CLASSES if name.startswith("Away"))
RELATIONSHIPS: dict[str, LinkKind] = {
    "SupportedBy": LinkKind.SUPPORTED_BY,
    "InContextOf": LinkKind.IN_CONTEXT_OF,
}
PACKAGE_CLASSES = frozenset({"Module"})

# "G1 : the statement", "G1: the statement": the id, then the text.
_NAMED_STATEMENT = re.compile(r"^\s*(\S+)\s*:\s+(\S.*)$", re.DOTALL)


def split_name(name: str) -> tuple[str, str]:
    """(id, statement) from a name that carries both, else (name, '')."""
    match = _NAMED_STATEMENT.match(name)
    if match is None:
        return name, ""
    return match.group(1), match.group(2).strip()


def is_gsn(namespace: str) -> bool:
    return namespace in NAMESPACES or namespace.rstrip("/").endswith("/gsn")
