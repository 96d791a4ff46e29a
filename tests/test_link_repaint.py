"""A long link's box holds much of the view, so Qt repaints it for any small region inside
that box (a scroll strip, a new node): the link draws only where its line runs."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QImage, QPainter, QRegion

from gsn_studio.app.canvas import link_item
from gsn_studio.app.canvas.scene import CanvasScene
from gsn_studio.app.canvas.view import CanvasView
from gsn_studio.app.document import Document
from gsn_studio.app.selection import Selection
from gsn_studio.model import Case, NodeType, Position


def _long_link_view(qtbot: Any) -> tuple[CanvasView, link_item.LinkItem]:
    case = Case(name="Far")
    case.add_node(NodeType.GOAL, "Top", position=Position(x=0, y=0))
    case.add_node(NodeType.SOLUTION, "Far evidence", position=Position(x=900, y=700))
    case.connect("G1", "Sn1")
    document = Document()
    document.replace(case, None)
    scene = CanvasScene(document, Selection())
    view = CanvasView(scene)
    qtbot.addWidget(view)
    view.resize(1200, 1000)
    view.show()
    qtbot.waitExposed(view)
    view.centerOn(450, 350)
    link = next(item for item in scene.items() if isinstance(item, link_item.LinkItem))
    return view, link


def _render(view: CanvasView, region: QRegion | None) -> QImage:
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)
    image.fill(0)
    if region is None:
        view.viewport().render(image)
    else:
        view.viewport().render(image, region.boundingRect().topLeft(), region)
    return image


def _pens_set(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    calls: list[object] = []
    original = link_item.pen

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(link_item, "pen", counting)
    return calls


def test_a_region_inside_a_long_links_box_but_off_its_line_draws_nothing_of_it(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Repainting a corner of a long link's box that its line does not reach sets no pen and
    draws nothing for it, while a strip its line crosses is drawn exactly as a full paint."""
    view, link = _long_link_view(qtbot)
    box = view.mapFromScene(link.sceneBoundingRect()).boundingRect()
    path = [view.mapFromScene(QPointF(x, y)) for x, y in link.path_points()]
    # The box's corner farthest from every point of the line (a diagonal or an L).
    corners = [box.topRight(), box.bottomLeft(), box.topLeft(), box.bottomRight()]
    corners.sort(key=lambda c: min((c - p).manhattanLength() for p in path), reverse=True)
    far, other = (QRect(c.x() - 30, c.y() - 30, 60, 60).intersected(box) for c in corners[:2])
    assert not far.isEmpty() and not other.isEmpty()
    full = _render(view, None)
    pens = _pens_set(monkeypatch)
    _render(view, QRegion(far))
    _render(view, QRegion(far).united(QRegion(other)))  # two rectangles, as a scroll leaves
    assert pens == []
    # A strip across the whole box meets the line somewhere: drawn, pixel for pixel.
    middle = QRect(box.left(), box.center().y() - 20, box.width(), 40)
    part = _render(view, QRegion(middle))
    assert pens != []
    assert part.copy(middle) == full.copy(middle)


def test_a_repaint_maps_its_region_to_the_scene_once_not_once_per_link(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the view repaints a region, the links Qt asks to paint in it test their stretches
    against the region worked out once for the repaint (asking the painter for its clip and
    mapping it cost each link more than its test), and draw just as before; painted outside
    a view's repaint (a figure, an item cache) a link still finds the region itself."""
    view, link = _long_link_view(qtbot)
    box = view.mapFromScene(link.sceneBoundingRect()).boundingRect()
    middle = QRect(box.left(), box.center().y() - 20, box.width(), 40)
    full = _render(view, None)
    asked: list[object] = []
    original = link_item.misses_repaint

    def counting(*args: Any) -> bool:
        asked.append(args)
        return original(*args)

    monkeypatch.setattr(link_item, "misses_repaint", counting)
    part = _render(view, QRegion(middle))
    assert part.copy(middle) == full.copy(middle)
    pens = _pens_set(monkeypatch)
    corner = QRect(box.topRight().x() - 60, box.topRight().y(), 60, 60).intersected(box)
    _render(view, QRegion(corner))
    assert asked == [] and pens == []
    image = QImage(400, 400, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    view.scene().render(painter)
    painter.end()
    assert asked != []
