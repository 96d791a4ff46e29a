"""Writing a case as .gsnx XML: deterministic, indented, schema-valid."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from gsn_studio.io.atomic import write_atomically
from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsnx_format import (
    CLAIM_TYPES,
    FORMAT_VERSION,
    NAMESPACE,
    ROOT,
    artifact_id,
    element_for,
    encode_extra,
    qualified,
    readable,
    schema,
)
from gsn_studio.model import EVIDENTIAL, Case, JsonValue, LinkKind, Node, NodeType


def to_bytes(case: Case) -> bytes:
    """The .gsnx document of a case; the same case always gives the same bytes."""
    namespaces: dict[str | None, str] = {None: NAMESPACE}
    namespaces.update(case.foreign_namespaces)
    root = etree.Element(qualified(ROOT), nsmap=namespaces)
    root.set("formatVersion", "{}.{}".format(*FORMAT_VERSION))
    if case.name:
        root.set("name", case.name)
    _foreign_attributes(root, case.foreign_attributes)
    if case.description:
        _text(root, "description", case.description)
    _extras(root, case.extras)

    argument = etree.SubElement(root, qualified("ArgumentPackage"))
    types = {node.id: node.type for node in case.nodes}
    for node in case.nodes:
        _node(argument, node)
    for link in case.ordered_links():
        if link.kind is LinkKind.IN_CONTEXT_OF:
            tag, gsn_type = "AssertedContext", "InContextOf"
        elif types.get(link.target) in EVIDENTIAL:
            tag, gsn_type = "AssertedEvidence", "SupportedBy"
        else:
            tag, gsn_type = "AssertedInference", "SupportedBy"
        # SACM direction: the premise (GSN child) is the source.
        etree.SubElement(
            argument, qualified(tag), gsnType=gsn_type, source=link.target, target=link.source
        )

    with_evidence = [n for n in case.nodes if n.evidence is not None and not n.evidence.is_empty()]
    if with_evidence:
        artifacts = etree.SubElement(root, qualified("ArtifactPackage"))
        for node in with_evidence:
            assert node.evidence is not None
            artifact = etree.SubElement(artifacts, qualified("Artifact"), gid=artifact_id(node.id))
            if node.evidence.reference:
                artifact.set("location", node.evidence.reference)
            if node.evidence.date:
                artifact.set("date", node.evidence.date.isoformat())
            if node.evidence.valid_until:
                artifact.set("validUntil", node.evidence.valid_until.isoformat())

    placed = [node for node in case.nodes if node.position is not None]
    if placed:
        diagram = etree.SubElement(root, qualified("Diagram"))
        for node in placed:
            assert node.position is not None
            etree.SubElement(
                diagram,
                qualified("NodePosition"),
                ref=node.id,
                x=_number(node.position.x),
                y=_number(node.position.y),
            )
    _foreign_elements(root, case.foreign_xml)

    etree.indent(root, space="  ")
    document: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return document + b"\n"


def save_gsnx(case: Case, path: str | Path) -> None:
    """Validate against the schema, then replace the file atomically."""
    data = to_bytes(case)
    validator = schema()
    if not validator.validate(etree.fromstring(data)):
        error = validator.error_log.last_error
        raise CaseFileError(
            path, f"not saved, the case breaks the file schema: {readable(error.message)}"
        )
    write_atomically(path, data)


def _node(parent: etree._Element, node: Node) -> None:
    element = etree.SubElement(parent, qualified(element_for(node.type)))
    element.set("gid", node.id)
    element.set("gsnType", node.type.value)
    if node.type in CLAIM_TYPES:
        asserted, undeveloped = CLAIM_TYPES[node.type]
        element.set("assertionDeclaration", undeveloped if node.undeveloped else asserted)
        if node.owner:
            element.set("owner", node.owner)
    elif node.type is NodeType.STRATEGY and node.undeveloped:
        element.set("undeveloped", "true")
    elif node.evidence is not None and not node.evidence.is_empty():
        element.set("referencedArtifactElement", artifact_id(node.id))
    _foreign_attributes(element, node.foreign_attributes)
    _text(element, "content", node.statement)
    if node.description:
        _text(element, "description", node.description)
    for tag in node.tags:
        _text(element, "tag", tag)
    _extras(element, node.extras)
    _foreign_elements(element, node.foreign_xml)


def _text(parent: etree._Element, tag: str, text: str) -> None:
    etree.SubElement(parent, qualified(tag)).text = text


def _extras(parent: etree._Element, extras: dict[str, JsonValue]) -> None:
    for key, value in extras.items():
        text, is_json = encode_extra(value)
        element = etree.SubElement(parent, qualified("extra"), key=key)
        if is_json:
            element.set("json", "true")
        element.text = text


def _foreign_attributes(element: etree._Element, attributes: dict[str, str]) -> None:
    for name in sorted(attributes):
        element.set(name, attributes[name])


def _foreign_elements(parent: etree._Element, fragments: tuple[str, ...]) -> None:
    for fragment in fragments:
        parent.append(etree.fromstring(fragment))


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
