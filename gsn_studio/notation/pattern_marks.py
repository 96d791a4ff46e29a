"""Where pattern and confidence notation is drawn, as plain shapes the canvas and the SVG
export both paint: the multiplicity ball (solid; hollow for optional) with its label near the
arrowhead, the choice diamond with "m of n" near the start of each branch, the ACP's black
square at a link's middle or an element's top-left corner, and the uninstantiated triangle
under an element (inside the undeveloped diamond when it is both).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from gsn_studio.model import Link, Node
from gsn_studio.model.patterns import AssuranceClaimPoint
from gsn_studio.notation.geometry import DIAMOND, Geometry

Point = tuple[float, float]
Shape = Literal["ball", "diamond", "square", "triangle", "label"]

BALL = 4.5
"""Radius of the multiplicity ball."""
CHOICE = 6.0
"""Half the width of the choice diamond."""
ACP_SQUARE = 7.0
LABEL_SIZE = 9.0
_HEAD_ROOM = 14.0
"""How far before the target's outline the ball sits: just behind the arrowhead."""


@dataclass(frozen=True, slots=True)
class Mark:
    shape: Shape
    x: float
    y: float
    size: float = 0.0
    """Radius, half width or side; for a label, the font size."""
    filled: bool = True
    text: str = ""
    """A label's text; on other shapes, the name it carries (an ACP's)."""
    anchor: Literal["start", "end"] = "start"
    """Whether a label starts or ends at x."""


def choice_labels(links: Iterable[Link]) -> dict[tuple[str, str], str]:
    """The "m of n" label of each choice, on the first of its links (the others only show
    their diamond): by (source, target)."""
    groups: dict[str, list[Link]] = {}
    for link in links:
        if link.choice is not None and link.via is None:
            groups.setdefault(link.source, []).append(link)
    labels: dict[tuple[str, str], str] = {}
    for source, members in groups.items():
        rule = members[0].choice
        assert rule is not None
        picked = (
            str(rule.at_most)
            if rule.at_least == rule.at_most
            else f"{rule.at_least}–{rule.at_most}"
        )
        labels[(source, members[0].target)] = f"{picked} of {len(members)}"
    return labels


def link_marks(link: Link, path: Sequence[Point], choice_label: str = "") -> list[Mark]:
    """The marks on a link drawn along `path` (from the source's outline to the target's,
    bent around nodes): the choice diamond on its first leg, the multiplicity ball on its
    last; `choice_label` from `choice_labels`."""
    if len(path) < 2:
        return []
    marks: list[Mark] = []
    multiplicity = link.multiplicity
    last = _leg(path[-2], path[-1])
    if multiplicity is not None and last is not None and last[2] > _HEAD_ROOM + 2 * BALL:
        (x2, y2), (ux, uy) = path[-1], last[:2]
        bx, by = x2 - ux * (_HEAD_ROOM + BALL), y2 - uy * (_HEAD_ROOM + BALL)
        marks.append(Mark("ball", bx, by, BALL, filled=not multiplicity.hollow))
        if multiplicity.label():
            marks.append(_beside((bx, by), (ux, uy), BALL, multiplicity.label()))
    first = _leg(path[0], path[1])
    # A bent link's first leg may be a short stub: the diamond fits if the whole path is long.
    if link.choice is not None and first is not None and _length(path) > 4 * CHOICE:
        (x1, y1), (ux, uy) = path[0], first[:2]
        cx, cy = x1 + ux * (CHOICE + 2), y1 + uy * (CHOICE + 2)
        marks.append(Mark("diamond", cx, cy, CHOICE, filled=False))
        if choice_label:
            marks.append(_beside((cx, cy), (ux, uy), CHOICE, choice_label))
    return marks


def acp_on_link(acp: AssuranceClaimPoint, path: Sequence[Point]) -> list[Mark]:
    """An ACP on a link: a black square halfway along its path, named beside it."""
    if len(path) < 2:
        return []
    mx, my, ux, uy = _halfway(path)
    return [
        Mark("square", mx, my, ACP_SQUARE, text=acp.name),
        _beside((mx, my), (ux, uy), ACP_SQUARE / 2, acp.name),
    ]


