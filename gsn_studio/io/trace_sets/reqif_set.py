"""A trace set as ReqIF, the OMG format requirements tools (DOORS, Polarion, ...) export.

The file is first parsed with our safe parser, which refuses DTDs and entities; only then does
the `reqif` library (strictdoc's) read it. An item's id is its `ReqIF.ForeignID` (or an `ID`
attribute), else the spec object's identifier; its title is `ReqIF.Name`, `ReqIF.ChapterName`
or `ReqIF.Text` (or any attribute named Title/Name/Text); every attribute is kept as a field.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reqif.parser import ReqIFParser

from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.safe_xml import parse_xml
from gsn_studio.io.trace_sets.csv_set import decode
from gsn_studio.model.traces import TraceItem

_ID_NAMES = ("reqif.foreignid", "id", "identifier")
_TITLE_NAMES = ("reqif.name", "reqif.chaptername", "title", "name", "reqif.text", "text")
_TAG = re.compile(r"<[^>]*>")


def read_reqif_set(data: bytes, path: Path) -> list[TraceItem]:
    parse_xml(data, path)  # refuses DTDs, entities and malformed XML with the line
    try:
        bundle = ReqIFParser.parse_from_string(decode(data, path))
    except Exception as error:  # the library raises several kinds for a bad file
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise CaseFileError(path, f"not a ReqIF file: {first}") from None
    content = bundle.core_content.req_if_content if bundle.core_content else None
    if content is None:
        raise CaseFileError(path, "not a ReqIF file: it has no REQ-IF-CONTENT")
    names = _attribute_names(content.spec_types or [])
    enum_names = _enum_value_names(content.data_types or [])
    items = []
    for spec_object in content.spec_objects or []:
        fields = [
            (
                names.get(attribute.definition_ref, attribute.definition_ref),
                _value(attribute, enum_names),
            )
            for attribute in spec_object.attributes
        ]
        items.append(_item(spec_object, fields, path))
    return items


def _item(spec_object: Any, fields: list[tuple[str, str]], path: Path) -> TraceItem:
    by_name = {name.lower(): value for name, value in fields}
    item_id = next((by_name[n] for n in _ID_NAMES if by_name.get(n)), "")
    item_id = (item_id or str(spec_object.identifier)).strip()
    if not item_id or any(c.isspace() for c in item_id):
        raise CaseFileError(path, f"requirement id {item_id!r} must be one word")
    title_name = next((n for n in _TITLE_NAMES if by_name.get(n)), "")
    title = by_name[title_name] if title_name else str(spec_object.long_name or "")
    shown = {*_ID_NAMES, title_name}  # the id and title are the item's own, not fields
    kept = tuple(sorted((n, v) for n, v in fields if n.lower() not in shown))
    return TraceItem(item_id, title, kept, spec_object.xml_node.sourceline)


def _attribute_names(spec_types: list[Any]) -> dict[str, str]:
    names: dict[str, str] = {}
    for spec_type in spec_types:
        for definition in getattr(spec_type, "attribute_definitions", None) or []:
            names[definition.identifier] = definition.long_name or definition.identifier
    return names


def _enum_value_names(data_types: list[Any]) -> dict[str, str]:
    names: dict[str, str] = {}
    for data_type in data_types:
        for value in getattr(data_type, "values", None) or []:
            names[str(value.identifier)] = str(value.long_name or value.key or value.identifier)
    return names


def _value(attribute: Any, enum_names: dict[str, str]) -> str:
    value = attribute.value
    if isinstance(value, list):
        return ", ".join(enum_names.get(str(ref), str(ref)) for ref in value)
    text = attribute.value_stripped_xhtml or value or ""
    return " ".join(_TAG.sub(" ", str(text)).split())
