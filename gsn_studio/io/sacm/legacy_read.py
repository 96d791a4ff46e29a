"""Readers of the older dialects: CertWare's GSN containment trees, OMG ARM and SACM 1.0.

CertWare nests the argument (`goals` hold `strategies`, `subGoals`, `goalContexts`, ...): a
child element is linked to the element it sits in. ARM and SACM 1.0 list elements and links
(`containsArgumentElement`, `containsArgumentLink`, or `contains`). Links point as GSN's do,
from the claim to what supports it; where one end is evidence or context, that end is the
child whichever way the file points."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from gsn_studio.io.sacm.emf import References, local, type_of
from gsn_studio.io.sacm.records import RawCase, RawLink, RawNode, RawPackage, Ref
from gsn_studio.io.sacm.report import ImportReport
from gsn_studio.model import CONTEXTUAL, EVIDENTIAL, LinkKind, NodeType

if TYPE_CHECKING:
    from gsn_studio.io.sacm.recognise import Kind

CERTWARE_FEATURES: dict[str, NodeType] = {
    "goals": NodeType.GOAL, "goal": NodeType.GOAL, "subGoals": NodeType.GOAL,
    "strategies": NodeType.STRATEGY, "strategy": NodeType.STRATEGY,
    "goalSolutions": NodeType.SOLUTION, "solutions": NodeType.SOLUTION,
    "goalContexts": NodeType.CONTEXT, "strategyContexts": NodeType.CONTEXT,
    "contexts": NodeType.CONTEXT,
    "justifications": NodeType.JUSTIFICATION, "goalJustifications": NodeType.JUSTIFICATION,
    "strategyJustifications": NodeType.JUSTIFICATION,
    "assumptions": NodeType.ASSUMPTION, "goalAssumptions": NodeType.ASSUMPTION,
    "strategyAssumptions": NodeType.ASSUMPTION,
    # CertWare's ArgumentDiagram metamodel names the features in the singular.
    "subgoal": NodeType.GOAL, "solution": NodeType.SOLUTION, "context": NodeType.CONTEXT,
    "assumption": NodeType.ASSUMPTION, "justification": NodeType.JUSTIFICATION,
}  # fmt: skip
ARM_NODES: dict[str, NodeType] = {
    "Claim": NodeType.GOAL,
    "ArgumentReasoning": NodeType.STRATEGY,
    "InformationElementCitation": NodeType.CONTEXT,
    "InformationElement": NodeType.CONTEXT,
    "EvidenceCitation": NodeType.SOLUTION,
    "EvidenceElementCitation": NodeType.SOLUTION,
}
ARM_LINKS = frozenset(
    {"AssertedInference", "AssertedEvidence", "AssertedContext", "AssertedChallenge",
     "AssertedCounterEvidence"}
)  # fmt: skip
ARM_PACKAGES = frozenset({"ArgumentModule", "Argumentation", "ArgumentPackage"})


def read_legacy(kind: Kind, path: str | Path, report: ImportReport) -> RawCase:
    del path
    raw = RawCase(name=kind.root.get("name") or "")
    raw.packages.append(RawPackage(name=kind.root.get("name") or "main"))
    if kind.dialect == "certware":
        seen: dict[etree._Element, RawNode] = {}
        _certware(kind.root, None, raw, report, seen)
        _certware_references(kind.root, seen, raw)
    else:
        _arm(kind.root, raw, report)
    return raw


def _text(element: etree._Element) -> str:
    for attribute in ("content", "statement", "description", "text"):
        value = element.get(attribute)
        if value and value.strip():
            return str(value).strip()
    return ""


def _identity(element: etree._Element) -> str:
    for attribute in ("identifier", "id", "name"):
        value = element.get(attribute)
        if value and value.strip():
            return str(value).strip()
    return ""


def _new(raw: RawCase, element: etree._Element, node_type: NodeType, counted: str,
         report: ImportReport) -> RawNode:  # fmt: skip
    node = RawNode(
        key=len(raw.nodes),
        package=0,
        index=len(raw.nodes),
        line=element.sourceline,
        node_type=node_type,
        name=_identity(element),
        gid=element.get("{http://www.omg.org/XMI}id") or "",
        statement=_text(element),
        undeveloped=(element.get("toBeSupported") or element.get("toBeDeveloped") or "").lower()
        == "true"
        and node_type in (NodeType.GOAL, NodeType.STRATEGY),
    )
    raw.nodes.append(node)
    report.read[counted] += 1
    return node


def _certware(
    element: etree._Element,
    parent: RawNode | None,
    raw: RawCase,
    report: ImportReport,
    seen: dict[etree._Element, RawNode],
) -> None:
    for child in element:
        if not isinstance(child.tag, str):
            continue
        feature = local(child.tag)
        node_type = CERTWARE_FEATURES.get(feature)
        if node_type is None:
            if len(child):
                _certware(child, parent, raw, report, seen)  # a container such as a module
            elif feature not in ("description", "name"):
                report.skip(f"<{feature}> elements", "of a kind GSN Studio does not read")
            continue
        node = _new(raw, child, node_type, feature, report)
        seen[child] = node
        if parent is not None:
            raw.links.append(RawLink(parent.key, node.key, _kind(node_type)))
        _certware(child, node, raw, report, seen)


def _certware_references(
    root: etree._Element, seen: dict[etree._Element, RawNode], raw: RawCase
) -> None:
    """Features that refer rather than contain (a strategy's `solution`s): links too."""
    references = References(root)
    for element, node in seen.items():
        for feature in CERTWARE_FEATURES:
            for ref in (element.get(feature) or "").split():
                target = references.resolve(ref)
                child = seen.get(target) if target is not None else None
                if child is not None:
                    raw.links.append(RawLink(node.key, child.key, _kind(child.node_type)))


def _kind(node_type: NodeType) -> LinkKind:
    return LinkKind.IN_CONTEXT_OF if node_type in CONTEXTUAL else LinkKind.SUPPORTED_BY


def _arm(root: etree._Element, raw: RawCase, report: ImportReport) -> None:
    references = References(root)
    keys: dict[etree._Element, RawNode] = {}
    links: list[etree._Element] = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element is root:
            continue
        _, cls = type_of(element)
        if cls in ARM_NODES:
            node_type = ARM_NODES[cls]
            if cls == "Claim" and (element.get("assumed") or "").lower() == "true":
                node_type = NodeType.ASSUMPTION
            keys[element] = _new(raw, element, node_type, cls, report)
        elif cls in ARM_LINKS:
            links.append(element)
            report.read[cls] += 1
        elif local(element.tag).startswith("contains") and cls not in ARM_PACKAGES:
            report.skip(f"{cls} elements", "of a kind GSN Studio does not read")
    for element in links:
        _arm_link(element, references, keys, raw, report)


def _arm_link(
    element: etree._Element,
    references: References,
    keys: dict[etree._Element, RawNode],
    raw: RawCase,
    report: ImportReport,
) -> None:
    _, cls = type_of(element)
    ends: list[list[RawNode | str]] = []
    for feature in ("source", "target"):
        found: list[RawNode | str] = []
        for ref in references.references(element, feature):
            target = references.resolve(ref)
            node = keys.get(target) if target is not None else None
            if node is None:
                report.problem(
                    "dangling-reference",
                    element.sourceline,
                    f"{cls} {feature} {ref} resolves to nothing",
                )
                found.append(ref)
            else:
                found.append(node)
        ends.append(found)
    for source in ends[0]:
        for target in ends[1]:
            raw.links.append(_arm_direction(cls, source, target))


def _arm_direction(cls: str, source: RawNode | str, target: RawNode | str) -> RawLink:
    def key(end: RawNode | str) -> Ref:
        return end.key if isinstance(end, RawNode) else end

    if cls in ("AssertedChallenge", "AssertedCounterEvidence"):
        return RawLink(key(source), key(target), LinkKind.CHALLENGES)
    if cls == "AssertedEvidence":  # a citation given as evidence is a solution
        for end in (source, target):
            if isinstance(end, RawNode) and end.node_type is NodeType.CONTEXT:
                end.node_type = NodeType.SOLUTION
    # The end that is evidence or context is the child, whichever way the file points.
    for child, parent in ((source, target), (target, source)):
        if isinstance(child, RawNode) and child.node_type in EVIDENTIAL | CONTEXTUAL:
            contextual = child.node_type in CONTEXTUAL
            kind = LinkKind.IN_CONTEXT_OF if contextual else LinkKind.SUPPORTED_BY
            return RawLink(key(parent), key(child), kind)
    # Between claims, ARM points as GSN does (CertWare's GSN-to-ARM transform maps a
    # SolvedBy's parent to the AssertedInference's source).
    kind = LinkKind.IN_CONTEXT_OF if cls == "AssertedContext" else LinkKind.SUPPORTED_BY
    return RawLink(key(source), key(target), kind)
