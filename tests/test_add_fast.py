"""An add, a delete and their undos in a large case do the work of what they touch, not of
every node or link (spies count the work; the timings are benchmarks/bench_feel.py's), and
the findings they leave are those of a whole assessment."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from generate import generate_case
from PySide6.QtCore import QEvent, Qt
from pytestqt.qtbot import QtBot
from test_edit_costs import _CountingLinks, _PaintCounter
from test_traces import traced_case

from gsn_studio.analysis import assess, incremental, traces
from gsn_studio.analysis.edits import Changes
from gsn_studio.app.canvas import CanvasScene
from gsn_studio.app.main_window import MainWindow
from gsn_studio.io import load_case
from gsn_studio.io.trace_sets import load_trace_sets
from gsn_studio.layout import layout_case
from gsn_studio.model import Case, Link, LinkKind, NodeType
from gsn_studio.model.changes import MoveNodes
from gsn_studio.model.traces import Trace


@pytest.fixture
def big(window: MainWindow, qtbot: QtBot) -> MainWindow:
    """The window showing a laid-out generated case of about 300 nodes, findings current."""
    case = generate_case(300)
    MoveNodes(layout_case(case)).apply(case)
    window.resize(1200, 800)
    window.document.replace(case, None)
    _idle(window, qtbot)
    return window


def _idle(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not window.document.findings_pending, timeout=5000)
    for _ in range(3):  # what the findings posted (repaints, zero-delay refreshes)
        qtbot.wait(1)


def _middle_goal(window: MainWindow) -> str:
    goals = [n.id for n in window.document.case.nodes if n.type is NodeType.GOAL]
    return goals[len(goals) // 2]


def _key(window: MainWindow, qtbot: QtBot, key: Qt.Key) -> None:
    """A key pressed on the canvas, as a person types it there."""
    window.view.setFocus()
    qtbot.keyClick(window.view.viewport(), key)


def _spy_changes(monkeypatch: pytest.MonkeyPatch) -> list[Changes | None]:
    """Every difference the incremental assessor works out, as it found it."""
    found: list[Changes | None] = []
    original = incremental.changes_between

    def spying(*args: Any) -> Changes | None:
        changes = original(*args)
        found.append(changes)
        return changes

    monkeypatch.setattr(incremental, "changes_between", spying)
    return found


def _same_as_whole(window: MainWindow) -> None:
    document = window.document
    whole = assess(
        document.case,
        document.as_of,
        document.artifacts,
        document.soon_days,
        trace_sets=document.trace_sets,
    )
    assert document.findings == whole.findings
    assert document.assessment is not None
    assert document.assessment.marks(document.case) == whole.marks(document.case)


def test_an_add_after_a_nudge_compares_only_the_added_node(
    big: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A nudge changes no finding, so the assessor takes the nudged node as seen: the add
    that follows finds its difference in the one node it added, not in every node between
    the nudged one and the end of the node list (half the case, compared by id each time)."""
    middle = _middle_goal(big)
    big.selection.set([middle])
    _idle(big, qtbot)
    found = _spy_changes(monkeypatch)
    _key(big, qtbot, Qt.Key.Key_Right)
    _idle(big, qtbot)
    assert found == []  # a move is not assessed
    _key(big, qtbot, Qt.Key.Key_G)
    _idle(big, qtbot)
    assert len(found) == 1 and found[0] is not None
    changes = found[0]
    assert [node.id for node in changes.added] == [big.selection.current]
    assert changes.span == 1 and changes.start == len(big.document.case.nodes) - 1
    assert not big.document.findings_source.incremental or not getattr(
        big.document.findings_source.incremental, "last_was_whole", True
    )
    _same_as_whole(big)


