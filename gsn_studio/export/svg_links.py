"""Links in the figure: paths between node outlines (routed around the nodes in the way by
`notation.case_routes`, as on the canvas) with the arrowheads of GSN.

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
from gsn_studio.notation.case_routes import ARROW_ROOM, LinkKey, case_routes
from gsn_studio.notation.geometry import Head
from gsn_studio.notation.palette import STROKE_WIDTH
from gsn_studio.notation.routes import Point
from gsn_studio.notation.themes import (
    CHALLENGE_DASH,
    DIMMED_OPACITY,
    ILLEGAL_DASH,
    REFUTED_OPACITY,
    Theme,
)

LINK_CLASS = {
    LinkKind.SUPPORTED_BY: "supported-by",
    LinkKind.IN_CONTEXT_OF: "in-context-of",
    LinkKind.CHALLENGES: "challenges",
}


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
    *,
    routes: Mapping[LinkKey, tuple[Point, ...]] | None = None,
    dimmed: frozenset[str] = frozenset(),
) -> tuple[list[str], dict[str, list[Head]], list[Point]]:
    """A path per link whose ends are both in the figure (a challenge to a link also needs
    that link drawn), routed around the nodes it does not join exactly as the canvas routes
    it, and the arrowheads that arrive at each node, from its centre. The challenges of
    `refuted` defeaters are faded: they no longer count. Last, every bend, so that the figure
    makes room for a link that goes round the drawing. `routes`: already routed paths. A link
    with an end in `dimmed` (nodes a query did not match) is drawn faint."""
    out: list[str] = []
    bends: list[Point] = []
    heads: dict[str, list[Head]] = {}
    if routes is None:
        routes = case_routes(case, shown, positions)
    for (source_id, target_id, _kind, via), points in routes.items():
        link = _link_of(case, source_id, target_id, _kind, via)
        source, target = shown[source_id], shown[target_id]
        faint = source_id in dimmed or target_id in dimmed
        out.append(
            _path(link, source, target, points, theme, faded=source_id in refuted, dimmed=faint)
        )
        if via is None:
            heads.setdefault(target_id, []).append(_head(points, positions[target_id]))
        bends.extend(points[1:-1])
    return out, heads, bends


def _link_of(case: Case, source: str, target: str, kind: LinkKind, via: str | None) -> Link:
    return Link(source=source, target=target, kind=kind, via=via)


def _head(points: tuple[Point, ...], centre: Position) -> Head:
    (x1, y1), (x2, y2) = points[-2], points[-1]
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    bx, by = x2 - (x2 - x1) / length * ARROW_ROOM, y2 - (y2 - y1) / length * ARROW_ROOM
    return x2 - centre.x, y2 - centre.y, bx - centre.x, by - centre.y


def _path(
    link: Link,
    source: Node,
    target: Node,
    points: tuple[Point, ...],
    theme: Theme,
    *,
    faded: bool = False,
    dimmed: bool = False,
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
    steps = " L".join(f"{num(x)},{num(y)}" for x, y in points)
    path = (
        f'<path class="gsn-link {name}{" invalid" if problem else ""}" '
        f"data-source={quoteattr(source.id)} data-target={quoteattr(target.id)}{via} "
        f'd="M{steps}" fill="none" stroke="{colour}" '
        f'stroke-width="{num(STROKE_WIDTH)}"{dasharray(dash)}{fade} marker-end="url(#{marker})"/>\n'
    )
    if dimmed:  # a group's opacity fades the arrowhead too, which the path's may not
        return f'<g class="gsn-dimmed" opacity="{num(DIMMED_OPACITY)}">{path}</g>\n'
    return path
