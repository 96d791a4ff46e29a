"""The Overview dock: the whole case in small, coloured by status, with a frame on the view."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import SAMPLES
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from gsn_studio.app import editing
from gsn_studio.app.main_window import MainWindow
from gsn_studio.app.overview_dock import OverviewWidget
from gsn_studio.model.changes import UpdateNode
from gsn_studio.model.nodes import DefeaterStatus
from gsn_studio.notation.palette import BACKGROUND, Status, block_colour


def _open_loan(qtbot: QtBot, window: MainWindow) -> OverviewWidget:
    window.files.open(SAMPLES / "loan-approval.gsnx", ask=False)
    qtbot.waitUntil(lambda: all(n.position for n in window.document.case.nodes), timeout=20000)
    dock = window.docks["overview"]
    dock.show()
    dock.resize(400, 300)
    overview = dock.widget()
    assert isinstance(overview, OverviewWidget)
    overview.rebuild()
    return overview


def _pixel_at(overview: OverviewWidget, node_centre: QPointF) -> QColor:
    image = overview.grab().toImage()
    point = overview.to_overview(node_centre)
    ratio = image.devicePixelRatio()
    return image.pixelColor(round(point.x() * ratio), round(point.y() * ratio))


def test_overview_dock_is_in_the_view_menu_and_shows_every_node(
    qtbot: QtBot, window: MainWindow
) -> None:
    """View > Overview toggles the dock, which draws each node as a block in its status
    colour (an expired solution red, as the palette says)."""
    overview = _open_loan(qtbot, window)
    toggle = window.docks["overview"].toggleViewAction()
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert toggle in view_menu.actions() and toggle.text() == "Overview"
    sn1 = window.scene.item_for("Sn1")
    assert sn1 is not None and sn1.status is Status.EXPIRED
    assert _pixel_at(overview, sn1.pos()) == QColor(block_colour(Status.EXPIRED))
    toggle.trigger()
    assert not window.docks["overview"].isVisible()


def test_the_frame_follows_a_scroll_and_a_zoom(qtbot: QtBot, window: MainWindow) -> None:
    """Scrolling the canvas moves the overview's frame the same way, zooming in shrinks it,
    and neither draws the blocks again."""
    overview = _open_loan(qtbot, window)
    window.view.set_zoom(1.0)
    before = overview.view_frame()
    drawn = overview.rebuilds
    bar = window.view.horizontalScrollBar()
    bar.setValue(bar.value() + 300)
    after = overview.view_frame()
    assert after.left() > before.left() + 1
    assert abs(after.top() - before.top()) < 0.5
    window.view.set_zoom(2.0)
    assert overview.view_frame().width() < after.width() * 0.6
    assert overview.rebuilds == drawn


def test_clicking_the_overview_centres_the_canvas_there(qtbot: QtBot, window: MainWindow) -> None:
    """A click on a node's block in the overview brings that node to the canvas's centre;
    dragging keeps moving it."""
    overview = _open_loan(qtbot, window)
    window.view.set_zoom(1.5)
    for node_id in ("G16", "Sn1"):
        item = window.scene.item_for(node_id)
        assert item is not None
        spot = overview.to_overview(item.pos()).toPoint()
        qtbot.mouseClick(overview, Qt.MouseButton.LeftButton, pos=spot)
        centre = window.view.mapToScene(window.view.viewport().rect().center())
        tolerance = 2 / overview._scale + 2
        assert abs(centre.x() - item.x()) < tolerance and abs(centre.y() - item.y()) < tolerance
    start = overview.to_overview(window.scene.item_for("G1").pos()).toPoint()
    qtbot.mousePress(overview, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(overview, start + QPoint(30, 20))
    moved_to = window.view.mapToScene(window.view.viewport().rect().center())
    expected = overview.to_scene(QPointF(start + QPoint(30, 20)))
    assert abs(moved_to.x() - expected.x()) < tolerance
    qtbot.mouseRelease(overview, Qt.MouseButton.LeftButton, pos=start + QPoint(30, 20))


def test_block_colours_follow_a_status_change(qtbot: QtBot, window: MainWindow) -> None:
    """Deleting the evidence under G10 turns its block from its earlier colour to
    undeveloped amber, after the overview redraws once the edit settles."""
    overview = _open_loan(qtbot, window)
    g10 = window.scene.item_for("G10")
    assert g10 is not None and g10.status is not Status.UNDEVELOPED
    assert _pixel_at(overview, g10.pos()) == QColor(block_colour(g10.status))
    window.document.push(editing.delete(window.document.case, ["Sn4"]), "Delete Sn4")
    amber = QColor(block_colour(Status.UNDEVELOPED))
    qtbot.waitUntil(lambda: _pixel_at(overview, g10.pos()) == amber, timeout=5000)
    assert g10.status is Status.UNDEVELOPED


def test_hidden_overview_is_remembered(qtbot: QtBot, window: MainWindow) -> None:
    """A hidden overview stays hidden in the next window (kept in the window's saved state,
    in the test's own settings folder)."""
    window.docks["overview"].hide()
    window.close()
    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert not second.docks["overview"].isVisible()
    assert second.docks["overview"].toggleViewAction().isChecked() is False


def test_the_overview_shows_what_the_folds_leave_shown(qtbot: QtBot, window: MainWindow) -> None:
    """Folded away nodes are not drawn: after folding G9 (mid-case) the overview is drawn
    again and where its hidden evidence stood is background, not a block."""
    overview = _open_loan(qtbot, window)
    sn4 = window.scene.item_for("Sn4")
    assert sn4 is not None
    block = _pixel_at(overview, sn4.pos())
    assert block != QColor(BACKGROUND)
    drawn = overview.rebuilds
    window.scene.folding.set_folded(["G9"], True)
    assert not sn4.isVisible()
    qtbot.waitUntil(lambda: overview.rebuilds > drawn)
    assert _pixel_at(overview, sn4.pos()) == QColor(BACKGROUND)


def test_where_blocks_overlap_the_worse_status_is_drawn_on_top(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A defeated claim moved under a supported one still shows as defeated in the overview:
    block colours are drawn from the least to the most severe status, so at the overview's
    scale a problem is never hidden by a sound node."""
    overview = _open_loan(qtbot, window)
    document = window.document
    document.push(
        UpdateNode("CG1", {"defeater_status": DefeaterStatus.ACCEPTED}), "Mark CG1 accepted"
    )
    g2, g7 = window.scene.item_for("G2"), window.scene.item_for("G7")
    assert g2 is not None and g7 is not None
    qtbot.waitUntil(lambda: g2.status is Status.DEFEATED, timeout=5000)
    assert g7.status is Status.SUPPORTED
    dx, dy = g2.pos().x() - g7.pos().x(), g2.pos().y() - g7.pos().y()
    document.push(editing.nudge(document.case, ["G7"], dx, dy), "Move G7 onto G2")
    qtbot.waitUntil(lambda: g7.pos() == g2.pos(), timeout=5000)
    overview.rebuild()
    assert _pixel_at(overview, g2.pos()) == QColor(block_colour(Status.DEFEATED))


def test_drawing_a_whole_case_makes_each_block_in_one_pass(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Drawing every block afresh (an opened case) looks up each status's colour once, not
    once per node, and measures the area the blocks cover as it makes them, not in a second
    pass; the blocks, their colours and the area are those of making each node's block."""
    from gsn_studio.app import overview_dock

    overview = _open_loan(qtbot, window)
    window.scene.folding.set_folded(["G9"], True)  # hidden nodes have blocks, cover no area
    asked: list[Status] = []
    real_colour = overview_dock.block_colour

    def colour_spy(status: Status) -> str:
        asked.append(status)
        return real_colour(status)

    covered: list[int] = []
    real_covered = overview_dock._covered

    def covered_spy(blocks: Any) -> QRectF:
        covered.append(1)
        return real_covered(blocks)

    monkeypatch.setattr(overview_dock, "block_colour", colour_spy)
    monkeypatch.setattr(overview_dock, "_covered", covered_spy)
    overview._blocks = None
    overview.rebuild()
    assert covered == []
    assert len(asked) == len(set(asked)) < len(window.scene.node_items())
    monkeypatch.setattr(overview_dock, "block_colour", real_colour)
    one_by_one = {item.node_id: overview_dock._block(item) for item in window.scene.node_items()}
    assert overview._blocks == one_by_one
    assert any(block.shown is None for block in one_by_one.values())
    assert overview._area == real_covered(one_by_one.values())


def test_the_window_s_first_paint_after_opening_draws_the_new_case(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The overview's drawing of the case before shows nothing of a newly opened one: the
    window's first paint after opening draws the new case's blocks then and there, instead
    of showing the old drawing until a later turn of the event loop (where routing batches
    of a large case ran first)."""
    overview = _open_loan(qtbot, window)
    qtbot.wait(0)
    drawn = overview.rebuilds
    window.files.open(SAMPLES / "infusion-pump.gsnx", ask=False)
    window.repaint()  # a paint before any event is handled, as the window's first frame
    assert overview.rebuilds == drawn + 1
    sample = window.scene.node_items()[0]
    assert overview._area.contains(sample.sceneBoundingRect())
    assert not overview._timer.isActive()  # nothing left to draw later


def test_drawing_every_block_takes_the_bounds_the_canvas_measured(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Drawing every block afresh asks no node item whether it shows or where its bounds
    lie when the canvas measured the shown nodes' area since the last change (as opening
    does): the overview takes each shown node's bounds and the area from that measure."""
    from gsn_studio.app.canvas.node_item import NodeItem

    overview = _open_loan(qtbot, window)
    window.scene.folding.set_folded(["G9"], True)  # hidden nodes have blocks, cover no area
    overview.rebuild()
    expected = dict(overview._blocks or {})
    area = QRectF(overview._area)
    window.scene.items_bounding_rect()  # the canvas measures (opening: for its scene rect)
    asked: list[str] = []
    real_bounds, real_visible = NodeItem.sceneBoundingRect, NodeItem.isVisible

    def bounds_spy(item: NodeItem) -> QRectF:
        asked.append("bounds")
        return real_bounds(item)

    def visible_spy(item: NodeItem) -> bool:
        asked.append("visible")
        return real_visible(item)

    monkeypatch.setattr(NodeItem, "sceneBoundingRect", bounds_spy)
    monkeypatch.setattr(NodeItem, "isVisible", visible_spy)
    overview._blocks = None
    overview.rebuild()
    assert asked == []
    assert overview._blocks == expected and overview._area == area
