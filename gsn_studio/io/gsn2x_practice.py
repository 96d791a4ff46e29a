"""The practice keys of a gsn2x file: `loadBearing` and `degradation` on a goal, and
`practice` (checks, vagueTerms) in the module block. gsn2x itself ignores keys it does not know."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsn2x_format import describe
from gsn_studio.model import Node
from gsn_studio.model.practice import DegradationCondition, PracticeSettings

NODE_KEYS = ("loadBearing", "degradation")
SETTINGS_KEY = "practice"
_CONDITION_KEYS = {
    "text": "statement",
    "kind": "kind",
    "monitor": "monitor",
    "reviewDays": "review_days",
    "reviewed": "reviewed",
    "defeater": "defeater",
}


def read_node_key(
    key: str, value: Any, node_id: str, path: str | Path, line: int
) -> dict[str, Any]:
    """The node record fields one practice key holds."""
    if key == "loadBearing":
        if not isinstance(value, bool):
            raise CaseFileError(
                path, f"{node_id}: loadBearing must be true or false, not {describe(value)}", line
            )
        return {"load_bearing": value}
    entries = value if isinstance(value, list) else [value]
    return {"degradation": tuple(_condition(entry, node_id, path, line) for entry in entries)}


def _condition(entry: Any, node_id: str, path: str | Path, line: int) -> DegradationCondition:
    if isinstance(entry, str):
        entry = {"text": entry}
    if not isinstance(entry, dict):
        raise CaseFileError(
            path,
            f"{node_id}: a degradation condition is a mapping (text, kind, monitor, "
            f"reviewDays, defeater), not {describe(entry)}",
            line,
        )
    unknown = [key for key in entry if key not in _CONDITION_KEYS]
    if unknown:
        raise CaseFileError(
            path,
            f"{node_id}: a degradation condition has no key {unknown[0]!r} "
            f"(known: {', '.join(_CONDITION_KEYS)})",
            line,
        )
    record = {_CONDITION_KEYS[key]: value for key, value in entry.items()}
    if isinstance(record.get("reviewed"), str):
        record["reviewed"] = record["reviewed"][:10]
    try:
        return DegradationCondition.model_validate(record)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        problem = str(first["msg"]).removeprefix("Value error, ")
        raise CaseFileError(
            path, f"{node_id}: degradation condition {where}: {problem}", line
        ) from None


def node_body(node: Node) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if node.load_bearing:
        body["loadBearing"] = True
    if node.degradation:
        body["degradation"] = [_condition_body(c) for c in node.degradation]
    return body


def _condition_body(condition: DegradationCondition) -> dict[str, Any]:
    body: dict[str, Any] = {"text": condition.statement}
    if condition.kind.value != "other":
        body["kind"] = condition.kind.value
    if condition.monitor:
        body["monitor"] = condition.monitor
    if condition.review_days is not None:
        body["reviewDays"] = condition.review_days
    if condition.reviewed is not None:
        body["reviewed"] = condition.reviewed.isoformat()
    if condition.defeater:
        body["defeater"] = condition.defeater
    return body


def read_settings(value: Any, path: str | Path, line: int) -> PracticeSettings:
    if value is None:
        return PracticeSettings()
    if not isinstance(value, dict) or not set(value) <= {"checks", "vagueTerms"}:
        raise CaseFileError(
            path, f"module practice must be a mapping of checks and vagueTerms, not {value!r}", line
        )
    record = {"checks" if key == "checks" else "vague_terms": tuple(v) for key, v in value.items()}
    try:
        return PracticeSettings.model_validate(record)
    except (ValidationError, TypeError) as error:
        problem = str(error).splitlines()[-1].strip().removeprefix("Value error, ")
        if isinstance(error, ValidationError):
            problem = str(error.errors()[0]["msg"]).removeprefix("Value error, ")
        raise CaseFileError(path, f"module practice: {problem}", line) from None


def settings_body(settings: PracticeSettings) -> dict[str, Any] | None:
    """Only what differs from the defaults; None (an empty key) for the defaults."""
    default = PracticeSettings()
    body: dict[str, Any] = {}
    if settings.checks != default.checks:
        body["checks"] = list(settings.checks)
    if settings.vague_terms != default.vague_terms:
        body["vagueTerms"] = list(settings.vague_terms)
    return body or None
