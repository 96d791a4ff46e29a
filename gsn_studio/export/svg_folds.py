"""The fold marker in figures: "+12 WEAKENED" below a folded node, as on the canvas."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from gsn_studio.export.svg_parts import Box, num
from gsn_studio.model import Node, Position
from gsn_studio.notation.folding import MARKER_SIZE, FoldMarker, marker_box
from gsn_studio.notation.geometry import geometry_of
from gsn_studio.notation.themes import Theme


def fold_box(node: Node, position: Position, marker: FoldMarker) -> Box:
    x, y, width, height = marker_box(geometry_of(node), marker)
    return Box(position.x + x, position.y + y, position.x + x + width, position.y + y + height)


def fold_svg(node: Node, position: Position, marker: FoldMarker, theme: Theme) -> str:
    """The marker, its colours the worst folded status's in this theme."""
    box = fold_box(node, position, marker)
    mark = theme.marks.get(marker.status)
    fill, stroke = (mark.fill, mark.stroke) if mark is not None else (theme.background, theme.link)
    height = box.bottom - box.top
    return (
        f'<g class="gsn-fold" data-node={quoteattr(node.id)} data-folded="{marker.count}" '
        f'data-status="{marker.status.value}"><title>{escape(marker.tooltip)}</title>'
        f'<rect x="{num(box.left)}" y="{num(box.top)}" width="{num(box.right - box.left)}" '
        f'height="{num(height)}" rx="{num(height / 2)}" fill="{fill}" stroke="{stroke}" '
        f'stroke-width="1.2"/><text x="{num((box.left + box.right) / 2)}" '
        f'y="{num(box.top + height / 2 + MARKER_SIZE * 0.36)}" font-size="{num(MARKER_SIZE)}" '
        f'font-weight="bold" text-anchor="middle" fill="{stroke}">{escape(marker.text)}</text>'
        "</g>\n"
    )
