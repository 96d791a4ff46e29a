"""The modular part of a .gsnx file (1.3): the module header, public marks and citations.

One file is one module (SACM's argument package). Its header names the module, its owner, the
files of the modules it uses and its contracts; away elements carry the module and element they
cite in `citedModule` and `citedElement`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsnx_format import qualified, validated
from gsn_studio.model import Case, Citation, Contract, ModuleInfo, Node

HEADER = "Module"


def uses_modules(case: Case) -> bool:
    """Whether a case needs format 1.3: a header, a public mark or an away element."""
    return case.module is not None or any(
        node.public or node.cites is not None for node in case.nodes
    )


def write_module(root: etree._Element, info: ModuleInfo | None) -> None:
    if info is None:
        return
    element = etree.SubElement(root, qualified(HEADER), id=info.id)
    if info.owner:
        element.set("owner", info.owner)
    for used in info.uses:
        etree.SubElement(element, qualified("uses"), href=used)
    for contract in info.contracts:
        item = etree.SubElement(element, qualified("Contract"))
        _citation(item, "claim", contract.claim)
        for support in contract.support:
            _citation(item, "support", support)


def _citation(parent: etree._Element, tag: str, cited: Citation) -> None:
    etree.SubElement(parent, qualified(tag), module=cited.module, element=cited.element)


def write_node_marks(element: etree._Element, node: Node) -> None:
    if node.public:
        element.set("public", "true")
    if node.cites is not None:
        element.set("citedModule", node.cites.module)
        if node.cites.element:
            element.set("citedElement", node.cites.element)


def read_module(root: etree._Element, path: str | Path) -> ModuleInfo | None:
    element = root.find(qualified(HEADER))
    if element is None:
        return None
    contracts = []
    for item in element.iterfind(qualified("Contract")):
        ends = {
            "claim": _cited(item.find(qualified("claim"))),
            "support": tuple(_cited(s) for s in item.iterfind(qualified("support"))),
        }
        contracts.append(validated(Contract, ends, item, path, "Contract"))
    record: dict[str, Any] = {
        "id": element.get("id"),
        "owner": element.get("owner", ""),
        "uses": tuple(str(used.get("href")) for used in element.iterfind(qualified("uses"))),
        "contracts": tuple(contracts),
    }
    return validated(ModuleInfo, record, element, path, "Module")


def _cited(element: etree._Element | None) -> dict[str, str]:
    assert element is not None  # the schema requires a claim
    return {"module": str(element.get("module")), "element": str(element.get("element"))}


def read_node_marks(element: etree._Element, record: dict[str, Any], path: str | Path) -> None:
    """Add the public mark and the citation of a node element to its record."""
    if element.get("public") in ("true", "1"):
        record["public"] = True
    module = element.get("citedModule")
    if module is not None:
        record["cites"] = {"module": module, "element": element.get("citedElement", "")}
    elif element.get("citedElement") is not None:
        raise CaseFileError(
            path,
            f"{element.get('gid')}: citedElement needs citedModule, the module it is in",
            element.sourceline,
        )
