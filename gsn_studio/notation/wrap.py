"""Line breaking of statements, shared by the canvas and the exports.

Every character is measured once, and measuring stops when the node's line limit is reached:
a statement of any size (a 9 MB word with no spaces) wraps in time bounded by what is shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gsn_studio.notation.metrics import char_em

_BREAKABLE = re.compile(r"(\S+)(\s*)")
_SOFT_BREAKS = frozenset("_-/.")
"""Where a word too wide for a line breaks best: after these, not inside a name."""
MAX_LINES = 40
"""A node shows at most this many lines; the full text stays in the properties panel."""
ELLIPSIS = " …"


class _Full(Exception):
    """More lines than a node shows: the rest of the text need not be measured."""


class _Lines:
    """The lines built so far and the open one, with its width (in ems) kept as it grows.

    Widths are running sums in reading order, so a line measures exactly as text_width
    measures it.
    """

    def __init__(self, width: float, size: float, bold: bool) -> None:
        self.width, self.size, self.bold = width, size, bold
        self.done: list[str] = []
        self.parts: list[str] = []
        self.used = 0.0
        self.gap = ""
        """Whitespace after the open line's last word: kept between words, dropped at a break."""

    def measure(self, text: str, used: float = 0.0) -> float:
        """used plus the text's ems, stopping as soon as the line is too wide."""
        for char in text:
            used += char_em(char, self.bold)
            if used * self.size > self.width:
                break
        return used

    def fits(self, used: float) -> bool:
        return used * self.size <= self.width

    def add_word(self, word: str, space: str) -> None:
        if self.parts:
            joined = self.measure(word, self.measure(self.gap, self.used))
            if self.fits(joined):
                self.parts += (self.gap, word)
                self.used = joined
            else:
                self.close()
        if not self.parts:
            alone = self.measure(word)
            if self.fits(alone) or len(word) == 1:
                self.parts, self.used = [word], alone
            else:
                self._split(word)
        self.gap = space

    def _split(self, word: str) -> None:
        """Break a word wider than a line: after its last `_`, `-`, `/` or `.` that fits
        ("{procedure_" / "evidence}", a path at a folder), else by character; the last piece
        stays open. Each character is measured at most twice."""
        start, used, soft = 0, 0.0, -1
        for index, char in enumerate(word):
            wider = used + char_em(char, self.bold)
            if not self.fits(wider) and index > start:
                cut = soft if soft > start + 2 else index
                self.parts = [word[start:cut]]
                self.close()
                start, soft = cut, -1
                wider = self.measure(word[cut : index + 1])
            used = wider
            if char in _SOFT_BREAKS:
                soft = index + 1
        self.parts, self.used = [word[start:]], used

    def close(self) -> None:
        self.done.append("".join(self.parts))
        self.parts, self.used, self.gap = [], 0.0, ""
        if len(self.done) > MAX_LINES:
            raise _Full


def wrap_text(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Break text into lines no wider than width; explicit newlines are kept.

    Words longer than a line are split by character, so a URL or a hash never overflows.
    Beyond MAX_LINES lines the last one shown ends with an ellipsis.
    """
    lines = _Lines(width, size, bold)
    try:
        for paragraph in _paragraphs(text):
            for match in _BREAKABLE.finditer(paragraph):
                lines.add_word(match.group(1), match.group(2))
            lines.close()
    except _Full:
        pass
    shown = lines.done
    if len(shown) > MAX_LINES:
        shown = [*shown[: MAX_LINES - 1], shown[MAX_LINES - 1] + ELLIPSIS]
    return shown


def _paragraphs(text: str) -> Iterator[str]:
    """The text's lines, found one at a time so that a huge text is not split whole."""
    start = 0
    while (end := text.find("\n", start)) != -1:
        yield text[start:end]
        start = end + 1
    yield text[start:]
