"""A GSN relationship on the canvas: a line between two node outlines, bent around the nodes
in its way by the same route function the figures use (`notation.routes`).

SupportedBy ends in a solid arrowhead, InContextOf in a hollow one, as the standard draws
them. A challenge (the dialectic extension) is a dash-dot line in the defeaters' purple with
a solid head behind a cross bar; a challenge to a link ends at the middle of that link and
follows it. A link that breaks the rules for its node types (read from a file, or left
behind by a type change) is drawn red and evenly dashed, with the rule it breaks as its
tooltip.
"""

from __future__ import annotations

import math
from collections.abc import Set as AbstractSet
from typing import Any, NamedTuple

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from gsn_studio.app.canvas.link_exposure import (
    Stretch,
    exposure_for,
    misses,
    misses_repaint,
    stretches,
)
from gsn_studio.app.canvas.node_item import NodeItem
from gsn_studio.app.canvas.paints import brush, pen
from gsn_studio.app.canvas.pattern_paint import LINK_MARGIN, paint_link_marks
from gsn_studio.model import Link, LinkKind, link_violation
from gsn_studio.model.links import kind_phrase
from gsn_studio.model.patterns import AssuranceClaimPoint
from gsn_studio.notation.palette import LINK_COLOUR, STROKE_WIDTH, Status
from gsn_studio.notation.routes import (
    End,
    GridIndex,
    Rect,
    detours_at_once,
    node_rect,
    route,
)
from gsn_studio.notation.routes import midpoint as route_midpoint
from gsn_studio.notation.themes import (
    CHALLENGE_COLOUR,
    CHALLENGE_DASH,
    ILLEGAL_DASH,
    REFUTED_OPACITY,
)

LINK_Z = -1.0
"""Below the nodes (at 0), so a line never crosses a node's text."""
ARROW_LENGTH = 10.0
ARROW_HALF_WIDTH = 5.0
BAR_GAP = 3.0
"""How far behind a challenge's arrowhead its cross bar sits."""
ILLEGAL_COLOUR = "#c62828"
ARROW_DETAIL_THRESHOLD = 0.2
"""Below this scale arrowheads are a pixel or two wide and are left out."""
_HIT_WIDTH = 8.0
HIGHLIGHT_WIDTH = 7.0
"""Within the rect's margin (ARROW_HALF_WIDTH + 2 on each side)."""
_PAINT_MARGIN = ARROW_HALF_WIDTH + 2.0
"""How far from its line a link paints: half the highlight, the cross bar."""

_NO_PEN, _NO_BUTTON = QPen(Qt.PenStyle.NoPen), Qt.MouseButton.NoButton  # made once, see NodeItem
_BY_SHAPE = Qt.ItemSelectionMode.IntersectsItemShape
_BY_OUTLINE = frozenset((_BY_SHAPE, Qt.ItemSelectionMode.ContainsItemShape))

_NO_ACPS: list[AssuranceClaimPoint] = []
"""The ACPs of every item without any: shared, so never changed in place."""
_NO_STRETCHES: list[Stretch] = []  # likewise: replaced, never changed in place

LinkKey = tuple[str, str, LinkKind, str | None]
"""Source, target, kind and the `via` of a challenge to a link (None otherwise)."""


def key_of(link: Link) -> LinkKey:
    return (link.source, link.target, link.kind, link.via)


