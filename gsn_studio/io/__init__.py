"""File formats: .gsnx (SACM-style XML, ours) and gsn2x YAML, chosen by file extension."""

from __future__ import annotations

from pathlib import Path

from gsn_studio.io.errors import CaseFileError
from gsn_studio.model import Case

# Each format's reader and writer is imported when a file of that format is met: a command
# that reads one .gsnx file never loads YAML, nor the writers.

GSNX_SUFFIXES = (".gsnx",)
YAML_SUFFIXES = (".yaml", ".yml")


def format_of(path: str | Path) -> str:
    """'gsnx' or 'yaml' from a file name; anything else is refused."""
    suffix = Path(path).suffix.lower()
    if suffix in GSNX_SUFFIXES:
        return "gsnx"
    if suffix in YAML_SUFFIXES:
        return "yaml"
    raise CaseFileError(
        path, f"unknown file type {suffix or '(no extension)'}: use .gsnx, or .yaml/.yml for gsn2x"
    )


def load_case(path: str | Path) -> Case:
    """Read a case from a .gsnx or gsn2x YAML file; any problem raises CaseFileError."""
    if format_of(path) == "gsnx":
        from gsn_studio.io.gsnx_read import read_gsnx  # noqa: PLC0415

        return read_gsnx(path)
    from gsn_studio.io.gsn2x_read import read_gsn2x  # noqa: PLC0415

    return read_gsn2x(path)


def save_case(case: Case, path: str | Path) -> None:
    """Write a case atomically in the format its extension names."""
    if format_of(path) == "gsnx":
        from gsn_studio.io.gsnx_write import save_gsnx  # noqa: PLC0415

        save_gsnx(case, path)
    else:
        from gsn_studio.io.gsn2x_write import save_gsn2x  # noqa: PLC0415

        save_gsn2x(case, path)


__all__ = ["CaseFileError", "format_of", "load_case", "save_case"]
