"""Links in the figure: straight paths between node outlines with the arrowheads of GSN.

A challenge (the dialectic extension) is a dash-dot path in the theme's challenge colour,
ending in a solid head behind a cross bar; a challenge to a link ends at the middle of that
link, exactly where the canvas ends it. A link that breaks the rules is evenly dashed in the
invalid colour.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from xml.sax.saxutils import quoteattr

from gsn_studio.export.svg_parts import dasharray, num
from gsn_studio.model import Case, Link, LinkKind, Node, Position, link_violation
from gsn_studio.notation.geometry import Head, boundary_point, geometry_of
from gsn_studio.notation.palette import STROKE_WIDTH
from gsn_studio.notation.themes import CHALLENGE_DASH, ILLEGAL_DASH, REFUTED_OPACITY, Theme

LINK_CLASS = {
    LinkKind.SUPPORTED_BY: "supported-by",
    LinkKind.IN_CONTEXT_OF: "in-context-of",
    LinkKind.CHALLENGES: "challenges",
}
Point = tuple[float, float]
ARROW_ROOM = 10.0
"""A challenge shorter than its arrowhead is left out, as the canvas leaves it out."""


def defs(theme: Theme, kinds: frozenset[LinkKind] = frozenset(LinkKind)) -> str:
    """Arrowhead markers: one per link kind drawn, and one for links that break the rules."""
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
    # The head at the same size as the canvas draws it, the bar 3 units behind it.
    colour = theme.challenge_link
    challenge = (
        '<marker id="gsn-challenges" viewBox="-5 -1 16 12" refX="10" refY="5" '
        'markerWidth="16" markerHeight="12" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/>'
        f'<path d="M-3,0 L-3,10" stroke="{colour}" stroke-width="2"/></marker>'
    )
    markers = [solid, hollow, invalid]
    if LinkKind.CHALLENGES in kinds:
        markers.append(challenge)
    return f"<defs>{''.join(markers)}</defs>\n"


def link_paths(
    case: Case,
    shown: Mapping[str, Node],
    positions: Mapping[str, Position],
    theme: Theme,
    refuted: frozenset[str] = frozenset(),
) -> tuple[list[str], dict[str, list[Head]]]:
    """A path per link whose ends are both in the figure (a challenge to a link also needs
    that link drawn), and the arrowheads that arrive at each node, from its centre. The
    challenges of `refuted` defeaters are faded: they no longer count."""
    joining: dict[frozenset[str], Link] = {}
    for link in case.links:
        if link.via is None:
            joining.setdefault(frozenset((link.source, link.target)), link)
    out: list[str] = []
    heads: dict[str, list[Head]] = {}
    for link in case.ordered_links():
        source, target = shown.get(link.source), shown.get(link.target)
        if source is None or target is None:
            continue
        if link.via is None:
            ends = segment(source, target, positions)
        else:
            challenged = joining.get(frozenset((link.via, link.target)))
            ends = None
            if challenged is not None and {challenged.source, challenged.target} <= shown.keys():
                middle = segment(shown[challenged.source], shown[challenged.target], positions)
                ends = None if middle is None else _towards(source, positions, _half(*middle))
        if ends is None:
            continue
        out.append(_path(link, source, target, ends, theme, faded=link.source in refuted))
        if link.via is None:
            heads.setdefault(target.id, []).append(_head(ends, positions[target.id]))
    return out, heads


def segment(
    source: Node, target: Node, positions: Mapping[str, Position]
) -> tuple[Point, Point] | None:
    """Where a link between two nodes leaves the source's outline and meets the target's."""
    start, end = positions[source.id], positions[target.id]
    dx, dy = end.x - start.x, end.y - start.y
    if math.hypot(dx, dy) < 1:
        return None
    sx, sy = boundary_point(geometry_of(source).outline, dx, dy)
    ex, ey = boundary_point(geometry_of(target).outline, -dx, -dy)
    return (start.x + sx, start.y + sy), (end.x + ex, end.y + ey)


def _head(ends: tuple[Point, Point], centre: Position) -> Head:
    (x1, y1), (x2, y2) = ends
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    bx, by = x2 - (x2 - x1) / length * ARROW_ROOM, y2 - (y2 - y1) / length * ARROW_ROOM
    return x2 - centre.x, y2 - centre.y, bx - centre.x, by - centre.y


def _half(start: Point, end: Point) -> Point:
    return (start[0] + end[0]) / 2, (start[1] + end[1]) / 2


def _towards(
    source: Node, positions: Mapping[str, Position], point: Point
) -> tuple[Point, Point] | None:
    """From the source's outline to a point outside it."""
    centre = positions[source.id]
    dx, dy = point[0] - centre.x, point[1] - centre.y
    sx, sy = boundary_point(geometry_of(source).outline, dx, dy)
    if sx * dx + sy * dy >= dx * dx + dy * dy:  # the point is inside the source
        return None
    if math.hypot(point[0] - centre.x - sx, point[1] - centre.y - sy) < ARROW_ROOM:
        return None  # no room for the arrowhead, as on the canvas
    return (centre.x + sx, centre.y + sy), point


def _path(
    link: Link,
    source: Node,
    target: Node,
    ends: tuple[Point, Point],
    theme: Theme,
    *,
    faded: bool = False,
) -> str:
    problem = link_violation(link.kind, source.id, source.type, target.id, target.type)
    name = LINK_CLASS[link.kind]
    colour, marker = theme.link, f"gsn-{name}"
    dash: tuple[float, ...] = ()
    if problem:
        colour, marker, dash = theme.invalid_link, "gsn-invalid", ILLEGAL_DASH
    elif link.kind is LinkKind.CHALLENGES:
        colour, dash = theme.challenge_link, CHALLENGE_DASH
    via = "" if link.via is None else f" data-via={quoteattr(link.via)}"
    fade = (
        f' opacity="{num(REFUTED_OPACITY)}"' if faded and link.kind is LinkKind.CHALLENGES else ""
    )
    (x1, y1), (x2, y2) = ends
    return (
        f'<path class="gsn-link {name}{" invalid" if problem else ""}" '
        f"data-source={quoteattr(source.id)} data-target={quoteattr(target.id)}{via} "
        f'd="M{num(x1)},{num(y1)} L{num(x2)},{num(y2)}" fill="none" stroke="{colour}" '
        f'stroke-width="{num(STROKE_WIDTH)}"{dasharray(dash)}{fade} marker-end="url(#{marker})"/>\n'
    )
