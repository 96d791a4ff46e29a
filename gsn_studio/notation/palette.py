"""Colours and status marks. Status is never shown by colour alone: each has a dash pattern
and a badge word too, so it reads in greyscale and for colour-blind readers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

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
    """What the canvas and the exports mark on a node."""

    NONE = ""
    UNDEVELOPED = "undeveloped"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class StatusMark:
    fill: str
    stroke: str
    stroke_width: float
    dash: tuple[float, ...]
    badge: str
    label: str
    """What the legend says."""


STATUS_MARKS: dict[Status, StatusMark] = {
    Status.UNDEVELOPED: StatusMark(
        "#ffe7b8", "#b86e00", 2.0, (6.0, 3.0), "TO DO", "Undeveloped: no support yet"
    ),
    Status.EXPIRED: StatusMark(
        "#f8d3d3", "#c62828", 2.5, (2.0, 2.0), "EXPIRED", "Evidence past its valid-until date"
    ),
}

STROKE_WIDTH = 1.3
LINK_COLOUR = "#37414b"
SELECTION_COLOUR = "#1a73e8"
BACKGROUND = "#ffffff"


class _FindingLike(Protocol):
    @property
    def code(self) -> str: ...

    @property
    def node(self) -> str | None: ...


_STATUS_OF_CODE = {
    "undeveloped-goal": Status.UNDEVELOPED,
    "undeveloped-strategy": Status.UNDEVELOPED,
    "expired-evidence": Status.EXPIRED,
}


def statuses_from(findings: Iterable[_FindingLike]) -> dict[str, Status]:
    """The status mark of each node, from check findings (the one source of truth)."""
    statuses: dict[str, Status] = {}
    for finding in findings:
        status = _STATUS_OF_CODE.get(finding.code)
        if status is not None and finding.node is not None:
            statuses[finding.node] = status
    return statuses
