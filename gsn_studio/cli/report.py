"""`gsn-studio report CASE -o OUT.docx|OUT.pdf`: the safety case report a board signs, as a
Word document or a PDF. The report's libraries load only when this command runs."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from gsn_studio.cli.common import EXIT_OK, UsageError, echo, parse_date

FORMATS = (".docx", ".pdf")


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "report",
        help="write the safety case report (Word or PDF): verdict and why, each module's "
        "figure and numbered argument, evidence register, defeaters, reviews, traces",
        description="Write the document a board signs: a title page (case, version, as-of "
        "date, owners), the verdict and why, each module's figure and its argument as "
        "numbered narrative, the evidence register, open defeaters and challenges, "
        "undeveloped goals, review comments and acceptances, and the trace matrix. The same "
        "case and date give the same document. Exit status: 0, 2 when the case, the template "
        "or the output cannot be used.",
    )
    parser.add_argument(
        "case",
        type=Path,
        help="a .gsnx file, a gsn2x .yaml file or another tool's SACM XMI file; for a case of "
        "several modules, its top file (the modules it uses are opened too)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT", help="OUT.docx or OUT.pdf"
    )
    parser.add_argument(
        "--template",
        type=Path,
        metavar="FILE.docx",
        help="a Word document whose styles, page setup, headers, footers and cover (its body, "
        "with {case}, {version}, {as_of}, {verdict} and {owners} filled in) the report uses",
    )
    parser.add_argument(
        "--on",
        "--as-of",
        dest="on",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="the day the case is judged and the report dated (default: today)",
    )
    parser.add_argument(
        "--case-version",
        metavar="TEXT",
        help="what the title page calls the case's version (default: its last git commit)",
    )
    parser.add_argument(
        "--allow-outside",
        action="store_true",
        help="read evidence files outside the case file's folder, or behind symbolic links",
    )


def run(args: argparse.Namespace) -> int:
    kind = args.output.suffix.lower()
    if kind not in FORMATS:
        raise UsageError(f"{args.output}: a report is .docx or .pdf, not {kind or 'no extension'}")
    if args.template is not None:
        if kind != ".docx":
            raise UsageError("--template is a Word document: it styles a .docx report only")
        if not args.template.is_file():
            raise UsageError(f"{args.template}: there is no such template file")
    from gsn_studio.export.report_content import ReportOptions, build_report  # noqa: PLC0415
    from gsn_studio.io.modular import load_modular  # noqa: PLC0415

    modular = load_modular([args.case])
    options = ReportOptions(
        as_of=args.on or dt.date.today(),
        version=args.case_version or "",
        allow_outside=args.allow_outside,
    )
    report = build_report(modular, args.case, options)
    if kind == ".docx":
        from gsn_studio.export.report_docx import write_docx  # noqa: PLC0415

        write_docx(report, args.output, args.template)
    else:
        from gsn_studio.export.report_pdf import write_pdf  # noqa: PLC0415

        write_pdf(report, args.output)
    echo(f"wrote {args.output}")
    return EXIT_OK
