"""What a click, an add and a nudge cost at a large size stays with what they change (spies
count the work; the timings are benchmarks/bench_feel.py's), and the canvas still draws
right afterwards."""

from __future__ import annotations

import itertools
import math
from typing import Any

import pytest
from conftest import SAMPLES
from generate import generate_case
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QImage, QRegion
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from test_edit_costs import _idle, _PaintCounter

from gsn_studio.app.canvas.link_item import LinkItem
from gsn_studio.app.main_window import MainWindow
from gsn_studio.layout import layout_case
from gsn_studio.model import NodeType, Position
from gsn_studio.model.changes import MoveNodes
from gsn_studio.notation import routes


def _show_big(window: MainWindow, qtbot: QtBot) -> MainWindow:
    """Show a laid-out generated case of about 300 nodes, findings current."""
    case = generate_case(300)
    MoveNodes(layout_case(case)).apply(case)
    window.resize(1200, 800)
    window.document.replace(case, None)
    qtbot.waitUntil(lambda: not window.document.findings_pending, timeout=5000)
    return window


@pytest.fixture
def big(window: MainWindow, qtbot: QtBot) -> MainWindow:
    """The window showing a laid-out generated case of about 300 nodes, findings current."""
    return _show_big(window, qtbot)


def _distance(point: QPointF, path: tuple[tuple[float, float], ...]) -> float:
    """How far a point lies from a polyline."""
    best = math.inf
    for (x1, y1), (x2, y2) in itertools.pairwise(path):
        dx, dy = x2 - x1, y2 - y1
        length = dx * dx + dy * dy
        t = 0.0 if length == 0 else ((point.x() - x1) * dx + (point.y() - y1) * dy) / length
        t = min(1.0, max(0.0, t))
        best = min(best, math.hypot(point.x() - x1 - t * dx, point.y() - y1 - t * dy))
    return best


def _outlines_asked(monkeypatch: pytest.MonkeyPatch) -> list[LinkItem]:
    asked: list[LinkItem] = []
    original = LinkItem.shape

    def counting(self: LinkItem) -> Any:
        asked.append(self)
        return original(self)

    monkeypatch.setattr(LinkItem, "shape", counting)
    return asked


def test_a_click_on_a_node_asks_no_link_far_from_the_pointer_for_its_outline(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A click on a node inside long links' boxes selects it and asks no link whose line runs
    more than a few pixels from the pointer for its stroked outline (Qt asked every link whose
    box held the point, hundreds at 10,000 nodes)."""
    asked = _outlines_asked(monkeypatch)  # before the items are made: Qt keeps the method
    big = _show_big(window, qtbot)
    scene, view = big.scene, big.view
    links = [link for link in scene.link_items() if link.is_drawn]
    target = max(
        (item for item in scene.node_items() if item.node.type is NodeType.GOAL),
        key=lambda item: sum(
            link.sceneBoundingRect().contains(item.sceneBoundingRect().center()) for link in links
        ),
    )
    centre = target.sceneBoundingRect().center()
    around = [link for link in links if link.sceneBoundingRect().contains(centre)]
    assert len(around) >= 3, "links whose box holds the node's middle"
    view.centerOn(target)
    at = QPoint(view.mapFromScene(centre))
    QTest.mouseMove(view.viewport(), at)
    _idle(big, qtbot)
    asked.clear()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), at)
    _idle(big, qtbot)
    assert big.selection.current == target.node_id
    far = [link for link in set(asked) if _distance(centre, link.path_points()) > 12]
    assert far == []


def test_a_link_is_still_found_on_its_line_and_not_beside_it(big: MainWindow) -> None:
    """Asking the scene for the items at a point on a long link's line finds the link; a point
    inside its box but away from its line does not."""
    scene = big.scene
    link = max(
        (link for link in scene.link_items() if link.is_drawn),
        key=lambda link: link.sceneBoundingRect().width() * link.sceneBoundingRect().height(),
    )
    (x1, y1), (x2, y2) = link.path_points()[:2]
    on_line = QPointF((x1 + x2) / 2, (y1 + y2) / 2)
    assert link in scene.items(on_line)
    box = link.sceneBoundingRect()
    corners = [box.topLeft(), box.topRight(), box.bottomLeft(), box.bottomRight()]
    corner = max(corners, key=lambda c: _distance(c, link.path_points()))
    inside = corner + (box.center() - corner) * 0.05
    assert box.contains(inside) and _distance(inside, link.path_points()) > 30
    assert link not in scene.items(inside)
    assert scene.link_item_at(on_line) is not None


def test_adding_a_goal_scrolls_the_view_once(big: MainWindow, qtbot: QtBot) -> None:
    """Adding a goal under a node at the bottom edge of the view brings the new goal and its
    text editor into view in one scroll (it scrolled for the node, then again for the
    editor: two repaints and two hit tests under the pointer)."""
    view = big.view
    goals = [n.id for n in big.document.case.nodes if n.type is NodeType.GOAL]
    parent = big.scene.item_for(goals[len(goals) // 2])
    assert parent is not None
    big.selection.set([parent.node_id])
    view.centerOn(parent)
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() - view.viewport().height() // 2 + 60)  # the node near the bottom
    _idle(big, qtbot)
    moves: list[int] = []
    across: list[int] = []
    bar.valueChanged.connect(moves.append)
    view.horizontalScrollBar().valueChanged.connect(across.append)
    big.act_add[NodeType.GOAL].trigger()
    _idle(big, qtbot)
    new = big.scene.item_for(big.selection.current or "")
    assert new is not None and new is not parent
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(new.sceneBoundingRect())
    assert big.scene.editing
    assert len(moves) == 1 and len(across) <= 1


def _opened_large(window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """The loan sample, counted as large (links bent in idle batches), every link bent."""
    monkeypatch.setattr(routes, "DETOUR_LIMIT", 10)
    window.files.open(SAMPLES / "loan-approval.gsnx", ask=False)
    qtbot.waitUntil(lambda: not window.layout_runner.is_running(), timeout=20000)
    router = window.scene.batch_router
    qtbot.waitUntil(lambda: router.pending == 0, timeout=20000)


def test_a_nudge_in_a_large_case_paints_its_bent_links_once(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nudging a node whose links bend round others, in a case too large to route at once,
    bends them again as the nudge is made: the canvas repaints once, with nothing left for
    an idle batch (they were drawn straight, painted, then bent and painted again)."""
    _opened_large(window, qtbot, monkeypatch)
    bent = next(link for link in window.scene.link_items() if len(link.path_points()) > 2)
    node = bent.target
    window.selection.set([node.node_id])
    window.view.centerOn(node)
    window.view.setFocus()
    _idle(window, qtbot)
    counter = _PaintCounter(window.view.viewport())
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Right)
    assert window.scene.batch_router.pending == 0
    _idle(window, qtbot)
    qtbot.waitUntil(lambda: window.scene.batch_router.pending == 0, timeout=5000)
    _idle(window, qtbot)
    assert counter.paints == 1
    assert len(bent.path_points()) > 2
    path = bent.path_points()
    bent.bend()
    assert bent.path_points() == path


