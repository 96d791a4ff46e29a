"""File formats: .gsnx (SACM-style XML, ours) and gsn2x YAML, chosen by file extension; files
of other assurance tools (SACM XMI and its dialects), chosen by their content."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.lock import case_lock
from gsn_studio.io.suffixes import SACM_SUFFIXES

if TYPE_CHECKING:
    from gsn_studio.io.sacm import ImportReport
    from gsn_studio.model import Case

# Each format's reader and writer is imported when a file of that format is met: a command
# that reads one .gsnx file never loads YAML, SACM, nor the writers.

GSNX_SUFFIXES = (".gsnx",)
YAML_SUFFIXES = (".yaml", ".yml")


def format_of(path: str | Path) -> str:
    """'gsnx', 'yaml' or 'sacm' (XMI of another tool, read by its content) from a file name;
    anything else is refused."""
    suffix = Path(path).suffix.lower()
    if suffix in GSNX_SUFFIXES:
        return "gsnx"
    if suffix in YAML_SUFFIXES:
        return "yaml"
    if suffix in SACM_SUFFIXES:
        return "sacm"
    raise CaseFileError(
        path,
        f"unknown file type {suffix or '(no extension)'}: use .gsnx, .yaml/.yml for gsn2x, or "
        f"an SACM file ({' '.join(SACM_SUFFIXES)})",
    )


def load_case(path: str | Path, diagram: bool = True) -> Case:
    """Read a case from a .gsnx, gsn2x YAML or SACM file; any problem raises CaseFileError.
    An SACM file of several argument packages gives them all, unrolled into one case.
    Without `diagram`, a .gsnx file's positions and folds are not read (`parse_gsnx`)."""
    return open_case(path, diagram)[0]


def open_case(path: str | Path, diagram: bool = True) -> tuple[Case, ImportReport | None]:
    """A case and, for another tool's file, the report of how it was read (for the editor)."""
    file_format = format_of(path)
    if file_format == "sacm":
        from gsn_studio.io.sacm import read_sacm  # noqa: PLC0415

        imported = read_sacm(path)
        return imported.case(), imported.report
    if file_format == "gsnx":
        from gsn_studio.io.gsnx_read import read_gsnx  # noqa: PLC0415

        return read_gsnx(path, diagram), None
    from gsn_studio.io.gsn2x_read import read_gsn2x  # noqa: PLC0415

    return read_gsn2x(path), None


def save_case(case: Case, path: str | Path) -> None:
    """Write a case atomically in the format its extension names, holding its lock so that
    no writer that reads, changes and saves it (io.lock) is between its read and its save."""
    file_format = format_of(path)
    if case.conflicts and file_format != "gsnx":
        # Only .gsnx keeps a merge's open conflicts: another format would drop them unseen.
        raise CaseFileError(
            path,
            f"not saved: {len(case.conflicts)} merge conflict(s) are unresolved and only a "
            ".gsnx file keeps them; resolve them first (the editor's Merge Conflicts panel)",
        )
    with case_lock(path):
        if file_format == "gsnx":
            from gsn_studio.io.gsnx_write import save_gsnx  # noqa: PLC0415

            save_gsnx(case, path)
        elif file_format == "sacm":
            from gsn_studio.io.sacm.write import save_sacm  # noqa: PLC0415

            save_sacm(case, path)
        else:
            from gsn_studio.io.gsn2x_write import save_gsn2x  # noqa: PLC0415

            save_gsn2x(case, path)


def __getattr__(name: str) -> Any:
    """`ImportReport` is re-exported on first use, so that importing io loads no SACM code."""
    if name == "ImportReport":
        from gsn_studio.io.sacm import ImportReport  # noqa: PLC0415

        return ImportReport
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["CaseFileError", "ImportReport", "format_of", "load_case", "open_case", "save_case"]