def _leg(a: Point, b: Point) -> tuple[float, float, float] | None:
    """The unit direction and length of one straight piece of a path; None if too short."""
    length = math.hypot(b[0] - a[0], b[1] - a[1])
    if length < 1:
        return None
    return (b[0] - a[0]) / length, (b[1] - a[1]) / length, length


def _halfway(path: Sequence[Point]) -> tuple[float, float, float, float]:
    """The point halfway along a path and the direction of the leg it lies on."""
    remaining = _length(path) / 2
    legs = [(a, leg) for a, b in itertools.pairwise(path) if (leg := _leg(a, b)) is not None]
    for number, ((x, y), (ux, uy, length)) in enumerate(legs, start=1):
        if remaining <= length or number == len(legs):
            return x + ux * remaining, y + uy * remaining, ux, uy
        remaining -= length
    (x, y), (bx, by) = path[0], path[-1]
    return (x + bx) / 2, (y + by) / 2, 1.0, 0.0


def _length(path: Sequence[Point]) -> float:
    return sum(math.dist(a, b) for a, b in itertools.pairwise(path))


def acp_on_node(acp: AssuranceClaimPoint, geometry: Geometry, index: int = 0) -> list[Mark]:
    """An ACP on an element: a black square on its top-left corner (the next ones below),
    named just above the element, clear of the status badge on the right; relative to the
    element's centre."""
    x = -geometry.half_width
    y = -geometry.half_height + index * (ACP_SQUARE + 4)
    label_y = -geometry.half_height - 3 - index * (LABEL_SIZE + 1)
    return [
        Mark("square", x, y, ACP_SQUARE, text=acp.name),
        Mark("label", x + ACP_SQUARE, label_y, LABEL_SIZE, text=acp.name),
    ]


def node_marks(node: Node, geometry: Geometry) -> list[Mark]:
    """The uninstantiated triangle under an element, relative to its centre: alone just
    below it, or inside the undeveloped diamond when the element is both."""
    if not node.uninstantiated:
        return []
    top = geometry.half_height
    if node.undeveloped:
        return [Mark("triangle", 0, top + DIAMOND, DIAMOND * 0.55, filled=False)]
    return [Mark("triangle", 0, top + DIAMOND, DIAMOND, filled=False)]


def extent(mark: Mark) -> tuple[float, float, float, float]:
    """Left, top, right and bottom of what a mark draws (a label's width estimated)."""
    if mark.shape == "label":
        width = len(mark.text) * mark.size * 0.62
        left = mark.x - width if mark.anchor == "end" else mark.x
        return left, mark.y - mark.size, left + width, mark.y + mark.size * 0.3
    reach = mark.size + 1
    return mark.x - reach, mark.y - reach, mark.x + reach, mark.y + reach


def moved(mark: Mark, dx: float, dy: float) -> Mark:
    return Mark(
        mark.shape, mark.x + dx, mark.y + dy, mark.size, mark.filled, mark.text, mark.anchor
    )


def triangle_points(mark: Mark) -> tuple[Point, ...]:
    """An upward hollow triangle centred on the mark (the standard's uninstantiated sign)."""
    s = mark.size
    return ((mark.x, mark.y - s), (mark.x + s, mark.y + s * 0.8), (mark.x - s, mark.y + s * 0.8))


def diamond_points(mark: Mark) -> tuple[Point, ...]:
    s = mark.size
    return ((mark.x, mark.y - s), (mark.x + s, mark.y), (mark.x, mark.y + s), (mark.x - s, mark.y))


def _beside(at: Point, direction: Point, gap: float, text: str) -> Mark:
    """A label to the side of a point on a link, on the right of its direction."""
    (x, y), (ux, uy) = at, direction
    nx, ny = -uy, ux
    if nx < 0:  # keep labels to the right of the line, where they read naturally
        nx, ny = -nx, -ny
    return Mark(
        "label", x + nx * (gap + 3), y + ny * (gap + 3) + LABEL_SIZE / 3, LABEL_SIZE, text=text
    )
