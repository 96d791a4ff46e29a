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


@functools.lru_cache(maxsize=4096)
def char_em(char: str, bold: bool = False) -> float:
    """Advance width of one character in ems."""
    table = _BOLD if bold else _REGULAR
    code = ord(char)
    if 32 <= code <= 126:
        return table[code - 32] / 1000
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Cf"):
        return 0.0
    base = unicodedata.normalize("NFD", char)[0]
    if base != char and 32 <= ord(base) <= 126:
        return table[ord(base) - 32] / 1000
    return 0.6


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of a line of text at a font size (in the same unit as the size)."""
    return sum(char_em(char, bold) for char in text) * size
