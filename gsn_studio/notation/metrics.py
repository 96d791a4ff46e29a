"""Text widths from DejaVu Sans advance widths, so wrapping needs no font engine.

The tables hold advances in thousandths of an em for printable ASCII (32-126), measured from
DejaVu Sans Book and Bold. Other characters are estimated: accented letters as their base
letter, East Asian wide characters as one em, anything else as 0.6 em.
"""

from __future__ import annotations

import functools
import unicodedata

FONT_FAMILY = "DejaVu Sans"
FALLBACK_FAMILIES = "DejaVu Sans, Verdana, Arial, sans-serif"

# fmt: off
_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698,
    770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732,
    684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
    634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592,
    525, 636, 337, 636, 838,
)
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734,
    830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812,
    774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716,
    712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652,
    582, 712, 365, 712, 838,
)
# fmt: on

LINE_HEIGHT_EM = 1.164
ASCENT_EM = 0.928


_MILS: tuple[dict[str, int], dict[str, int]] = (
    {chr(32 + index): mils for index, mils in enumerate(_REGULAR)},
    {chr(32 + index): mils for index, mils in enumerate(_BOLD)},
)
"""Printable ASCII advances by character, regular and bold: a dict lookup per character."""


@functools.lru_cache(maxsize=4096)
def _other_mils(char: str, bold: bool) -> int:
    """Advance of a character outside printable ASCII, in thousandths of an em."""
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1000
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Cf"):
        return 0
    base = unicodedata.normalize("NFD", char)[0]
    if base != char and 32 <= ord(base) <= 126:
        return _MILS[bold][base]
    return 600


def char_mils(char: str, bold: bool = False) -> int:
    """Advance width of one character in thousandths of an em. Widths are whole numbers, so
    a line's width is the same however its parts are summed (words cached, then joined)."""
    found = _MILS[bold].get(char)
    return _other_mils(char, bold) if found is None else found


def char_em(char: str, bold: bool = False) -> float:
    """Advance width of one character in ems."""
    return char_mils(char, bold) / 1000


def text_mils(text: str, bold: bool = False) -> int:
    """Width of a line of text in thousandths of an em."""
    try:
        return sum(map(_MILS[bold].__getitem__, text))  # plain ASCII: no call per character
    except KeyError:
        return sum(char_mils(char, bold) for char in text)


def mils_to_width(mils: int, size: float) -> float:
    """A width in thousandths of an em at a font size: the one conversion every measure uses,
    so that wrapping and `text_width` agree to the last bit."""
    return mils * size / 1000


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of a line of text at a font size (in the same unit as the size)."""
    return mils_to_width(text_mils(text, bold), size)
