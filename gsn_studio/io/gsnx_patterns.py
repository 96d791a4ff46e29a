"""The pattern and confidence part of a .gsnx file (1.5).

A `Pattern` header after the module header declares the parameters; nodes carry
`uninstantiated` and, once instantiated, `role` with `roleItem` children; SupportedBy
relationships carry `multiplicity`, `count`, `over`, `choiceMin` and `choiceMax`; and
`AssuranceClaimPoint` elements follow the relationships in the argument package. A case that
uses none of them is written exactly as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from gsn_studio.io.gsnx_format import qualified, validated
from gsn_studio.model import Case, Link, Node
from gsn_studio.model.patterns import AssuranceClaimPoint, PatternInfo

HEADER = "Pattern"
ACP = "AssuranceClaimPoint"


def write_pattern(root: etree._Element, info: PatternInfo | None) -> None:
    if info is None:
        return
    element = etree.SubElement(root, qualified(HEADER))
    for parameter in info.parameters:
        item = etree.SubElement(element, qualified("parameter"), name=parameter.name)
        item.set("type", parameter.type.value)
        if parameter.description:
            item.set("description", parameter.description)


def read_pattern(root: etree._Element, path: str | Path) -> PatternInfo | None:
    element = root.find(qualified(HEADER))
    if element is None:
        return None
    parameters = [
        {
            "name": item.get("name"),
            "type": item.get("type", "text"),
            "description": item.get("description", ""),
        }
        for item in element.iterfind(qualified("parameter"))
    ]
    return validated(PatternInfo, {"parameters": tuple(parameters)}, element, path, "Pattern")


def write_node_pattern(element: etree._Element, node: Node) -> None:
    """The attributes; `write_role_items` adds the children after the tags."""
    if node.uninstantiated:
        element.set("uninstantiated", "true")
    if node.role is not None:
        element.set("role", node.role.role)


def write_role_items(element: etree._Element, node: Node) -> None:
    if node.role is not None:
        for item in node.role.items:
            etree.SubElement(element, qualified("roleItem")).text = item


def read_node_pattern(element: etree._Element, record: dict[str, Any]) -> None:
    if element.get("uninstantiated") in ("true", "1"):
        record["uninstantiated"] = True
    role = element.get("role")
    if role is not None:
        items = tuple(item.text or "" for item in element.iterfind(qualified("roleItem")))
        record["role"] = {"role": role, "items": items}


def write_link_pattern(element: etree._Element, link: Link) -> None:
    if link.multiplicity is not None:
        element.set("multiplicity", link.multiplicity.kind.value)
        if link.multiplicity.count != 1:
            element.set("count", str(link.multiplicity.count))
        if link.multiplicity.over:
            element.set("over", link.multiplicity.over)
    if link.choice is not None:
        element.set("choiceMin", str(link.choice.at_least))
        element.set("choiceMax", str(link.choice.at_most))


def link_pattern_fields(element: etree._Element) -> dict[str, Any]:
    """The multiplicity and choice of a relationship element, as Link fields."""
    fields: dict[str, Any] = {}
    kind = element.get("multiplicity")
    if kind is not None:
        fields["multiplicity"] = {
            "kind": kind,
            "count": int(element.get("count", "1")),
            "over": element.get("over", ""),
        }
    if element.get("choiceMin") is not None or element.get("choiceMax") is not None:
        fields["choice"] = {
            "at_least": int(element.get("choiceMin", "1")),
            "at_most": int(element.get("choiceMax", element.get("choiceMin", "1"))),
        }
    return fields


def write_acps(argument: etree._Element, case: Case) -> None:
    for acp in case.acps:
        element = etree.SubElement(argument, qualified(ACP), name=acp.name, node=acp.node)
        if acp.to is not None:
            element.set("to", acp.to)
        if acp.confidence:
            element.set("confidence", acp.confidence)
        if acp.module:
            element.set("confidenceModule", acp.module)


def read_acps(argument: etree._Element, path: str | Path) -> list[AssuranceClaimPoint]:
    return [
        validated(
            AssuranceClaimPoint,
            {
                "name": element.get("name"),
                "node": element.get("node"),
                "to": element.get("to"),
                "confidence": element.get("confidence", ""),
                "module": element.get("confidenceModule", ""),
            },
            element,
            path,
            str(element.get("name")),
        )
        for element in argument.iterfind(qualified(ACP))
    ]
