"""One GSN element on the canvas, drawn from the notation's geometry and the node's status.

The item shows a snapshot of a model node and never changes the model: the scene gives it a
new snapshot (`show_node`) or status (`show_status`) when the document says so. Its position
is the node's centre, as in the model. Links follow it through `update_links`, called by
whoever moves it (the scene's drag handling, `show_node`): the item has no `itemChange`
hook, since a Python override there costs a call on every selection and flag change of
every item.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from gsn_studio.app.canvas.away_band import paint_band
from gsn_studio.app.canvas.block_paint import block_pen, paint_block_id
from gsn_studio.app.canvas.paints import brush, colour, font, pen
from gsn_studio.app.canvas.pattern_paint import paint_node_marks
from gsn_studio.app.canvas.rich_paint import paint_rich_lines
from gsn_studio.app.canvas.shapes import outline_path
from gsn_studio.app.plain_text import TIP_CHARACTERS
from gsn_studio.model import SUPPORTABLE, Node, NodeType
from gsn_studio.model.patterns import AssuranceClaimPoint
from gsn_studio.notation.geometry import (
    BADGE_HEIGHT,
    BADGE_SIZE,
    DIAMOND,
    ID_SIZE,
    LETTER_SIZE,
    LINE_HEIGHT,
    TEXT_SIZE,
    Geometry,
    Head,
    badge_box,
    badge_on_left,
    diamond,
    geometry_of,
)
from gsn_studio.notation.metrics import ASCENT_EM, text_width
from gsn_studio.notation.palette import (
    SELECTION_COLOUR,
    STATUS_MARKS,
    STROKE_WIDTH,
    TYPE_LOOKS,
    Hatch,
    Status,
)
from gsn_studio.notation.rich_text import has_markup
from gsn_studio.notation.routes import Rect, node_rect
from gsn_studio.notation.themes import QUIET

if TYPE_CHECKING:
    from gsn_studio.app.canvas.link_item import LinkItem

DETAIL_THRESHOLD = 0.45
"""Below this scale statements are too small to read (11 px text under 5 px): a node is a
block in its status colours with just its id (see block_paint), so a huge case zooms
smoothly and still reads."""
TINY_THRESHOLD = 0.1
"""Below this scale a node is a few pixels wide: drawn without antialiasing or dashes."""
HALO = 7.0
"""Width of the translucent selection halo around a selected node's outline."""


_ID_BASELINE = ID_SIZE * ASCENT_EM
HANDLE_CLEARANCE = 8.0
"""How far below the undeveloped diamond the connector handle's centre sits (its radius is 5,
so a little white shows between them)."""
"""From the top of the text block to the id's baseline; statement lines follow one
LINE_HEIGHT apart, exactly as the SVG export places them."""


@dataclass(frozen=True, slots=True)
class _Style:
    """Pens and brushes of one node type in one status, made once and shared."""

    fill: QBrush
    stroke: QPen
    selected_stroke: QPen
    tiny_stroke: QPen
    type_stroke: QPen
    """The type's own outline colour: for the undeveloped diamond and the A/J letter."""
    text: QPen
    hatch: QBrush | None = None
    """A pattern over the fill (changed, missing evidence), in screen pixels at any zoom."""


HATCH_ALPHA = 150
"""As the figures' hatch: a statement written over it stays easy to read."""
HATCH_STYLES = {
    Hatch.DIAGONAL: Qt.BrushStyle.BDiagPattern,
    Hatch.CROSS: Qt.BrushStyle.DiagCrossPattern,
}


@functools.cache
def _style(node_type: NodeType, status: Status) -> _Style:
    look = TYPE_LOOKS[node_type]
    mark = STATUS_MARKS.get(status)
    stroke, width = (mark.stroke, mark.stroke_width) if mark else (look.stroke, STROKE_WIDTH)
    dash = mark.dash if mark else ()
    return _Style(
        fill=brush(mark.fill if mark else look.fill),
        stroke=pen(stroke, width, dash),
        selected_stroke=pen(SELECTION_COLOUR, max(width, 2.2), dash),
        tiny_stroke=pen(stroke, 0),
        type_stroke=pen(look.stroke, STROKE_WIDTH),
        text=pen(look.text, 1.0),
        hatch=QBrush(colour(mark.stroke, HATCH_ALPHA), HATCH_STYLES[mark.hatch])
        if mark and mark.hatch
        else None,
    )


