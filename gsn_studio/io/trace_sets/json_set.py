"""A trace set as JSON: a list of objects with `id` and `title` (other keys are the item's
fields), or an object `{"items": [...]}` of the same."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.trace_sets.csv_set import decode
from gsn_studio.model.traces import TraceItem


def read_json_set(data: bytes, path: Path) -> list[TraceItem]:
    try:
        document = json.loads(decode(data, path))
    except json.JSONDecodeError as error:
        raise CaseFileError(path, f"not JSON: {error.msg}", error.lineno) from None
    except RecursionError:
        raise CaseFileError(path, "not JSON: nested too deeply") from None
    entries = document.get("items") if isinstance(document, dict) else document
    if not isinstance(entries, list):
        raise CaseFileError(path, 'a trace set is a list of items, or {"items": [...]}')
    return [_item(entry, number, path) for number, entry in enumerate(entries, start=1)]


def _item(entry: Any, number: int, path: Path) -> TraceItem:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str | int):
        raise CaseFileError(path, f"item {number} is not an object with an 'id'")
    item_id = str(entry["id"]).strip()
    if not item_id or any(c.isspace() for c in item_id):
        raise CaseFileError(path, f"item {number}: id {item_id!r} must be one word")
    fields = tuple(
        (str(key), _text(value)) for key, value in entry.items() if key not in ("id", "title")
    )
    return TraceItem(item_id, _text(entry.get("title", "")), fields)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
