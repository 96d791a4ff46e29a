"""The traces keys of a gsn2x file: `trace` (set name to item ids) and `accepted` on a node,
and `traceSets` in the module block. gsn2x itself ignores keys it does not know.

    G2:
      text: Over-infusion is controlled
      trace: {hazards: [H1, {id: H7, seen: 3f2a...}], requirements: [SR1]}
      accepted: {by: A. Assessor, on: 2026-11-02, digest: ..., parts: {...}}
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsn2x_format import describe
from gsn_studio.model import Node
from gsn_studio.model.traces import Acceptance, Trace, TraceSet

NODE_KEYS = ("trace", "accepted")
SETS_KEY = "traceSets"


def _refuse(path: str | Path, line: int, problem: str) -> CaseFileError:
    return CaseFileError(path, problem, line)


def _model(model: type[Any], record: dict[str, Any], path: str | Path, line: int, what: str) -> Any:
    try:
        return model.model_validate(record)
    except ValidationError as error:
        first = error.errors()[0]
        problem = str(first["msg"]).removeprefix("Value error, ")
        raise _refuse(path, line, f"{what}: {problem}") from None


def read_node_key(
    key: str, value: Any, node_id: str, path: str | Path, line: int
) -> dict[str, Any]:
    if key == "trace":
        return {"traces": _traces(value, node_id, path, line)}
    if not isinstance(value, dict) or not {"by", "on", "digest"} <= set(value):
        raise _refuse(
            path,
            line,
            f"{node_id}: accepted is a mapping of by, on, digest and parts, not {describe(value)}",
        )
    parts = value.get("parts") or {}
    if not isinstance(parts, dict):
        raise _refuse(path, line, f"{node_id}: accepted parts must be a mapping")
    on = value["on"]
    if isinstance(on, str):
        try:
            on = dt.date.fromisoformat(on[:10])
        except ValueError:
            raise _refuse(path, line, f"{node_id}: accepted on {on!r} is not a date") from None
    record = {
        "by": str(value["by"]),
        "on": on,
        "digest": str(value["digest"]),
        "parts": tuple((str(k), str(v)) for k, v in parts.items()),
    }
    return {"acceptance": _model(Acceptance, record, path, line, f"{node_id}: accepted")}


def _traces(value: Any, node_id: str, path: str | Path, line: int) -> tuple[Trace, ...]:
    if not isinstance(value, dict):
        raise _refuse(
            path,
            line,
            f"{node_id}: trace is a mapping of set name to item ids, such as "
            f"{{hazards: [H1, H2]}}, not {describe(value)}",
        )
    traces = []
    for name, entries in value.items():
        for entry in entries if isinstance(entries, list) else [entries]:
            if isinstance(entry, dict):
                record = {
                    "set": str(name),
                    "item": str(entry.get("id", "")),
                    "seen": str(entry.get("seen", "")),
                }
            elif isinstance(entry, str | int):
                record = {"set": str(name), "item": str(entry)}
            else:
                raise _refuse(path, line, f"{node_id}: trace {name}: {describe(entry)} is no id")
            traces.append(_model(Trace, record, path, line, f"{node_id}: trace {name}"))
    return tuple(traces)


def node_body(node: Node) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if node.traces:
        grouped: dict[str, list[Any]] = {}
        for trace in node.traces:
            entry: Any = {"id": trace.item, "seen": trace.seen} if trace.seen else trace.item
            grouped.setdefault(trace.set, []).append(entry)
        body["trace"] = grouped
    if node.acceptance is not None:
        accepted = node.acceptance
        body["accepted"] = {
            "by": accepted.by,
            "on": accepted.on.isoformat(),
            "digest": accepted.digest,
            "parts": dict(accepted.parts),
        }
    return body


def read_sets(value: Any, path: str | Path, line: int) -> tuple[TraceSet, ...]:
    entries = value if isinstance(value, list) else [value]
    sets = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise _refuse(
                path,
                line,
                f"module traceSets: {describe(entry)} is not a mapping of name, path and complete",
            )
        sets.append(_model(TraceSet, dict(entry), path, line, "module traceSets"))
    return tuple(sets)


def sets_body(sets: tuple[TraceSet, ...]) -> list[dict[str, Any]]:
    return [
        {"name": s.name, "path": s.path, **({"complete": True} if s.complete else {})} for s in sets
    ]
