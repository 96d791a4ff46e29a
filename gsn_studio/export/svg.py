"""SVG for slide decks: vector only, real text, one <g> per node with the GSN id as its id.

Shapes, sizes, line breaks and colours come from `gsn_studio.notation`, the same definitions
the canvas draws from. Every string is escaped, so a statement is always shown as text.
Links are drawn by `svg_links`, the legend by `legend`.
"""

from __future__ import annotations

from collections.abc import Mapping
from xml.sax.saxutils import escape, quoteattr

from gsn_studio.export.legend import legend as make_legend
from gsn_studio.export.svg_folds import fold_box, fold_svg
from gsn_studio.export.svg_links import defs, link_paths
from gsn_studio.export.svg_parts import (
    Box,
    away_band,
    dasharray,
    hatch_over,
    hatch_patterns,
    num,
    pill,
    shape,
)
from gsn_studio.export.svg_pattern import marks_box, pattern_marks, pattern_marks_svg
from gsn_studio.export.svg_rich import rich_tspans
from gsn_studio.model import Case, Node, NodeType, Position
from gsn_studio.notation.case_routes import case_routes
from gsn_studio.notation.folding import FoldMarker
from gsn_studio.notation.geometry import (
    DIAMOND,
    ID_SIZE,
    LETTER_SIZE,
    LINE_HEIGHT,
    TEXT_SIZE,
    Geometry,
    badge_box,
    badge_on_left,
    diamond,
    geometry_of,
)
from gsn_studio.notation.metrics import ASCENT_EM, FALLBACK_FAMILIES, text_width
from gsn_studio.notation.palette import STATUS_MARKS, STROKE_WIDTH, Status
from gsn_studio.notation.pattern_legend import keys_used
from gsn_studio.notation.rich_text import has_markup
from gsn_studio.notation.themes import DIMMED_OPACITY, LIGHT, QUIET, Theme

MARGIN = 16.0
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


def node_box(node: Node, position: Position, status: Status, badge_left: bool = False) -> Box:
    """Everything a node draws: shape, diamond, letter and badge."""
    g = geometry_of(node)
    left, right = position.x - g.half_width, position.x + g.half_width
    top, bottom = position.y - g.half_height, position.y + g.half_height
    if node.undeveloped:
        bottom += 2 * DIAMOND + 1
    if g.corner_letter:
        right = max(right, position.x + g.letter_x + 10)
        bottom = max(bottom, position.y + g.letter_y + 3)
    mark = STATUS_MARKS.get(status)
    if mark is not None and status not in QUIET:
        # Every theme uses the same badge words, so the light theme's give the size.
        x, y, width, _ = badge_box(g, mark.badge, badge_left)
        top = min(top, position.y + y - 1)
        left = min(left, position.x + x - 1)
        right = max(right, position.x + x + width + 1)
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
    caption: str = "",
    folds: Mapping[str, FoldMarker] | None = None,
    dimmed: frozenset[str] = frozenset(),
) -> str:
    """The figure as an SVG document. Nodes without a position are left out. A caption (the
    case, the day it was judged, the program) goes on one line below everything else; a
    folded node (a key of `folds`) gets its marker. Nodes in `dimmed` (those a query did not
    match) and their links are drawn faint."""
    folds = {i: marker for i, marker in (folds or {}).items() if i in positions}
    nodes = [node for node in case.index().values() if node.id in positions]
    shown = {node.id: node for node in nodes}
    marks = {node.id: statuses.get(node.id, Status.NONE) for node in nodes}
    refuted = frozenset(i for i, mark in marks.items() if mark is Status.REFUTED)
    routes = case_routes(case, shown, positions)
    links, heads, bends = link_paths(
        case, shown, positions, theme, refuted, routes=routes, dimmed=dimmed
    )
    # A badge keeps off the arrowheads arriving at its node, as on the canvas.
    badge_left = {
        node.id: badge_on_left(
            geometry_of(node), STATUS_MARKS[marks[node.id]].badge, heads[node.id]
        )
        for node in nodes
        if node.id in heads and marks[node.id] in STATUS_MARKS
    }
    bounds: Box | None = None
    for node in nodes:
        box = node_box(node, positions[node.id], marks[node.id], badge_left.get(node.id, False))
        bounds = box if bounds is None else bounds.union(box)
        if node.id in folds:
            bounds = bounds.union(fold_box(node, positions[node.id], folds[node.id]))
    pattern = pattern_marks(case, shown, positions, routes)
    covered = marks_box(pattern)
    if bounds is not None and covered is not None:
        bounds = bounds.union(covered)
    if bounds is None:
        bounds = Box(0, 0, 100, 40)
    for x, y in bends:  # a link routed round the drawing stays inside the figure
        bounds = bounds.union(Box(x - 2, y - 2, x + 2, y + 2))
    kinds = frozenset(
        link.kind for link in case.links if link.source in shown and link.target in shown
    )
    legend_parts: list[str] = []
    if legend:
        legend_parts, legend_box = make_legend(
            theme,
            bounds.left,
            bounds.bottom + MARGIN,
            bounds.right - bounds.left,
            node_types=(node.type for node in nodes),
            kinds=kinds,
            statuses=marks.values(),
            pattern_keys=keys_used(case, shown),
        )
        bounds = bounds.union(legend_box)
    caption_parts: list[str] = []
    if caption:
        caption_parts, caption_box = _caption(caption, bounds, theme)
        bounds = bounds.union(caption_box)
    x, y = bounds.left - MARGIN, bounds.top - MARGIN
    width, height = bounds.right - bounds.left + 2 * MARGIN, bounds.bottom - bounds.top + 2 * MARGIN

    out: list[str] = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="{num(x)} {num(y)} '
        f'{num(width)} {num(height)}" width="{num(width)}" height="{num(height)}" '
        f'font-family={quoteattr(FALLBACK_FAMILIES)} class="gsn-case theme-{theme.name}">\n',
        f"<title>{escape(title or case.name or 'GSN argument')}</title>\n",
        defs(theme, kinds),
        hatch_patterns(theme.marks, marks.values()),
    ]
    if background:
        out.append(
            f'<rect class="gsn-background" x="{num(x)}" y="{num(y)}" width="{num(width)}" '
            f'height="{num(height)}" fill="{theme.background}"/>\n'
        )
    out.append('<g class="gsn-links">\n')
    out.extend(links)
    # Shared text attributes sit on the group, so each node's text stays short.
    out.append(
        f'</g>\n<g class="gsn-nodes" font-size="{num(TEXT_SIZE)}" '
        f'fill="{theme.looks[NodeType.GOAL].text}">\n'
    )
    for node in nodes:
        drawn = _node(
            node, positions[node.id], marks[node.id], theme, badge_left.get(node.id, False)
        )
        if node.id in dimmed:  # one group's opacity: overlapping parts do not show through
            drawn = f'<g class="gsn-dimmed" opacity="{num(DIMMED_OPACITY)}">{drawn}</g>\n'
        out.append(drawn)
    out.append("</g>\n")
    out.extend(
        fold_svg(node, positions[node.id], folds[node.id], theme)
        for node in nodes
        if node.id in folds
    )
    out.append(pattern_marks_svg(pattern, theme))
    out.extend(legend_parts)
    out.extend(caption_parts)
    out.append("</svg>\n")
    return "".join(out)


