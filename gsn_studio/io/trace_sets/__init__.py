"""Reading a case's trace sets: one reader per file kind, chosen by the file's ending.

A set file sits in the repository next to the case and is named relative to it. It is read
only when it stays inside the case's folder (as evidence files are), through the same guarded
open as case files, and a set that cannot be read becomes a `LoadedSet` with a one-line
problem, so `check` reports it and the editor keeps working.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gsn_studio.io.case_file import read_case_file
from gsn_studio.io.errors import CaseFileError
from gsn_studio.model import Case
from gsn_studio.model.traces import LoadedSet, TraceItem, TraceSet

Reader = Callable[[bytes, Path], list[TraceItem]]

# Each reader is imported when a set of its kind is read: a case without trace sets (most,
# and every `check` of one) loads none of them, nor the csv module.


def read_csv_set(data: bytes, path: Path) -> list[TraceItem]:
    from gsn_studio.io.trace_sets.csv_set import read_csv_set as read  # noqa: PLC0415

    return read(data, path)


def read_json_set(data: bytes, path: Path) -> list[TraceItem]:
    from gsn_studio.io.trace_sets.json_set import read_json_set as read  # noqa: PLC0415

    return read(data, path)


def read_reqif_set(data: bytes, path: Path) -> list[TraceItem]:
    # The ReqIF library takes a tenth of a second to import.
    from gsn_studio.io.trace_sets.reqif_set import read_reqif_set as read  # noqa: PLC0415

    return read(data, path)


READERS: dict[str, Reader] = {
    ".csv": read_csv_set,
    ".json": read_json_set,
    ".reqif": read_reqif_set,
}


def set_file(declared: TraceSet, folder: Path) -> Path:
    """Where a set's file is; CaseFileError when the path leaves the case's folder."""
    folder = folder.resolve()
    path = folder / declared.path
    resolved = path.resolve()
    if not resolved.is_relative_to(folder) or Path(declared.path).is_absolute():
        raise CaseFileError(
            declared.path, f"trace set {declared.name} lies outside the case's folder; not read"
        )
    return path


def read_set(declared: TraceSet, folder: Path) -> list[TraceItem]:
    """The items of one set; CaseFileError ("FILE:LINE: problem") if it cannot be read."""
    path = set_file(declared, folder)
    reader = READERS[path.suffix.lower()]
    items = reader(read_case_file(path), path)
    seen: dict[str, TraceItem] = {}
    for item in items:
        if item.id in seen:
            raise CaseFileError(path, f"item {item.id} appears twice", item.line)
        seen[item.id] = item
    return items


class TraceSetCache:
    """Sets read once and kept while their files keep their size and modification time, so
    the editor can re-check after every edit without parsing a ReqIF export each time."""

    def __init__(self) -> None:
        self._kept: dict[tuple[TraceSet, Path], tuple[tuple[int, int], LoadedSet]] = {}

    def load(self, case: Case, case_path: str | Path | None) -> dict[str, LoadedSet]:
        if case_path is None:
            return load_trace_sets(case, None)
        folder = Path(case_path).parent
        loaded: dict[str, LoadedSet] = {}
        for declared in case.trace_sets:
            key = (declared, folder)
            try:
                status = (folder / declared.path).stat()
                stamp = (status.st_size, status.st_mtime_ns)
            except OSError:
                stamp = (-1, -1)
            kept = self._kept.get(key)
            if kept is None or kept[0] != stamp:
                one = Case(trace_sets=(declared,))
                kept = (stamp, load_trace_sets(one, case_path)[declared.name])
                self._kept[key] = kept
            loaded[declared.name] = kept[1]
        return loaded


def load_trace_sets(case: Case, case_path: str | Path | None) -> dict[str, LoadedSet]:
    """Every set the case names, read from beside its file (unsaved case: none readable)."""
    loaded: dict[str, LoadedSet] = {}
    for declared in case.trace_sets:
        if case_path is None:
            loaded[declared.name] = LoadedSet(declared, problem="the case is not saved yet")
            continue
        try:
            items = read_set(declared, Path(case_path).parent)
        except CaseFileError as error:
            loaded[declared.name] = LoadedSet(declared, problem=str(error))
        else:
            loaded[declared.name] = LoadedSet(declared, tuple(items))
    return loaded


__all__ = ["READERS", "TraceSetCache", "load_trace_sets", "read_set", "set_file"]
