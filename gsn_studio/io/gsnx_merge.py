"""The merge extension of .gsnx: conflicts a three-way merge left for a person, each with the
base's, our and their version, as elements of their own namespace.

Like the practice and traces extensions it needs no new format version (the schema admits
elements of other namespaces, and an older GSN Studio keeps them verbatim); a case without
conflicts is written exactly as before.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lxml import etree

from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsnx_format import element_text, encode_extra, validated
from gsn_studio.model import MAX_NESTING
from gsn_studio.model.conflicts import WHOLE, MergeConflict
from gsn_studio.model.text import clean_plain

MERGE_NAMESPACE = "urn:gsn-studio:merge:1"
PREFIX = "merge"
_CONFLICT = f"{{{MERGE_NAMESPACE}}}conflict"
_ALONG = f"{{{MERGE_NAMESPACE}}}along"
SIDES = ("base", "ours", "theirs")


def is_merge(name: str) -> bool:
    """Whether a Clark-notation tag or attribute name is ours, not another tool's."""
    return name.startswith(f"{{{MERGE_NAMESPACE}}}")


def write_conflicts(root: etree._Element, conflicts: list[MergeConflict]) -> None:
    for conflict in conflicts:
        element = etree.SubElement(root, _CONFLICT, on=conflict.on.value)
        if conflict.subject:
            element.set("subject", conflict.subject)
        if conflict.field != WHOLE:
            element.set("field", conflict.field)
        if conflict.added:
            element.set("added", "true")
        for side in SIDES:
            value = getattr(conflict, side)
            if _absent(conflict, side, value):
                continue
            text, is_json = encode_extra(value)
            part = etree.SubElement(element, f"{{{MERGE_NAMESPACE}}}{side}")
            if is_json:
                part.set("json", "true")
            part.text = text
        for node_id in conflict.along:
            etree.SubElement(element, _ALONG, ref=node_id)


def _absent(conflict: MergeConflict, side: str, value: Any) -> bool:
    """A whole element missing on a side, or the base of something both sides added."""
    if side == "base" and conflict.added:
        return True
    return conflict.is_whole and value is None


def read_conflicts(root: etree._Element, path: str | Path) -> list[MergeConflict]:
    conflicts = []
    for element in root.iterfind(_CONFLICT):
        label = f"merge conflict on {element.get('subject') or 'the case'}"
        record: dict[str, Any] = {
            "on": element.get("on", ""),
            "subject": element.get("subject", ""),
            "field": element.get("field", WHOLE),
            "added": element.get("added") in ("true", "1"),
            "along": tuple(str(part.get("ref", "")) for part in element.iterfind(_ALONG)),
        }
        for side in SIDES:
            part = element.find(f"{{{MERGE_NAMESPACE}}}{side}")
            if part is not None:
                record[side] = _value(part, f"{label}: {side}", path)
        conflicts.append(validated(MergeConflict, record, element, path, label))
    return conflicts


def _value(part: etree._Element, label: str, path: str | Path) -> Any:
    from gsn_studio.io.gsnx_read import json_deeper_than  # noqa: PLC0415 (it imports us)

    text = element_text(part)
    if part.get("json") not in ("true", "1"):
        return clean_plain(text)
    try:
        if json_deeper_than(text, MAX_NESTING):
            raise ValueError(f"lists and mappings nest deeper than {MAX_NESTING} levels")
        return clean_plain(json.loads(text))
    except ValueError as error:
        raise CaseFileError(path, f"{label}: not valid JSON: {error}", part.sourceline) from None
