"""Line breaking of statements, shared by the canvas and the exports.

Each distinct word is measured once (widths are cached by word), a word too long to cache is
measured only as far as a line reaches, and measuring stops when the node's line limit is
reached: a statement of any size (a 9 MB word with no spaces) wraps in time bounded by what is
shown.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator

from gsn_studio.notation.metrics import char_mils, mils_to_width, text_mils

_BREAKABLE = re.compile(r"(\S+)(\s*)")
_SOFT_BREAKS = frozenset("_-/.")
"""Where a word too wide for a line breaks best: after these, not inside a name."""
MAX_LINES = 40
"""A node shows at most this many lines; the full text stays in the properties panel."""
ELLIPSIS = " …"
LONG_WORD = 64
"""Words longer than this are measured only as far as a line reaches, and not cached."""
SPACED_LIMIT = 4096
"""Longer paragraphs are matched word by word as far as the lines shown reach, not split
whole at their spaces."""
WORD_CACHE_LIMIT = 100_000
_WORD_MILS: tuple[dict[str, int], dict[str, int]] = ({}, {})
"""Widths of words (and the spaces between them) met so far, regular and bold: a case's
statements share most of their words, so opening 10,000 nodes measures each word once."""


class _Full(Exception):
    """More lines than a node shows: the rest of the text need not be measured."""


class _Lines:
    """The lines built so far and the open one, with its width (in thousandths of an em, a
    whole number) kept as it grows.

    Widths are whole numbers, so a line measures exactly as text_width measures it however
    its words were summed.
    """

    def __init__(self, width: float, size: float, bold: bool) -> None:
        self.width, self.size, self.bold = width, size, bold
        self.done: list[str] = []
        self.widths: list[int] = []
        """Each done line's width (`used` as it closed), or -1 for a split word's piece."""
        self.parts: list[str] = []
        self.used = 0
        self.gap = ""
        """Whitespace after the open line's last word: kept between words, dropped at a break."""
        self._known = _WORD_MILS[bold]
        self.most = _most_mils(width, size)
        """The widest line that fits, in thousandths of an em (see fits)."""

    def mils(self, text: str) -> int:
        """The text's width; a long one only as far as it fits on a line (any more is too wide
        all the same)."""
        if len(text) > LONG_WORD:
            return self.measure(text)
        known = self._known.get(text)
        if known is None:
            if len(self._known) >= WORD_CACHE_LIMIT:
                self._known.clear()
            known = self._known[text] = text_mils(text, self.bold)
        return known

    def measure(self, text: str, used: int = 0) -> int:
        """used plus the text's width, stopping as soon as the line is too wide."""
        bold = self.bold
        for char in text:
            used += char_mils(char, bold)
            if not self.fits(used):
                break
        return used

    def fits(self, used: int) -> bool:
        return used <= self.most

    def add_word(self, word: str, space: str) -> None:
        known = self._known
        alone = known.get(word)
        if alone is None:
            alone = self.mils(word)
        if self.parts:
            gap = known.get(self.gap)
            joined = self.used + (self.mils(self.gap) if gap is None else gap) + alone
            if joined <= self.most:
                self.parts += (self.gap, word)
                self.used = joined
            else:
                self.close()
        if not self.parts:
            if alone <= self.most or len(word) == 1:
                self.parts, self.used = [word], alone
            else:
                self._split(word)
        self.gap = space

    def add_paragraph(self, paragraph: str) -> None:
        """add_word for each word of a paragraph, then the break that ends it. A word whose
        width is cached and that fits is placed here, in local variables (opening 10,000
        nodes wraps 100,000 words); add_word takes every other. Words one space apart (nearly
        every statement) are split at the spaces, without matching each word and its
        spacing (a quarter of the time)."""
        if (
            len(paragraph) <= SPACED_LIMIT
            and paragraph.isprintable()  # no tab, newline or other space than " "
            and "  " not in paragraph
            and paragraph[:1] != " "
            and paragraph[-1:] != " "
        ):
            self._add_spaced(paragraph.split(" ") if paragraph else [])
            return
        known, most, done = self._known, self.most, self.done
        parts, used, gap = self.parts, self.used, self.gap
        for match in _BREAKABLE.finditer(paragraph):
            word, space = match.groups()
            alone = known.get(word)
            gap_mils = known.get(gap) if parts else 0
            if alone is not None and gap_mils is not None and alone <= most:
                if parts and used + gap_mils + alone <= most:
                    parts += (gap, word)
                    used += gap_mils + alone
                else:
                    if parts:  # as close(): this word starts the next line
                        done.append("".join(parts))
                        self.widths.append(used)
                        if len(done) > MAX_LINES:
                            raise _Full
                    parts, used = [word], alone
                gap = space
                continue
            self.parts, self.used, self.gap = parts, used, gap
            self.add_word(word, space)
            parts, used, gap = self.parts, self.used, self.gap
        self.parts, self.used, self.gap = parts, used, gap
        self.close()

    def _add_spaced(self, words: list[str]) -> None:
        """add_paragraph for words one space apart: the same steps, the gap always " "."""
        known, most, done = self._known, self.most, self.done
        space = known.get(" ")
        if space is None:
            space = self.mils(" ")
        parts, used = self.parts, self.used
        for word in words:
            alone = known.get(word)
            if alone is not None and alone <= most:
                if parts and used + space + alone <= most:
                    parts += (" ", word)
                    used += space + alone
                else:
                    if parts:  # as close(): this word starts the next line
                        done.append("".join(parts))
                        self.widths.append(used)
                        if len(done) > MAX_LINES:
                            raise _Full
                    parts, used = [word], alone
                continue
            self.parts, self.used, self.gap = parts, used, " "
            self.add_word(word, " ")
            parts, used = self.parts, self.used
        self.parts, self.used = parts, used
        self.close()

    def _split(self, word: str) -> None:
        """Break a word wider than a line: after its last `_`, `-`, `/` or `.` that fits
        ("{procedure_" / "evidence}", a path at a folder), else by character; the last piece
        stays open. Each character is measured at most twice."""
        start, used, soft = 0, 0, -1
        for index, char in enumerate(word):
            wider = used + char_mils(char, self.bold)
            if not self.fits(wider) and index > start:
                cut = soft if soft > start + 2 else index
                self.parts, self.used = [word[start:cut]], -1  # not summed: measured at the end
                self.close()
                start, soft = cut, -1
                wider = self.measure(word[cut : index + 1])
            used = wider
            if char in _SOFT_BREAKS:
                soft = index + 1
        self.parts, self.used = [word[start:]], used

    def close(self) -> None:
        self.done.append("".join(self.parts))
        self.widths.append(self.used)
        self.parts, self.used, self.gap = [], 0, ""
        if len(self.done) > MAX_LINES:
            raise _Full


