"""Pattern and confidence notation in the figure: multiplicity balls, choice diamonds, the
uninstantiated triangle and ACP squares, from the same `notation.pattern_marks` shapes the
canvas paints. A case without any of them adds nothing, so its figure is unchanged."""

from __future__ import annotations

from collections.abc import Mapping
from xml.sax.saxutils import escape, quoteattr

from gsn_studio.export.svg_parts import Box, num
from gsn_studio.model import Case, Node, Position
from gsn_studio.model.patterns import AssuranceClaimPoint
from gsn_studio.notation.case_routes import LinkKey, key_of
from gsn_studio.notation.geometry import geometry_of
from gsn_studio.notation.palette import STROKE_WIDTH
from gsn_studio.notation.pattern_marks import (
    Mark,
    Point,
    acp_on_link,
    acp_on_node,
    choice_labels,
    diamond_points,
    extent,
    link_marks,
    moved,
    node_marks,
    triangle_points,
)
from gsn_studio.notation.themes import Theme


def pattern_marks(
    case: Case,
    shown: Mapping[str, Node],
    positions: Mapping[str, Position],
    routes: Mapping[LinkKey, tuple[Point, ...]],
) -> list[Mark]:
    """Every pattern and ACP mark of the figure, in figure coordinates; marks on a link sit
    on its routed path (`routes`, as `case_routes` gives them)."""
    marks: list[Mark] = []
    on_links: dict[tuple[str, str | None], list[AssuranceClaimPoint]] = {}
    for acp in case.acps:
        on_links.setdefault((acp.node, acp.to), []).append(acp)
    labels = choice_labels(case.links)
    for link in case.ordered_links():
        acps = on_links.get((link.source, link.target), []) if link.via is None else []
        if link.multiplicity is None and link.choice is None and not acps:
            continue
        path = routes.get(key_of(link), ())
        if len(path) < 2:
            continue
        marks += link_marks(link, path, labels.get((link.source, link.target), ""))
        for acp in acps:
            marks += acp_on_link(acp, path)
    for node in shown.values():
        geometry = geometry_of(node)
        own = node_marks(node, geometry)
        for number, acp in enumerate(on_links.get((node.id, None), [])):
            own += acp_on_node(acp, geometry, number)
        at = positions[node.id]
        marks += [moved(mark, at.x, at.y) for mark in own]
    return marks


def marks_box(marks: list[Mark]) -> Box | None:
    """What the marks cover, so the figure's bounds hold them."""
    if not marks:
        return None
    edges = [extent(mark) for mark in marks]
    return Box(
        min(e[0] for e in edges),
        min(e[1] for e in edges),
        max(e[2] for e in edges),
        max(e[3] for e in edges),
    )


def pattern_marks_svg(marks: list[Mark], theme: Theme) -> str:
    if not marks:
        return ""
    return (
        '<g class="gsn-pattern-marks">\n'
        + "\n".join(mark_svg(mark, theme) for mark in marks)
        + "\n</g>\n"
    )


def mark_svg(mark: Mark, theme: Theme) -> str:
    colour = theme.link
    fill = colour if mark.filled else theme.background
    style = f'fill="{fill}" stroke="{colour}" stroke-width="{num(STROKE_WIDTH)}"'
    if mark.shape == "ball":
        return (
            f'<circle class="gsn-multiplicity" cx="{num(mark.x)}" cy="{num(mark.y)}" '
            f'r="{num(mark.size)}" {style}/>'
        )
    if mark.shape == "square":
        half = mark.size / 2
        return (
            f'<rect class="gsn-acp" data-name={quoteattr(mark.text)} x="{num(mark.x - half)}" '
            f'y="{num(mark.y - half)}" width="{num(mark.size)}" height="{num(mark.size)}" '
            f"{style}/>"
        )
    if mark.shape in ("diamond", "triangle"):
        points = diamond_points(mark) if mark.shape == "diamond" else triangle_points(mark)
        name = "gsn-choice" if mark.shape == "diamond" else "gsn-uninstantiated-mark"
        listed = " ".join(f"{num(x)},{num(y)}" for x, y in points)
        return f'<polygon class="{name}" points="{listed}" {style}/>'
    anchor = ' text-anchor="end"' if mark.anchor == "end" else ""
    return (
        f'<text class="gsn-mark-label" x="{num(mark.x)}" y="{num(mark.y)}" '
        f'font-size="{num(mark.size)}" fill="{colour}"{anchor}>{escape(mark.text)}</text>'
    )
