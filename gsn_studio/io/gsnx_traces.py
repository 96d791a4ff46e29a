"""The traces extension of .gsnx: the case's trace sets, each element's traces and an
assessor's acceptance, as elements of their own namespace.

Like the practice extension, these need no new format version (the schema admits elements of
other namespaces, and an older GSN Studio keeps them verbatim); a case that uses none of them
is written exactly as before.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from lxml import etree

from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsnx_format import children, first_child, validated
from gsn_studio.model import Case, Node
from gsn_studio.model.traces import Acceptance, Trace, TraceSet

TRACES_NAMESPACE = "urn:gsn-studio:traces:1"
PREFIX = "trace"
_SET = f"{{{TRACES_NAMESPACE}}}set"
_ITEM = f"{{{TRACES_NAMESPACE}}}item"
_ACCEPTANCE = f"{{{TRACES_NAMESPACE}}}acceptance"
_PART = f"{{{TRACES_NAMESPACE}}}part"


def is_traces(name: str) -> bool:
    """Whether a Clark-notation tag or attribute name is ours, not another tool's."""
    return name.startswith(f"{{{TRACES_NAMESPACE}}}")


def uses_traces(case: Case) -> bool:
    return bool(case.trace_sets) or any(
        node.traces or node.acceptance is not None for node in case.nodes
    )


# -- reading -----------------------------------------------------------------------------------


def read_sets(root: etree._Element, path: str | Path) -> tuple[TraceSet, ...]:
    sets = []
    for element in root.iterfind(_SET):
        record = {
            "name": element.get("name", ""),
            "path": element.get("path", ""),
            "complete": element.get("complete") in ("true", "1"),
        }
        sets.append(validated(TraceSet, record, element, path, "trace set"))
    names = [trace_set.name for trace_set in sets]
    for name in names:
        if names.count(name) > 1:
            raise CaseFileError(path, f"trace set {name} is named twice")
    return tuple(sets)


def read_node_traces(element: etree._Element, path: str | Path) -> dict[str, Any]:
    """The traces and acceptance of a node record, read off its element."""
    node_id = element.get("gid") or ""
    record: dict[str, Any] = {}
    traces = [_trace(child, node_id, path) for child in children(element, _ITEM)]
    if traces:
        record["traces"] = tuple(traces)
    accepted = first_child(element, _ACCEPTANCE)
    if accepted is not None:
        record["acceptance"] = _acceptance(accepted, node_id, path)
    return record


def _trace(element: etree._Element, node_id: str, path: str | Path) -> Trace:
    record = {
        "set": element.get("set", ""),
        "item": element.get("id", ""),
        "seen": element.get("seen", ""),
    }
    return validated(Trace, record, element, path, f"{node_id} trace")


def _acceptance(element: etree._Element, node_id: str, path: str | Path) -> Acceptance:
    on = element.get("on", "")
    try:
        day = dt.date.fromisoformat(on[:10])
    except ValueError:
        raise CaseFileError(
            path, f"{node_id}: acceptance date {on!r} is not a date", element.sourceline
        ) from None
    parts = tuple((part.get("key", ""), part.get("hash", "")) for part in element.iterfind(_PART))
    record = {
        "by": element.get("by", ""),
        "on": day,
        "digest": element.get("digest", ""),
        "parts": parts,
    }
    return validated(Acceptance, record, element, path, f"{node_id} acceptance")


# -- writing -----------------------------------------------------------------------------------


def write_node_traces(element: etree._Element, node: Node) -> None:
    for trace in node.traces:
        child = etree.SubElement(element, _ITEM, set=trace.set, id=trace.item)
        if trace.seen:
            child.set("seen", trace.seen)
    accepted = node.acceptance
    if accepted is not None:
        child = etree.SubElement(
            element, _ACCEPTANCE, by=accepted.by, on=accepted.on.isoformat(), digest=accepted.digest
        )
        for key, value in accepted.parts:
            etree.SubElement(child, _PART, key=key, hash=value)


def write_sets(root: etree._Element, sets: tuple[TraceSet, ...]) -> None:
    for trace_set in sets:
        element = etree.SubElement(root, _SET, name=trace_set.name, path=trace_set.path)
        if trace_set.complete:
            element.set("complete", "true")