@functools.cache
def _halo_pen() -> QPen:
    return pen(SELECTION_COLOUR, HALO, alpha=70)


@functools.cache
def _tiny_selected_pen() -> QPen:
    return pen(SELECTION_COLOUR, 0)


@functools.cache
def _block_selected_pen() -> QPen:
    made = pen(SELECTION_COLOUR, 3.0)
    made.setCosmetic(True)
    return made


_NO_PEN = QPen(Qt.PenStyle.NoPen)
"""Made once: a pen style is turned into a new pen by Qt for each item it is given to."""
_NO_ACPS: list[AssuranceClaimPoint] = []
"""The ACPs of every node without any: shared, so never changed in place."""
_FLAGS = (
    QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
)
"""Looked up once: a Qt enum member costs a Python call each time it is named."""


class NodeItem(QGraphicsRectItem):
    """A rectangle item only so that Qt computes the bounding rect in C++ (the rect holds
    everything the node may draw); the drawing itself is `paint`, the hit area `shape`.

    A Python `boundingRect` is called several times per item and frame: on a 10,000-node
    case seen whole, that tripled the time of a repaint.
    """

    # What every node starts with, shadowed on an item only when set for it (see LinkItem).
    open_comments = 0
    """Set by CommentBadges; the tooltip says it too."""
    compare_note = ""
    """Set while comparing with another version: what differs there, for the tooltip."""
    acps: list[AssuranceClaimPoint] = _NO_ACPS
    """The assurance claim points on this element (set by the scene; never changed in place)."""
    _path: QPainterPath | None = None
    """The outline as a Qt path, looked up at the first paint: most of a large case's nodes
    are out of view when it opens."""

    def __init__(self, node: Node, status: Status = Status.NONE) -> None:
        geometry = geometry_of(node)
        super().__init__(_bounds_of(geometry))
        self.node = node
        self.node_id = node.id
        self.geometry: Geometry = geometry
        self.status = status
        self.links: set[LinkItem] = set()
        """The link items that end at this node; they follow it when it moves."""
        self.setPen(_NO_PEN)
        position = node.position
        self.setPos(position.x if position else 0.0, position.y if position else 0.0)
        self.setFlags(_FLAGS)

    # -- what the scene tells it ---------------------------------------------------------

    def show_node(self, node: Node, follow_links: bool = True) -> None:
        """Show a new snapshot of the node: text, type, flags, position; its links follow
        unless the caller places every link itself afterwards (`follow_links` False)."""
        self.node = node
        self.node_id = node.id
        geometry = geometry_of(node)
        if geometry != self.geometry:
            self.geometry = geometry
            self._path = None
            self.setRect(_bounds_of(geometry))  # tells the scene the geometry changes
            if follow_links:
                self.update_links()
        position = node.position
        target = QPointF(position.x, position.y) if position else QPointF(0.0, 0.0)
        if self.pos() != target:
            self.setPos(target)
            if follow_links:
                self.update_links()
        self.update()

    def show_status(self, status: Status) -> None:
        """Show another status: repainted if painted already (the first paint shows it)."""
        if status is not self.status:
            self.status = status
            if self.painted:  # not so on opening, when most nodes' statuses are set
                self.update()

    @property
    def painted(self) -> bool:
        """Whether the item was painted since its shape last changed (which repaints it):
        until then its next paint shows everything as it is, so nothing need repaint it."""
        return self._path is not None

    def update_links(self) -> None:
        for link in self.links:
            link.update_geometry()

    def placed_box(self) -> Rect:
        """The box the router sees (`link_item.box_of`) where the node's model places it, as
        a new item stands: read from the model, not asked of Qt (10,000 times on opening)."""
        position = self.node.position
        x, y = (position.x, position.y) if position else (0.0, 0.0)
        return node_rect(self.geometry, x, y, self.node.undeveloped)

    def centre(self) -> tuple[float, float]:
        return self.x(), self.y()

    def handle_point(self) -> QPointF:
        """Where the connector handle sits, in scene coordinates: the bottom centre, or just
        below the undeveloped diamond, which it must not hide."""
        below = self.geometry.half_height
        if self.has_diamond:
            below = max(y for _, y in diamond(self.geometry)) + HANDLE_CLEARANCE
        return self.pos() + QPointF(0.0, below)

    @property
    def has_diamond(self) -> bool:
        return self.node.undeveloped and self.node.type in SUPPORTABLE

    def tool_tip(self) -> str:
        """Made when asked (the scene's helpEvent), not kept on every item."""
        node = self.node
        parts = [f"<b>{html.escape(node.id)}</b> ({node.type.value})"]
        if node.statement:
            statement = node.statement
            if len(statement) > TIP_CHARACTERS:  # a megabyte would freeze the tooltip
                statement = statement[:TIP_CHARACTERS] + " …"
            parts.append(html.escape(statement).replace("\n", "<br>"))
        evidence = node.evidence
        if evidence is not None:
            if evidence.reference:
                parts.append(f"Evidence: {html.escape(evidence.reference)}")
            if evidence.date:
                parts.append(f"Dated {evidence.date.isoformat()}")
            if evidence.valid_until:
                parts.append(f"Valid until {evidence.valid_until.isoformat()}")
        mark = STATUS_MARKS.get(self.status)
        if mark is not None:
            parts.append(f"Status: <i>{html.escape(mark.label)}</i>")
        if self.open_comments:
            plural = "s" * (self.open_comments != 1)
            parts.append(f"<b>{self.open_comments} open review comment{plural}</b>")
        if self.compare_note:
            parts.append(f"<i>{html.escape(self.compare_note)}</i>")
        return "<p style='white-space:pre-wrap'>" + "<br>".join(parts) + "</p>"

    # -- Qt overrides ----------------------------------------------------------------------

    def shape(self) -> Any:
        return outline_path(self.geometry.outline)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        style, path = _style(self.node.type, self.status), self._path
        if path is None:
            path = self._path = outline_path(self.geometry.outline)
        selected = self.isSelected()
        detail = option.levelOfDetailFromTransform(painter.worldTransform())
        if detail < DETAIL_THRESHOLD:
            # Zoomed out: a block in the status colours with its id, while the id fits; a
            # few pixels wide, a crisp, unsmoothed shape is all that shows.
            look = TYPE_LOOKS[self.node.type]
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, detail >= TINY_THRESHOLD)
            if detail < TINY_THRESHOLD:
                painter.setPen(_tiny_selected_pen() if selected else style.tiny_stroke)
            else:
                painter.setPen(
                    _block_selected_pen() if selected else block_pen(self.status, look.stroke)
                )
            painter.setBrush(style.fill)
            painter.drawPath(path)
            self._paint_hatch(painter, style, path)
            paint_block_id(painter, self.node_id, self.geometry, detail, look.text)
            return
        if selected:
            painter.setPen(_halo_pen())
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        painter.setPen(style.selected_stroke if selected else style.stroke)
        painter.setBrush(style.fill)
        painter.drawPath(path)
        self._paint_hatch(painter, style, path)
        self._paint_details(painter, style)

    @staticmethod
    def _paint_hatch(painter: QPainter, style: _Style, path: QPainterPath) -> None:
        if style.hatch is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.hatch)
            painter.drawPath(path)

    def _paint_details(self, painter: QPainter, style: _Style) -> None:
        geometry = self.geometry
        painter.setPen(style.type_stroke)
        if self.has_diamond:
            painter.setBrush(brush("#ffffff"))
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in diamond(geometry)]))
        paint_node_marks(painter, self)
        if geometry.corner_letter:
            painter.setFont(font(LETTER_SIZE, bold=True))
            painter.drawText(QPointF(geometry.letter_x, geometry.letter_y), geometry.corner_letter)
        painter.setPen(style.text)
        left, baseline = geometry.text_left, geometry.text_top + _ID_BASELINE
        painter.setFont(font(ID_SIZE, bold=True))
        painter.drawText(QPointF(left, baseline), self.node.id)
        painter.setFont(font(TEXT_SIZE))
        if has_markup(self.node.statement):
            lines = geometry.lines
            paint_rich_lines(
                painter, self.node.statement, lines, left, baseline, LINE_HEIGHT, TEXT_SIZE
            )
        else:
            for index, line in enumerate(geometry.lines, start=1):
                if line:
                    painter.drawText(QPointF(left, baseline + index * LINE_HEIGHT), line)
        if geometry.band is not None:
            paint_band(painter, geometry, style.type_stroke, style.text)
        mark = STATUS_MARKS.get(self.status)
        if mark is not None and mark.badge and self.status not in QUIET:
            left = badge_on_left(geometry, mark.badge, self.arriving_heads())
            _paint_badge(painter, geometry, mark.badge, mark.stroke, left)

    def arriving_heads(self) -> list[Head]:
        """The arrowheads that touch this node, from its centre: its badge keeps off them."""
        x, y = self.x(), self.y()
        heads: list[Head] = []
        for link in self.links:
            head = link.head() if link.target is self and link.challenged is None else None
            if head is not None:
                tip, base = head
                heads.append((tip.x() - x, tip.y() - y, base.x() - x, base.y() - y))
        return heads


