"""Pattern and confidence notation on the canvas: the marks of `notation.pattern_marks`,
painted by the link and node items. The scene hands each item what it needs after every
change (`refresh_pattern_marks`), so the items never look into the document."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPolygonF

from gsn_studio.app.canvas.paints import brush, font, pen
from gsn_studio.model import Case, Link
from gsn_studio.model.patterns import AssuranceClaimPoint
from gsn_studio.notation.palette import STROKE_WIDTH
from gsn_studio.notation.pattern_marks import (
    ACP_SQUARE,
    LABEL_SIZE,
    Mark,
    acp_on_link,
    acp_on_node,
    choice_labels,
    diamond_points,
    link_marks,
    node_marks,
    triangle_points,
)

if TYPE_CHECKING:
    from gsn_studio.app.canvas.link_item import LinkItem, LinkKey
    from gsn_studio.app.canvas.node_item import NodeItem

MARK_COLOUR = "#1a1a1a"
LINK_MARGIN = 48.0
"""Room a link item keeps around its line for the labels beside its marks."""


def refresh_pattern_marks(
    case: Case,
    nodes: Mapping[str, NodeItem],
    links: Mapping[LinkKey, LinkItem],
    shown_before: bool = True,
    changed: Iterable[Link] | None = None,
) -> bool:
    """Give every item the pattern link and ACPs it shows; repaint those that change.
    Returns whether any item shows marks now: when none did before and the case has none,
    there is nothing to visit (an edit on a plain 10,000-node case stays cheap). `changed`:
    the links at the nodes an edit linked or unlinked, where any new pattern link is (None:
    look at every link)."""
    looked_at = case.links if changed is None else changed
    if not shown_before and not case.acps and not _has_pattern_links(looked_at):
        return False
    on_links: dict[tuple[str, str], list[AssuranceClaimPoint]] = {}
    on_nodes: dict[str, list[AssuranceClaimPoint]] = {}
    for acp in case.acps:
        if acp.to is None:
            on_nodes.setdefault(acp.node, []).append(acp)
        else:
            on_links.setdefault((acp.node, acp.to), []).append(acp)
    marked = {
        (link.source, link.target, link.kind, link.via): link
        for link in case.links
        if link.multiplicity is not None or link.choice is not None
    }
    labels = choice_labels(marked.values())
    for key, item in links.items():
        pattern_link = marked.get(key)
        acps = on_links.get((key[0], key[1]), []) if key[3] is None else []
        label = labels.get((key[0], key[1]), "")
        if (pattern_link, acps, label) != (item.pattern_link, item.acps, item.choice_label):
            item.pattern_link, item.acps, item.choice_label = pattern_link, acps, label
            item.update_geometry()
    for node_id, node_item in nodes.items():
        acps = on_nodes.get(node_id, [])
        if acps != node_item.acps:
            node_item.acps = acps
            if acps:
                node_item.setRect(node_item.rect().united(_acp_room(node_item, len(acps))))
            node_item.update()
    return bool(marked or case.acps)


def _has_pattern_links(links: Iterable[Link]) -> bool:
    return any(link.multiplicity is not None or link.choice is not None for link in links)


def _acp_room(item: NodeItem, count: int) -> QRectF:
    geometry = item.geometry
    left = -geometry.half_width - ACP_SQUARE
    top = -geometry.half_height - count * (LABEL_SIZE + 1) - ACP_SQUARE
    height = count * (ACP_SQUARE + LABEL_SIZE + 5) + 2 * ACP_SQUARE
    return QRectF(left, top, 80 + 2 * ACP_SQUARE, height)


def paint_link_marks(painter: QPainter, item: LinkItem) -> None:
    if item.pattern_link is None and not item.acps:
        return
    path = item.path_points()
    marks: list[Mark] = []
    if item.pattern_link is not None:
        marks += link_marks(item.pattern_link, path, item.choice_label)
    for acp in item.acps:
        marks += acp_on_link(acp, path)
    paint_marks(painter, marks)


def paint_node_marks(painter: QPainter, item: NodeItem) -> None:
    marks = node_marks(item.node, item.geometry)
    for index, acp in enumerate(item.acps):
        marks += acp_on_node(acp, item.geometry, index)
    if marks:
        paint_marks(painter, marks)


def paint_marks(painter: QPainter, marks: list[Mark]) -> None:
    outline = pen(MARK_COLOUR, STROKE_WIDTH)
    for mark in marks:
        painter.setPen(outline)
        painter.setBrush(brush(MARK_COLOUR if mark.filled else "#ffffff"))
        if mark.shape == "ball":
            painter.drawEllipse(QPointF(mark.x, mark.y), mark.size, mark.size)
        elif mark.shape == "square":
            half = mark.size / 2
            painter.drawRect(QRectF(mark.x - half, mark.y - half, mark.size, mark.size))
        elif mark.shape in ("diamond", "triangle"):
            points = diamond_points(mark) if mark.shape == "diamond" else triangle_points(mark)
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
        else:
            painter.setFont(font(mark.size))
            width = painter.fontMetrics().horizontalAdvance(mark.text)
            x = mark.x - width if mark.anchor == "end" else mark.x
            painter.drawText(QPointF(x, mark.y), mark.text)
