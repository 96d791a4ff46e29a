"""A GSN relationship on the canvas: a straight line between two node outlines.

SupportedBy ends in a solid arrowhead, InContextOf in a hollow one, as the standard draws
them. A challenge (the dialectic extension) is a dash-dot line in the defeaters' purple with
a solid head behind a cross bar; a challenge to a link ends at the middle of that link and
follows it. A link that breaks the rules for its node types (read from a file, or left
behind by a type change) is drawn red and evenly dashed, with the rule it breaks as its
tooltip.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from gsn_studio.app.canvas.node_item import NodeItem
from gsn_studio.app.canvas.paints import brush, pen
from gsn_studio.app.canvas.pattern_paint import LINK_MARGIN, paint_link_marks
from gsn_studio.app.canvas.shapes import exit_point
from gsn_studio.model import Link, LinkKind, link_violation
from gsn_studio.model.links import kind_phrase
from gsn_studio.model.patterns import AssuranceClaimPoint
from gsn_studio.notation.palette import LINK_COLOUR, STROKE_WIDTH, Status
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

LinkKey = tuple[str, str, LinkKind, str | None]
"""Source, target, kind and the `via` of a challenge to a link (None otherwise)."""


def key_of(link: Link) -> LinkKey:
    return (link.source, link.target, link.kind, link.via)


class LinkItem(QGraphicsRectItem):
    """A rectangle item (the rect bounds the line and arrowhead) so that Qt computes the
    bounding rect in C++; see NodeItem."""

    def __init__(
        self,
        source: NodeItem,
        target: NodeItem,
        kind: LinkKind,
        challenged: LinkItem | None = None,
        via: str | None = None,
    ) -> None:
        """`challenged` and `via` only for a challenge to a link: that link's item, and the
        end of it the model names as `via`."""
        super().__init__()
        self.source = source
        self.target = target
        self.kind = kind
        self.challenged = challenged
        """For a challenge to a link: that link's item, whose middle this link ends at."""
        self.challengers: set[LinkItem] = set()
        """Challenges to this link: they follow its middle when it moves."""
        self.key: LinkKey = (source.node_id, target.node_id, kind, via)
        self.violation: str | None = None
        self.open_comments = 0
        """Set by CommentBadges; the tooltip says it too."""
        self.follower: QGraphicsItem | None = None
        """An item kept at the link's middle (its comment bubble): not a child, which would
        be drawn below the nodes with the link."""
        self.highlight: str | None = None
        """A colour drawn wide under the line while comparing versions (added links)."""
        self.compare_note = ""
        self.pattern_link: Link | None = None
        """Its link, when it carries a multiplicity or choice (set by the scene)."""
        self.acps: list[AssuranceClaimPoint] = []
        """The assurance claim points on this link (set by the scene)."""
        self.choice_label = ""
        self._line = QLineF()
        self._arrow = QPolygonF()
        self._bar = QLineF()
        self.setPen(Qt.PenStyle.NoPen)
        self.setZValue(LINK_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        source.links.add(self)
        target.links.add(self)
        if challenged is not None:
            challenged.challengers.add(self)
        self.violation = link_violation(
            kind, source.node_id, source.node.type, target.node_id, target.node.type
        )
        self._place()

    def detach(self) -> None:
        """Forget both ends (and the challenged link), before the item leaves the scene."""
        self.source.links.discard(self)
        self.target.links.discard(self)
        if self.challenged is not None:
            self.challenged.challengers.discard(self)

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
        """The middle of the drawn link, where a challenge to it ends; None if not drawn."""
        if not self.is_drawn:
            return None
        start, tip = self.end_points()
        return (start + tip) / 2

    def update_geometry(self) -> None:
        """Follow the ends: from the source's outline to the target's (or to the middle of
        the challenged link), towards each other; then the challenges to this link."""
        self._place()
        if self.challenged is None:
            self.target.update()  # its badge keeps off this arrowhead: it may change side
        for challenger in self.challengers:
            challenger.update_geometry()

    def _place(self) -> None:
        sx, sy = self.source.x(), self.source.y()
        if self.challenged is None:
            tx, ty = self.target.x(), self.target.y()
            x2, y2 = exit_point(self.target.geometry.outline, (tx, ty), (sx, sy))
        else:
            middle = self.challenged.midpoint()
            tx, ty = (middle.x(), middle.y()) if middle is not None else (sx, sy)
            x2, y2 = tx, ty
        x1, y1 = exit_point(self.source.geometry.outline, (sx, sy), (tx, ty))
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        if length < ARROW_LENGTH or dx * (tx - sx) + dy * (ty - sy) <= 0:
            # The outlines overlap: there is no gap to draw the link in.
            self._line, self._arrow, self._bar = QLineF(), QPolygonF(), QLineF()
            self.setRect(QRectF())
            if self.follower is not None:
                self.follower.setVisible(False)
            return
        ux, uy = dx / length, dy / length
        bx, by = x2 - ux * ARROW_LENGTH, y2 - uy * ARROW_LENGTH
        nx, ny = -uy * ARROW_HALF_WIDTH, ux * ARROW_HALF_WIDTH
        self._arrow = QPolygonF(
            [QPointF(x2, y2), QPointF(bx + nx, by + ny), QPointF(bx - nx, by - ny)]
        )
        self._line = QLineF(x1, y1, bx, by)
        if self.kind is LinkKind.CHALLENGES and length > ARROW_LENGTH + 2 * BAR_GAP:
            cx, cy = bx - ux * BAR_GAP, by - uy * BAR_GAP
            self._bar = QLineF(cx + nx, cy + ny, cx - nx, cy - ny)
        else:
            self._bar = QLineF()
        margin = ARROW_HALF_WIDTH + 2.0 + (LINK_MARGIN if self.pattern_link or self.acps else 0)
        self.setRect(
            min(x1, x2) - margin, min(y1, y2) - margin, abs(dx) + 2 * margin, abs(dy) + 2 * margin
        )
        self.update()  # the rect may stay the same while the line turns within it
        if self.follower is not None:
            # Shown again here: a bubble made before the nodes had positions starts hidden.
            self.follower.setPos((QPointF(x1, y1) + self._arrow.at(0)) / 2)
            self.follower.setVisible(True)

    @property
    def is_drawn(self) -> bool:
        return not self._line.isNull()

    def head(self) -> tuple[QPointF, QPointF] | None:
        """The arrowhead's tip and the middle of its base, if drawn."""
        if self._arrow.isEmpty():
            return None
        return self._arrow.at(0), self._line.p2()

    def end_points(self) -> tuple[QPointF, QPointF]:
        """Where the link leaves its source and where the arrowhead's tip touches the target."""
        tip = self._arrow.at(0) if not self._arrow.isEmpty() else self._line.p2()
        return self._line.p1(), tip

    # -- Qt overrides ----------------------------------------------------------------------

    def shape(self) -> Any:
        path = QPainterPath()
        if not self.is_drawn:
            return path
        path.moveTo(self._line.p1())
        path.lineTo(self._line.p2())
        stroker = QPainterPathStroker()
        stroker.setWidth(_HIT_WIDTH)
        outline = stroker.createStroke(path)
        outline.addPolygon(self._arrow)
        return outline

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        if not self.is_drawn:
            return
        challenge = self.kind is LinkKind.CHALLENGES
        if self.violation:
            colour, dash = ILLEGAL_COLOUR, ILLEGAL_DASH
        elif challenge:
            colour, dash = CHALLENGE_COLOUR, CHALLENGE_DASH
        else:
            colour, dash = LINK_COLOUR, ()
        if challenge and self.source.status is Status.REFUTED:
            painter.setOpacity(REFUTED_OPACITY)  # it no longer counts, as figures show it too
        detail = option.levelOfDetailFromTransform(painter.worldTransform())
        if detail < ARROW_DETAIL_THRESHOLD:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(pen(colour, 0))
            painter.drawLine(self._line)
            return
        if self.highlight is not None:
            painter.setPen(pen(self.highlight, HIGHLIGHT_WIDTH, alpha=110))
            painter.drawLine(self._line)
        painter.setPen(pen(colour, STROKE_WIDTH, dash))
        painter.drawLine(self._line)
        painter.setPen(pen(colour, STROKE_WIDTH))
        hollow = self.kind is LinkKind.IN_CONTEXT_OF
        painter.setBrush(brush("#ffffff") if hollow else brush(colour))
        painter.drawPolygon(self._arrow)
        if challenge and not self._bar.isNull():
            painter.setPen(pen(colour, 2.0))
            painter.drawLine(self._bar)
        paint_link_marks(painter, self)
