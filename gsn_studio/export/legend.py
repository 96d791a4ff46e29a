"""The figure's legend: what its shapes, links and status marks mean, and only those that
appear in it. Keys flow left to right and wrap at the figure's width."""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

from gsn_studio.export.svg_links import LINK_CLASS
from gsn_studio.export.svg_parts import Box, badge_width, dasharray, hatch_id, num, pill, shape
from gsn_studio.export.svg_pattern import mark_svg
from gsn_studio.model import LinkKind, Node, NodeType
from gsn_studio.notation.geometry import BADGE_HEIGHT, geometry_of
from gsn_studio.notation.metrics import text_width
from gsn_studio.notation.palette import STROKE_WIDTH, Status
from gsn_studio.notation.pattern_legend import NAMES, PatternKey, key_drawing
from gsn_studio.notation.themes import CHALLENGE_DASH, QUIET, Theme

ROW = 22.0
TEXT_SIZE = 10.0
MIN_WIDTH = 640.0
"""A narrow figure still gets a legend this wide, rather than a tall column of keys."""
KEY_GAP = 14.0
LINE_LENGTH = 30.0
PATTERN_KEY = (54.0, ROW)
"""The box a pattern key is drawn in: wide enough for a ball and its label on a link."""
NODE_KEYS = (PatternKey.UNINSTANTIATED, PatternKey.UNDEVELOPED_UNINSTANTIATED)
NODE_KEY_SCALE = 0.6

STANDARD_TYPES = (
    NodeType.GOAL,
    NodeType.STRATEGY,
    NodeType.SOLUTION,
    NodeType.CONTEXT,
    NodeType.ASSUMPTION,
    NodeType.JUSTIFICATION,
)
TYPE_NAMES = {
    NodeType.COUNTER_GOAL: "Counter goal",
    NodeType.COUNTER_SOLUTION: "Counter solution",
}
LINK_NAMES = {
    LinkKind.SUPPORTED_BY: "Supported by",
    LinkKind.IN_CONTEXT_OF: "In context of",
    LinkKind.CHALLENGES: "Challenges (an element, or a link at its middle)",
}


class _Flow:
    """Places keys in rows: a key that would pass the right edge starts a new row."""

    def __init__(self, left: float, top: float, width: float) -> None:
        self.left, self.right = left, left + max(width, MIN_WIDTH)
        self.x, self.top = left, top
        self.widest = left
        self.parts: list[str] = []

    def key(self, width: float) -> tuple[float, float]:
        """Room for a key this wide: its left edge and the middle of its row."""
        if self.x > self.left and self.x + width > self.right:
            self.new_row()
        x = self.x
        self.x += width + KEY_GAP
        self.widest = max(self.widest, x + width)
        return x, self.top + ROW / 2

    def new_row(self) -> None:
        if self.x > self.left:
            self.top += ROW
            self.x = self.left


def legend(
    theme: Theme,
    left: float,
    top: float,
    width: float,
    *,
    node_types: Iterable[NodeType],
    kinds: Iterable[LinkKind],
    statuses: Iterable[Status],
    pattern_keys: Iterable[PatternKey] = (),
) -> tuple[list[str], Box]:
    """Element types (the six standard ones, and counter ones when used), then the link kinds,
    the pattern and confidence notation (`pattern_legend.keys_used`) and the status marks the
    figure uses, each section on a row of its own."""
    flow = _Flow(left, top, width)
    used_types = set(node_types)
    for node_type in (*STANDARD_TYPES, NodeType.COUNTER_GOAL, NodeType.COUNTER_SOLUTION):
        if node_type in STANDARD_TYPES or node_type in used_types:
            _type_key(flow, theme, node_type)
    flow.new_row()
    used_kinds = set(kinds)
    for kind in LinkKind:
        if kind in used_kinds:
            _link_key(flow, theme, kind)
    flow.new_row()
    for key in pattern_keys:
        _pattern_key(flow, theme, key)
    flow.new_row()
    used_statuses = set(statuses)
    for status in Status:
        if status in used_statuses and status in theme.marks:
            _status_key(flow, theme, status)
    bottom = flow.top + (ROW if flow.x > flow.left else 0.0)
    parts = ['<g class="gsn-legend">\n', *flow.parts, "</g>\n"]
    return parts, Box(left, top, flow.widest, bottom)


def _type_key(flow: _Flow, theme: Theme, node_type: NodeType) -> None:
    label = TYPE_NAMES.get(node_type, node_type.value)
    x, middle = flow.key(28 + text_width(label, TEXT_SIZE))
    look = theme.looks[node_type]
    g = geometry_of(Node(id="X", type=node_type, statement="x"))
    scale = min(22 / g.width, 14 / g.height)
    flow.parts.append(
        f'<g transform="translate({num(x + 12)} {num(middle)}) scale({scale:.3f})">'
        + shape(
            g.outline,
            f'fill="{look.fill}" stroke="{look.stroke}" stroke-width="{num(1.2 / scale)}"',
        )
        + "</g>"
    )
    flow.parts.append(_text(x + 28, middle, label, theme.legend_text))


