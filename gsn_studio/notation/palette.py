"""Colours and status marks. Status is never shown by colour alone: each has a dash pattern
and a badge word too, so it reads in greyscale and for colour-blind readers."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gsn_studio.model import NodeType

# The words live apart (`check` prints them without building the looks), and are given here too.
from gsn_studio.notation.status import STATUS_WORDS as STATUS_WORDS  # noqa: PLC0414
from gsn_studio.notation.status import Status as Status  # noqa: PLC0414


@dataclass(frozen=True, slots=True)
class Look:
    fill: str
    stroke: str
    text: str = "#1b1f24"


TYPE_LOOKS: dict[NodeType, Look] = {
    NodeType.GOAL: Look("#e8f0fb", "#2b4c7e"),
    NodeType.STRATEGY: Look("#eaf4e6", "#3b6e35"),
    NodeType.SOLUTION: Look("#fdf5dc", "#8a6d1d"),
    NodeType.CONTEXT: Look("#f2f2f2", "#555555"),
    NodeType.ASSUMPTION: Look("#f4ebf8", "#6b3f86"),
    NodeType.JUSTIFICATION: Look("#e6f4f4", "#2f6f6f"),
    NodeType.COUNTER_GOAL: Look("#fbe9e9", "#9b2c2c"),
    NodeType.COUNTER_SOLUTION: Look("#fbe9e9", "#9b2c2c"),
}


class Hatch(StrEnum):
    """A pattern over the fill, seen at any zoom (Qt draws it in screen pixels): what tells
    apart marks of one colour once badges and dashes are too small to read."""

    NONE = ""
    DIAGONAL = "diagonal"
    CROSS = "cross"


@dataclass(frozen=True, slots=True)
class StatusMark:
    fill: str
    stroke: str
    stroke_width: float
    dash: tuple[float, ...]
    word: str
    """The status's one word (from STATUS_WORDS)."""
    meaning: str
    """What the legend says after the word."""
    hatch: Hatch = Hatch.NONE

    @property
    def badge(self) -> str:
        return self.word.upper()

    @property
    def label(self) -> str:
        """What legends and tooltips say: "Expired: evidence past its valid-until or review
        date"."""
        return f"{self.word.capitalize()}: {self.meaning}"


_AMBER, _RED, _PURPLE, _GREY = "#b86e00", "#c62828", "#6a1b9a", "#616161"


_Pen = tuple[str, str, float, tuple[float, ...]]
"""Fill, stroke, stroke width and dash pattern."""


def _mark(status: Status, pen: _Pen, meaning: str, hatch: Hatch = Hatch.NONE) -> StatusMark:
    fill, stroke, width, dash = pen
    return StatusMark(fill, stroke, width, dash, STATUS_WORDS[status], meaning, hatch)


STATUS_MARKS: dict[Status, StatusMark] = {
    Status.SUPPORTED: _mark(
        Status.SUPPORTED, ("#e3f2e1", "#2e7d32", 1.8, ()), "everything below holds"
    ),
    Status.UNDEVELOPED: _mark(
        Status.UNDEVELOPED, ("#ffe7b8", _AMBER, 2.4, (6.0, 3.0)), "the hole itself, no support yet"
    ),
    Status.INCOMPLETE: _mark(
        Status.INCOMPLETE, ("#fff3dc", _AMBER, 1.6, (6.0, 3.0)), "a hole somewhere below"
    ),
    Status.WEAKENED: _mark(
        Status.WEAKENED,
        ("#fde3cf", "#d84315", 2.2, (4.0, 2.0, 1.0, 2.0)),
        "evidence below no longer holds, or a challenge is open",
    ),
    Status.DEFEATED: _mark(
        Status.DEFEATED,
        ("#e0e0e0", "#212121", 2.8, (1.0, 2.0)),
        "an accepted defeater lands on it or on support it needs",
    ),
    Status.EXPIRED: _mark(
        Status.EXPIRED,
        ("#f8d3d3", _RED, 2.5, (2.0, 2.0)),
        "evidence past its valid-until or review date",
    ),
    Status.EXPIRING: _mark(
        Status.EXPIRING, ("#fff8c4", "#9e7c00", 1.8, (8.0, 3.0)), "evidence due within the window"
    ),
    Status.CHANGED: _mark(
        Status.CHANGED,
        ("#fdeeee", _RED, 2.5, (5.0, 2.0)),
        "the artifact changed since it was verified",
        Hatch.DIAGONAL,
    ),
    Status.MISSING: _mark(
        Status.MISSING, ("#f8d3d3", _RED, 2.5, (1.0, 3.0)), "the artifact file is gone", Hatch.CROSS
    ),
    Status.FAILING: _mark(
        Status.FAILING,
        ("#f8d3d3", _RED, 2.5, (6.0, 2.0, 2.0, 2.0)),
        "the measured value fails its threshold",
    ),
    Status.UNMEASURED: _mark(
        Status.UNMEASURED, ("#f8d3d3", _RED, 2.0, (3.0, 3.0)), "a measure with no value to judge"
    ),
    Status.OPEN: _mark(
        Status.OPEN, ("#f3e5f5", _PURPLE, 2.0, (5.0, 3.0)), "a defeater whose challenge stands"
    ),
    Status.REFUTED: _mark(
        Status.REFUTED, ("#f5f5f5", _GREY, 1.5, (2.0, 2.0)), "a defeater shown not to hold"
    ),
    Status.ACCEPTED: _mark(
        Status.ACCEPTED, ("#f3e5f5", "#4a148c", 2.8, ()), "a defeater that defeats its target"
    ),
}

STROKE_WIDTH = 1.3
LINK_COLOUR = "#37414b"
SELECTION_COLOUR = "#1a73e8"
BACKGROUND = "#ffffff"

BLOCK_PLAIN = "#b4bec9"
"""A node with no status mark, drawn as a block: a quiet grey the status colours stand out from."""


def block_colour(status: Status) -> str:
    """The one colour of a node drawn as a plain block (the overview dock, the canvas far
    zoomed out): its status mark's stroke, strong enough to read at a few pixels."""
    mark = STATUS_MARKS.get(status)
    return mark.stroke if mark is not None else BLOCK_PLAIN
