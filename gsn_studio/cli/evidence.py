"""`gsn-studio evidence` (the evidence register) and `gsn-studio verify` (record that evidence
was checked, with the SHA-256 of its artifact)."""

from __future__ import annotations

import datetime as dt
import getpass
import sys
from collections.abc import Sequence
from pathlib import Path

from gsn_studio.analysis import ArtifactReader, VerificationError, verified_fields
from gsn_studio.analysis.check import Assessment
from gsn_studio.analysis.register import COLUMNS, register
from gsn_studio.cli.common import EXIT_OK, UsageError, count, echo, terminal_json, terminal_lines
from gsn_studio.export.register_table import register_csv, register_markdown
from gsn_studio.io import save_case
from gsn_studio.model import Case
from gsn_studio.model.text import clean_text


def print_register(case: Case, assessment: Assessment, output_format: str) -> None:
    rows = [row.as_dict() for row in register(case, assessment)]
    if output_format == "csv":
        text = register_csv(rows, COLUMNS)
    elif output_format == "json":
        text = terminal_json(rows) + "\n"
    else:
        text = register_markdown(rows)
    sys.stdout.write(terminal_lines(text))


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
    done = []
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
        done.append(
            f"{node_id}: verified {evidence.reference} on {day.isoformat()}"
            + (f" by {name}" if name else "")
            + (f", sha256 {digest[:12]}…" if digest else " (a URL: no hash)")
        )
    save_case(case, path)
    for line in done:  # only now: a save that fails has verified nothing
        echo(line)
    echo(f"wrote {path} ({count(len(node_ids), 'verification')})")
    return EXIT_OK


def _login() -> str:
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        return ""
    try:
        return clean_text(name)
    except ValueError:  # a login a case cannot hold (from $LOGNAME): record no name
        return ""
