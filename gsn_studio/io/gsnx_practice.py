"""The practice extension of .gsnx: degradation conditions, load-bearing claims and the case's
practice settings, as elements and attributes of their own namespace.

The .gsnx schema admits elements of other namespaces, so these need no new format version,
and an older GSN Studio keeps them verbatim as foreign XML. A case that uses none of them is
written exactly as before.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from lxml import etree

from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsnx_format import children, element_text, validated
from gsn_studio.model import Case, Node
from gsn_studio.model.practice import DegradationCondition, PracticeSettings

PRACTICE_NAMESPACE = "urn:gsn-studio:practice:1"
PREFIX = "practice"
_CONDITION = f"{{{PRACTICE_NAMESPACE}}}degradationCondition"
_SETTINGS = f"{{{PRACTICE_NAMESPACE}}}settings"
_TERM = f"{{{PRACTICE_NAMESPACE}}}vagueTerm"
_LOAD_BEARING = f"{{{PRACTICE_NAMESPACE}}}loadBearing"


def is_practice(name: str) -> bool:
    """Whether a Clark-notation tag or attribute name is ours, not another tool's."""
    return name.startswith(f"{{{PRACTICE_NAMESPACE}}}")


def uses_practice(case: Case) -> bool:
    return case.practice is not None or any(
        node.degradation or node.load_bearing for node in case.nodes
    )


# -- reading -----------------------------------------------------------------------------------


def read_node_practice(element: etree._Element, path: str | Path) -> dict[str, Any]:
    """The practice fields of a node record, read off its element."""
    record: dict[str, Any] = {}
    if element.get(_LOAD_BEARING) in ("true", "1"):
        record["load_bearing"] = True
    conditions = [
        _condition(child, element.get("gid") or "", path) for child in children(element, _CONDITION)
    ]
    if conditions:
        record["degradation"] = tuple(conditions)
    return record


def _condition(element: etree._Element, node_id: str, path: str | Path) -> DegradationCondition:
    days = element.get("reviewDays")
    if days is not None and not days.strip().isdigit():
        raise CaseFileError(
            path, f"{node_id}: reviewDays {days!r} is not a number of days", element.sourceline
        )
    reviewed = element.get("reviewed")
    try:
        reviewed_on = dt.date.fromisoformat(reviewed[:10]) if reviewed else None
    except ValueError:
        raise CaseFileError(
            path, f"{node_id}: reviewed {reviewed!r} is not a date", element.sourceline
        ) from None
    record = {
        "statement": element_text(element),
        "kind": element.get("kind", "other"),
        "monitor": element.get("monitor", ""),
        "review_days": None if days is None else int(days),
        "reviewed": reviewed_on,
        "defeater": element.get("defeater", ""),
    }
    return validated(DegradationCondition, record, element, path, f"{node_id} degradationCondition")


def read_settings(root: etree._Element, path: str | Path) -> PracticeSettings | None:
    element = root.find(_SETTINGS)
    if element is None:
        return None
    record: dict[str, Any] = {}
    checks = element.get("checks")
    if checks is not None:  # absent: the default checks
        record["checks"] = tuple(checks.split())
    terms = [element_text(term) for term in element.iterfind(_TERM)]
    if terms or element.get("defaultTerms") == "false":
        record["vague_terms"] = tuple(terms)
    return validated(PracticeSettings, record, element, path, "practice settings")


# -- writing -----------------------------------------------------------------------------------


def write_node_practice(element: etree._Element, node: Node) -> None:
    if node.load_bearing:
        element.set(_LOAD_BEARING, "true")
    for condition in node.degradation:
        child = etree.SubElement(element, _CONDITION)
        if condition.kind.value != "other":
            child.set("kind", condition.kind.value)
        if condition.monitor:
            child.set("monitor", condition.monitor)
        if condition.review_days is not None:
            child.set("reviewDays", str(condition.review_days))
        if condition.reviewed is not None:
            child.set("reviewed", condition.reviewed.isoformat())
        if condition.defeater:
            child.set("defeater", condition.defeater)
        child.text = condition.statement


def write_settings(root: etree._Element, settings: PracticeSettings | None) -> None:
    """The settings element, present when the case adopted the practice checks; only what
    differs from the defaults is spelled out."""
    if settings is None:
        return
    element = etree.SubElement(root, _SETTINGS)
    default = PracticeSettings()
    if settings.checks != default.checks:
        element.set("checks", " ".join(settings.checks))
    if settings.vague_terms != default.vague_terms:
        if not settings.vague_terms:
            element.set("defaultTerms", "false")
        for term in settings.vague_terms:
            etree.SubElement(element, _TERM).text = term
