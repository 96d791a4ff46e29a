"""Line breaking of statements, shared by the canvas and the exports."""

from __future__ import annotations

import re

from gsn_studio.notation.metrics import text_width

_BREAKABLE = re.compile(r"\S+\s*")
MAX_LINES = 40
"""A node shows at most this many lines; the full text stays in the properties panel."""


def wrap_text(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Break text into lines no wider than width; explicit newlines are kept.

    Words longer than a line are split by character, so a URL or a hash never overflows.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            lines.append("")
            continue
        current = ""
        for match in _BREAKABLE.finditer(paragraph):
            word = match.group()
            candidate = current + word
            if text_width(candidate.rstrip(), size, bold) <= width or not current:
                current = candidate
            else:
                lines.append(current.rstrip())
                current = word
            while text_width(current.rstrip(), size, bold) > width and len(current.rstrip()) > 1:
                head, current = _split_long(current, width, size, bold)
                lines.append(head)
        lines.append(current.rstrip())
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], lines[MAX_LINES - 1].rstrip() + " …"]
    return lines


def _split_long(word: str, width: float, size: float, bold: bool) -> tuple[str, str]:
    cut = 1
    while cut < len(word) and text_width(word[: cut + 1], size, bold) <= width:
        cut += 1
    return word[:cut], word[cut:]
