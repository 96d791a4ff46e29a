"""Links of a case too large to route at once are bent round the nodes in their way in idle
batches after opening, visible ones first, so the window never freezes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES
from pytestqt.qtbot import QtBot

from gsn_studio.app.canvas import batch_routing
from gsn_studio.app.main_window import MainWindow
from gsn_studio.notation import routes


def _through(window: MainWindow) -> list[tuple[str, str, str]]:
    """Each drawn link and a node its path passes through without joining it."""
    obstacles = window.scene.obstacles
    out = []
    for link in window.scene.link_items():
        ends = frozenset((link.source.node_id, link.target.node_id))
        for node_id in routes.blockers(link.path_points(), obstacles, ends, 1.0):
            out.append((link.source.node_id, link.target.node_id, node_id))
    return out


def test_blocked_links_of_a_large_case_are_routed_in_idle_batches(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the loan sample counted as large (a detour limit of 10 nodes), opening draws its
    blocked links straight at first, then idle batches (one link each here) bend every one
    of them round the nodes in the way; the event loop runs between batches."""
    monkeypatch.setattr(routes, "DETOUR_LIMIT", 10)
    monkeypatch.setattr(batch_routing, "BATCH_SECONDS", 0.0)
    window.files.open(SAMPLES / "loan-approval.gsnx", ask=False)
    qtbot.waitUntil(lambda: not window.layout_runner.is_running(), timeout=20000)
    router = window.scene.batch_router
    assert router.pending > 0
    window.scene.batch_router._timer.stop()  # look before any batch has run
    assert _through(window), "straight at first: some link passes behind a node"
    router._timer.start()
    qtbot.waitUntil(lambda: router.pending == 0, timeout=20000)
    assert router.batches > 5
    assert _through(window) == []


