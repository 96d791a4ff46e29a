"""One version of a file on disk, to tell whether another program changed it since it was
opened or saved here."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from pathlib import Path

from gsn_studio.io.case_file import read_case_file
from gsn_studio.io.errors import CaseFileError


@dataclass(frozen=True)
class DiskState:
    """One version of a file on disk; versions are the same when their contents are."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> DiskState | None:
        """The file as it is now, or None when it is missing or cannot be read."""
        try:
            data = read_case_file(path)  # never a FIFO or a device that would hang the editor
            stat = path.stat()
        except (OSError, CaseFileError):
            return None
        return cls(len(data), stat.st_mtime_ns, hashlib.sha256(data).hexdigest())

    def same_as(self, other: DiskState | None) -> bool:
        # Touching a file or copying it back changes its time, not the version.
        return other is not None and other.sha256 == self.sha256

    def to_json(self) -> dict[str, int | str]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: object) -> DiskState | None:
        if not isinstance(data, dict):
            return None
        try:
            return cls(int(data["size"]), int(data["mtime_ns"]), str(data["sha256"]))
        except (KeyError, TypeError, ValueError):
            return None