def test_a_move_is_taken_as_seen_only_when_nothing_else_changed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The assessor takes a moved node as seen, but leaves a node whose statement changed
    meanwhile (its findings still wait) to the next assessment, which then finds it."""
    case = generate_case(120)
    MoveNodes(layout_case(case)).apply(case)
    assessor = incremental.Assessor()
    assessor.assess(case)
    goals = [n for n in case.nodes if n.type is NodeType.GOAL]
    moved, emptied = goals[3], goals[-2]
    assert moved.position is not None
    MoveNodes({moved.id: moved.position.model_copy(update={"x": 5.0})}).apply(case)
    assessor.view_edited(case)
    found = _spy_changes(monkeypatch)
    assessor.assess(case)
    assert found[-1] is not None and found[-1].span == 0  # nothing left to compare
    case.update_node(emptied.id, statement="")
    MoveNodes({moved.id: moved.position}).apply(case)
    assessor.view_edited(case)  # the statement waits: nothing is taken
    assessment = assessor.assess(case)
    assert not assessor.last_was_whole
    last = found[-1]
    assert last is not None and [n.id for n in last.changed] == [emptied.id]
    assert assessment.findings == assess(case).findings


def test_an_add_reads_no_nodes_traces(
    big: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adding a goal and undoing it keep the trace findings as they were, without a pass
    over every node's traces (none of the nodes they touch traces anything)."""
    passes: list[int] = []
    original = traces.findings
    monkeypatch.setattr(traces, "findings", lambda *a: passes.append(1) or original(*a))
    big.selection.set([_middle_goal(big)])
    _key(big, qtbot, Qt.Key.Key_G)
    _idle(big, qtbot)
    big.scene.cancel_edit()
    big.act_undo.trigger()
    _idle(big, qtbot)
    assert passes == []
    _same_as_whole(big)


def test_trace_findings_follow_an_edit_of_a_traced_node(tmp_path: Path) -> None:
    """An edit that touches a node with traces (a trace dropped, a traced node removed)
    works the trace findings out again, as a whole assessment finds them."""
    path = traced_case(tmp_path, "csv")
    case = load_case(path)
    sets = load_trace_sets(case, path)
    case.add_node(NodeType.GOAL, "Untraced", node_id="G2")
    assessor = incremental.Assessor()
    assessor.assess(case, trace_sets=sets)
    edits = [
        lambda: case.update_node("G2", statement="Still untraced"),
        lambda: case.update_node("G1", traces=()),
        lambda: case.update_node("G1", traces=(Trace(set="hazards", item="H9"),)),
        lambda: case.remove_node("G1"),
    ]
    for edit in edits:
        edit()
        assessment = assessor.assess(case, trace_sets=sets)
        assert not assessor.last_was_whole
        assert assessment.findings == assess(case, trace_sets=sets).findings


def test_an_add_and_its_undo_draw_the_overview_and_the_counts_in_the_canvas_repaint(
    big: MainWindow, qtbot: QtBot
) -> None:
    """The overview's blocks and the status bar's finding counts change with an add and
    its undo; they are drawn in the window's one repaint with the canvas, not in a second
    repaint after it (the overview waited a turn of the event loop, the status bar's
    relayout came after the repaint)."""
    overview = big.docks["overview"].widget()
    big.docks["overview"].show()
    big.selection.set([_middle_goal(big)])
    _idle(big, qtbot)
    window = _PaintCounter(big, QEvent.Type.UpdateRequest)
    canvas = _PaintCounter(big.view.viewport(), window=window)
    drawn = _PaintCounter(overview, window=window)
    counts = _PaintCounter(big.counts_label, window=window)
    for label, act in [
        ("add a goal", lambda: _key(big, qtbot, Qt.Key.Key_G)),
        ("leave the editor", big.scene.cancel_edit),
        ("undo the add", big.act_undo.trigger),
    ]:
        _idle(big, qtbot)
        canvas.during.clear(), drawn.during.clear(), counts.during.clear()
        act()
        _idle(big, qtbot)
        if label != "leave the editor":
            assert canvas.during and drawn.during and counts.during, label
            assert set(drawn.during) == set(counts.during) == {canvas.during[-1]}, label


