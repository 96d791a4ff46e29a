"""The one error type every reader and writer raises for a file it cannot handle."""

from __future__ import annotations

import re
from pathlib import Path

# Compiled (and kept by re) when a message is first written: 0.6 ms a reading of a good
# file need not spend.
_INVISIBLE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]"


def _visible(text: str) -> str:
    """One line, and no character that could act on a terminal or fail to print: a message
    quotes what the file holds, and libxml2 sometimes quotes a line break."""
    return re.sub(_INVISIBLE, _escape, " ".join(text.splitlines()))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class CaseFileError(Exception):
    """A file that cannot be read or written, with where and what went wrong.

    `str()` gives one line fit for a terminal or a dialog: "FILE:LINE: what is wrong", with
    control characters and lone surrogates (from the file, or the file's name) shown escaped.
    """

    def __init__(self, path: str | Path, problem: str, line: int | None = None) -> None:
        self.path = str(path)
        self.problem = _visible(problem)
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{_visible(where)}: {self.problem}"
