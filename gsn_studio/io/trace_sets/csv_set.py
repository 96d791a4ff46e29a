"""A trace set as CSV: a header row naming `id` and `title` (any case), then one item a row.
Other columns (severity, mandatory, ...) are kept as the item's fields."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from gsn_studio.io.errors import CaseFileError
from gsn_studio.model.traces import TraceItem


def decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CaseFileError(path, "not UTF-8 text", line) from None


def read_csv_set(data: bytes, path: Path) -> list[TraceItem]:
    text = decode(data, path)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise CaseFileError(path, f"not CSV: {error}") from None
    if not rows:
        raise CaseFileError(path, "the file is empty")
    header = [name.strip() for name in rows[0]]
    lowered = [name.lower() for name in header]
    if "id" not in lowered:
        raise CaseFileError(path, "the first row names the columns and needs an 'id' column", 1)
    id_at = lowered.index("id")
    title_at = lowered.index("title") if "title" in lowered else None
    items = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise CaseFileError(
                path, f"{len(row)} cells in a row under {len(header)} column names", number
            )
        cells = [cell.strip() for cell in row] + [""] * (len(header) - len(row))
        item_id = cells[id_at]
        if not item_id or any(c.isspace() for c in item_id):
            raise CaseFileError(path, f"item id {item_id!r} must be one word", number)
        fields = tuple(
            (name, cells[at])
            for at, name in enumerate(header)
            if at not in (id_at, title_at) and name
        )
        title = cells[title_at] if title_at is not None else ""
        items.append(TraceItem(item_id, title, fields, number))
    return items
