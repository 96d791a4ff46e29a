"""Node sizes and outlines in diagram units (1 unit = 1 CSS pixel at 100 % zoom).

Every shape is centred on (0, 0): a node's position in the document is its centre. An outline
is a list of plain drawing instructions that the canvas turns into a QPainterPath and the SVG
export into elements, so both draw the same thing.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass

from gsn_studio.model import Node, NodeType
from gsn_studio.notation.metrics import LINE_HEIGHT_EM, mils_to_width, text_width
from gsn_studio.notation.rich_text import display_text
from gsn_studio.notation.wrap import wrap_measured

TEXT_SIZE = 11.0
ID_SIZE = 11.0
LINE_HEIGHT = round(TEXT_SIZE * LINE_HEIGHT_EM + 1, 1)
PADDING = 8.0
STRATEGY_SKEW = 14.0
CONTEXT_RADIUS = 14.0
LETTER_SIZE = 12.0
BADGE_SIZE = 8.0
BADGE_HEIGHT = 13.0
BADGE_PADDING = 4.0
BADGE_OVERHANG = 4.0
"""How far a badge pill sticks out to the right of the node's top-right corner."""
BADGE_CLEARANCE = 8.0
"""The least room between a node's top centre and its badge: an arrowhead is 10 wide."""
DIAMOND = 7.0
"""Half the width of the undeveloped diamond drawn under a goal or strategy."""

# Widest line of statement text per node type, before wrapping.
WRAP_WIDTH: dict[NodeType, float] = {
    NodeType.GOAL: 190,
    NodeType.STRATEGY: 190,
    NodeType.SOLUTION: 112,
    NodeType.CONTEXT: 170,
    NodeType.ASSUMPTION: 140,
    NodeType.JUSTIFICATION: 140,
    NodeType.COUNTER_GOAL: 190,
    NodeType.COUNTER_SOLUTION: 112,
}
MIN_TEXT_WIDTH = 60.0
TEXT_SLACK = 1.07


@dataclass(frozen=True, slots=True)
class Outline:
    """One drawing instruction: kind is rect, roundrect, polygon or ellipse."""

    kind: str
    points: tuple[tuple[float, float], ...] = ()
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0
    height: float = 0.0
    radius: float = 0.0


@dataclass(frozen=True, slots=True)
class Band:
    """The lower band of an away element (GSN v3 modular extension): a line across the
    shape, the module icon and the name of the module the element lives in."""

    divider_y: float
    text: str
    text_x: float
    text_top: float
    """y of the top of the module's name, as `Geometry.text_top` is of the id line."""
    icon: tuple[tuple[float, float], ...]
    """The module icon: a small rectangle with a tab, as a closed polygon."""


@dataclass(frozen=True, slots=True)
class Geometry:
    width: float
    height: float
    outline: Outline
    lines: tuple[str, ...]
    """Statement lines after wrapping; the id line sits above them."""
    text_left: float
    """x of the left edge of the text block, relative to the centre."""
    text_top: float
    """y of the top of the id line, relative to the centre."""
    text_width: float
    corner_letter: str = ""
    """'A' or 'J' drawn beside assumption and justification ovals, as the standard asks."""
    letter_x: float = 0.0
    letter_y: float = 0.0
    """Where the letter's baseline starts: just outside the oval, below and to the right."""
    band: Band | None = None

    @property
    def half_width(self) -> float:
        return self.width / 2

    @property
    def half_height(self) -> float:
        return self.height / 2


def geometry_of(node: Node) -> Geometry:
    if node.cites is not None:
        # away.py builds on this module: imported here, where it is first needed
        from gsn_studio.notation.away import away_geometry, module_geometry  # noqa: PLC0415

        if node.cites.element:
            return away_geometry(node.type, node.id, node.statement, node.cites.module)
        return module_geometry(node.id, node.statement, node.cites.module)
    return _geometry(node.type, node.id, node.statement)


# Named once: an enum member costs a Python call each time it is named (10,000 nodes open).
_CORNER_LETTERS = {NodeType.ASSUMPTION: "A", NodeType.JUSTIFICATION: "J"}
_CIRCLES = frozenset((NodeType.SOLUTION, NodeType.COUNTER_SOLUTION))
_STRATEGY, _CONTEXT = NodeType.STRATEGY, NodeType.CONTEXT


