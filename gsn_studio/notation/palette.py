"""Colours and status marks. Status is never shown by colour alone: each has a dash pattern
and a badge word too, so it reads in greyscale and for colour-blind readers."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gsn_studio.model import NodeType


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


class Status(StrEnum):
    """What the canvas and the exports mark on a node. The values are the mark names that
    `analysis.Assessment.marks` gives: analysis decides the word, this module the look."""

    NONE = ""
    # Goals and strategies: their assurance status.
    SUPPORTED = "supported"
    UNDEVELOPED = "undeveloped"
    """The hole itself: no support yet."""
    INCOMPLETE = "incomplete"
    """Undeveloped below: a hole somewhere in its support."""
    WEAKENED = "weakened"
    DEFEATED = "defeated"
    # Solutions: their evidence.
    EXPIRED = "expired"
    EXPIRING = "expiring"
    CHANGED = "changed"
    MISSING = "missing"
    FAILING = "failing"
    UNMEASURED = "unmeasured"
    # Defeaters: where their challenge stands.
    OPEN = "open"
    REFUTED = "refuted"
    ACCEPTED = "accepted"


@dataclass(frozen=True, slots=True)
class StatusMark:
    fill: str
    stroke: str
    stroke_width: float
    dash: tuple[float, ...]
    badge: str
    label: str
    """What the legend says."""


_AMBER, _RED, _PURPLE, _GREY = "#b86e00", "#c62828", "#6a1b9a", "#616161"

STATUS_MARKS: dict[Status, StatusMark] = {
    Status.SUPPORTED: StatusMark(
        "#e3f2e1", "#2e7d32", 1.8, (), "OK", "Supported: everything below holds"
    ),
    Status.UNDEVELOPED: StatusMark(
        "#ffe7b8", _AMBER, 2.0, (6.0, 3.0), "TO DO", "Undeveloped: no support yet"
    ),
    Status.INCOMPLETE: StatusMark(
        "#fff3dc", _AMBER, 1.6, (6.0, 3.0), "INCOMPLETE", "A hole somewhere below"
    ),
    Status.WEAKENED: StatusMark(
        "#fde3cf",
        "#d84315",
        2.2,
        (4.0, 2.0, 1.0, 2.0),
        "WEAKENED",
        "Weakened: evidence below no longer holds, or a challenge is open",
    ),
    Status.DEFEATED: StatusMark(
        "#e0e0e0",
        "#212121",
        2.8,
        (1.0, 2.0),
        "DEFEATED",
        "Defeated: an accepted defeater lands on it or on support it needs",
    ),
    Status.EXPIRED: StatusMark(
        "#f8d3d3", _RED, 2.5, (2.0, 2.0), "EXPIRED", "Evidence past its valid-until or review date"
    ),
    Status.EXPIRING: StatusMark(
        "#fff8c4", "#9e7c00", 1.8, (8.0, 3.0), "EXPIRES SOON", "Evidence due within the window"
    ),
    Status.CHANGED: StatusMark(
        "#f8d3d3", _RED, 2.5, (5.0, 2.0), "CHANGED", "The artifact changed since it was verified"
    ),
    Status.MISSING: StatusMark(
        "#f8d3d3", _RED, 2.5, (1.0, 3.0), "MISSING", "The artifact file is gone"
    ),
    Status.FAILING: StatusMark(
        "#f8d3d3",
        _RED,
        2.5,
        (6.0, 2.0, 2.0, 2.0),
        "FAILING",
        "The measured value fails its threshold",
    ),
    Status.UNMEASURED: StatusMark(
        "#f8d3d3", _RED, 2.0, (3.0, 3.0), "NO VALUE", "A measure with no value to judge"
    ),
    Status.OPEN: StatusMark(
        "#f3e5f5", _PURPLE, 2.0, (5.0, 3.0), "OPEN", "Defeater: challenge still open"
    ),
    Status.REFUTED: StatusMark(
        "#f5f5f5", _GREY, 1.5, (2.0, 2.0), "REFUTED", "Defeater refuted by evidence"
    ),
    Status.ACCEPTED: StatusMark(
        "#f3e5f5", "#4a148c", 2.8, (), "ACCEPTED", "Defeater accepted: it defeats its target"
    ),
}

STROKE_WIDTH = 1.3
LINK_COLOUR = "#37414b"
SELECTION_COLOUR = "#1a73e8"
BACKGROUND = "#ffffff"
