"""From records to the model: ids chosen (as they come where they can be), packages made
modules, citations made away elements, and GSN Studio's own extension data laid back on."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.sacm.records import RawCase, RawLink, RawNode, Ref
from gsn_studio.io.sacm.report import ImportReport
from gsn_studio.model import (
    CITING,
    ID_PREFIXES,
    Case,
    Citation,
    Link,
    ModularCase,
    Module,
    Node,
)
from gsn_studio.model.nodes import ID_PATTERN

UNRESOLVED = "(unresolved)"
"""The module a citation names when its reference resolves to nothing."""

ORIGINAL_NAME = "sacm:name"
"""Extra holding an element's id as the file wrote it, when it had to be changed."""

NODE_OVERLAY = (
    "id", "description", "tags", "owner", "evidence", "defeater_status", "refutation",
    "position", "folded", "public", "extras", "foreign_xml", "foreign_attributes", "cites",
    "load_bearing", "degradation", "uninstantiated", "role", "traces", "acceptance",
)  # fmt: skip
"""A node's fields that SACM cannot hold, kept in our xmi:Extension (written and read)."""
CASE_OVERLAY = (
    "name", "description", "module", "comments", "extras", "foreign_xml", "foreign_attributes",
    "foreign_namespaces", "practice", "pattern", "acps", "trace_sets",
)  # fmt: skip
MODULE_OVERLAY = ("path", "owner", "uses", "contracts", "marks_public")


def build(raw: RawCase, path: str | Path, relative: str, report: ImportReport) -> ModularCase:
    module_ids = _module_ids(raw)
    ids = _node_ids(raw, report)
    cited = {node.cites for node in raw.nodes if isinstance(node.cites, int)}
    nodes: list[list[Node]] = [[] for _ in raw.packages]
    for node in raw.nodes:
        # Other tools have no public mark: what another package cites is public there.
        foreign = raw.packages[node.package].overlay is None
        public = foreign and node.key in cited
        nodes[node.package].append(_node(node, ids, raw, module_ids, public, path))
    package_of = {node.key: node.package for node in raw.nodes}
    links: list[list[Link]] = [[] for _ in raw.packages]
    made: set[tuple[int, Link]] = set()
    for link in raw.links:
        home = package_of.get(link.source) if isinstance(link.source, int) else None
        if home is None and isinstance(link.target, int):
            home = package_of.get(link.target)
        built = _link(link, ids, path)
        # Ends read as different elements can come out as the same ids (an element of
        # another package with a name this one has): one link, as a save writes it.
        if (home or 0, built) in made:
            report.approximate("a relationship repeating another read once")
            continue
        made.add((home or 0, built))
        links[home or 0].append(built)
    suffix = Path(relative).suffix
    folder = posixpath.dirname(relative)
    modules: list[Module] = []
    for number, package in enumerate(raw.packages):
        overlay = package.overlay or {}
        case_fields: dict[str, Any] = {
            "name": package.name if len(raw.packages) > 1 or not raw.name else raw.name,
            "description": package.description or (raw.description if number == 0 else ""),
        }
        case_fields.update(
            {k: overlay["case"][k] for k in CASE_OVERLAY if k in overlay.get("case", {})}
        )
        own_path = relative if number == 0 else posixpath.join(folder, module_ids[number] + suffix)
        module_fields: dict[str, Any] = {"path": own_path}
        module_fields.update({k: overlay[k] for k in MODULE_OVERLAY if k in overlay})
        try:
            case = Case(nodes=nodes[number], links=links[number], **case_fields)
            modules.append(Module(id=module_ids[number], case=case, **module_fields))
        except ValidationError as error:
            raise CaseFileError(path, f"package {module_ids[number]}: {_first(error)}") from None
    if len(modules) > 1 and not any("uses" in (p.overlay or {}) for p in raw.packages):
        modules = _with_uses(modules)
    return ModularCase(modules=modules)