def test_an_add_a_delete_and_their_undo_look_links_up_in_the_index_not_in_passes(
    big: MainWindow, qtbot: QtBot
) -> None:
    """The model's rules (a repeated link, a circle), the canvas and the outline find the
    links of the nodes an add, a delete or an undo touches in the case's index of links:
    none of them walks the case's list of links."""
    case = big.document.case
    links = _CountingLinks(case.links)
    case.__dict__["links"] = links  # the same list to every reader; pydantic keeps it
    middle = _middle_goal(big)
    steps = [
        ("add a goal", lambda: _key(big, qtbot, Qt.Key.Key_G)),
        ("undo the add", big.act_undo.trigger),
        ("delete", lambda: _key(big, qtbot, Qt.Key.Key_Delete)),
        ("undo the delete", big.act_undo.trigger),
    ]
    for label, act in steps:
        big.scene.cancel_edit()
        if not label.startswith("undo"):
            big.selection.set([middle])
        _idle(big, qtbot)
        links.passes.clear()
        act()
        _idle(big, qtbot)
        walked = {name for name in links.passes if name in ("case", "scene", "changes")}
        walked |= {name for name in links.passes if name.startswith("outline")}
        assert walked == set(), (label, links.passes)
    assert case.links is links
    _same_as_whole(big)


def _link(rng: random.Random, ids: list[str], via: str | None = None) -> Link:
    kind = (
        LinkKind.CHALLENGES if via else rng.choice([LinkKind.SUPPORTED_BY, LinkKind.IN_CONTEXT_OF])
    )
    return Link(source=rng.choice(ids), target=rng.choice(ids), kind=kind, via=via)


@pytest.mark.parametrize("seed", range(6))
def test_the_index_of_links_follows_any_change_to_the_list(seed: int) -> None:
    """However the list of links changes (links put in anywhere, taken out, replaced, one
    object standing twice, a long stretch rewritten), the links the index gives for some
    nodes are those a pass over the list finds, in its order and with their places."""
    rng = random.Random(seed)
    case = generate_case(80)
    ids = [node.id for node in case.nodes]
    for _ in range(60):
        links = case.links
        move = rng.randrange(6)
        if move == 0 and links:
            del links[rng.randrange(len(links))]
        elif move == 1:
            links.insert(rng.randrange(len(links) + 1), _link(rng, ids))
        elif move == 2 and links:
            links[rng.randrange(len(links))] = _link(rng, ids)
        elif move == 3 and links and seed % 2:  # half the runs: no link stands twice
            links.insert(rng.randrange(len(links) + 1), rng.choice(links))  # the same object
        elif move == 4:
            links[:] = links[::-1]  # every place changes
        else:
            case.links = [
                *links,
                _link(rng, ids, via=rng.choice(ids)),
            ]
        asked = set(rng.sample(ids, rng.randrange(1, 4)))
        expected = [
            (i, link)
            for i, link in enumerate(case.links)
            if {link.source, link.target, link.via} & asked
        ]
        got = case.links_at(asked)
        assert [i for i, _ in got] == [i for i, _ in expected]
        assert all(a is b for (_, a), (_, b) in zip(got, expected, strict=True))


def test_painting_after_an_add_lists_no_node_items(
    big: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether the canvas shows its empty-case hint is known without listing every node
    item, which each paint and each edit asked for; the hint still comes and goes with
    the nodes."""
    listed: list[int] = []
    original = CanvasScene.node_items
    monkeypatch.setattr(CanvasScene, "node_items", lambda s: listed.append(1) or original(s))
    big.selection.set([_middle_goal(big)])
    _idle(big, qtbot)
    _key(big, qtbot, Qt.Key.Key_G)
    _idle(big, qtbot)
    big.view.viewport().repaint()
    assert listed == []
    assert not big.view.shows_empty_hint
    big.document.replace(Case(), None)
    _idle(big, qtbot)
    assert big.view.shows_empty_hint