def _badge_rect(geometry: Geometry, word: str, left: bool = False) -> QRectF:
    return QRectF(*badge_box(geometry, word, left))


def _paint_badge(painter: QPainter, geometry: Geometry, word: str, colour: str, left: bool) -> None:
    rect = _badge_rect(geometry, word, left)
    painter.setPen(pen("#ffffff", 1.0))
    painter.setBrush(brush(colour))
    painter.drawRoundedRect(rect, BADGE_HEIGHT / 2, BADGE_HEIGHT / 2)
    painter.setFont(font(BADGE_SIZE, bold=True))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, word)


@functools.cache
def _widest_badge() -> str:
    return max((mark.badge for mark in STATUS_MARKS.values()), key=_badge_width)


def _badge_width(word: str) -> float:
    return text_width(word, BADGE_SIZE, bold=True)


@functools.cache
def _letter_width(letter: str) -> float:
    return text_width(letter, LETTER_SIZE, bold=True)


def _bounds_of(geometry: Geometry) -> QRectF:
    """Everything a node may draw, whatever its status or selection, so that a change of
    status or selection needs only a repaint, never a geometry change. Found by shape, not
    by text: nodes of one size share it."""
    key = (
        geometry.outline,
        geometry.width,
        geometry.height,
        geometry.corner_letter,
        geometry.letter_x,
        geometry.letter_y,
    )
    bounds = _BOUNDS.get(key)
    if bounds is None:
        if len(_BOUNDS) >= BOUNDS_KEPT:
            _BOUNDS.clear()
        bounds = _BOUNDS[key] = _measure_bounds(geometry)
    return bounds