def wrap_text(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Break text into lines no wider than width; explicit newlines are kept.

    Words longer than a line are split by character, so a URL or a hash never overflows.
    Beyond MAX_LINES lines the last one shown ends with an ellipsis.
    """
    return wrap_measured(text, width, size, bold)[0]


def wrap_measured(
    text: str, width: float, size: float, bold: bool = False
) -> tuple[list[str], int]:
    """wrap_text's lines and the widest one's width in thousandths of an em, exactly as
    text_mils measures it (mostly known from wrapping: a node's size needs no second
    measure of its lines)."""
    lines = _Lines(width, size, bold)
    try:
        if "\n" not in text:  # one paragraph, as most statements: no generator to go through
            lines.add_paragraph(text)
        else:
            for paragraph in _paragraphs(text):
                lines.add_paragraph(paragraph)
    except _Full:
        pass
    shown, widths = lines.done, lines.widths
    if len(shown) > MAX_LINES:
        shown = [*shown[: MAX_LINES - 1], shown[MAX_LINES - 1] + ELLIPSIS]
        widths = [*widths[: MAX_LINES - 1], -1]
    if -1 in widths:
        widths = [
            text_mils(line, bold) if known < 0 else known
            for line, known in zip(shown, widths, strict=True)
        ]
    return shown, max(widths, default=0)


@functools.lru_cache(maxsize=256)
def _most_mils(width: float, size: float) -> int:
    """The largest whole width in thousandths of an em that text_width finds no wider than
    `width`: widths grow with the count, so comparing counts with it is the same test."""
    if size <= 0:
        return 1 << 62
    most = math.floor(width * 1000 / size) + 1
    while most > -1 and mils_to_width(most, size) > width:
        most -= 1
    return most


def _paragraphs(text: str) -> Iterator[str]:
    """The text's lines, found one at a time so that a huge text is not split whole."""
    start = 0
    while (end := text.find("\n", start)) != -1:
        yield text[start:end]
        start = end + 1
    yield text[start:]