def _link_key(flow: _Flow, theme: Theme, kind: LinkKind) -> None:
    label = LINK_NAMES[kind]
    x, middle = flow.key(LINE_LENGTH + 6 + text_width(label, TEXT_SIZE))
    challenge = kind is LinkKind.CHALLENGES
    colour = theme.challenge_link if challenge else theme.link
    dash = CHALLENGE_DASH if challenge else ()
    flow.parts.append(
        f'<path class="gsn-link {LINK_CLASS[kind]}" d="M{num(x)},{num(middle)} '
        f'L{num(x + LINE_LENGTH)},{num(middle)}" fill="none" stroke="{colour}" '
        f'stroke-width="{num(STROKE_WIDTH)}"{dasharray(dash)} '
        f'marker-end="url(#gsn-{LINK_CLASS[kind]})"/>'
    )
    flow.parts.append(_text(x + LINE_LENGTH + 6, middle, label, theme.legend_text))


def _pattern_key(flow: _Flow, theme: Theme, key: PatternKey) -> None:
    label = NAMES[key]
    width, height = PATTERN_KEY
    if key in NODE_KEYS:
        width = 30.0  # a small goal, not a link: as narrow as the element keys
    x, middle = flow.key(width + 6 + text_width(label, TEXT_SIZE))
    top = middle - height / 2
    # An element's marks are drawn at the canvas's size under a goal scaled down, as the
    # element keys are; a link's at full size on a short link.
    scale = NODE_KEY_SCALE if key in NODE_KEYS else 1.0
    drawing = key_drawing(key, width / scale, height / scale)
    stroke = f'stroke="{theme.link}" stroke-width="{num(STROKE_WIDTH)}"'
    parts = [
        f'<g class="gsn-legend-pattern {key.value}" '
        f'transform="translate({num(x)} {num(top)}) scale({num(scale)})">'
    ]
    if drawing.line is not None:
        (x1, y1), (tip, y2) = drawing.line
        parts.append(
            f'<path d="M{num(x1)},{num(y1)} L{num(tip - 8)},{num(y2)}" fill="none" {stroke}/>'
            f'<polygon points="{num(tip)},{num(y2)} {num(tip - 9)},{num(y2 - 4.5)} '
            f'{num(tip - 9)},{num(y2 + 4.5)}" fill="{theme.link}" {stroke}/>'
        )
    if drawing.box is not None:
        look = theme.looks[NodeType.GOAL]
        bx, by, bw, bh = drawing.box
        parts.append(
            f'<rect x="{num(bx)}" y="{num(by)}" width="{num(bw)}" height="{num(bh)}" '
            f'fill="{look.fill}" stroke="{look.stroke}" stroke-width="{num(STROKE_WIDTH)}"/>'
        )
    parts += [mark_svg(mark, theme) for mark in drawing.marks]
    parts.append("</g>")
    flow.parts.append("".join(parts))
    flow.parts.append(_text(x + width + 6, middle, label, theme.legend_text))


def _status_key(flow: _Flow, theme: Theme, status: Status) -> None:
    mark = theme.marks[status]
    shows_badge = bool(mark.badge) and status not in QUIET
    label_at = 30 + (badge_width(mark.badge) + 6 if shows_badge else 0.0)
    x, middle = flow.key(label_at + text_width(mark.label, TEXT_SIZE))
    flow.parts.append(
        f'<rect class="gsn-legend-mark {status.value}" x="{num(x)}" y="{num(middle - 7)}" '
        f'width="24" height="14" fill="{mark.fill}" stroke="{mark.stroke}" '
        f'stroke-width="{num(mark.stroke_width)}"{dasharray(mark.dash)}/>'
    )
    if mark.hatch:
        flow.parts.append(
            f'<rect class="gsn-hatch" x="{num(x)}" y="{num(middle - 7)}" width="24" height="14" '
            f'fill="url(#{hatch_id(status)})" stroke="none"/>'
        )
    if shows_badge:
        flow.parts.append(
            pill(x + 30, middle - BADGE_HEIGHT / 2, mark.badge, mark.stroke, theme.badge_text)
        )
    flow.parts.append(_text(x + label_at, middle, mark.label, theme.legend_text))


def _text(x: float, y: float, text: str, colour: str) -> str:
    return (
        f'<text x="{num(x)}" y="{num(y + 3.5)}" font-size="{num(TEXT_SIZE)}" '
        f'fill="{colour}">{escape(text)}</text>'
    )
