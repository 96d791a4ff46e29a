"""The fold marker and the fold toggle: where they sit on a node and what they say, for the
canvas and the figures alike.

A folded node carries a pill just below its bottom edge, "+12 WEAKENED": how many nodes are
folded away under it and the worst status among them, coloured as that status is, so a
problem hidden by folding still shows. An unfolded node with support below has a small
round "−" toggle at the same spot on the canvas (figures leave it out).
"""

from __future__ import annotations

from dataclasses import dataclass

from gsn_studio.notation.geometry import Geometry
from gsn_studio.notation.metrics import text_width
from gsn_studio.notation.palette import STATUS_MARKS, Status, StatusMark

MARKER_SIZE = 9.0
"""Font size of the marker's text."""
MARKER_HEIGHT = 15.0
MARKER_PADDING = 5.0
MARKER_GAP = 4.0
"""Room between the node's bottom edge and the marker."""
TOGGLE_RADIUS = 6.0
NEUTRAL_FILL = "#ffffff"
NEUTRAL_STROKE = "#37414b"
"""A marker whose folded nodes carry no status: the link colour."""


@dataclass(frozen=True)
class FoldMarker:
    count: int
    status: Status = Status.NONE

    @property
    def mark(self) -> StatusMark | None:
        return STATUS_MARKS.get(self.status)

    @property
    def text(self) -> str:
        """ "+12 WEAKENED": the colour is never the only sign of a status."""
        mark = self.mark
        return f"+{self.count} {mark.badge}" if mark is not None else f"+{self.count}"

    @property
    def tooltip(self) -> str:
        if self.count == 0:
            return "Folded, but what it folds is shown through another branch. Click to unfold."
        nodes = "node" if self.count == 1 else "nodes"
        mark = self.mark
        worst = f"; the worst of them: {mark.label}" if mark is not None else ""
        return f"{self.count} {nodes} folded away below{worst}. Click to unfold."

    def colours(self) -> tuple[str, str]:
        """Fill and outline."""
        mark = self.mark
        return (mark.fill, mark.stroke) if mark is not None else (NEUTRAL_FILL, NEUTRAL_STROKE)


def marker_box(geometry: Geometry, marker: FoldMarker) -> tuple[float, float, float, float]:
    """x, y, width and height of the marker, from the node's centre: centred below it."""
    width = text_width(marker.text, MARKER_SIZE, bold=True) + 2 * MARKER_PADDING
    return -width / 2, geometry.half_height + MARKER_GAP, width, MARKER_HEIGHT


def toggle_centre(geometry: Geometry) -> tuple[float, float]:
    """Where the round unfolded-node toggle sits: below the bottom edge, off the centre line
    where links to the supporting nodes leave."""
    return TOGGLE_RADIUS * 2.5, geometry.half_height + MARKER_GAP + TOGGLE_RADIUS