BOUNDS_KEPT = 65536
_BOUNDS: dict[tuple[object, ...], QRectF] = {}


def _measure_bounds(geometry: Geometry) -> QRectF:
    """_bounds_of, worked out (in plain numbers, one QRectF at the end)."""
    margin = HALO / 2 + 1.0
    half_width, half_height = geometry.half_width, geometry.half_height
    left, top = -half_width - margin, -half_height - margin
    right, bottom = half_width + margin, half_height + margin
    # The widest badge's pill holds every other's, on either side (see badge_box).
    widest = _widest_badge()
    for on_left in (False, True):
        x, y, width, height = badge_box(geometry, widest, on_left)
        left, top = min(left, x), min(top, y)
        right, bottom = max(right, x + width), max(bottom, y + height)
    # The undeveloped diamond below the bottom centre.
    left, right = min(left, -DIAMOND - 1), max(right, DIAMOND + 1)
    top, bottom = min(top, half_height), max(bottom, half_height + 2 * DIAMOND + 2)
    if geometry.corner_letter:
        letter_top = geometry.letter_y - LETTER_SIZE * ASCENT_EM - 1
        left, top = min(left, geometry.letter_x - 1), min(top, letter_top)
        right = max(right, geometry.letter_x + _letter_width(geometry.corner_letter) + 1)
        bottom = max(bottom, letter_top + LETTER_SIZE * 1.2 + 2)
    return QRectF(left - 1, top - 1, right - left + 2, bottom - top + 2)
