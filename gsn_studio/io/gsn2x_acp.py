"""gsn2x's assurance claim points: `acp: {ACP1: S1}` under G1 puts ACP1 on the link G1 → S1;
naming the node itself (`acp: {ACP6: C1}` under C1) puts it on the element; a list puts one
name on several links. gsn2x has no confidence arguments: GSN Studio writes an ACP's in
`acpConfidence: {ACP1: G9}` beside it, and reads it back.
"""

from __future__ import annotations

from typing import Any

from gsn_studio.model import Node
from gsn_studio.model.patterns import AssuranceClaimPoint

ACP = "acp"
CONFIDENCE = "acpConfidence"


def take_acps(nodes: list[Node]) -> list[AssuranceClaimPoint]:
    """The ACPs the nodes' `acp` keys declare, taken out of their extras. A key of another
    shape than gsn2x's is left where it is, as an extra."""
    found: list[AssuranceClaimPoint] = []
    for node in nodes:
        declared = node.extras.get(ACP)
        confidence = node.extras.get(CONFIDENCE, {})
        made = _acps(node.id, declared, confidence if isinstance(confidence, dict) else {})
        if made is None:
            continue
        found.extend(made)
        node.extras.pop(ACP)
        if isinstance(confidence, dict) and CONFIDENCE in node.extras:
            node.extras.pop(CONFIDENCE)
    return found


def _acps(
    node_id: str, declared: Any, confidence: dict[str, Any]
) -> list[AssuranceClaimPoint] | None:
    if not isinstance(declared, dict):
        return None
    made = []
    for name, targets in declared.items():
        listed = targets if isinstance(targets, list) else [targets]
        if not listed or not all(isinstance(t, str) for t in listed):
            return None
        backing = confidence.get(name, "")
        for target in listed:
            try:
                made.append(
                    AssuranceClaimPoint(
                        name=str(name),
                        node=node_id,
                        to=None if target == node_id else target,
                        confidence=backing if isinstance(backing, str) else "",
                    )
                )
            except ValueError:
                return None
    return made


def acp_keys(node_id: str, acps: list[AssuranceClaimPoint]) -> dict[str, Any]:
    """The `acp` (and `acpConfidence`) keys of a node, in gsn2x's spelling."""
    declared: dict[str, list[str]] = {}
    confidence: dict[str, str] = {}
    for acp in acps:
        if acp.node != node_id:
            continue
        declared.setdefault(acp.name, []).append(acp.to or acp.node)
        if acp.confidence:
            confidence[acp.name] = acp.confidence
    keys: dict[str, Any] = {}
    if declared:
        keys[ACP] = {name: t[0] if len(t) == 1 else t for name, t in declared.items()}
    if confidence:
        keys[CONFIDENCE] = confidence
    return keys