class LinkItem(QGraphicsRectItem):
    """A rectangle item (the rect bounds the line and arrowhead) so that Qt computes the
    bounding rect in C++; see NodeItem.

    What every link starts with is a class attribute, shadowed on an item only when set for
    it: opening 12,000 links set twenty values on each (0.1 µs apiece on a Qt item) and made
    an empty Qt path for each (2 µs), about 50 ms in all."""

    challenged: LinkItem | None = None
    """For a challenge to a link: that link's item, whose middle this link ends at."""
    challengers: AbstractSet[LinkItem] = frozenset()
    """Challenges to this link: they follow its middle when it moves (a new set each time
    one comes or goes, which few links ever have)."""
    violation: str | None = None
    open_comments = 0
    """Set by CommentBadges; the tooltip says it too."""
    follower: QGraphicsItem | None = None
    """An item kept at the link's middle (its comment bubble): not a child, which would
    be drawn below the nodes with the link."""
    highlight: str | None = None
    """A colour drawn wide under the line while comparing versions (added links)."""
    compare_note = ""
    pattern_link: Link | None = None
    """Its link, when it carries a multiplicity or choice (set by the scene)."""
    acps: list[AssuranceClaimPoint] = _NO_ACPS
    """The assurance claim points on this link (set by the scene; never changed in place)."""
    choice_label = ""
    _route: tuple[tuple[float, float], ...] = ()
    _routed_yet = True
    """False while the path is still to be worked out at the first paint or question
    (see place_new): the rect then bounds the ends' centres, which hold the straight path."""
    _centres: tuple[tuple[float, float], tuple[float, float]] = ((0.0, 0.0), (0.0, 0.0))
    """The ends' centres when place_new left the path for later, in plain numbers."""
    _drawing: _Drawing | None
    """The line, arrowhead and bar as Qt shapes: made at the first paint or hit test
    (None until then), since a large case shows few of its links at a time (_NOT_DRAWN, set
    below the class, for no path)."""
    _hit_drawing: _Drawing | None = None
    _hit_outline = QPainterPath()
    """`shape()`'s stroked outline, made from `_hit_drawing` (stale once that is replaced;
    this empty one is shared, replaced before it is ever written to)."""
    _stretches_drawing: _Drawing | None = None
    _stretches: list[Stretch] = _NO_STRETCHES
    """What `paint` tests against the repainted region, made from `_stretches_drawing`."""

    def __init__(
        self,
        source: NodeItem,
        target: NodeItem,
        kind: LinkKind,
        challenged: LinkItem | None = None,
        via: str | None = None,
    ) -> None:
        """`challenged` and `via` only for a challenge to a link: that link's item, and the
        end of it the model names as `via`. The item has no path until `update_geometry`,
        which the scene calls once the item is in it and can see the nodes in its way."""
        super().__init__()
        self.source = source
        self.target = target
        self.kind = kind
        self.key: LinkKey = (source.node_id, target.node_id, kind, via)
        self.setPen(_NO_PEN)
        self.setZValue(LINK_Z)
        self.setAcceptedMouseButtons(_NO_BUTTON)
        source.links.add(self)
        target.links.add(self)
        if challenged is not None:
            self.challenged = challenged
            challenged.challengers = {*challenged.challengers, self}
        violation = link_violation(
            kind, source.node_id, source.node.type, target.node_id, target.node.type
        )
        if violation is not None:
            self.violation = violation

    def detach(self) -> None:
        """Forget both ends (and the challenged link), before the item leaves the scene."""
        self.source.links.discard(self)
        self.target.links.discard(self)
        if self.challenged is not None:
            self.challenged.challengers = self.challenged.challengers - {self}

    def refresh_rule(self) -> None:
        """Recheck the link against the GSN rules (after a node's type changed)."""
        source, target = self.source.node, self.target.node
        self.violation = link_violation(self.kind, source.id, source.type, target.id, target.type)
        self.update()

    def describe_target(self) -> str:
        challenged = self.challenged
        if challenged is None:
            return self.target.node_id
        return f"the link {challenged.source.node_id} → {challenged.target.node_id}"

    def tool_tip(self) -> str:
        if self.violation:
            text = self.violation
        else:
            phrase = "challenges" if self.kind is LinkKind.CHALLENGES else kind_phrase(self.kind)
            text = f"{self.source.node_id} {phrase} {self.describe_target()}"
        if self.open_comments:
            plural = "s" * (self.open_comments != 1)
            text += f"\n{self.open_comments} open review comment{plural}"
        return f"{text}\n{self.compare_note}" if self.compare_note else text

    def midpoint(self) -> QPointF | None:
        """Halfway along the drawn link, where a challenge to it ends; None if not drawn."""
        if not self.is_drawn:
            return None
        middle = route_midpoint(self._route)
        return None if middle is None else QPointF(*middle)

    def update_geometry(self, detour: bool | None = None) -> None:
        """Follow the ends: from the source's outline to the target's (or to the middle of
        the challenged link), around the nodes in the way (`detour`: see routes.route); then
        the challenges to this link."""
        self._place(detour)
        if self.challenged is None:
            self.target.update()  # its badge keeps off this arrowhead: it may change side
        for challenger in self.challengers:
            challenger.update_geometry(detour)

    def place_new(self, at_once: bool | None = None) -> None:
        """The first placement, by the scene that has just added the item and put both its
        ends in the routing index: only the path is worked out (see update_geometry). In a
        case too large to bend links at once the path is straight, between the ends' outlines
        on the line joining their centres: the rect bounds those centres now, the path waits
        for the first paint or question (most of 10,000 links are out of view on opening).
        `at_once`: whether links are bent at once, as the scene that adds it knows (else
        asked here, through Qt). A target not painted yet finds this link's arrowhead at its
        first paint: it is not repainted for it (every node of an opened case)."""
        if at_once is None:
            at_once = detours_at_once(self._obstacles())
        if self.challenged is None and not at_once:
            sx, sy, tx, ty = self.source.x(), self.source.y(), self.target.x(), self.target.y()
            left, right = (sx, tx) if sx < tx else (tx, sx)
            top, bottom = (sy, ty) if sy < ty else (ty, sy)
            self._drawing, self._routed_yet = None, False  # no route yet: the class has ()
            self._centres = ((sx, sy), (tx, ty))
            self._set_bounds(left, top, right, bottom)
        else:
            self._show(*self._routed(None, ends_placed=True), repaint=False)
        if self.challenged is None and self.target.painted:
            self.target.update()

    def _route_now(self) -> None:
        """Work out the path place_new left for later, straight as it would have been then
        (the idle batches bend it); the rect already holds it, so it stays, which keeps this
        safe inside a paint."""
        self._routed_yet = True
        source, target, points = self._routed(detour=False, ends_placed=True)
        if self._drawn_between(source, target, points):
            self._route, self._drawing = points, None
        else:
            self._route, self._drawing = (), _NOT_DRAWN

    def _obstacles(self) -> GridIndex | None:
        return getattr(self.scene(), "obstacles", None)

    def bend(self) -> None:
        """Route round the nodes in the way whatever the case's size (the idle batches of a
        large case); nothing is repainted when the path stays as it was, as most do."""
        source, target, points = self._routed(detour=True)
        if points != self._route:
            self._show(source, target, points)
            if self.challenged is None:
                self.target.update()
            for challenger in self.challengers:
                challenger.update_geometry(detour=True)

    def _routed(
        self, detour: bool | None, ends_placed: bool = False
    ) -> tuple[End, End, tuple[tuple[float, float], ...]]:
        source = self._end(self.source)
        if self.challenged is None:
            target = self._end(self.target)
        else:
            middle = self.challenged.midpoint()
            target = End("", *((middle.x(), middle.y()) if middle else (source.x, source.y)))
        # The scene's index of node boxes (kept by the scene; refreshed here for the ends,
        # which may be mid-drag), so routing never waits on Qt's own item index.
        obstacles = self._obstacles()
        if obstacles is not None and not ends_placed:
            for item in (self.source, self.target):
                place_obstacle(obstacles, item)
        return source, target, route(source, target, obstacles, detour)

    def _place(self, detour: bool | None = None) -> None:
        self._show(*self._routed(detour))

    def _show(
        self,
        source: End,
        target: End,
        points: tuple[tuple[float, float], ...],
        repaint: bool = True,
    ) -> None:
        """Take a new path: its bounds now, its Qt shapes when first drawn. `repaint` False
        for an item that was never drawn (its new rect has it painted)."""
        self._routed_yet = True
        if not self._drawn_between(source, target, points):
            self._route, self._drawing = (), _NOT_DRAWN
            self.setRect(QRectF())
            if self.follower is not None:
                self.follower.setVisible(False)
            return
        self._route, self._drawing = points, None
        if len(points) == 2:
            (x1, y1), (x2, y2) = points
            left, right = (x1, x2) if x1 < x2 else (x2, x1)
            top, bottom = (y1, y2) if y1 < y2 else (y2, y1)
        else:
            xs, ys = [x for x, _ in points], [y for _, y in points]
            left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
        self._set_bounds(left, top, right, bottom)
        if repaint:
            self.update()  # the rect may stay the same while the line turns within it
        if self.follower is not None:
            # Shown again here: a bubble made before the nodes had positions starts hidden.
            middle = route_midpoint(points)
            if middle is not None:
                self.follower.setPos(QPointF(*middle))
            self.follower.setVisible(True)

    @staticmethod
    def _drawn_between(source: End, target: End, points: tuple[tuple[float, float], ...]) -> bool:
        """Whether a path leaves room to draw the link: not when the outlines overlap."""
        if len(points) < 2:
            return False
        length = math.dist(points[-2], points[-1])
        outwards = len(points) > 2 or (
            (points[1][0] - points[0][0]) * (target.x - source.x)
            + (points[1][1] - points[0][1]) * (target.y - source.y)
            > 0
        )
        return length > 0 and outwards and (len(points) > 2 or length >= ARROW_LENGTH)

    def _set_bounds(self, left: float, top: float, right: float, bottom: float) -> None:
        """The rect round a path's extent, with room for the arrowhead and pattern marks."""
        margin = ARROW_HALF_WIDTH + 2.0 + (LINK_MARGIN if self.pattern_link or self.acps else 0)
        # As four numbers: a QRectF made for each of 12,000 links on opening costs 1 µs each.
        self.setRect(
            left - margin, top - margin, right - left + 2 * margin, bottom - top + 2 * margin
        )

    def _shapes(self) -> _Drawing:
        points = self.path_points()  # first, since working it out sets the drawing
        drawing = self._drawing
        if drawing is None:
            drawing = self._drawing = _drawing_of(points, self.kind)
        return drawing

    @staticmethod
    def _end(item: NodeItem) -> End:
        return End(item.node_id, item.x(), item.y(), item.geometry, item.node.undeveloped)

    @property
    def routed_yet(self) -> bool:
        """Whether its path is worked out: place_new leaves it for later in a large case."""
        return self._routed_yet

    @property
    def is_drawn(self) -> bool:
        return len(self.path_points()) >= 2

    def path_points(self) -> tuple[tuple[float, float], ...]:
        """The drawn path, from the source's outline to the arrowhead's tip."""
        if not self._routed_yet:
            self._route_now()
        return self._route

    def span(self) -> tuple[tuple[float, float], tuple[float, float]] | None:
        """Roughly where the link runs, from its first point to its last, without working
        out a path still to be routed (its ends' centres then); None if it is not drawn."""
        if not self._routed_yet:
            return self._centres
        points = self._route
        return (points[0], points[-1]) if len(points) >= 2 else None

    def head(self) -> tuple[QPointF, QPointF] | None:
        """The arrowhead's tip and the middle of its base, if drawn."""
        if not self.is_drawn:
            return None
        drawing = self._shapes()
        return drawing.arrow.at(0), drawing.polyline.last()

    def end_points(self) -> tuple[QPointF, QPointF]:
        """Where the link leaves its source and where the arrowhead's tip touches the target."""
        if not self.is_drawn:
            return QPointF(), QPointF()
        return QPointF(*self._route[0]), QPointF(*self._route[-1])

    def _stretches_of(self, drawing: _Drawing) -> list[Stretch]:
        """The drawing's stretches and their boxes, made once per drawing (a new path makes
        a new drawing, so they never outlive the geometry they were made from)."""
        if self._stretches_drawing is not drawing:
            self._stretches = stretches(drawing.line, drawing.head, _PAINT_MARGIN)
            self._stretches_drawing = drawing
        return self._stretches

    # -- Qt overrides ----------------------------------------------------------------------

    def collidesWithPath(self, path: QPainterPath, mode: Qt.ItemSelectionMode = _BY_SHAPE) -> bool:
        """Qt asks this of every link whose box holds a point it looks at: the pointer on each
        move and click, a scroll's replayed move (hundreds of long links at 10,000 nodes). A
        path that comes near none of the line's stretches misses its outline, which lies
        within them: answered in plain numbers, without the outline."""
        if mode in _BY_OUTLINE and self.pattern_link is None and not self.acps:
            if not self.is_drawn:
                return False
            rect = path.boundingRect()
            box = (rect.left(), rect.top(), rect.right(), rect.bottom())
            if misses((box, [box]), self._stretches_of(self._shapes()), _PAINT_MARGIN):
                return False
        return bool(super().collidesWithPath(path, mode))

    def shape(self) -> Any:
        if not self.is_drawn:
            return QPainterPath()
        drawing = self._shapes()
        # Qt asks on every hover, click and scroll over the link's box (a long link's box
        # holds much of the case): stroke once per drawing, which a new path replaces.
        if self._hit_drawing is not drawing:
            path = QPainterPath()
            path.addPolygon(drawing.polyline)
            stroker = QPainterPathStroker()
            stroker.setWidth(_HIT_WIDTH)
            self._hit_outline = stroker.createStroke(path)
            self._hit_outline.addPolygon(drawing.arrow)
            self._hit_drawing = drawing
        return QPainterPath(self._hit_outline)  # a copy sharing the data until written to

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        if not self.is_drawn:
            return
        challenge = self.kind is LinkKind.CHALLENGES
        dash: tuple[float, ...]
        if self.violation:
            colour, dash = ILLEGAL_COLOUR, ILLEGAL_DASH
        elif challenge:
            colour, dash = CHALLENGE_COLOUR, CHALLENGE_DASH
        else:
            colour, dash = LINK_COLOUR, ()
        if challenge and self.source.status is Status.REFUTED:
            painter.setOpacity(REFUTED_OPACITY)  # it no longer counts, as figures show it too
        drawing = self._shapes()
        if self.pattern_link is None and not self.acps:  # marks and labels reach further
            found = self._stretches_of(drawing)
            areas = exposure_for(widget)  # the view's repaint, mapped once for every link
            if (
                misses(areas, found, _PAINT_MARGIN)
                if areas is not None
                else misses_repaint(painter, found, _PAINT_MARGIN)
            ):
                return
        detail = option.levelOfDetailFromTransform(painter.worldTransform())
        if detail < ARROW_DETAIL_THRESHOLD:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(pen(colour, 0))
            painter.drawPolyline(drawing.polyline)
            return
        if self.highlight is not None:
            painter.setPen(pen(self.highlight, HIGHLIGHT_WIDTH, alpha=110))
            painter.drawPolyline(drawing.polyline)
        painter.setPen(pen(colour, STROKE_WIDTH, dash))
        painter.drawPolyline(drawing.polyline)
        painter.setPen(pen(colour, STROKE_WIDTH))
        hollow = self.kind is LinkKind.IN_CONTEXT_OF
        painter.setBrush(brush("#ffffff") if hollow else brush(colour))
        painter.drawPolygon(drawing.arrow)
        if challenge and not drawing.bar.isNull():
            painter.setPen(pen(colour, 2.0))
            painter.drawLine(drawing.bar)
        paint_link_marks(painter, self)


