"""What the .gsnx reader and writer share: namespace, version, schema and the SACM mapping."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, TypeVar

from lxml import etree
from pydantic import BaseModel, ValidationError

from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsnx_schema import schema
from gsn_studio.model import Case, DefeaterStatus, JsonValue, LinkKind, Node, NodeType
from gsn_studio.model.fast_validate import validate_fast

ModelT = TypeVar("ModelT", bound=BaseModel)

__all__ = ["schema"]  # kept here too: the writer and tests find the schema with the format

NAMESPACE = "urn:gsn-studio:gsnx:1"
FORMAT_VERSION = (1, 5)
"""The newest version this GSN Studio reads and writes; 1.1 added defeaters, challenge links,
review intervals, verifications and measures, 1.2 review comments, 1.3 modules (a module
header, public marks, away elements and module references), 1.5 patterns and assurance claim
points (see io/gsnx_patterns.py)."""
ROOT = "AssuranceCasePackage"


def qualified(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


# GSN type -> (SACM element, assertionDeclaration when asserted, when undeveloped)
CLAIM_TYPES: dict[NodeType, tuple[str, str]] = {
    NodeType.GOAL: ("asserted", "needsSupport"),
    NodeType.COUNTER_GOAL: ("asserted", "needsSupport"),
    NodeType.ASSUMPTION: ("assumed", "assumed"),
    NodeType.JUSTIFICATION: ("axiomatic", "axiomatic"),
}
REFERENCE_TYPES = frozenset({NodeType.SOLUTION, NodeType.CONTEXT, NodeType.COUNTER_SOLUTION})


def element_for(node_type: NodeType) -> str:
    if node_type in CLAIM_TYPES:
        return "Claim"
    if node_type is NodeType.STRATEGY:
        return "ArgumentReasoning"
    return "ArtifactReference"


def artifact_id(node_id: str) -> str:
    return f"{node_id}.artifact"


def refutation_id(node_id: str) -> str:
    # Its own suffix: a counter solution has evidence and a refutation, two artifacts.
    return f"{node_id}.refutation"


def version_for(case: Case) -> tuple[int, int]:
    """The oldest version that holds the case: a case using nothing from 1.1 stays a 1.0 file,
    and one without comments at most a 1.1 file, which older GSN Studio versions still open."""
    if uses_patterns(case):
        return (1, 5)
    if case.module is not None or any(n.public or n.cites is not None for n in case.nodes):
        return (1, 3)
    if case.comments:
        return (1, 2)
    if any(link.kind is LinkKind.CHALLENGES for link in case.links):
        return (1, 1)
    if any(_uses_1_1(node) for node in case.nodes):
        return (1, 1)
    return (1, 0)


def uses_patterns(case: Case) -> bool:
    """Whether a case needs format 1.5: pattern notation or assurance claim points."""
    return (
        case.pattern is not None
        or bool(case.acps)
        or any(node.uninstantiated or node.role is not None for node in case.nodes)
        or any(link.multiplicity is not None or link.choice is not None for link in case.links)
    )


def _uses_1_1(node: Node) -> bool:
    if node.defeater_status is not DefeaterStatus.OPEN or node.refutation is not None:
        return True
    evidence = node.evidence
    return evidence is not None and (
        evidence.review_days is not None
        or evidence.verified is not None
        or evidence.measure is not None
    )


# A namespace URI in braces; not "{64}" in a pattern or "{'a', 'b'}" listing allowed values.
# The patterns here are compiled (and kept by re) when first used: only messages and writing
# need them, not every command's start.
_CLARK = r"\{[A-Za-z][A-Za-z0-9+.-]*:[^}\s]*\}"


def readable(message: str) -> str:
    """lxml's schema messages without '{urn:...}' noise before every element name."""
    return re.sub(_CLARK, "", message)


def element_text(element: etree._Element | None) -> str:
    """All the text inside an element, the text after a comment or processing instruction
    included: `A<!-- c -->, B` reads as "A, B", never "A". ("" for a missing element.)"""
    if element is None:
        return ""
    if not len(element):  # no child, comment or entity: its text is all there is (fast)
        return element.text or ""
    return "".join(element.itertext())


# lxml's find and iterfind parse a path each call (microseconds); a reader calls them several
# times on each of thousands of elements, for children that are mostly absent. These scan the
# few children directly, with the same result for a plain tag.


def children(element: etree._Element, tag: str) -> list[etree._Element]:
    """The children of an element with this (qualified) tag, in order: `iterfind(tag)`."""
    return [child for child in element if child.tag == tag]


def first_child(element: etree._Element, tag: str) -> etree._Element | None:
    """The first child of an element with this (qualified) tag: `find(tag)`."""
    for child in element:
        if child.tag == tag:
            return child
    return None


def child_text(element: etree._Element, tag: str) -> str:
    """The text of the first child `tag` (in our namespace) of an element."""
    return element_text(first_child(element, qualified(tag)))


# Text an XML element holds exactly as given: no control characters, no carriage returns.
_PLAIN = "^[^\x00-\x08\x0b\x0c\x0e-\x1f\r\ud800-\udfff\ufffe\uffff]*$"


def encode_extra(value: JsonValue) -> tuple[str, bool]:
    """An extra's text and whether it is JSON (anything but a string XML holds verbatim)."""
    if isinstance(value, str) and re.match(_PLAIN, value):
        return value, False
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": ")), True


def validated(
    model: type[ModelT],
    record: dict[str, Any],
    element: etree._Element,
    path: str | Path,
    label: str = "",
) -> ModelT:
    """The model built from a record read off `element`; a refusal names the element's line."""
    fast = validate_fast(model, record)
    if fast is not None:
        return fast
    try:
        return model.model_validate(record)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        what = str(first["msg"]).removeprefix("Value error, ")
        label = label or str(record.get("id") or etree.QName(element).localname)
        if where:
            what = f"{where}: {what}"
        if not what.startswith(label):
            what = f"{label}: {what}"
        raise CaseFileError(path, what, element.sourceline) from None