CAPTION_SIZE = 10.0


def _caption(text: str, above: Box, theme: Theme) -> tuple[list[str], Box]:
    """The caption's text, left-aligned a margin below `above`, and the box it fills."""
    top = above.bottom + MARGIN
    baseline = top + CAPTION_SIZE * ASCENT_EM
    bottom = top + CAPTION_SIZE * 1.25  # room for descenders
    right = above.left + text_width(text, CAPTION_SIZE)
    part = (
        f'<text class="gsn-caption" x="{num(above.left)}" y="{num(baseline)}" '
        f'font-size="{num(CAPTION_SIZE)}" fill="{theme.legend_text}">{escape(text)}</text>\n'
    )
    return [part], Box(above.left, top, right, bottom)


def _node(
    node: Node, position: Position, status: Status, theme: Theme, badge_left: bool = False
) -> str:
    g = geometry_of(node)
    look = theme.looks[node.type]
    fill, stroke, width, dash = look.fill, look.stroke, STROKE_WIDTH, ""
    classes = [TYPE_CLASS[node.type]]
    mark = theme.marks.get(status)
    if mark is not None:
        classes.append(status.value)
        fill, stroke, width = mark.fill, mark.stroke, mark.stroke_width
        dash = dasharray(mark.dash)
    if node.undeveloped:
        classes.append("marked-undeveloped")
    parts = [
        f'<g id={quoteattr(node.id)} class="gsn-node {" ".join(classes)}" '
        f'transform="translate({num(position.x)} {num(position.y)})">',
        shape(g.outline, f'fill="{fill}" stroke="{stroke}" stroke-width="{num(width)}"{dash}'),
        hatch_over(g.outline, status, mark),
    ]
    if node.undeveloped:
        points = " ".join(f"{num(x)},{num(y)}" for x, y in diamond(g))
        parts.append(
            f'<polygon class="gsn-undeveloped-mark" points="{points}" fill="{theme.background}" '
            f'stroke="{look.stroke}" stroke-width="{num(STROKE_WIDTH)}"/>'
        )
    if g.corner_letter:
        parts.append(
            f'<text class="gsn-letter" x="{num(g.letter_x)}" y="{num(g.letter_y)}" '
            f'font-size="{num(LETTER_SIZE)}" font-weight="bold" fill="{look.stroke}">'
            f"{g.corner_letter}</text>"
        )
    parts.append(_texts(node, g, look.text, theme.looks[NodeType.GOAL].text))
    if g.band is not None:
        parts.append(away_band(g.band, g.half_width, look.stroke, look.text))
    if mark is not None and mark.badge and status not in QUIET:
        x, y, _, _ = badge_box(g, mark.badge, badge_left)
        parts.append(pill(x, y, mark.badge, mark.stroke, theme.badge_text))
    parts.append("</g>\n")
    return "".join(parts)


def _texts(node: Node, g: Geometry, colour: str, default_colour: str) -> str:
    left = g.text_left
    baseline = g.text_top + ID_SIZE * ASCENT_EM
    fill = "" if colour == default_colour else f' fill="{colour}"'
    size = "" if ID_SIZE == TEXT_SIZE else f' font-size="{num(ID_SIZE)}"'
    pieces = [
        f'<text class="gsn-id" x="{num(left)}" y="{num(baseline)}"{size} '
        f'font-weight="bold"{fill}>{escape(node.id)}</text>'
    ]
    if any(g.lines):
        # Each line one LINE_HEIGHT below the one before, the first below the id.
        spans = [
            f'<tspan x="{num(left)}" dy="{num(LINE_HEIGHT)}">{escape(line) or " "}</tspan>'
            for line in g.lines
        ]
        if has_markup(node.statement):
            spans = [rich_tspans(node.statement, g.lines, left, LINE_HEIGHT)]
        pieces.append(
            f'<text class="gsn-statement" x="{num(left)}" y="{num(baseline)}"{fill} '
            'xml:space="preserve">' + "".join(spans) + "</text>"
        )
    return "".join(pieces)