@functools.lru_cache(maxsize=65536)
def _geometry(node_type: NodeType, node_id: str, statement: str, caption: str = "") -> Geometry:
    wrapped, widest = wrap_measured(display_text(statement), WRAP_WIDTH[node_type], TEXT_SIZE)
    lines = tuple(wrapped)
    text_w = max(
        MIN_TEXT_WIDTH,
        text_width(node_id, ID_SIZE, bold=True),
        mils_to_width(widest, TEXT_SIZE),  # the widest line, as the wrapping measured it
    )
    if caption:
        lines = (*lines, caption)
        text_w = max(text_w, text_width(caption, TEXT_SIZE))
    # Renderers that hint glyphs at small sizes (cairo at 1x) draw text a few percent wider
    # than its nominal advances: leave that room so no line ever touches the outline.
    text_w *= TEXT_SLACK
    text_h = LINE_HEIGHT * (len(lines) + 1)
    letter = _CORNER_LETTERS.get(node_type, "")
    letter_at = (0.0, 0.0)

    if node_type in _CIRCLES:
        radius = math.hypot(text_w / 2, text_h / 2) + PADDING / 2
        outline = Outline("ellipse", x=-radius, y=-radius, width=2 * radius, height=2 * radius)
        width = height = 2 * radius
    elif letter:  # assumptions and justifications are ovals
        # The smallest ellipse of this aspect that holds the text box is sqrt(2) times it.
        rx = (text_w / 2 + PADDING) * math.sqrt(2)
        ry = (text_h / 2 + PADDING / 2) * math.sqrt(2)
        outline = Outline("ellipse", x=-rx, y=-ry, width=2 * rx, height=2 * ry)
        width, height = 2 * rx, 2 * ry
        letter_at = (rx * 0.74 + 3, ry * 0.74 + LETTER_SIZE)
    elif node_type is _STRATEGY:
        width = text_w + 2 * PADDING + 2 * STRATEGY_SKEW
        height = text_h + 2 * PADDING
        w, h, s = width / 2, height / 2, STRATEGY_SKEW
        outline = Outline("polygon", points=((-w + s, -h), (w, -h), (w - s, h), (-w, h)))
    elif node_type is _CONTEXT:
        width = text_w + 2 * PADDING + CONTEXT_RADIUS
        height = text_h + 2 * PADDING
        outline = Outline(
            "roundrect",
            x=-width / 2,
            y=-height / 2,
            width=width,
            height=height,
            radius=min(CONTEXT_RADIUS, height / 2),
        )
    else:  # goals and counter goals are rectangles
        width = text_w + 2 * PADDING
        height = text_h + 2 * PADDING
        outline = Outline("rect", x=-width / 2, y=-height / 2, width=width, height=height)

    return Geometry(
        width=round(width, 2),
        height=round(height, 2),
        outline=outline,
        lines=lines,
        text_left=-text_w / 2,
        text_top=-text_h / 2,
        text_width=text_w,
        corner_letter=letter,
        letter_x=round(letter_at[0], 2),
        letter_y=round(letter_at[1], 2),
    )


def diamond(geometry: Geometry) -> tuple[tuple[float, float], ...]:
    """The hollow undeveloped diamond, hanging below the bottom centre of a node."""
    top = geometry.half_height
    return ((0, top), (DIAMOND, top + DIAMOND), (0, top + 2 * DIAMOND), (-DIAMOND, top + DIAMOND))


def boundary_point(outline: Outline, dx: float, dy: float) -> tuple[float, float]:
    """Where a ray from the centre in direction (dx, dy) leaves the outline, relative to the
    centre: links start and end there, on the canvas and in exports alike."""
    if dx == 0 and dy == 0:
        return 0.0, 0.0
    if outline.kind == "ellipse":
        t = 1 / math.hypot(dx / (outline.width / 2), dy / (outline.height / 2))
    elif outline.kind == "rect":
        t = _box_exit(outline.width / 2, outline.height / 2, dx, dy)
    elif outline.kind == "roundrect":
        t = _rounded_exit(outline, dx, dy)
    else:
        t = _ray_exit(outline.points, dx, dy)
    return t * dx, t * dy


