"""Colour themes for figures: light (the canvas), dark (dark slides), print (greyscale-safe).

Status is carried by badge words and dash patterns in every theme, so the print theme
loses nothing when colour does. Every theme has a mark for every status.
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

CHALLENGE_COLOUR = "#6a1b9a"
"""Challenge links take the defeaters' purple, so they read as part of the counter argument
and never as the red of a link that breaks the rules."""
CHALLENGE_DASH = (7.0, 3.0, 1.5, 3.0)
"""Dash-dot: an illegal link is evenly dashed, so the two differ in greyscale too."""
ILLEGAL_DASH = (5.0, 3.0)
REFUTED_OPACITY = 0.4
"""A refuted defeater's challenge is drawn faded, on the canvas and in figures: it no longer
counts, but the argument's history stays in view."""
DIMMED_OPACITY = 0.2
"""Elements a query does not match, on the canvas and in a filtered figure: there to keep the
matches in their place, faint enough that the eye goes to the matches."""

QUIET = frozenset({Status.SUPPORTED})
"""Marks drawn without their badge: on a large argument most goals hold, and a pill on
each drew the eye away from the few that do not. Fill and outline still show them."""


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
    challenge_link: str = CHALLENGE_COLOUR


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


def _recoloured(colours: dict[Status, tuple[str, str]]) -> dict[Status, StatusMark]:
    """The light marks with other fill and stroke colours; dashes, badges, labels kept."""
    return {
        status: replace(STATUS_MARKS[status], fill=fill, stroke=stroke)
        for status, (fill, stroke) in colours.items()
    }


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
    # Dark fills keep the text light; strokes (and so badges, which are drawn in the stroke
    # colour with dark text) are bright.
    marks=_recoloured(
        {
            Status.SUPPORTED: ("#1e3a22", "#81c784"),
            Status.UNDEVELOPED: ("#5a4214", "#ffb74d"),
            Status.INCOMPLETE: ("#3f3320", "#ffcc80"),
            Status.WEAKENED: ("#4e2a1a", "#ff8a65"),
            Status.DEFEATED: ("#3a3a3a", "#e0e0e0"),
            Status.EXPIRED: ("#5c1f1f", "#ff6b6b"),
            Status.EXPIRING: ("#4a4216", "#fff176"),
            Status.CHANGED: ("#5c1f1f", "#ff6b6b"),
            Status.MISSING: ("#5c1f1f", "#ff6b6b"),
            Status.FAILING: ("#5c1f1f", "#ff6b6b"),
            Status.UNMEASURED: ("#4a2323", "#ef9a9a"),
            Status.OPEN: ("#3b2745", "#ce93d8"),
            Status.REFUTED: ("#2e3135", "#9e9e9e"),
            Status.ACCEPTED: ("#4a2360", "#e1bee7"),
        }
    ),
    badge_text="#1f2329",
    legend_text=_DARK_TEXT,
    challenge_link="#ce93d8",
)

_INK = "#000000"
PRINT_GREYS = ("#ffffff", "#eeeeee", "#d9d9d9", "#bdbdbd")
"""The only fills the print theme uses besides ink: they stay apart on a laser printer."""
_WHITE, _LIGHT, _MID, _DARK = PRINT_GREYS
PRINT = Theme(
    name="print",
    background="#ffffff",
    link=_INK,
    invalid_link=_INK,
    looks=dict.fromkeys(NodeType, Look("#ffffff", _INK, _INK)),
    # Grey levels say how bad it is (white: fine, light: to do, mid: broken, dark: defeated);
    # the dash pattern and the badge word say which status it is.
    marks=_recoloured(
        {
            Status.SUPPORTED: (_WHITE, _INK),
            Status.UNDEVELOPED: (_LIGHT, _INK),
            Status.INCOMPLETE: (_WHITE, _INK),
            Status.WEAKENED: (_LIGHT, _INK),
            Status.DEFEATED: (_DARK, _INK),
            Status.EXPIRED: (_MID, _INK),
            Status.EXPIRING: (_LIGHT, _INK),
            Status.CHANGED: (_MID, _INK),
            Status.MISSING: (_MID, _INK),
            Status.FAILING: (_MID, _INK),
            Status.UNMEASURED: (_LIGHT, _INK),
            Status.OPEN: (_LIGHT, _INK),
            Status.REFUTED: (_WHITE, _INK),
            Status.ACCEPTED: (_MID, _INK),
        }
    ),
    badge_text="#ffffff",
    legend_text=_INK,
    challenge_link=_INK,
)

THEMES = {theme.name: theme for theme in (LIGHT, DARK, PRINT)}
