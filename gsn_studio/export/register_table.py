"""The evidence register as CSV and Markdown that are safe to open: a statement from a shared
case cannot become a spreadsheet formula, an HTML tag or a remote image."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Mapping, Sequence

MARKDOWN_COLUMNS = (
    "id", "statement", "reference", "due", "verified_on", "verified_by", "hash", "measure",
    "measured", "status",
)  # fmt: skip
"""The Markdown table leaves out what is too wide to read there (the full hash, dates it
derives its due date from); CSV and JSON have every column."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
"""What makes a spreadsheet read a cell as a formula (OWASP, CSV injection)."""
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_\[\]!|~])")


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: a leading formula character gets a single quote
    before it, as OWASP advises. A plain number (a measured -3.5) is left as it is."""
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def register_csv(rows: Sequence[Mapping[str, str]], columns: Sequence[str]) -> str:
    """Every column, every cell quoted and neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row[column]) for column in columns])
    return out.getvalue()


def markdown_cell(text: str) -> str:
    """Cell text that Markdown shows literally: HTML escaped, no character that starts a link,
    an image, emphasis or code, and no pipe or line break to end the cell early."""
    flat = " ".join(text.split())
    return _MARKDOWN_ACTIVE.sub(r"\\\1", html.escape(flat, quote=False))


def register_markdown(rows: Sequence[Mapping[str, str]]) -> str:
    lines = [
        "| " + " | ".join(MARKDOWN_COLUMNS) + " |",
        "|" + "---|" * len(MARKDOWN_COLUMNS),
    ]
    lines += [
        "| " + " | ".join(markdown_cell(row[column]) for column in MARKDOWN_COLUMNS) + " |"
        for row in rows
    ]
    return "\n".join(lines) + "\n"
