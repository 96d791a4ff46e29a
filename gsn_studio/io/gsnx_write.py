"""Writing a case as .gsnx XML: deterministic, indented, schema-valid."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from gsn_studio.io import gsnx_merge, gsnx_traces, gsnx_views
from gsn_studio.io.atomic import write_atomically
from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsnx_diagram import write_folds
from gsn_studio.io.gsnx_format import (
    CLAIM_TYPES,
    NAMESPACE,
    ROOT,
    artifact_id,
    element_for,
    encode_extra,
    qualified,
    readable,
    refutation_id,
    version_for,
)
from gsn_studio.io.gsnx_modules import write_module, write_node_marks
from gsn_studio.io.gsnx_patterns import (
    write_acps,
    write_link_pattern,
    write_node_pattern,
    write_pattern,
    write_role_items,
)
from gsn_studio.io.gsnx_practice import (
    PRACTICE_NAMESPACE,
    PREFIX,
    uses_practice,
    write_node_practice,
    write_settings,
)
from gsn_studio.io.gsnx_review import write_review
from gsn_studio.io.gsnx_schema import first_error
from gsn_studio.io.numbers import number_text
from gsn_studio.model import (
    EVIDENTIAL,
    Case,
    DefeaterStatus,
    Evidence,
    JsonValue,
    Link,
    LinkKind,
    Node,
    NodeType,
)


def to_bytes(case: Case) -> bytes:
    """The .gsnx document of a case; the same case always gives the same bytes."""
    namespaces: dict[str | None, str] = {None: NAMESPACE}
    namespaces.update(case.foreign_namespaces)
    if uses_practice(case):
        namespaces[PREFIX] = PRACTICE_NAMESPACE
    if gsnx_traces.uses_traces(case):
        namespaces[gsnx_traces.PREFIX] = gsnx_traces.TRACES_NAMESPACE
    if gsnx_views.uses_views(case):
        namespaces[gsnx_views.PREFIX] = gsnx_views.VIEWS_NAMESPACE
    if case.conflicts:
        namespaces[gsnx_merge.PREFIX] = gsnx_merge.MERGE_NAMESPACE
    root = etree.Element(qualified(ROOT), nsmap=namespaces)
    root.set("formatVersion", "{}.{}".format(*version_for(case)))
    if case.name:
        root.set("name", case.name)
    _foreign_attributes(root, case.foreign_attributes)
    if case.description:
        _text(root, "description", case.description)
    _extras(root, case.extras)
    write_module(root, case.module)
    write_pattern(root, case.pattern)

    argument = etree.SubElement(root, qualified("ArgumentPackage"))
    types = {node.id: node.type for node in case.nodes}
    for node in case.nodes:
        _node(argument, node)
    for link in case.ordered_links():
        _link(argument, link, types)
    write_acps(argument, case)

    artifacts = [
        (gid, evidence)
        for node in case.nodes
        for gid, evidence in (
            (artifact_id(node.id), node.evidence),
            (refutation_id(node.id), node.refutation),
        )
        if evidence is not None and not evidence.is_empty()
    ]
    if artifacts:
        package = etree.SubElement(root, qualified("ArtifactPackage"))
        for gid, evidence in artifacts:
            _artifact(package, gid, evidence)

    write_review(root, case.comments)

    placed = [node for node in case.nodes if node.position is not None]
    if placed or any(node.folded for node in case.nodes):
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
        write_folds(diagram, case)
    write_settings(root, case.practice)
    gsnx_traces.write_sets(root, case.trace_sets)
    gsnx_views.write_views(root, case.views)
    gsnx_merge.write_conflicts(root, case.conflicts)
    _foreign_elements(root, case.foreign_xml)

    etree.indent(root, space="  ")
    document: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return document + b"\n"


def save_gsnx(case: Case, path: str | Path) -> None:
    """Validate against the schema, then replace the file atomically."""
    data = to_bytes(case)
    error = first_error(etree.fromstring(data))  # one validation at a time (gsnx_schema)
    if error is not None:
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
    if node.defeater_status is not DefeaterStatus.OPEN:
        element.set("defeaterStatus", node.defeater_status.value)
    if node.refutation is not None and not node.refutation.is_empty():
        element.set("refutationArtifact", refutation_id(node.id))
    write_node_marks(element, node)
    write_node_pattern(element, node)
    _foreign_attributes(element, node.foreign_attributes)
    _text(element, "content", node.statement)
    if node.description:
        _text(element, "description", node.description)
    for tag in node.tags:
        _text(element, "tag", tag)
    write_role_items(element, node)
    _extras(element, node.extras)
    write_node_practice(element, node)
    gsnx_traces.write_node_traces(element, node)
    _foreign_elements(element, node.foreign_xml)


def _link(parent: etree._Element, link: Link, types: dict[str, NodeType]) -> None:
    if link.kind is LinkKind.CHALLENGES:
        # SACM's countering relationship: the counter node is the source, as a premise is.
        tag = "AssertedEvidence" if types.get(link.source) in EVIDENTIAL else "AssertedInference"
        element = etree.SubElement(
            parent,
            qualified(tag),
            gsnType="Challenges",
            isCounter="true",
            source=link.source,
            target=link.target,
        )
        if link.via is not None:
            element.set("via", link.via)
        return
    if link.kind is LinkKind.IN_CONTEXT_OF:
        tag, gsn_type = "AssertedContext", "InContextOf"
    elif types.get(link.target) in EVIDENTIAL:
        tag, gsn_type = "AssertedEvidence", "SupportedBy"
    else:
        tag, gsn_type = "AssertedInference", "SupportedBy"
    # SACM direction: the premise (GSN child) is the source.
    element = etree.SubElement(
        parent, qualified(tag), gsnType=gsn_type, source=link.target, target=link.source
    )
    write_link_pattern(element, link)


def _artifact(parent: etree._Element, gid: str, evidence: Evidence) -> None:
    artifact = etree.SubElement(parent, qualified("Artifact"), gid=gid)
    if evidence.reference:
        artifact.set("location", evidence.reference)
    if evidence.date:
        artifact.set("date", evidence.date.isoformat())
    if evidence.valid_until:
        artifact.set("validUntil", evidence.valid_until.isoformat())
    if evidence.review_days is not None:
        artifact.set("reviewDays", str(evidence.review_days))
    verified = evidence.verified
    if verified is not None:
        element = etree.SubElement(artifact, qualified("Verification"), on=verified.on.isoformat())
        if verified.by:
            element.set("by", verified.by)
        if verified.sha256:
            element.set("sha256", verified.sha256)
    measure = evidence.measure
    if measure is not None:
        element = etree.SubElement(
            artifact,
            qualified("Measure"),
            metric=measure.metric,
            comparison=measure.comparison.value,
            threshold=number_text(measure.threshold),
        )
        if measure.value is not None:
            element.set("value", number_text(measure.value))
        if measure.key:
            element.set("key", measure.key)


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