def _module_ids(raw: RawCase) -> list[str]:
    taken: set[str] = set()
    found = []
    for number, package in enumerate(raw.packages):
        wanted = package.name or package.gid
        if not wanted or not ID_PATTERN.match(wanted) or wanted in taken:
            wanted = f"{wanted or 'package'}-{number + 1}" if wanted else f"package-{number + 1}"
            wanted = wanted if ID_PATTERN.match(wanted) else f"package-{number + 1}"
        taken.add(wanted)
        found.append(wanted)
    return found


def _node_ids(raw: RawCase, report: ImportReport) -> dict[int, str]:
    """The original id where it is unique in its package, else a stable made one: the
    original with a counter ("C3 (2)"), or the type's prefix and position for none."""
    ids: dict[int, str] = {}
    taken: dict[int, set[str]] = {}
    renamed = 0
    for node in raw.nodes:
        used = taken.setdefault(node.package, set())
        fixed = node.overlay.get("id") if node.overlay else None
        if isinstance(fixed, str) and fixed:
            ids[node.key] = fixed
            used.add(fixed)
            continue
        original = " ".join(node.name.split())
        wanted = original if original and ID_PATTERN.match(original) else ""
        if not wanted and node.gid and ID_PATTERN.match(node.gid):
            wanted = node.gid
        if not wanted:
            wanted = f"{ID_PREFIXES[node.node_type]}-{node.index + 1}"
        candidate, counter = wanted, 1
        while candidate in used:
            counter += 1
            candidate = f"{wanted} ({counter})"
        if candidate != node.name and node.name:
            node.extras[ORIGINAL_NAME] = node.name
            renamed += 1
        used.add(candidate)
        ids[node.key] = candidate
    if renamed:
        report.approximate(
            f"{renamed} element id{'s' if renamed > 1 else ''} repeated or unusable, given a "
            f"made id (the original kept as the extra {ORIGINAL_NAME})"
        )
    return ids


def _node(  # noqa: PLR0917 (private helper)
    node: RawNode,
    ids: dict[int, str],
    raw: RawCase,
    module_ids: list[str],
    public: bool,
    path: str | Path,
) -> Node:
    fields: dict[str, Any] = {
        "id": ids[node.key],
        "type": node.node_type,
        "statement": node.statement,
        "undeveloped": node.undeveloped,
        "evidence": node.evidence,
        "extras": node.extras,
        "public": public,
    }
    if isinstance(node.cites, int):
        home = raw.nodes[node.cites]
        fields["cites"] = Citation(module=module_ids[home.package], element=ids[home.key])
    elif node.cites_package is not None:
        fields["cites"] = Citation(module=module_ids[node.cites_package])
    elif isinstance(node.cites, str) and node.node_type in CITING:
        document, _, fragment = node.cites.rpartition("#")
        module = posixpath.basename(document) if document else UNRESOLVED
        if ID_PATTERN.match(module) and ID_PATTERN.match(fragment):
            fields["cites"] = Citation(module=module, element=fragment)
    if node.overlay:
        fields.update({k: node.overlay[k] for k in NODE_OVERLAY if k in node.overlay})
    try:
        return Node(**fields)
    except ValidationError as error:
        raise CaseFileError(path, _first(error), node.line) from None


def _link(link: RawLink, ids: dict[int, str], path: str | Path) -> Link:
    """A link between read elements; an end no id can hold (a reference to an element that
    is not there, carrying control or format characters) refuses the file in one line."""
    source, target = _ref(link.source, ids), _ref(link.target, ids)
    try:
        return Link(
            source=source,
            target=target,
            kind=link.kind,
            via=None if link.via is None else _ref(link.via, ids),
        )
    except ValidationError as error:
        raise CaseFileError(path, f"link {source!r} → {target!r}: {_first(error)}") from None


def _ref(ref: Ref, ids: dict[int, str]) -> str:
    return ids[ref] if isinstance(ref, int) else ref


def _with_uses(modules: list[Module]) -> list[Module]:
    """The first module uses every other, so that the case opens whole from its first file
    once written as one file per module. Citations need no `uses` (they name the module), and
    declaring them could make the architecture circular where the file is not."""
    first = modules[0]
    folder = posixpath.dirname(first.path) or "."
    uses = tuple(posixpath.relpath(other.path, folder) for other in modules[1:])
    return [first.model_copy(update={"uses": uses}), *modules[1:]]


def _first(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message
