"""The one error type every reader and writer raises for a file it cannot handle."""

from __future__ import annotations

from pathlib import Path


class CaseFileError(Exception):
    """A file that cannot be read or written, with where and what went wrong.

    `str()` gives one line fit for a terminal or a dialog: "FILE:LINE: what is wrong".
    """

    def __init__(self, path: str | Path, problem: str, line: int | None = None) -> None:
        self.path = str(path)
        # One line, whatever the cause: libxml2 quotes a line break now and then.
        self.problem = " ".join(problem.splitlines())
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.problem}"
