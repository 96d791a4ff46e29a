"""Writing OMG SACM 2.2 XMI in the GSN profile, as EMF tools read it: one argument package
(gsn:Module) per module, GSN-typed elements, SupportedBy and InContextOf from parent to child,
away elements as citations, evidence as artifacts. What SACM cannot hold (positions, comments,
verification, tags, ...) goes in `xmi:Extension extender="gsn-studio"`, which EMF skips."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from gsn_studio.io.atomic import write_atomically
from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.sacm.build import CASE_OVERLAY, MODULE_OVERLAY, ORIGINAL_NAME
from gsn_studio.io.sacm.emf import XMI, XSI, XSI_TYPE
from gsn_studio.io.sacm.extension import EXTENDER, write_extension
from gsn_studio.io.sacm.gsn_profile import split_name
from gsn_studio.model import Case, Link, LinkKind, ModularCase, Module, Node, NodeType

SACM = "http://omg.sacm/2.2"
GSN = "http://acwg.org/3.0/gsn"
NAMESPACES = {
    "xmi": XMI,
    "xsi": XSI,
    "assuranceCase_": f"{SACM}/assurancecase",
    "argumentation_": f"{SACM}/argumentation",
    "artifact_": f"{SACM}/artifact",
    "base_": f"{SACM}/base",
    "gsn_": GSN,
}
LANG = "en"
LOCATION = "location"
"""The tagged value of an artifact that holds where the evidence is (a path or URL)."""

_GSN_CLASS = {
    NodeType.GOAL: "Goal",
    NodeType.STRATEGY: "Strategy",
    NodeType.SOLUTION: "Solution",
    NodeType.CONTEXT: "Context",
    NodeType.ASSUMPTION: "Assumption",
    NodeType.JUSTIFICATION: "Justification",
    NodeType.COUNTER_GOAL: "Goal",
    NodeType.COUNTER_SOLUTION: "Solution",
}
_NODE_OVERLAY = {
    "description", "tags", "owner", "evidence", "defeater_status", "refutation", "position",
    "public", "extras", "foreign_xml", "foreign_attributes",
}  # fmt: skip


def save_sacm(case: Case, path: str | Path) -> None:
    """Write one case as an SACM file of one package, atomically."""
    _refuse_foreign(path)
    write_atomically(path, to_sacm_bytes(single(case, Path(path).name)))


def save_sacm_modular(modular: ModularCase, path: str | Path) -> None:
    """Write every module of a case into one SACM file, a package each, atomically."""
    _refuse_foreign(path)
    write_atomically(path, to_sacm_bytes(modular))


def _refuse_foreign(path: str | Path) -> None:
    """Never replace a file another tool wrote: it may hold what GSN Studio does not read
    (fault trees, architecture, diagrams), which a save would lose."""
    target = Path(path)
    try:
        if not target.is_file() or target.stat().st_size == 0:
            return
        data = target.read_bytes()
    except OSError:
        return  # writing says what is wrong
    if f'extender="{EXTENDER}"'.encode() not in data:
        raise CaseFileError(
            path,
            "was written by another tool, and saving over it would lose what GSN Studio does "
            "not read: save to a new file (.gsnx, or .sacm)",
        )


def single(case: Case, file_name: str) -> ModularCase:
    module_id = case.module.id if case.module is not None else "main"
    return ModularCase(modules=[Module(id=module_id, path=file_name, case=case)])


def to_sacm_bytes(modular: ModularCase) -> bytes:
    root = etree.Element(
        f"{{{NAMESPACES['assuranceCase_']}}}AssuranceCasePackage", nsmap=NAMESPACES
    )
    root.set(f"{{{XMI}}}version", "2.0")
    root.set("gid", "case")
    first = modular.modules[0].case if modular.modules else Case()
    if first.name:
        _name(root, first.name)
    paths = _paths(modular)
    artifacts: list[etree._Element] = []
    for number, module in enumerate(modular.modules):
        _package(root, number, module, paths, artifacts)
    if artifacts:
        package = etree.SubElement(root, "artifactPackage", gid="artifacts")
        package.extend(artifacts)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _paths(modular: ModularCase) -> dict[tuple[str, str], str]:
    """(module, node id) -> the EMF path of its element; (module, '') -> its package's;
    ('', node id) -> the element of that id in whichever module holds it."""
    paths: dict[tuple[str, str], str] = {}
    for number, module in enumerate(modular.modules):
        paths[(module.id, "")] = f"//@argumentPackage.{number}"
        for index, node in enumerate(module.case.nodes):
            path = f"//@argumentPackage.{number}/@argumentationElement.{index}"
            paths.setdefault((module.id, node.id), path)
            if node.cites is None:
                paths.setdefault(("", node.id), path)  # for links into another module, by id
    return paths


def _package(
    root: etree._Element,
    number: int,
    module: Module,
    paths: dict[tuple[str, str], str],
    artifacts: list[etree._Element],
) -> None:
    case = module.case
    package = etree.SubElement(root, "argumentPackage", gid=module.id)
    package.set(XSI_TYPE, "gsn_:Module")
    _name(package, module.id)
    if case.description:
        _description(package, case.description)
    overlay: dict[str, Any] = {
        key: value
        for key, value in module.model_dump(mode="json", include=set(MODULE_OVERLAY)).items()
        if value not in ((), [], "", None)
    }
    overlay["marks_public"] = module.marks_public
    fields = case.model_dump(mode="json", include=set(CASE_OVERLAY), exclude_defaults=True)
    fields["name"] = case.name  # the package's own name is the module id
    overlay["case"] = fields
    write_extension(package, overlay)
    for node in case.nodes:
        _node(package, module, node, paths, artifacts)
    index = {(link.source, link.target): i for i, link in enumerate(case.links)}
    base = len(case.nodes)
    for link in case.links:
        _link(package, number, module, link, paths, index, base)


def _node(
    package: etree._Element,
    module: Module,
    node: Node,
    paths: dict[tuple[str, str], str],
    artifacts: list[etree._Element],
) -> None:
    away = node.cites is not None
    element = etree.SubElement(package, "argumentationElement", gid=node.id)
    element.set(XSI_TYPE, f"gsn_:{'Away' if away else ''}{_GSN_CLASS[node.type]}")
    if node.is_counter:
        element.set("isCounter", "true")
    if node.undeveloped:
        element.set("undeveloped", "true")
        element.set("assertionDeclaration", "needsSupport")
    overlay: dict[str, Any] = node.model_dump(
        mode="json", include=_NODE_OVERLAY, exclude_defaults=True
    )
    if node.cites is not None:
        cited = paths.get((node.cites.module, node.cites.element))
        element.set("isCitation", "true")
        element.set("assertionDeclaration", "asCited")
        if cited is not None:
            element.set("citedElement", cited)
        overlay["cites"] = node.cites.model_dump()
    name = str(node.extras.get(ORIGINAL_NAME, node.id))
    if name != node.id or split_name(name)[0] != name:
        overlay["id"] = node.id
    _name(element, name)
    if node.statement:
        _description(element, node.statement)
    if node.evidence is not None and node.evidence.reference:
        artifacts.append(_artifact(node))
        path = f"//@artifactPackage.0/@artifactElement.{len(artifacts) - 1}"
        element.set("referencedArtifactElement", path)
    write_extension(element, overlay)
    del module


def _artifact(node: Node) -> etree._Element:
    """An Artifact with its date and version, its location in a tagged value (`location`),
    the structure DEIS and mergedODE tools write tagged values in."""
    evidence = node.evidence
    assert evidence is not None
    artifact = etree.Element("artifactElement", gid=f"{node.id}.artifact")
    artifact.set(XSI_TYPE, "artifact_:Artifact")
    version = node.extras.get("version")
    if isinstance(version, str) and version:
        artifact.set("version", version)
    if evidence.date is not None:  # EMF's EDate form, as DEIS tools write it
        artifact.set("date", f"{evidence.date.isoformat()}T00:00:00.000+0000")
    _name(artifact, node.id)
    tagged = etree.SubElement(artifact, "taggedValue")
    for part, text in (("key", LOCATION), ("value", evidence.reference)):
        holder = etree.SubElement(tagged, part)
        etree.SubElement(holder, "value", lang=LANG, content=text)
    return artifact


def _link(  # noqa: PLR0917 (private helper)
    package: etree._Element,
    number: int,
    module: Module,
    link: Link,
    paths: dict[tuple[str, str], str],
    index: dict[tuple[str, str], int],
    base: int,
) -> None:
    source = _path(module, link.source, paths)
    target = _path(module, link.target, paths)
    element = etree.SubElement(package, "argumentationElement")
    # An end that is no element (a dangling link) is kept as it was, for reading back.
    write_extension(
        element,
        {end: node_id for end, node_id in (("source", link.source), ("target", link.target))
         if _find(module, node_id, paths) is None},
    )  # fmt: skip
    if link.kind is LinkKind.CHALLENGES:
        # SACM's counter relationship: the challenger is the source, as a premise is.
        element.set(XSI_TYPE, "argumentation_:AssertedInference")
        element.set("isCounter", "true")
        if link.via is not None:
            challenged = index.get((link.via, link.target), index.get((link.target, link.via)))
            if challenged is not None:
                target = f"//@argumentPackage.{number}/@argumentationElement.{base + challenged}"
        element.set("source", source)
        element.set("target", target)
        return
    kind = "SupportedBy" if link.kind is LinkKind.SUPPORTED_BY else "InContextOf"
    element.set(XSI_TYPE, f"gsn_:{kind}")
    element.set("source", source)
    element.set("target", target)


def _path(module: Module, node_id: str, paths: dict[tuple[str, str], str]) -> str:
    return _find(module, node_id, paths) or node_id


def _find(module: Module, node_id: str, paths: dict[tuple[str, str], str]) -> str | None:
    found = paths.get((module.id, node_id))
    return found if found is not None else paths.get(("", node_id))  # gsn2x's way, by id


def _name(parent: etree._Element, text: str) -> None:
    etree.SubElement(parent, "name", lang=LANG, content=text)


def _description(parent: etree._Element, text: str) -> None:
    description = etree.SubElement(parent, "description")
    content = etree.SubElement(description, "content")
    etree.SubElement(content, "value", lang=LANG, content=text)
