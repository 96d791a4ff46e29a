"""After an edit, each view updates only what the edit touched, and ends up exactly as a view
built afresh from the document would be: the canvas recolours the nodes whose status changed,
the overview works out only the touched nodes' blocks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from generate import generate_case
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from gsn_studio.analysis import assess
from gsn_studio.app import overview_dock
from gsn_studio.app.canvas import CanvasScene
from gsn_studio.app.canvas import folding as folding_module
from gsn_studio.app.canvas.comment_badge import CommentBadges
from gsn_studio.app.canvas.node_item import NodeItem
from gsn_studio.app.document import FINDINGS_DELAY_MS, QUICK_FINDINGS_SECONDS, Document
from gsn_studio.app.main_window import MainWindow
from gsn_studio.app.overview_dock import OverviewWidget
from gsn_studio.app.selection import Selection
from gsn_studio.layout import layout_case
from gsn_studio.model import CommentKind, LinkKind, NodeType
from gsn_studio.model.changes import MoveNodes, UpdateNode
from gsn_studio.model.comment_edits import Target, add_comment
from gsn_studio.notation.palette import Status


@pytest.fixture
def big(window: MainWindow, qtbot: QtBot) -> MainWindow:
    """The window showing a laid-out generated case of about 300 nodes, findings current."""
    case = generate_case(300)
    MoveNodes(layout_case(case)).apply(case)
    window.document.replace(case, None)
    _settled(window, qtbot)
    return window


def _settled(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not window.document.findings_pending, timeout=5000)
    qtbot.wait(1)  # let zero-delay refreshes that follow the findings run


def _select(window: MainWindow, node_id: str) -> None:
    window.selection.set([node_id])


def _steps(window: MainWindow) -> Iterator[tuple[str, Callable[[], object]]]:
    """Edits a person makes with the editor's own actions, each followed by its undo."""
    case = window.document.case
    goals = [n.id for n in case.nodes if n.type is NodeType.GOAL]
    solutions = [n.id for n in case.nodes if n.type is NodeType.SOLUTION]
    middle = goals[len(goals) // 2]
    undo = window.act_undo.trigger
    yield "select", lambda: _select(window, middle)
    yield "add a goal", window.act_add[NodeType.GOAL].trigger
    yield "leave the editor", window.scene.cancel_edit
    yield "undo the add", undo
    yield "select", lambda: _select(window, middle)
    yield "delete a subtree", window.act_delete.trigger
    yield "undo the delete", undo
    yield "select", lambda: _select(window, solutions[3])
    yield "delete a solution", window.act_delete.trigger  # its goal becomes undeveloped
    yield "undo that delete", undo
    yield (
        "empty a statement",
        lambda: window.document.push(UpdateNode(goals[5], {"statement": ""}), "Edit"),
    )
    yield "undo the text", undo


def test_only_nodes_whose_status_changed_are_recoloured(big: MainWindow, qtbot: QtBot) -> None:
    """After each edit and undo every node item shows the status a freshly built canvas shows,
    and items are told of a new status only for the nodes whose status changed."""
    told: list[str] = []
    original = NodeItem.show_status

    def counting(item: NodeItem, status: Status) -> None:
        told.append(item.node_id)
        original(item, status)

    changed_any = False
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(NodeItem, "show_status", counting)
        for _label, step in _steps(big):
            told.clear()
            step()
            _settled(big, qtbot)
            fresh = CanvasScene(big.document, Selection())
            shown = {item.node_id: item.status for item in big.scene.node_items()}
            assert shown == {item.node_id: item.status for item in fresh.node_items()}
            assert set(told) <= set(big.document.status_changes)
            assert len(told) < len(shown) // 4
            changed_any = changed_any or bool(told)
    assert changed_any  # the steps did change some statuses


def test_the_overview_redraws_only_touched_blocks_and_matches_a_full_drawing(
    big: MainWindow, qtbot: QtBot
) -> None:
    """After each edit and undo the overview shows what drawing every block afresh shows, and
    works out the blocks of only the nodes the edit or its findings touched."""
    dock = big.docks["overview"]
    dock.show()
    overview = dock.widget()
    assert isinstance(overview, OverviewWidget)
    qtbot.waitUntil(lambda: not overview._stale and overview._pixmap is not None)
    for label, step in _steps(big):
        made = overview.blocks_made
        step()
        _settled(big, qtbot)
        qtbot.waitUntil(lambda: not overview._stale)
        assert overview.blocks_made - made < len(big.document.case.nodes) // 4, label
        _same_as_afresh(overview, label)
    rightmost = max(big.scene.node_items(), key=lambda item: item.sceneBoundingRect().right())
    _select(big, rightmost.node_id)
    big.act_delete.trigger()  # the drawn area shrinks
    _settled(big, qtbot)
    qtbot.waitUntil(lambda: not overview._stale)
    _same_as_afresh(overview, "delete the rightmost node")


def test_in_a_case_too_large_for_links_the_overview_draws_only_the_touched_places_again(
    big: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the overview draws no links (a large case), an edit that leaves the drawn area as
    it was draws again only the places of the blocks it touched, and the pixels still equal a
    drawing made whole; an edit that changes the area draws everything."""
    monkeypatch.setattr(overview_dock, "MAX_LINKS", 0)
    dock = big.docks["overview"]
    dock.show()
    overview = dock.widget()
    assert isinstance(overview, OverviewWidget)
    overview._blocks = None
    overview.rebuild()
    patched = overview.patched
    for label, step in _steps(big):
        step()
        _settled(big, qtbot)
        qtbot.waitUntil(lambda: not overview._stale)
        _same_as_afresh(overview, label)
    assert overview.patched - patched >= 6
    rightmost = max(big.scene.node_items(), key=lambda item: item.sceneBoundingRect().right())
    _select(big, rightmost.node_id)
    patched = overview.patched
    big.act_delete.trigger()  # the drawn area shrinks
    _settled(big, qtbot)
    qtbot.waitUntil(lambda: not overview._stale)
    assert overview.patched == patched
    _same_as_afresh(overview, "delete the rightmost node")


def _same_as_afresh(overview: OverviewWidget, label: str) -> None:
    patched = overview.grab().toImage()
    overview._blocks = None  # draw every block afresh
    overview.rebuild()
    assert overview.grab().toImage() == patched, label


def _bubbles(badges: CommentBadges) -> dict[object, tuple[int, bool]]:
    """Each bubble by what it sits on: its count and whether it shows."""
    shown: dict[object, tuple[int, bool]] = {}
    for key, badge in [*badges._nodes.items(), *badges._links.items()]:
        assert isValid(badge) and badge.scene() is not None
        shown[key] = (badge.count, badge.isVisible())
    return shown


def test_comment_bubbles_after_edits_match_bubbles_made_afresh(
    big: MainWindow, qtbot: QtBot
) -> None:
    """With comments on nodes and links, each edit and undo looks at the commented nodes only,
    and leaves the same bubbles, with the same counts, as placing every bubble afresh does."""
    case = big.document.case
    goals = [n.id for n in case.nodes if n.type is NodeType.GOAL]
    link = next(link for link in case.links if link.source == goals[len(goals) // 2])
    for target in (Target(goals[len(goals) // 2]), Target(goals[4]), Target.of_link(link)):
        change, text = add_comment(case, target, "Ann", CommentKind.QUESTION, "Why?")
        assert big.document.push(change, text)
    badges = big.review.badges
    assert len(_bubbles(badges)) == 3
    looked: list[str] = []
    original = CommentBadges._show_node

    def counting(self: CommentBadges, item: NodeItem, count: int) -> object:
        looked.append(item.node_id)
        return original(self, item, count)

    for label, step in _steps(big):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(CommentBadges, "_show_node", counting)
            looked.clear()
            step()
            _settled(big, qtbot)
        assert len(looked) <= 2, label  # the commented nodes, not every node
        patched = _bubbles(badges)
        badges.refresh()
        assert patched == _bubbles(badges), label


def test_with_nothing_folded_an_edit_reads_no_fold_table(big: MainWindow, qtbot: QtBot) -> None:
    """With nothing folded or focused, adding, deleting and undoing work out who hangs below
    whom for no node, every item still shows, and folding after them folds as it should."""
    made: list[int] = []
    original = folding_module.hanging

    def counting(case: object) -> object:
        made.append(1)
        return original(case)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(folding_module, "hanging", counting)
        for _label, step in _steps(big):
            step()
            _settled(big, qtbot)
    assert made == []
    assert all(item.isVisible() for item in big.scene.node_items())
    assert all(link.isVisible() for link in big.scene.link_items())
    case = big.document.case
    goal = next(n.id for n in case.nodes if n.type is NodeType.GOAL and case.children(n.id))
    big.selection.set([goal])
    assert big.folds.fold.isEnabled()
    big.folds.fold.trigger()
    below = case.children(goal, LinkKind.SUPPORTED_BY)
    assert below and not any(big.scene.item_for(i).isVisible() for i in below)


class _Recording:
    """An incremental assessor that assesses whole, and records what it was asked."""

    def __init__(self) -> None:
        self.calls = 0
        self.forgets = 0

    def assess(self, case: Any, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        kwargs.pop("recheck_files", None)  # a whole assessment always reads the files
        return assess(case, *args, **kwargs)

    def forget(self) -> None:
        self.forgets += 1


def test_edits_use_the_incremental_assessor_and_a_recheck_assesses_whole(
    big: MainWindow, qtbot: QtBot
) -> None:
    """After each edit and undo the findings come from the incremental assessor without a
    whole assessment, and equal what `assess` gives for the case; Re-check Evidence (files
    may have changed on disk) makes the next assessment a whole one. With no incremental
    assessor, every refresh is a whole `assess`."""
    document = big.document
    source = document.findings_source
    recording = _Recording()
    source.incremental = recording
    for label, step in _steps(big):
        step()
        _settled(big, qtbot)
        assert recording.forgets == 0, label
        whole = assess(document.case, document.as_of, document.artifacts, document.soon_days)
        assert document.findings == whole.findings, label
    assert recording.calls >= 6
    big.act_recheck.trigger()
    assert recording.forgets == 1
    source.incremental = None
    before = source.whole
    document.push(UpdateNode(document.case.nodes[3].id, {"statement": "Changed"}), "Edit")
    _settled(big, qtbot)
    assert source.whole == before + 1


def test_deleting_a_leaf_removes_one_row_and_no_open_row_holds_a_persistent_index(
    big: MainWindow, qtbot: QtBot
) -> None:
    """The outline holds no persistent index per open row (Qt walks every one up to the top on
    each removal, about 40 ms at 10,000 rows): deleting a leaf takes exactly its one row out,
    and its undo puts exactly one row back; that both equal a fresh build is the next test's."""
    outline = big.outline
    model = outline.model
    open_rows = sum(1 for row in model.tree.rows if row.children)
    assert open_rows > 50 and len(model.persistentIndexList()) < 5
    leaf = next(
        row.node_id
        for row in model.tree.rows
        if row.node_id and not row.children and len(model.tree.by_id[row.node_id]) == 1
    )
    removed: list[tuple[bool, int, int]] = []
    inserted: list[tuple[bool, int, int]] = []
    model.rowsRemoved.connect(lambda parent, a, b: removed.append((parent.isValid(), a, b)))
    model.rowsInserted.connect(lambda parent, a, b: inserted.append((parent.isValid(), a, b)))
    _select(big, leaf)
    at = model.position(model.tree.by_id[leaf][0])
    big.act_delete.trigger()
    assert removed == [(False, at, at)] and leaf not in model.tree.by_id
    big.act_undo.trigger()
    _settled(big, qtbot)
    assert inserted == [(False, at, at)] and model.position(model.tree.by_id[leaf][0]) == at
    assert len(model.persistentIndexList()) < 5


def test_the_outline_follows_each_edit_by_patching_rows_as_a_fresh_build_shows_them(
    big: MainWindow, qtbot: QtBot
) -> None:
    """After each edit and undo made with the window's own actions (adds, a subtree's delete,
    a leaf's), the outline lists what a freshly built outline lists, with no rebuild."""
    from test_outline_patch import fresh_shape, shape

    outline = big.outline
    rebuilds = outline.rebuilds
    for label, act in _steps(big):
        act()
        _settled(big, qtbot)
        assert not outline._timer.isActive(), label
        assert shape(outline.model) == fresh_shape(big.document), label
    assert outline.rebuilds == rebuilds


def test_findings_follow_an_edit_at_once_when_they_were_quick(qtbot: QtBot) -> None:
    """When the last findings took little time, an edit's findings come as the next event,
    with no typing delay; when they took long, the delay keeps typing fluid."""
    document = Document()
    document.case.add_node(NodeType.GOAL, "Safe", node_id="G1")
    document.refresh_findings()
    assert document.findings_seconds < QUICK_FINDINGS_SECONDS
    document.push(UpdateNode("G1", {"statement": ""}), "Edit")
    assert document.findings_pending and not document.findings_delayed
    with qtbot.waitSignal(document.findings_changed, timeout=1000):
        pass
    assert ("empty-statement", "G1") in {(f.code, f.node) for f in document.findings}
    document.edit_findings_cpu = 1.0  # as on a huge case
    document.push(UpdateNode("G1", {"statement": "Safe"}), "Edit")
    assert document.findings_delayed
    assert document._findings_timer.interval() == FINDINGS_DELAY_MS


def test_slow_whole_pass_or_busy_machine_does_not_delay_an_edits_findings(qtbot: QtBot) -> None:
    """Only the CPU time of the last incremental after-edit run decides the typing delay: a
    slow whole pass (opening, Re-check) or wall time lost to a loaded machine does not."""
    document = Document()
    document.case.add_node(NodeType.GOAL, "Safe", node_id="G1")
    document.refresh_findings()
    document.findings_seconds = 1.0  # a whole pass that took long in wall time
    document.push(UpdateNode("G1", {"statement": ""}), "Edit")
    assert document.findings_pending and not document.findings_delayed
    with qtbot.waitSignal(document.findings_changed, timeout=1000):
        pass
    assert document.edit_findings_cpu < QUICK_FINDINGS_SECONDS
    document.refresh_findings()  # a whole pass does not set the after-edit figure
    document.edit_findings_cpu = 0.0
    document.findings_seconds = 5.0
    document.push(UpdateNode("G1", {"statement": "Safe"}), "Edit")
    assert document.findings_pending and not document.findings_delayed


def test_statuses_after_an_edit_are_looked_up_for_the_changed_marks_only(
    big: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After each edit and undo the document's statuses are those of a whole assessment, and
    a status is looked up only for a node whose mark changed, not for every node."""
    import gsn_studio.app.document as document_module

    looked_up: list[str] = []

    class Counting(dict[str, Status]):
        def __getitem__(self, mark: str) -> Status:
            looked_up.append(mark)
            return super().__getitem__(mark)

    monkeypatch.setattr(document_module, "_STATUS_BY_MARK", Counting({s.value: s for s in Status}))
    document = big.document
    refreshes: list[int] = []
    document.findings_changed.connect(lambda: refreshes.append(1))
    for label, step in _steps(big):
        looked_up.clear()
        refreshes.clear()
        before = dict(document.statuses)
        step()
        _settled(big, qtbot)
        marks = assess(document.case, document.as_of).marks(document.case)
        assert document.statuses == {i: Status(mark) for i, mark in marks.items()}, label
        if refreshes:
            changed = {
                i
                for i in before.keys() | document.statuses.keys()
                if before.get(i) != document.statuses.get(i)
            }
            assert set(document.status_changes) == changed, label
            assert len(looked_up) <= len(changed), label