def _box_exit(half_width: float, half_height: float, dx: float, dy: float) -> float:
    return min(half_width / abs(dx) if dx else math.inf, half_height / abs(dy) if dy else math.inf)


def _rounded_exit(outline: Outline, dx: float, dy: float) -> float:
    """The box's exit, moved onto the corner arc when it falls within a rounded corner."""
    half_width, half_height, radius = outline.width / 2, outline.height / 2, outline.radius
    t = _box_exit(half_width, half_height, dx, dy)
    inner_x, inner_y = half_width - radius, half_height - radius
    if radius <= 0 or abs(t * dx) <= inner_x or abs(t * dy) <= inner_y:
        return t
    # Leave the circle of the corner: the larger root of |t * d - c| = radius.
    cx, cy = math.copysign(inner_x, dx), math.copysign(inner_y, dy)
    a = dx * dx + dy * dy
    b = dx * cx + dy * cy
    c = cx * cx + cy * cy - radius * radius
    return (b + math.sqrt(max(0.0, b * b - a * c))) / a


def _ray_exit(polygon: tuple[tuple[float, float], ...], dx: float, dy: float) -> float:
    """The smallest t > 0 at which t * (dx, dy) meets an edge of the polygon."""
    best = math.inf
    for (px, py), (qx, qy) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        ex, ey = qx - px, qy - py
        denominator = dx * ey - dy * ex
        if abs(denominator) < 1e-12:
            continue
        t = (px * ey - py * ex) / denominator
        s = (px * dy - py * dx) / denominator
        if t > 0 and -1e-9 <= s <= 1 + 1e-9:
            best = min(best, t)
    return 0.0 if best == math.inf else best


def badge_box(
    geometry: Geometry, word: str, left: bool = False
) -> tuple[float, float, float, float]:
    """x, y, width and height of a status badge pill: centred on the shape's top-right
    corner (on the outline, for ovals), sticking out a little to the right; or, with
    `left`, the mirror image at the top-left corner.

    A badge wider than the space between the top centre and that corner moves outwards, so
    that it never hides the arrowhead of a link arriving at the top centre of a small node."""
    outline = geometry.outline
    if outline.kind == "ellipse":
        x, y = geometry.half_width * math.sqrt(0.5), -geometry.half_height * math.sqrt(0.5)
    elif outline.kind == "polygon":  # the strategy's top edge is shorter on the left
        top = min(py for _, py in outline.points)
        edge = [px for px, py in outline.points if py == top]
        x, y = (-min(edge) if left else max(edge)), top
    else:
        x, y = geometry.half_width, -geometry.half_height
    width = _badge_width(word)
    right = max(x + BADGE_OVERHANG, BADGE_CLEARANCE + width)
    return (-right if left else right - width), y - BADGE_HEIGHT / 2, width, BADGE_HEIGHT


@functools.lru_cache(maxsize=64)
def _badge_width(word: str) -> float:
    """A status badge's pill width: the few badge words, measured once each."""
    return text_width(word, BADGE_SIZE, bold=True) + 2 * BADGE_PADDING


Head = tuple[float, float, float, float]
"""An arrowhead arriving at a node: its tip and the middle of its base, from the centre."""


def badge_on_left(geometry: Geometry, word: str, heads: Iterable[Head]) -> bool:
    """Whether the badge moves to the top-left corner: when an arrowhead would be hidden
    under it at the top right and would not be at the top left."""
    heads = list(heads)
    if not heads:
        return False

    def hidden(left: bool) -> int:
        x, y, width, height = badge_box(geometry, word, left)
        # A head is about 10 wide: grow the pill by half that, and test tip, middle, base.
        x0, y0, x1, y1 = x - 5, y - 5, x + width + 5, y + height + 5
        return sum(
            any(
                x0 <= px <= x1 and y0 <= py <= y1
                for px, py in ((tx, ty), ((tx + bx) / 2, (ty + by) / 2), (bx, by))
            )
            for tx, ty, bx, by in heads
        )

    return hidden(False) > hidden(True)
