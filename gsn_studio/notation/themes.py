"""Colour themes for figures: light (the canvas), dark (dark slides), print (greyscale-safe).

Status is carried by badge words and dash patterns in every theme, so the print theme
loses nothing when colour does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from gsn_studio.model import NodeType
from gsn_studio.notation.palette import (
    BACKGROUND,
    LINK_COLOUR,
    STATUS_MARKS,
    TYPE_LOOKS,
    Look,
    Status,
    StatusMark,
)


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    link: str
    invalid_link: str
    looks: dict[NodeType, Look]
    marks: dict[Status, StatusMark]
    badge_text: str
    legend_text: str


LIGHT = Theme(
    name="light",
    background=BACKGROUND,
    link=LINK_COLOUR,
    invalid_link="#c62828",
    looks=TYPE_LOOKS,
    marks=STATUS_MARKS,
    badge_text="#ffffff",
    legend_text="#1b1f24",
)

_DARK_TEXT = "#e8eaed"
DARK = Theme(
    name="dark",
    background="#1f2329",
    link="#aab4be",
    invalid_link="#ff6b6b",
    looks={
        NodeType.GOAL: Look("#22344f", "#8db4ec", _DARK_TEXT),
        NodeType.STRATEGY: Look("#243b25", "#93c98a", _DARK_TEXT),
        NodeType.SOLUTION: Look("#3d3419", "#e0c36b", _DARK_TEXT),
        NodeType.CONTEXT: Look("#2e3135", "#b5b9be", _DARK_TEXT),
        NodeType.ASSUMPTION: Look("#35273d", "#c9a3df", _DARK_TEXT),
        NodeType.JUSTIFICATION: Look("#1f3838", "#86c9c9", _DARK_TEXT),
        NodeType.COUNTER_GOAL: Look("#472424", "#f08c8c", _DARK_TEXT),
        NodeType.COUNTER_SOLUTION: Look("#472424", "#f08c8c", _DARK_TEXT),
    },
    marks={
        Status.UNDEVELOPED: replace(
            STATUS_MARKS[Status.UNDEVELOPED], fill="#5a4214", stroke="#ffb74d"
        ),
        Status.EXPIRED: replace(STATUS_MARKS[Status.EXPIRED], fill="#5c1f1f", stroke="#ff6b6b"),
    },
    badge_text="#1f2329",
    legend_text=_DARK_TEXT,
)

_INK = "#000000"
PRINT = Theme(
    name="print",
    background="#ffffff",
    link=_INK,
    invalid_link=_INK,
    looks=dict.fromkeys(NodeType, Look("#ffffff", _INK, _INK)),
    marks={
        Status.UNDEVELOPED: replace(STATUS_MARKS[Status.UNDEVELOPED], fill="#eeeeee", stroke=_INK),
        Status.EXPIRED: replace(STATUS_MARKS[Status.EXPIRED], fill="#d9d9d9", stroke=_INK),
    },
    badge_text="#ffffff",
    legend_text=_INK,
)

THEMES = {theme.name: theme for theme in (LIGHT, DARK, PRINT)}
