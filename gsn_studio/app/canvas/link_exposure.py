"""Whether a link's drawing meets the part of the view Qt repaints.

Qt paints every item whose bounding box meets the repainted region, and a long link's box
holds much of the view: a scroll strip or a new node's box repaints hundreds of links whose
lines run elsewhere (372 of them after adding a goal at 10,000 nodes, 80 µs of stroking
each, clipped away). A link's drawing is a few straight stretches, so testing their boxes
against the region is cheap and leaves out only what the clip would have thrown away.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import pairwise
from typing import cast

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QPainter, QRegion, QTransform
from PySide6.QtWidgets import QWidget

DEVICE_SLACK = 2
"""Device pixels added round the region: antialiasing and a cosmetic pen reach past a line."""


Box = tuple[float, float, float, float]
"""Left, top, right and bottom in the item's coordinates: plain numbers compare fastest."""
Stretch = tuple[Box, Box | None]
"""A stretch's box grown by the margin, and its ends (x1, y1, x2, y2); None for the head,
which its box holds closely enough."""


def stretches(
    line: Sequence[tuple[float, float]], head: Sequence[tuple[float, float]], margin: float
) -> list[Stretch]:
    """Each stretch of a line, and its arrowhead, with the box that holds it grown by
    `margin` (half the widest pen, the cross bar). In plain numbers, as the link's drawing
    keeps them: reading a Qt polygon's points back cost 60 µs a link at its first paint."""
    found: list[Stretch] = [
        (
            (
                min(x1, x2) - margin,
                min(y1, y2) - margin,
                max(x1, x2) + margin,
                max(y1, y2) + margin,
            ),
            (x1, y1, x2, y2),
        )
        for (x1, y1), (x2, y2) in pairwise(line)
    ]
    if head:
        xs, ys = [x for x, _ in head], [y for _, y in head]
        found.append(
            ((min(xs) - margin, min(ys) - margin, max(xs) + margin, max(ys) + margin), None)
        )
    return found


Areas = tuple[Box, list[Box]]
"""A repainted region in item coordinates: the box round it, and its rectangles' boxes."""


class Exposure:
    """What a view repaints, mapped to the scene once for the whole repaint: every link Qt asks
    to paint in it tests its stretches against these boxes (asking the painter for its clip
    and mapping it took each of the 190 links of an add's repaint longer than the test)."""

    def __init__(self, widget: QWidget, region: QRegion, to_scene: QTransform) -> None:
        self.widget = widget
        """The viewport painted: a link painted elsewhere meanwhile finds its own region."""
        self.areas = _areas(region, to_scene)


_repainting: list[Exposure] = []


@contextmanager
def repainting(widget: QWidget, region: QRegion, to_scene: QTransform) -> Iterator[None]:
    """While a view paints `region` of its viewport `widget` (`to_scene`: from the viewport to
    the scene), links painted there look it up with `exposure_for`."""
    _repainting.append(Exposure(widget, region, to_scene))
    try:
        yield
    finally:
        _repainting.pop()


def exposure_for(widget: QWidget | None) -> Areas | None:
    """The region being repainted in `widget`, in scene coordinates, if a view said so (for
    items placed at the scene's origin, as links are)."""
    if not _repainting or widget is None:
        return None
    exposure = _repainting[-1]
    return exposure.areas if widget is exposure.widget else None


def misses_repaint(painter: QPainter, found: list[Stretch], margin: float) -> bool:
    """Whether no stretch meets the region being repainted. Painting with no known region (a
    figure rendered to an image, an item cache) misses nothing: everything is drawn."""
    engine = painter.paintEngine()
    region = engine.systemClip() if engine is not None else None
    if region is None or region.isEmpty():
        return False
    inverse, invertible = painter.deviceTransform().inverted()
    if not invertible:
        return False
    return misses(_areas(region, inverse), found, margin)


def misses(areas: Areas, found: list[Stretch], margin: float) -> bool:
    """Whether no stretch meets the region (`_areas`)."""
    (left, top, right, bottom), rects = areas
    near = [
        s
        for s in found
        if s[0][0] <= right and left <= s[0][2] and s[0][1] <= bottom and top <= s[0][3]
    ]
    if not near:
        return True
    for (x1, y1, x2, y2), ends in near:
        for left, top, right, bottom in rects:
            if not (x1 <= right and left <= x2 and y1 <= bottom and top <= y2):
                continue
            grown = (left - margin, top - margin, right + margin, bottom + margin)
            if ends is None or _meets(ends, grown):
                return False
    return True


def _areas(region: QRegion, inverse: QTransform) -> Areas:
    """A device region in item coordinates (`inverse`: from the device to the item), each box
    grown by the slack."""
    slack = DEVICE_SLACK
    bound = _box(inverse.mapRect(QRectF(region.boundingRect())), slack)
    if region.rectCount() == 1:
        return bound, [bound]
    # A scroll's strips and a new node's box: each rectangle on its own.
    return bound, [_box(inverse.mapRect(QRectF(rect)), slack) for rect in _rects(region)]


def _rects(region: QRegion) -> Iterable[QRect]:
    return cast("Iterable[QRect]", region)  # iterable at run time; the stubs do not say so


def _box(rect: QRectF, slack: float) -> Box:
    return rect.left() - slack, rect.top() - slack, rect.right() + slack, rect.bottom() + slack


def _meets(ends: Box, area: Box) -> bool:
    """Whether the segment between two points passes through the box (Liang and Barsky's
    clipping: the segment's part inside each of the four edges, narrowed until none is left)."""
    x1, y1, x2, y2 = ends
    left, top, right, bottom = area
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - top), (dy, bottom - y1)):
        if p == 0:
            if q < 0:
                return False
        elif p < 0:
            low = max(low, q / p)
        else:
            high = min(high, q / p)
        if low > high:
            return False
    return True
