"""`gsn-studio portfolio`: every case under a folder (or the files given), one row each, as
text, Markdown, JSON or an HTML page with each case's figure; the editor's portfolio window
reads the same rows through `gather`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from gsn_studio.analysis import ArtifactReader, Assessment, assess
from gsn_studio.analysis.portfolio import (
    UNREADABLE,
    VERDICTS,
    PortfolioRow,
    removed_row,
    review_row,
    unreadable_row,
)
from gsn_studio.cli.common import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, UsageError
from gsn_studio.export.portfolio_html import HtmlCase, write_portfolio_html
from gsn_studio.io import CaseFileError, load_case
from gsn_studio.io.git_history import (
    GitError,
    case_at,
    paths_at,
    repository_of,
    revision_day,
    working_tree,
)
from gsn_studio.model import Case

SKIPPED_FOLDERS = frozenset({".git", ".venv", "venv", "node_modules", "__pycache__"})
CASE_SUFFIXES = (".gsnx",)
"""What a folder scan picks up. gsn2x YAML files are read when named: a folder's other YAML
files (CI settings, say) are not cases."""


@dataclass(frozen=True, slots=True)
class Entry:
    row: PortfolioRow
    file: Path
    case: Case | None


def case_files(targets: Iterable[Path]) -> list[Path]:
    """The case files under each folder (sorted, hidden and tool folders skipped), and each
    file given by name, in the order given, without repeats."""
    found: list[Path] = []
    for target in targets:
        if target.is_dir():
            found += sorted(
                path
                for path in target.rglob("*")
                if path.suffix.lower() in CASE_SUFFIXES
                and path.is_file()
                and not any(
                    part in SKIPPED_FOLDERS or part.startswith(".")
                    for part in path.relative_to(target).parts[:-1]
                )
            )
        elif target.is_file():
            found.append(target)
        else:
            raise UsageError(f"{target}: no such file or folder")
    return list(dict.fromkeys(found))


def gather(
    targets: Sequence[Path],
    as_of: dt.date | None = None,
    since: str | None = None,
    base: Path | None = None,
) -> list[Entry]:
    """One entry per case file: its row (an unreadable row for a file that does not load)."""
    day = as_of or dt.date.today()
    files = case_files(targets)
    base = base or _common_base(targets)
    entries = []
    for file in files:
        label = _label(file, base)
        try:
            case = load_case(file)
        except CaseFileError as error:
            entries.append(Entry(unreadable_row(label, str(error)), file, None))
            continue
        assessment = assess(case, day, ArtifactReader.for_case_file(file))
        before = _before(file, since) if since else None
        row = review_row(label, case, assessment, before, since or "")
        entries.append(Entry(row, file, case))
    if since:
        entries += _removed_since(targets, files, since, base)
    return entries


def _removed_since(
    targets: Sequence[Path], files: Sequence[Path], since: str, base: Path
) -> list[Entry]:
    """Cases a folder held at the revision that are gone now: a retired (or lost) system is
    news for a review board too."""
    present = {file.resolve() for file in files}
    entries = []
    for folder in (t for t in targets if t.is_dir()):
        try:
            top = working_tree(folder)
            held = paths_at(top, since, folder.resolve().relative_to(top).as_posix())
        except GitError:
            continue  # not in git: the cases that are there were already reported
        for path in held:
            file = top / path
            if file.suffix.lower() in CASE_SUFFIXES and file.resolve() not in present:
                row = removed_row(_label(file, base), since)
                entries.append(Entry(row, file, None))
    return entries


def _before(file: Path, since: str) -> tuple[Case, Assessment] | None:
    try:
        top, inside = repository_of(file)
        day = revision_day(top, since)
        old = case_at(top, since, inside)
    except GitError as error:
        raise UsageError(f"--since {since}: {error}") from None
    if old is None:
        return None
    # Judged as of the revision's own day: what the review board saw then.
    return old, assess(old, day)


def _common_base(targets: Sequence[Path]) -> Path:
    folders = [t if t.is_dir() else t.parent for t in targets]
    if len(folders) == 1:
        return folders[0]
    try:
        parts = zip(*(f.resolve().parts for f in folders), strict=False)
        common = [p[0] for p in parts if len(set(p)) == 1]
        return Path(*common) if common else Path.cwd()
    except ValueError:
        return Path.cwd()


def _label(file: Path, base: Path) -> str:
    try:
        return file.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return file.as_posix()


# -- output ------------------------------------------------------------------------------------

HEADERS = ("Case", "Owner", "Verdict", "Sound until", "Next due", "Challenges", "Conditions")


def cells(row: PortfolioRow, as_of: dt.date) -> tuple[str, ...]:
    """The table cells of a row, as text, markdown and the editor show them."""
    due = _day(row.next_due)
    if row.next_due is not None and row.next_due < as_of:
        due += " (overdue)"
    return (
        row.name,
        row.owner or "-",
        row.verdict,
        _day(row.sound_until),
        due,
        str(row.open_challenges),
        str(len(row.conditions)),
    )


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else "-"


def print_table(entries: Sequence[Entry], as_of: dt.date, fmt: str) -> None:
    rows = [cells(entry.row, as_of) for entry in entries]
    if fmt == "md":
        print("| " + " | ".join(HEADERS) + " |")
        print("|" + "|".join("---" for _ in HEADERS) + "|")
        for row in rows:
            print("| " + " | ".join(_md(cell) for cell in row) + " |")
        _print_details(entries, "- ", md=True)
        return
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(HEADERS)]
    print("  ".join(h.ljust(w) for h, w in zip(HEADERS, widths, strict=True)).rstrip())
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    _print_details(entries, "  ", md=False)


def _print_details(entries: Sequence[Entry], bullet: str, md: bool) -> None:
    for entry in entries:
        row = entry.row
        lines = [f"{bullet}problem: {row.problem}"] if row.problem else []
        lines += [f"{bullet}{c.claim}: {c.statement} ({c.detection})" for c in row.conditions]
        lines += [f"{bullet}since: {change}" for change in row.changes]
        if lines:
            print()
            print(f"### {_md(row.name)}" if md else f"{row.name} ({row.path}):")
            if md:
                print()
            for line in lines:
                print(_md(line) if md else line)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def print_json(entries: Sequence[Entry], as_of: dt.date, since: str | None) -> None:
    report = {
        "as_of": as_of.isoformat(),
        "since": since,
        "cases": [entry.row.as_dict() for entry in entries],
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))


def fail_on_verdicts(names: str | None) -> frozenset[str]:
    if names is None:
        return frozenset()
    wanted = frozenset(name.strip() for name in names.split(",") if name.strip())
    unknown = sorted(wanted - set(VERDICTS))
    if not wanted or unknown:
        raise UsageError(
            f"--fail-on takes verdicts ({', '.join(VERDICTS)}), not {', '.join(unknown) or '-'}"
        )
    return wanted


def exit_status(entries: Sequence[Entry], wanted: frozenset[str]) -> int:
    """2 when a file could not be read (unless unreadable is a chosen verdict), 1 when a case
    has a chosen verdict, 0 otherwise."""
    verdicts = {entry.row.verdict for entry in entries}
    if UNREADABLE in verdicts and UNREADABLE not in wanted:
        return EXIT_BAD_INPUT
    return EXIT_FINDINGS if verdicts & wanted else EXIT_OK


def run(args: argparse.Namespace) -> int:
    wanted = fail_on_verdicts(args.fail_on)
    as_of = args.as_of or dt.date.today()
    if args.format == "html" and args.output is None:
        raise UsageError("--format html needs -o/--output PAGE.html (figures go beside it)")
    entries = gather(args.targets, as_of, args.since)
    if not entries:
        raise UsageError(f"no case files ({', '.join(CASE_SUFFIXES)}) under {args.targets[0]}")
    if args.format == "json":
        print_json(entries, as_of, args.since)
    elif args.format == "html":
        items = [HtmlCase(e.row, e.case, e.file) for e in entries]
        texts = [cells(e.row, as_of) for e in entries]
        written = write_portfolio_html(items, args.output, as_of, HEADERS, texts)
        print(f"wrote {written[0]} and {len(written) - 1} figures")
    else:
        print_table(entries, as_of, args.format)
    return exit_status(entries, wanted)