class _Drawing(NamedTuple):
    """A link's path as the Qt shapes that draw it and hit-test it."""

    polyline: QPolygonF
    """From the source's outline to the arrowhead's base: a hollow head shows no line."""
    arrow: QPolygonF
    bar: QLineF
    """A challenge's cross bar behind its head (null for other links, or no room)."""
    line: tuple[tuple[float, float], ...]
    """The polyline's points in plain numbers, which the exposure test reads."""
    head: tuple[tuple[float, float], ...]
    """The arrowhead's corners likewise."""


_NOT_DRAWN = _Drawing(QPolygonF(), QPolygonF(), QLineF(), (), ())
"""Shared by every link with no path: never modified."""
LinkItem._drawing = _NOT_DRAWN  # until placed


def _drawing_of(points: tuple[tuple[float, float], ...], kind: LinkKind) -> _Drawing:
    """The shapes of a path of at least two points whose last stretch is longer than 0."""
    (x1, y1), (x2, y2) = points[-2], points[-1]
    length = math.dist(points[-2], points[-1])
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    bx, by = x2 - ux * ARROW_LENGTH, y2 - uy * ARROW_LENGTH
    nx, ny = -uy * ARROW_HALF_WIDTH, ux * ARROW_HALF_WIDTH
    head = ((x2, y2), (bx + nx, by + ny), (bx - nx, by - ny))
    line = (*points[:-1], (bx, by))
    arrow = QPolygonF([QPointF(x, y) for x, y in head])
    polyline = QPolygonF([QPointF(x, y) for x, y in line])
    bar = QLineF()
    if kind is LinkKind.CHALLENGES and length > ARROW_LENGTH + 2 * BAR_GAP:
        cx, cy = bx - ux * BAR_GAP, by - uy * BAR_GAP
        bar = QLineF(cx + nx, cy + ny, cx - nx, cy - ny)
    return _Drawing(polyline, arrow, bar, line, head)


def box_of(item: NodeItem) -> Rect:
    """The box a node item takes, as the router sees it."""
    return node_rect(item.geometry, item.x(), item.y(), item.node.undeveloped)


def place_obstacle(obstacles: GridIndex, item: NodeItem) -> None:
    """Put a node's box in the routing index while it is shown; one hidden by a fold or the
    focus is in nobody's way, so links run straight where it would stand."""
    if item.isVisible():
        obstacles.place(item.node_id, box_of(item))
    else:
        obstacles.remove(item.node_id)
