"""Folded cases read well: a layout places only what the folds leave shown, in a compact
block; hidden nodes travel with the folded node that hides them; Fold to Level compacts in
the same undo step while editing (never in review mode), and unfolding makes room."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest
from generate import generate_case
from pytestqt.qtbot import QtBot

from gsn_studio.app.canvas import folding
from gsn_studio.app.main_window import MainWindow
from gsn_studio.cli import main as cli_main
from gsn_studio.io import save_case
from gsn_studio.layout import compact_layout, layout_case
from gsn_studio.layout.folded import brought_back, overlaps, shown_case
from gsn_studio.layout.tree import tree_layout
from gsn_studio.model import Case, Position
from gsn_studio.model.changes import MoveNodes
from gsn_studio.model.diagram_view import FoldNodes, folds_at_depth, hidden_by_folds


def box(positions: Mapping[str, Position], ids: Iterable[str]) -> tuple[float, float]:
    xs = [positions[i].x for i in ids]
    ys = [positions[i].y for i in ids]
    return max(xs) - min(xs), max(ys) - min(ys)


def folded_to(level: int, size: int = 2000) -> Case:
    """A generated case laid out in full, then folded `level` levels below its top."""
    case = generate_case(size)
    MoveNodes(dict(layout_case(case))).apply(case)
    FoldNodes(dict.fromkeys(folds_at_depth(case, level), True)).apply(case)
    return case


def test_a_layout_places_only_what_the_folds_leave_shown() -> None:
    """Laid out with folds, the shown nodes form a block as compact as a fresh layout of
    them alone: no hidden node keeps them apart."""
    case = folded_to(4)
    hidden = hidden_by_folds(case)
    shown = [node.id for node in case.nodes if node.id not in hidden]
    before = {node.id: node.position for node in case.nodes if node.position is not None}
    after = layout_case(case)
    part, _owner = shown_case(case, {n.id for n in case.nodes if n.folded})
    alone = tree_layout(part.model_copy(update={"nodes": [
        n.model_copy(update={"position": None}) for n in part.nodes]}))  # fmt: skip
    assert alone is not None
    width, height = box(after, shown)
    tight_width, tight_height = box(alone, shown)
    assert width <= tight_width * 1.3 + 100 and height <= tight_height + 1
    assert width < box(before, shown)[0] / 3  # the full layout spread them far apart


def test_hidden_nodes_keep_their_places_when_the_shown_part_is_laid_out() -> None:
    """A compact layout moves only what shows: hidden nodes are not laid out (moving
    thousands of them would cost more than the layout)."""
    case = folded_to(3)
    part, owner = shown_case(case, {n.id for n in case.nodes if n.folded})
    assert owner and len(part.nodes) < len(case.nodes)
    after = compact_layout(case)
    assert not set(owner) & set(after)
    assert any(after[node.id] != node.position for node in part.nodes)


def test_an_unfolded_subtree_comes_back_under_the_node_that_hid_it() -> None:
    """Brought back after a compact layout moved its owner, a hidden subtree hangs just
    under that owner again, its own shape kept."""
    case = folded_to(3)
    folded = {n.id for n in case.nodes if n.folded}
    MoveNodes(dict(compact_layout(case))).apply(case)
    _part, owner = shown_case(case, folded)
    head = next(iter(owner.values()))
    back = [i for i, h in owner.items() if h == head]
    hung = brought_back(case, back, folded)
    below = {link.target for link in case.links if link.source == head}
    first = next(c for c in back if c in below)
    at, child = hung.node(head).position, hung.node(first).position
    assert at is not None and child is not None
    assert child.y > at.y and abs(child.y - at.y) < 400
    old = case.node(back[0]).position, case.node(back[-1]).position
    new = hung.node(back[0]).position, hung.node(back[-1]).position
    assert old[0] and old[1] and new[0] and new[1]
    assert abs((old[1].x - old[0].x) - (new[1].x - new[0].x)) < 0.01  # same shape


def test_compact_layout_keeps_the_top_goal_where_it_stood() -> None:
    """Fold to Level's compaction closes the gaps round the top goal, which stays put."""
    case = folded_to(3)
    top = case.top_goals()[0]
    at = case.node(top).position
    after = compact_layout(case)
    assert at is not None and (after[top].x, after[top].y) == (at.x, at.y)


def test_a_folded_case_never_placed_gets_its_hidden_nodes_placed_beside_their_owner() -> None:
    """A file opened with folds and no positions: every node gets a place, the hidden ones
    as the whole layout would put them relative to their owner."""
    case = generate_case(300)
    FoldNodes(dict.fromkeys(folds_at_depth(case, 2), True)).apply(case)
    positions = layout_case(case)
    assert set(positions) == {node.id for node in case.nodes}
    _part, owner = shown_case(case, {n.id for n in case.nodes if n.folded})
    for hidden_id, head in owner.items():
        assert positions[hidden_id].y > positions[head].y  # below the node that hides it


def show(window: MainWindow, case: Case) -> None:
    MoveNodes(dict(layout_case(case))).apply(case)
    window.document.replace(case, None)


def shown_positions(window: MainWindow) -> dict[str, Position]:
    return {
        item.node_id: Position(x=item.pos().x(), y=item.pos().y())
        for item in window.scene.node_items()
        if item.isVisible()
    }