def _render(window: MainWindow, region: QRegion | None) -> QImage:
    viewport = window.view.viewport()
    image = QImage(viewport.size(), QImage.Format.Format_ARGB32)
    image.fill(0)
    if region is None:
        viewport.render(image)
    else:
        viewport.render(image, region.boundingRect().topLeft(), region)
    return image


def test_a_link_is_drawn_where_it_runs_after_its_node_moves(big: MainWindow, qtbot: QtBot) -> None:
    """After a node moves, a repaint of a strip across its link's new line draws the link
    there exactly as a full repaint does, and a strip across its old line draws nothing of it:
    what the exposure test knows follows the path."""
    scene, view = big.scene, big.view
    link = next(
        link
        for link in scene.link_items()
        if len(link.path_points()) == 2
        and abs(link.path_points()[0][0] - link.path_points()[1][0]) < 1
    )
    node = link.target
    view.centerOn(node)
    _idle(big, qtbot)
    _render(big, None)  # painted once: its exposure boxes are made
    old = link.path_points()
    change = MoveNodes({node.node_id: Position(x=node.x() + 60, y=node.y())})
    big.document.push(change, "Move")
    _idle(big, qtbot)
    new = link.path_points()
    assert new != old

    def strip(points: tuple[tuple[float, float], ...]) -> QRect:
        (x1, y1), (x2, y2) = points[0], points[-1]
        middle = view.mapFromScene(QPointF((x1 + x2) / 2, (y1 + y2) / 2))
        return QRect(middle.x() - 3, middle.y() - 3, 6, 6)

    full = _render(big, None)
    part = _render(big, QRegion(strip(new)))
    box = strip(new)
    assert any(
        part.pixel(x, y) == full.pixel(x, y) and part.pixel(x, y) != 0
        for x in range(box.left(), box.right())
        for y in range(box.top(), box.bottom())
    )
    assert [
        part.pixel(x, y)
        for x in range(box.left(), box.right())
        for y in range(box.top(), box.bottom())
    ] == [
        full.pixel(x, y)
        for x in range(box.left(), box.right())
        for y in range(box.top(), box.bottom())
    ]


def test_the_first_activation_after_a_case_opens_does_not_judge_it_again(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The application becoming active just after a case opened (as at every start-up) does
    not work out the findings a second time (0.3 s at 10,000 nodes); coming back after
    leaving for another application does, as the evidence files may have changed."""
    from PySide6.QtWidgets import QApplication

    from gsn_studio.app.document import Document

    window.files.open(SAMPLES / "loan-approval.gsnx", ask=False)
    qtbot.waitUntil(lambda: not window.document.findings_pending, timeout=5000)
    passes: list[Document] = []
    original = Document.refresh_findings

    def counting(self: Document, **kwargs: bool) -> None:
        passes.append(self)
        original(self, **kwargs)

    monkeypatch.setattr(Document, "refresh_findings", counting)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    assert window.document not in passes
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    assert passes.count(window.document) == 1


def test_the_node_under_the_pointer_is_found_without_gathering_the_links_there(
    big: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each mouse move and click looks for the node under the pointer in the routing index
    of node boxes, not in Qt's list of every item there (hundreds of long links at 10,000
    nodes, each handed to Python); it finds the same node, skips the one ignored, finds none
    beside a node or on a hidden one."""
    scene = big.scene
    nodes = [item for item in scene.node_items() if item.isVisible()][:25]
    asked: list[object] = []
    original = type(scene).items

    def counting(self: Any, *args: Any) -> Any:
        asked.append(args)
        return original(self, *args)

    expected = {item: item for item in nodes}
    monkeypatch.setattr(type(scene), "items", counting)
    for item in nodes:
        point = item.sceneBoundingRect().center()
        assert scene.node_item_at(point) is expected[item]
        assert scene.node_item_at(point, ignore=item) is None
    corner = nodes[0].mapToScene(nodes[0].boundingRect().topLeft()) - QPointF(2, 2)
    assert scene.node_item_at(corner) is None
    assert asked == []
    hidden = nodes[1]
    hidden.hide()
    big.scene.shown_or_hidden([hidden.node_id])
    assert scene.node_item_at(hidden.sceneBoundingRect().center()) is None
