"""OMG SACM 2.0-2.2 classes (Claim, ArgumentReasoning, ArtifactReference and the asserted
relationships) as GSN: which GSN type each element plays, and what an artifact says about the
evidence behind a solution."""

from __future__ import annotations

import datetime as dt
import re

from lxml import etree

from gsn_studio.io.sacm.emf import References, Texts, children, name_of
from gsn_studio.io.sacm.report import ImportReport
from gsn_studio.model import Evidence, LinkKind, NodeType

NAMESPACE_PREFIX = "http://omg.sacm/2."
STANDARD_PREFIX = "http://www.omg.org/spec/SACM/"

NODE_CLASSES = frozenset({"Claim", "ArgumentReasoning", "ArtifactReference"})
RELATIONSHIPS: dict[str, LinkKind] = {
    "AssertedInference": LinkKind.SUPPORTED_BY,
    "AssertedEvidence": LinkKind.SUPPORTED_BY,
    "AssertedArtifactSupport": LinkKind.SUPPORTED_BY,
    "AssertedContext": LinkKind.IN_CONTEXT_OF,
    "AssertedArtifactContext": LinkKind.IN_CONTEXT_OF,
    "AssertedRelationship": LinkKind.SUPPORTED_BY,
}
APPROXIMATED = {
    "AssertedArtifactSupport": "AssertedArtifactSupport read as SupportedBy",
    "AssertedArtifactContext": "AssertedArtifactContext read as InContextOf",
    "AssertedRelationship": "AssertedRelationship (no kind given) read as SupportedBy",
}
PACKAGE_CLASSES = frozenset(
    {"ArgumentPackage", "ArgumentPackageInterface", "ArgumentPackageBinding"}
)

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$|^\S+\.[A-Za-z0-9]{1,6}$")


def is_true(element: etree._Element, attribute: str) -> bool:
    return (element.get(attribute) or "").strip().lower() in ("true", "1")


def tags_of(element: etree._Element) -> set[str]:
    """Tagged-value keys and values, lower-cased: mergedODE marks contexts and solutions so."""
    found: set[str] = set()
    for tagged in children(element, "taggedValue"):
        for part in ("key", "value"):
            for holder in children(tagged, part):
                for value in children(holder, "value") or [holder]:
                    text = (value.get("content") or "").strip().lower()
                    if text:
                        found.add(text)
    return found


def claim_type(
    element: etree._Element, as_context: bool, as_premise: bool, report: ImportReport
) -> NodeType:
    """The GSN type a Claim plays, from its declaration, its tags and how it is used."""
    declaration = element.get("assertionDeclaration") or "asserted"
    if is_true(element, "isCounter"):
        return NodeType.COUNTER_GOAL
    contextual = as_context and not as_premise
    if declaration == "assumed" and (contextual or not as_premise):
        return NodeType.ASSUMPTION
    if declaration == "axiomatic" and (contextual or not as_premise):
        return NodeType.CONTEXT if "context" in tags_of(element) else NodeType.JUSTIFICATION
    if contextual:
        report.approximate("a Claim given as context read as a Context")
        return NodeType.CONTEXT
    if declaration in ("assumed", "axiomatic"):
        report.approximate(f"an {declaration} Claim that supports another read as a Goal")
    return NodeType.GOAL


def artifact_type(
    element: etree._Element, as_context: bool, as_evidence: bool, report: ImportReport
) -> NodeType:
    if is_true(element, "isCounter"):
        return NodeType.COUNTER_SOLUTION
    if as_context and not as_evidence:
        if "solution" in tags_of(element):
            report.approximate(
                "an ArtifactReference tagged solution but given as context read as a Context"
            )
        return NodeType.CONTEXT
    return NodeType.SOLUTION


def artifact_evidence(
    element: etree._Element, references: References, texts: Texts, report: ImportReport
) -> tuple[Evidence | None, dict[str, str]]:
    """Evidence from the artifact an ArtifactReference points at: its location (a property
    holding a URI or file name), its date; and its version, kept as an extra."""
    extras: dict[str, str] = {}
    reference = ""
    date: dt.date | None = None
    for target in _artifacts(element, references):
        version = (target.get("version") or "").strip()
        if version and "version" not in extras:
            extras["version"] = version
        if date is None and target.get("date"):
            date = _date(target.get("date") or "", report)
        reference = reference or _location(target, references, texts)
    if not reference:
        return None, extras
    return Evidence(reference=reference, date=date), extras


def _artifacts(element: etree._Element, references: References) -> list[etree._Element]:
    found = []
    for reference in references.references(element, "referencedArtifactElement"):
        target = references.resolve(reference)
        if target is not None:
            found.append(target)
    return found


def _location(artifact: etree._Element, references: References, texts: Texts) -> str:
    for attribute in ("location", "uri", "url", "href"):
        value = (artifact.get(attribute) or "").strip()
        if value:
            return value
    for tagged in children(artifact, "taggedValue"):
        keys = {text.strip().lower() for text in _values(tagged, "key")}
        if keys & {"location", "uri", "url", "reference", "path"}:
            found = next((text.strip() for text in _values(tagged, "value") if text.strip()), "")
            if found:
                return found
    holders = [references.resolve(ref) for ref in references.references(artifact, "property")]
    holders += children(artifact, "property")
    for holder in holders:
        if holder is None:
            continue
        text = texts.description(holder).strip() or name_of(holder)
        if text and _URL.match(text):
            return text
    return ""


def _values(tagged: etree._Element, part: str) -> list[str]:
    return [
        value.get("content") or ""
        for holder in children(tagged, part)
        for value in children(holder, "value")
    ]


def _date(text: str, report: ImportReport) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        report.approximate(f"an artifact date {text!r} that is not a date left out")
        return None