def test_fold_to_level_while_editing_compacts_in_one_undo_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    """View > Fold to Level 4 while editing hides the deeper levels and closes the gaps in
    one undo step; undo brings back the folds and the places."""
    show(window, generate_case(600))
    before = {node.id: node.position for node in window.document.case.nodes}
    steps = window.document.undo_stack.count()
    window.folds.level_menu.actions()[3].trigger()  # "4 levels below the top"
    assert window.document.undo_stack.count() == steps + 1
    shown = shown_positions(window)
    spread = box({i: before[i] for i in shown if before[i]}, shown)  # type: ignore[misc]
    assert box(shown, shown)[0] < spread[0] / 2
    links = [link for link in window.scene.link_items() if link.isVisible()]
    assert links and all(link.source.isVisible() and link.target.isVisible() for link in links)
    window.document.undo_stack.undo()
    assert {node.id: node.position for node in window.document.case.nodes} == before
    assert not any(node.folded for node in window.document.case.nodes)


def test_fold_to_level_in_review_mode_moves_nothing(qtbot: QtBot, window: MainWindow) -> None:
    """In review mode the positions are the author's: Fold to Level only folds."""
    show(window, generate_case(600))
    before = {node.id: node.position for node in window.document.case.nodes}
    window.review.action.trigger()
    window.folds.fold_to_level(2)
    assert any(node.folded for node in window.document.case.nodes)
    assert {node.id: node.position for node in window.document.case.nodes} == before


def test_unfolding_after_a_compact_fold_makes_room(qtbot: QtBot, window: MainWindow) -> None:
    """After Fold to Level closed the gaps, Unfold All lays out again (same undo step) so
    that what comes back overlaps nothing."""
    show(window, generate_case(600))
    window.folds.fold_to_level(4)
    window.folds.unfold_all.trigger()
    case = window.document.case
    assert not any(node.folded for node in case.nodes)
    ids = [node.id for node in case.nodes]
    assert not overlaps(case, ids, ids, margin=0.0)


def test_auto_layout_with_folds_places_only_what_shows(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+L on a folded case lays out the shown nodes as a compact block; the hidden ones
    travel with their owners."""
    show(window, generate_case(600))
    case = window.document.case
    FoldNodes(dict.fromkeys(folds_at_depth(case, 4), True)).apply(case)
    window.document.replace(case, None)
    spread = shown = shown_positions(window)
    window.act_layout.trigger()
    assert window.layout_runner.wait(30_000)
    qtbot.waitUntil(lambda: not window.layout_runner.is_running())

    def area(positions: Mapping[str, Position]) -> float:
        width, height = box(positions, shown)
        return width * height

    qtbot.waitUntil(lambda: area(shown_positions(window)) < area(spread) / 4)


def test_in_a_large_case_unfolding_makes_room_in_the_layout_thread(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above ROOM_AT_ONCE nodes, Unfold All shows the nodes at once and the layout that
    makes room for them runs in the layout thread as its own undo step (Auto-layout)."""
    monkeypatch.setattr(folding, "ROOM_AT_ONCE", 100)
    show(window, generate_case(600))
    window.folds.fold_to_level(4)
    steps = window.document.undo_stack.count()
    window.folds.unfold_all.trigger()
    qtbot.waitUntil(lambda: window.document.undo_stack.count() == steps + 2, timeout=30_000)
    assert window.document.undo_stack.text(steps + 1) == "Auto-layout"
    case = window.document.case
    ids = [node.id for node in case.nodes]
    assert not any(node.folded for node in case.nodes)
    assert not overlaps(case, ids, ids, margin=0.0)


def test_a_figure_of_a_folded_case_closes_up_round_what_is_folded(tmp_path: Path) -> None:
    """`gsn-studio export --depth 4` of a case laid out in full draws what shows closed up
    (as Ctrl+L would place it), not scattered where the full layout left it."""
    case = generate_case(600)
    MoveNodes(dict(layout_case(case))).apply(case)
    source = tmp_path / "big.gsnx"
    save_case(case, source)
    hidden = hidden_by_folds(case, folds_at_depth(case, 4))
    shown = [node.id for node in case.nodes if node.id not in hidden]
    saved = {node.id: node.position for node in case.nodes if node.position is not None}
    figure = tmp_path / "top.svg"
    assert cli_main(["export", str(source), "--depth", "4", "-o", str(figure)]) == 0
    width = float(re.search(r'<svg[^>]* width="([0-9.]+)"', figure.read_text()).group(1))  # type: ignore[union-attr]
    assert width < box(saved, shown)[0] * 0.75  # saved: at least the centres' spread


def test_auto_layout_of_a_selection_places_only_what_shows_of_it() -> None:
    """Auto-layout Selection of a subtree with folds inside lays out what shows of it,
    closed up; the hidden nodes are not laid out."""
    from gsn_studio.layout import layout_selection

    case = folded_to(4, size=600)
    hidden = hidden_by_folds(case)
    head = case.top_goals()[0]
    shown = [node.id for node in case.nodes if node.id not in hidden]
    before = {node.id: node.position for node in case.nodes if node.position is not None}
    after = layout_selection(case, [head])
    assert not hidden & set(after)
    assert box(after, shown)[1] < box(before, shown)[1] / 2


def test_a_complete_figure_of_a_folded_case_never_placed_lays_out_every_node() -> None:
    """`export --unfold` (or a report) of a folded case saved without positions places every
    node by a full layout: nothing folded is stacked over what shows."""
    from gsn_studio.export.figure import positions_for

    case = generate_case(600)
    FoldNodes(dict.fromkeys(folds_at_depth(case, 4), True)).apply(case)
    positions = positions_for(case)
    MoveNodes(dict(positions)).apply(case)
    ids = [node.id for node in case.nodes]
    assert set(positions) == set(ids)
    assert not overlaps(case, ids, ids, margin=0.0)
