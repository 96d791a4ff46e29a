"""`gsn-studio evidence` (the evidence register) and `gsn-studio verify` (record that evidence
was checked, with the SHA-256 of its artifact)."""

from __future__ import annotations

import csv
import datetime as dt
import getpass
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from gsn_studio.analysis import ArtifactReader, VerificationError, verified_fields
from gsn_studio.analysis.check import Assessment
from gsn_studio.analysis.register import COLUMNS, register
from gsn_studio.cli.common import EXIT_OK, UsageError, count
from gsn_studio.io import save_case
from gsn_studio.model import Case

_MD_COLUMNS = (
    "id", "statement", "reference", "due", "verified_on", "verified_by", "hash", "measure",
    "measured", "status",
)  # fmt: skip
"""The Markdown table leaves out what is too wide to read there (the full hash, dates it
derives its due date from); CSV and JSON have every column."""


def print_register(case: Case, assessment: Assessment, output_format: str) -> None:
    rows = [row.as_dict() for row in register(case, assessment)]
    if output_format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    elif output_format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        print("| " + " | ".join(_MD_COLUMNS) + " |")
        print("|" + "---|" * len(_MD_COLUMNS))
        for row in rows:
            print("| " + " | ".join(_cell(row[column]) for column in _MD_COLUMNS) + " |")


def _cell(text: str) -> str:
    # A pipe or a line break would end the cell early.
    return " ".join(text.split()).replace("|", "\\|")


def run_verify(
    path: Path,
    case: Case,
    node_ids: Sequence[str],
    *,
    by: str | None,
    on: dt.date | None,
    allow_outside: bool,
) -> int:
    """Verify each node's artifact and save the case once, only if all of them could be."""
    reader = ArtifactReader.for_case_file(path, allow_outside)
    name = by if by is not None else _login()
    day = on or dt.date.today()
    for node_id in node_ids:
        node = case.get(node_id)
        if node is None:
            raise UsageError(f"{path}: there is no node {node_id}")
        try:
            fields = verified_fields(node, reader, name, day)
        except VerificationError as error:
            raise UsageError(f"{path}: {error}") from None
        case.update_node(node_id, **fields)
        evidence = next(iter(fields.values()))
        assert evidence.verified is not None
        digest = evidence.verified.sha256
        print(
            f"{node_id}: verified {evidence.reference} on {day.isoformat()}"
            + (f" by {name}" if name else "")
            + (f", sha256 {digest[:12]}…" if digest else " (a URL: no hash)")
        )
    save_case(case, path)
    print(f"wrote {path} ({count(len(node_ids), 'verification')})")
    return EXIT_OK


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        return ""
