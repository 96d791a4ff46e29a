"""SVG for slide decks: vector only, real text, one <g> per node with the GSN id as its id.

Shapes, sizes, line breaks and colours come from `gsn_studio.notation`, the same definitions
the canvas draws from. Every string is escaped, so a statement is always shown as text.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from gsn_studio.model import Case, LinkKind, Node, NodeType, Position, link_violation
from gsn_studio.notation.geometry import (
    BADGE_HEIGHT,
    BADGE_PADDING,
    BADGE_SIZE,
    DIAMOND,
    ID_SIZE,
    LETTER_SIZE,
    LINE_HEIGHT,
    TEXT_SIZE,
    Geometry,
    Outline,
    badge_box,
    boundary_point,
    diamond,
    geometry_of,
)
from gsn_studio.notation.metrics import ASCENT_EM, FALLBACK_FAMILIES, text_width
from gsn_studio.notation.palette import STROKE_WIDTH, Status
from gsn_studio.notation.themes import LIGHT, Theme

MARGIN = 16.0
LEGEND_ROW = 22.0
TYPE_CLASS = {
    NodeType.GOAL: "gsn-goal",
    NodeType.STRATEGY: "gsn-strategy",
    NodeType.SOLUTION: "gsn-solution",
    NodeType.CONTEXT: "gsn-context",
    NodeType.ASSUMPTION: "gsn-assumption",
    NodeType.JUSTIFICATION: "gsn-justification",
    NodeType.COUNTER_GOAL: "gsn-counter-goal",
    NodeType.COUNTER_SOLUTION: "gsn-counter-solution",
}


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def union(self, other: Box) -> Box:
        return Box(
            min(self.left, other.left),
            min(self.top, other.top),
            max(self.right, other.right),
            max(self.bottom, other.bottom),
        )


def badge_width(word: str) -> float:
    return text_width(word, BADGE_SIZE, bold=True) + 2 * BADGE_PADDING


def node_box(node: Node, position: Position, status: Status) -> Box:
    """Everything a node draws: shape, diamond, letter and badge."""
    g = geometry_of(node)
    left, right = position.x - g.half_width, position.x + g.half_width
    top, bottom = position.y - g.half_height, position.y + g.half_height
    if node.undeveloped:
        bottom += 2 * DIAMOND + 1
    if g.corner_letter:
        right = max(right, position.x + g.letter_x + 10)
        bottom = max(bottom, position.y + g.letter_y + 3)
    if status is not Status.NONE:
        top -= BADGE_HEIGHT / 2 + 1
        right = max(right, position.x + g.half_width + 6)
    return Box(left - 2, top - 2, right + 2, bottom + 2)


def render_svg(
    case: Case,
    positions: Mapping[str, Position],
    statuses: Mapping[str, Status],
    theme: Theme = LIGHT,
    *,
    legend: bool = False,
    background: bool = True,
    title: str | None = None,
) -> str:
    """The figure as an SVG document. Nodes without a position are left out."""
    nodes = [node for node in case.index().values() if node.id in positions]
    shown = {node.id: node for node in nodes}
    bounds: Box | None = None
    for node in nodes:
        box = node_box(node, positions[node.id], statuses.get(node.id, Status.NONE))
        bounds = box if bounds is None else bounds.union(box)
    if bounds is None:
        bounds = Box(0, 0, 100, 40)
    legend_top = bounds.bottom + MARGIN
    legend_parts: list[str] = []
    if legend:
        legend_parts, legend_box = _legend(theme, bounds.left, legend_top, statuses)
        bounds = bounds.union(legend_box)
    x, y = bounds.left - MARGIN, bounds.top - MARGIN
    width, height = bounds.right - bounds.left + 2 * MARGIN, bounds.bottom - bounds.top + 2 * MARGIN

    out: list[str] = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="{_n(x)} {_n(y)} '
        f'{_n(width)} {_n(height)}" width="{_n(width)}" height="{_n(height)}" '
        f'font-family={quoteattr(FALLBACK_FAMILIES)} class="gsn-case theme-{theme.name}">\n',
        f"<title>{escape(title or case.name or 'GSN argument')}</title>\n",
        _defs(theme),
    ]
    if background:
        out.append(
            f'<rect class="gsn-background" x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" '
            f'height="{_n(height)}" fill="{theme.background}"/>\n'
        )
    out.append('<g class="gsn-links">\n')
    for link in case.ordered_links():
        source, target = shown.get(link.source), shown.get(link.target)
        if source is None or target is None:
            continue
        out.append(_link(source, target, link.kind, positions, theme))
    # Shared text attributes sit on the group, so each node's text stays short.
    out.append(
        f'</g>\n<g class="gsn-nodes" font-size="{_n(TEXT_SIZE)}" '
        f'fill="{theme.looks[NodeType.GOAL].text}">\n'
    )
    for node in nodes:
        out.append(_node(node, positions[node.id], statuses.get(node.id, Status.NONE), theme))
    out.append("</g>\n")
    out.extend(legend_parts)
    out.append("</svg>\n")
    return "".join(out)


def _defs(theme: Theme) -> str:
    solid = (
        '<marker id="gsn-supported-by" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{theme.link}"/></marker>'
    )
    hollow = (
        '<marker id="gsn-in-context-of" viewBox="-1 -1 12 12" refX="10" refY="5" '
        'markerWidth="11" markerHeight="11" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{theme.background}" stroke="{theme.link}" '
        'stroke-width="1.2"/></marker>'
    )
    invalid = solid.replace("gsn-supported-by", "gsn-invalid").replace(
        f'fill="{theme.link}"', f'fill="{theme.invalid_link}"'
    )
    return f"<defs>{solid}{hollow}{invalid}</defs>\n"


def _link(
    source: Node, target: Node, kind: LinkKind, positions: Mapping[str, Position], theme: Theme
) -> str:
    start, end = positions[source.id], positions[target.id]
    dx, dy = end.x - start.x, end.y - start.y
    if math.hypot(dx, dy) < 1:
        return ""
    sx, sy = boundary_point(geometry_of(source).outline, dx, dy)
    ex, ey = boundary_point(geometry_of(target).outline, -dx, -dy)
    problem = link_violation(kind, source.id, source.type, target.id, target.type)
    name = "supported-by" if kind is LinkKind.SUPPORTED_BY else "in-context-of"
    colour, marker, extra = theme.link, f"gsn-{name}", ""
    if problem:
        colour, marker = theme.invalid_link, "gsn-invalid"
        extra = ' stroke-dasharray="5 3"'
    return (
        f'<path class="gsn-link {name}{" invalid" if problem else ""}" '
        f"data-source={quoteattr(source.id)} data-target={quoteattr(target.id)} "
        f'd="M{_n(start.x + sx)},{_n(start.y + sy)} L{_n(end.x + ex)},{_n(end.y + ey)}" '
        f'fill="none" stroke="{colour}" stroke-width="1.3"{extra} marker-end="url(#{marker})"/>\n'
    )


def _node(node: Node, position: Position, status: Status, theme: Theme) -> str:
    g = geometry_of(node)
    look = theme.looks[node.type]
    fill, stroke, width, dash = look.fill, look.stroke, STROKE_WIDTH, ""
    classes = [TYPE_CLASS[node.type]]
    mark = theme.marks.get(status)
    if mark is not None:
        classes.append(status.value)
        fill, stroke, width = mark.fill, mark.stroke, mark.stroke_width
        dash = f' stroke-dasharray="{" ".join(_n(d) for d in mark.dash)}"'
    if node.undeveloped:
        classes.append("marked-undeveloped")
    parts = [
        f'<g id={quoteattr(node.id)} class="gsn-node {" ".join(classes)}" '
        f'transform="translate({_n(position.x)} {_n(position.y)})">',
        _shape(g.outline, f'fill="{fill}" stroke="{stroke}" stroke-width="{_n(width)}"{dash}'),
    ]
    if node.undeveloped:
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in diamond(g))
        parts.append(
            f'<polygon class="gsn-undeveloped-mark" points="{points}" fill="{theme.background}" '
            f'stroke="{look.stroke}" stroke-width="{_n(STROKE_WIDTH)}"/>'
        )
    if g.corner_letter:
        parts.append(
            f'<text class="gsn-letter" x="{_n(g.letter_x)}" y="{_n(g.letter_y)}" '
            f'font-size="{_n(LETTER_SIZE)}" font-weight="bold" fill="{look.stroke}">'
            f"{g.corner_letter}</text>"
        )
    parts.append(_texts(node, g, look.text, theme.looks[NodeType.GOAL].text))
    if mark is not None:
        parts.append(_badge(g, mark.badge, mark.stroke, theme.badge_text))
    parts.append("</g>\n")
    return "".join(parts)


def _texts(node: Node, g: Geometry, colour: str, default_colour: str) -> str:
    left = g.text_left
    baseline = g.text_top + ID_SIZE * ASCENT_EM
    fill = "" if colour == default_colour else f' fill="{colour}"'
    size = "" if ID_SIZE == TEXT_SIZE else f' font-size="{_n(ID_SIZE)}"'
    pieces = [
        f'<text class="gsn-id" x="{_n(left)}" y="{_n(baseline)}"{size} '
        f'font-weight="bold"{fill}>{escape(node.id)}</text>'
    ]
    if any(g.lines):
        # Each line one LINE_HEIGHT below the one before, the first below the id.
        spans = [
            f'<tspan x="{_n(left)}" dy="{_n(LINE_HEIGHT)}">{escape(line) or " "}</tspan>'
            for line in g.lines
        ]
        pieces.append(
            f'<text class="gsn-statement" x="{_n(left)}" y="{_n(baseline)}"{fill} '
            'xml:space="preserve">' + "".join(spans) + "</text>"
        )
    return "".join(pieces)


def _badge(g: Geometry, word: str, colour: str, text_colour: str) -> str:
    x, y, width, height = badge_box(g, word)
    return (
        f'<g class="gsn-badge"><rect x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" '
        f'height="{_n(height)}" rx="{_n(height / 2)}" fill="{colour}"/>'
        f'<text x="{_n(x + width / 2)}" y="{_n(y + height / 2 + BADGE_SIZE * 0.36)}" '
        f'font-size="{_n(BADGE_SIZE)}" font-weight="bold" text-anchor="middle" '
        f'fill="{text_colour}">{escape(word)}</text></g>'
    )


def _shape(outline: Outline, style: str) -> str:
    if outline.kind == "rect":
        return (
            f'<rect x="{_n(outline.x)}" y="{_n(outline.y)}" width="{_n(outline.width)}" '
            f'height="{_n(outline.height)}" {style}/>'
        )
    if outline.kind == "roundrect":
        return (
            f'<rect x="{_n(outline.x)}" y="{_n(outline.y)}" width="{_n(outline.width)}" '
            f'height="{_n(outline.height)}" rx="{_n(outline.radius)}" {style}/>'
        )
    if outline.kind == "ellipse":
        return (
            f'<ellipse cx="0" cy="0" rx="{_n(outline.width / 2)}" '
            f'ry="{_n(outline.height / 2)}" {style}/>'
        )
    points = " ".join(f"{_n(x)},{_n(y)}" for x, y in outline.points)
    return f'<polygon points="{points}" {style}/>'


def _legend(
    theme: Theme, left: float, top: float, statuses: Mapping[str, Status]
) -> tuple[list[str], Box]:
    """Element types and the status marks used in the figure, in a row of keys."""
    entries: list[str] = ['<g class="gsn-legend">\n']
    x = left
    row_mid = top + LEGEND_ROW / 2
    for node_type in (
        NodeType.GOAL,
        NodeType.STRATEGY,
        NodeType.SOLUTION,
        NodeType.CONTEXT,
        NodeType.ASSUMPTION,
        NodeType.JUSTIFICATION,
    ):
        look = theme.looks[node_type]
        entries.append(_swatch(node_type, x + 12, row_mid, look.fill, look.stroke))
        label = node_type.value
        entries.append(_legend_text(x + 28, row_mid, label, theme.legend_text))
        x += 34 + text_width(label, 10)
    bottom = top + LEGEND_ROW
    x2 = left
    for status in (Status.UNDEVELOPED, Status.EXPIRED):
        mark = theme.marks[status]
        dash = " ".join(_n(d) for d in mark.dash)
        y = bottom + LEGEND_ROW / 2
        entries.append(
            f'<rect x="{_n(x2)}" y="{_n(y - 7)}" width="24" height="14" fill="{mark.fill}" '
            f'stroke="{mark.stroke}" stroke-width="{_n(mark.stroke_width)}" '
            f'stroke-dasharray="{dash}"/>'
        )
        badge = badge_width(mark.badge)
        entries.append(
            f'<rect x="{_n(x2 + 30)}" y="{_n(y - BADGE_HEIGHT / 2)}" width="{_n(badge)}" '
            f'height="{_n(BADGE_HEIGHT)}" rx="{_n(BADGE_HEIGHT / 2)}" fill="{mark.stroke}"/>'
            f'<text x="{_n(x2 + 30 + badge / 2)}" y="{_n(y + BADGE_SIZE * 0.36)}" '
            f'font-size="{_n(BADGE_SIZE)}" font-weight="bold" text-anchor="middle" '
            f'fill="{theme.badge_text}">{escape(mark.badge)}</text>'
        )
        entries.append(_legend_text(x2 + 36 + badge, y, mark.label, theme.legend_text))
        x2 += 48 + badge + text_width(mark.label, 10)
    entries.append("</g>\n")
    return entries, Box(left, top, max(x, x2), bottom + LEGEND_ROW)


def _swatch(node_type: NodeType, cx: float, cy: float, fill: str, stroke: str) -> str:
    g = geometry_of(Node(id="X", type=node_type, statement="x"))
    scale = min(22 / g.width, 14 / g.height)
    return (
        f'<g transform="translate({_n(cx)} {_n(cy)}) scale({scale:.3f})">'
        + _shape(g.outline, f'fill="{fill}" stroke="{stroke}" stroke-width="{_n(1.2 / scale)}"')
        + "</g>"
    )


def _legend_text(x: float, y: float, text: str, colour: str) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y + 3.5)}" font-size="10" fill="{colour}">{escape(text)}</text>'
    )


def _n(value: float) -> str:
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text
