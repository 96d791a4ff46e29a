"""`gsn-studio trace`: the trace matrix, one row per item of every set the case names (each
hazard, requirement or clause), the elements tracing it and their status."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from gsn_studio.analysis import ArtifactReader, Assessment, assess
from gsn_studio.cli.common import EXIT_OK, UsageError, terminal_json, terminal_lines
from gsn_studio.io import load_case
from gsn_studio.io.atomic import write_atomically
from gsn_studio.model import Case

if TYPE_CHECKING:  # the sets' readers load when the command runs, not with the parser
    from gsn_studio.analysis.traces import MatrixRow, TraceSets

COLUMNS = ("set", "id", "title", "traced_by", "status", "details")
FORMATS = ("md", "csv", "json", "xlsx")


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "trace",
        help="the trace matrix: each item of the case's trace sets, the elements tracing it "
        "and their status",
        description="One row per item of every trace set the case names (hazards, "
        "requirements, clauses of a standard): the elements that trace it, with their status, "
        "and whether it is uncovered or changed since its trace was last verified or accepted. "
        "Exit status: 0, 2 when the case or a set cannot be read.",
    )
    parser.add_argument("case", type=Path, help="a .gsnx file or a gsn2x .yaml file")
    parser.add_argument("--format", choices=FORMATS, default="md")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="needed for xlsx")
    parser.add_argument("--as-of", help=argparse.SUPPRESS)


def rows(case: Case, sets: TraceSets, assessment: Assessment) -> list[dict[str, object]]:
    """The matrix as plain rows; `traced_by` lists each element with its status word."""
    marks = assessment.marks(case)
    from gsn_studio.analysis.traces import matrix  # noqa: PLC0415

    return [_row(row, marks) for row in matrix(case, sets)]


def _row(row: MatrixRow, marks: Mapping[str, str]) -> dict[str, object]:
    return {
        "set": row.set,
        "id": row.item.id,
        "title": row.item.title,
        "traced_by": [
            {"id": node_id, "status": marks.get(node_id, "")} for node_id in row.elements
        ],
        "status": row.status,
        "details": dict(row.item.fields),
    }


def _flat(row: Mapping[str, object]) -> dict[str, str]:
    traced = row["traced_by"]
    details = row["details"]
    assert isinstance(traced, list) and isinstance(details, dict)
    return {
        "set": str(row["set"]),
        "id": str(row["id"]),
        "title": str(row["title"]),
        "traced_by": ", ".join(
            f"{entry['id']} ({entry['status']})" if entry["status"] else str(entry["id"])
            for entry in traced
        ),
        "status": str(row["status"]),
        "details": "; ".join(f"{key}: {value}" for key, value in details.items()),
    }


def run(args: argparse.Namespace) -> int:
    if args.format == "xlsx" and args.output is None:
        raise UsageError("--format xlsx writes a file: name it with --output")
    from gsn_studio.export.register_table import markdown_table, register_csv  # noqa: PLC0415
    from gsn_studio.io.trace_sets import load_trace_sets  # noqa: PLC0415

    case = load_case(args.case)
    sets = load_trace_sets(case, args.case)
    problems = [loaded.problem for loaded in sets.values() if loaded.problem]
    if problems:
        raise UsageError(problems[0])
    if not case.trace_sets:
        raise UsageError(f"{args.case}: the case names no trace sets")
    assessment = assess(case, None, ArtifactReader.for_case_file(args.case), trace_sets=sets)
    found = rows(case, sets, assessment)
    flat = [_flat(row) for row in found]
    if args.format == "xlsx":
        write_atomically(args.output, xlsx_bytes(flat, COLUMNS))
        return EXIT_OK
    if args.format == "json":
        text = terminal_json(found) + "\n"
    elif args.format == "csv":
        text = register_csv(flat, COLUMNS)
    else:
        text = markdown_table(flat, COLUMNS)
    if args.output is not None:
        write_atomically(args.output, text.encode())
    else:
        sys.stdout.write(terminal_lines(text))
    return EXIT_OK


def xlsx_bytes(flat: Sequence[Mapping[str, str]], columns: Sequence[str]) -> bytes:
    """A workbook of one sheet; every cell is text, so a title starting with = is no formula."""
    from openpyxl import Workbook  # noqa: PLC0415 (half a second to import; only xlsx needs it)

    book = Workbook()
    sheet = book.active
    sheet.title = "Trace matrix"
    sheet.append(list(columns))
    for row in flat:
        sheet.append([row[column] for column in columns])
    for line in sheet.iter_rows():
        for cell in line:
            cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