def test_a_moved_node_of_a_large_case_gets_its_links_routed_again(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a node is dropped onto a long link in a large case, the link is drawn straight
    through it at first, then bent round it once the editor is idle."""
    from gsn_studio.model import Position
    from gsn_studio.model.changes import MoveNodes

    monkeypatch.setattr(routes, "DETOUR_LIMIT", 10)
    window.files.open(SAMPLES / "loan-approval.gsnx", ask=False)
    qtbot.waitUntil(lambda: not window.layout_runner.is_running(), timeout=20000)
    router = window.scene.batch_router
    qtbot.waitUntil(lambda: router.pending == 0, timeout=20000)
    long_link = max(
        window.scene.link_items(),
        key=lambda link: abs(link.path_points()[0][0] - link.path_points()[-1][0]),
    )
    x, y = routes.midpoint(long_link.path_points()) or (0.0, 0.0)
    window.document.push(MoveNodes({"C5": Position(x=x, y=y)}), "Move C5")  # onto it
    assert len(long_link.path_points()) == 2  # straight until the editor is idle
    qtbot.waitUntil(lambda: router.pending == 0, timeout=20000)
    assert len(long_link.path_points()) > 2
    assert _through(window) == []


def test_an_edit_while_links_wait_routes_its_own_first_and_sorts_only_those(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the links of a freshly opened large case still wait for their batches, the few
    links of a nudged node are bent at once and the others the nudge touches go to the front
    of the queue, the waiting ones keep their order (sorting them all again took 0.1 to 0.2 s
    per edit at 10,000 nodes), and the links of a deleted node are skipped; in the end every
    link is bent round the nodes in its way."""
    from gsn_studio.model import Position
    from gsn_studio.model.changes import MoveNodes

    monkeypatch.setattr(routes, "DETOUR_LIMIT", 10)
    monkeypatch.setattr(batch_routing, "BATCH_SECONDS", 0.0)
    window.files.open(SAMPLES / "loan-approval.gsnx", ask=False)
    qtbot.waitUntil(lambda: not window.layout_runner.is_running(), timeout=20000)
    router = window.scene.batch_router
    router._timer.stop()  # the opening's links wait
    before = router.order()
    assert len(before) > 5
    item = window.scene.item_for("C5")
    assert item is not None
    own = set(item.links)
    window.document.push(MoveNodes({"C5": Position(x=item.x() + 30, y=item.y())}), "Nudge C5")
    router._timer.stop()
    before = [link for link in before if link not in own]
    assert router.order()[: len(before)] == before
    edited = router.order()[len(before) :]
    assert not own & set(router.order())  # bent already
    router.run_batch()  # one link a batch here: the front one
    assert router.order() == (before + edited)[:-1]
    window.selection.set(["G2"])
    window.act_delete.trigger()
    router._timer.start()
    qtbot.waitUntil(lambda: router.pending == 0, timeout=20000)
    assert _through(window) == []


def test_an_added_nodes_link_in_a_large_case_is_bent_before_the_window_repaints(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The link an add makes in a case too large to route at once is bent round the nodes in
    its way during the add, not drawn straight and bent by an idle batch after the window
    has painted it (a second repaint); the canvas repaints once for the add."""
    from test_edit_costs import _idle, _PaintCounter

    from gsn_studio.model import NodeType

    monkeypatch.setattr(routes, "DETOUR_LIMIT", 10)
    window.files.open(SAMPLES / "loan-approval.gsnx", ask=False)
    qtbot.waitUntil(lambda: not window.layout_runner.is_running(), timeout=20000)
    router = window.scene.batch_router
    qtbot.waitUntil(lambda: router.pending == 0, timeout=20000)
    window.view.center_on_node("G2")
    _idle(window, qtbot)
    counter = _PaintCounter(window.view.viewport())
    links_before = set(window.scene.link_items())
    window.act_add[NodeType.GOAL].trigger()
    made = [link for link in window.scene.link_items() if link not in links_before]
    assert made and router.pending == 0  # bent already, nothing left for a batch
    path = made[0].path_points()
    made[0].bend()
    assert made[0].path_points() == path
    _idle(window, qtbot)
    assert counter.paints == 1


def test_links_in_view_once_the_opened_case_is_shown_are_routed_first(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The opening's links are ordered for routing by the view the first batch meets (the
    view is fitted to the case after the scene is built, and may be scrolled before the
    batch), so the first link bent is one in view, not one near where the view stood while
    the items were made."""
    from bench_feel import make_case

    monkeypatch.setattr(routes, "DETOUR_LIMIT", 10)
    monkeypatch.setattr(batch_routing, "BATCH_SECONDS", 0.0)  # one link a batch
    window.files.open(make_case(300, tmp_path), ask=False)
    router = window.scene.batch_router
    router._timer.stop()  # no batch yet; the case is shown and fitted meanwhile
    qtbot.wait(0)
    far = max(window.scene.node_items(), key=lambda item: item.x() + item.y())
    window.view.centerOn(far)
    seen = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    in_view = {
        link for link in window.scene.link_items() if link.sceneBoundingRect().intersects(seen)
    }
    assert in_view and len(in_view) < router.pending / 4
    waiting = set(router._queued)
    router.run_batch()
    (routed,) = waiting - router._queued
    assert routed in in_view


def test_a_selection_while_the_opening_links_wait_holds_the_batches_back_a_moment(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the opening's links of a large case wait for their batches, selecting a node (or
    an edit) holds the next batch back for a moment, so the window answers it with no batch
    in between (one long link takes up to 0.1 s at 10,000 nodes); then the batches go on
    until every link is bent."""
    monkeypatch.setattr(routes, "DETOUR_LIMIT", 10)
    monkeypatch.setattr(batch_routing, "BATCH_SECONDS", 0.0)
    monkeypatch.setattr(batch_routing, "BACKLOG", 5)
    window.files.open(SAMPLES / "loan-approval.gsnx", ask=False)
    qtbot.waitUntil(lambda: not window.layout_runner.is_running(), timeout=20000)
    router = window.scene.batch_router
    assert router.pending > 5
    window.selection.set(["G2"])
    batches = router.batches
    qtbot.wait(batch_routing.HOLD_MS // 3)
    assert router.batches == batches
    qtbot.waitUntil(lambda: router.pending == 0, timeout=20000)
    assert router.batches > batches
    assert _through(window) == []


def test_an_opened_large_case_is_painted_and_judged_before_its_first_batch(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a large case works out its findings, then holds the first batch back a moment:
    the window paints and its panels catch up with no batch in between; then every link is
    bent."""
    monkeypatch.setattr(routes, "DETOUR_LIMIT", 10)
    monkeypatch.setattr(batch_routing, "BATCH_SECONDS", 0.0)
    monkeypatch.setattr(batch_routing, "BACKLOG", 5)
    window.files.open(SAMPLES / "loan-approval.gsnx", ask=False)
    router = window.scene.batch_router
    assert router.pending > 5 and router.batches == 0
    qtbot.wait(batch_routing.HOLD_MS + 50)  # the first batch of a backlog waits longer
    assert not window.document.findings_pending
    assert router.batches == 0
    qtbot.waitUntil(lambda: router.pending == 0, timeout=20000)
    assert _through(window) == []
