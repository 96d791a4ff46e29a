"""The editor skips work that a change cannot make necessary: a move recomputes no finding,
panels whose tab is behind another do no work per edit (and catch up when shown), and a view
draws an edit once."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from gsn_studio.app.acceptance_actions import accept_node
from gsn_studio.app.document import Document
from gsn_studio.model import Case, Node, NodeType, Position
from gsn_studio.model.changes import AddNode, MoveNodes, UpdateNode
from gsn_studio.notation.acceptance import ACCEPTED, STALE


def test_a_move_keeps_the_findings_and_an_edit_renews_them(qtbot: QtBot) -> None:
    """Moving a node recomputes no finding (no check reads positions); a text edit does."""
    document = Document()
    document.case.add_node(NodeType.GOAL, "Safe", node_id="G1")
    document.refresh_findings()
    before = document.assessment
    with qtbot.assertNotEmitted(document.findings_changed, wait=300):
        assert document.push(MoveNodes({"G1": Position(x=40, y=0)}), "Move")
    assert document.assessment is before
    with qtbot.waitSignal(document.findings_changed, timeout=2000):
        assert document.push(UpdateNode("G1", {"statement": ""}), "Edit")
    assert ("empty-statement", "G1") in {(f.code, f.node) for f in document.findings}


def small_case() -> Case:
    case = Case(name="Pump")
    case.add_node(NodeType.GOAL, "The pump is safe")
    case.add_node(NodeType.SOLUTION, "Test report")
    case.connect("G1", "Sn1")
    return case


def test_a_dashboard_behind_problems_waits_until_its_tab_is_shown(window: Any, qtbot: Any) -> None:
    """With Problems in front, an edit does not refresh the dashboard; raising the dashboard's
    tab shows the edit's result at once."""
    window.document.replace(small_case(), None)
    window.docks["problems"].raise_()
    qtbot.waitUntil(lambda: not window.dashboard.in_view)
    refreshes: list[float] = []
    window.document.findings_changed.connect(lambda: refreshes.append(0.0))
    before = window.dashboard.refreshes
    window.document.push(UpdateNode("G1", {"statement": "The pump is safe to use"}), "Edit")
    window.document.refresh_findings()
    window.document.push(AddNode(Node(id="G2", type=NodeType.GOAL, statement="Alarms")), "Add")
    window.document.refresh_findings()
    assert len(refreshes) == 2 and window.dashboard.refreshes == before
    window.docks["dashboard"].raise_()
    qtbot.waitUntil(lambda: window.dashboard.refreshes == before + 1)
    assert sum(window.dashboard.verdict.counts.values()) == 2  # G1 and the new G2


def test_the_overview_draws_an_edit_once_with_its_findings(window: Any, qtbot: Any) -> None:
    """An edit that changes findings redraws the overview once, after the findings are in,
    not once for the edit and again for its findings."""
    window.document.replace(small_case(), None)
    overview = window.docks["overview"].widget()
    window.docks["overview"].show()
    qtbot.waitUntil(lambda: not overview._timer.isActive() and not overview._stale)
    drawn = overview.rebuilds
    window.document.push(UpdateNode("G1", {"statement": "The pump is safe to use"}), "Edit")
    # However long the other views take with the edit, the overview's own timer cannot run
    # out before the findings arrive: it waits for them.
    assert window.document.findings_pending and not overview._timer.isActive()
    qtbot.waitUntil(lambda: not window.document.findings_pending, timeout=3000)
    qtbot.waitUntil(lambda: not overview._timer.isActive(), timeout=3000)
    assert overview.rebuilds == drawn + 1


def test_an_edit_retags_only_the_nodes_it_changed(window: Any) -> None:
    """An edit to one node looks at that node's acceptance tag, not at every node's; the
    findings that follow look at the tagged nodes and those they call stale, and mark a changed
    accepted node stale."""
    window.document.replace(small_case(), None)
    window.document.push(AddNode(Node(id="G2", type=NodeType.GOAL, statement="Alarms")), "Add")
    assert accept_node(window.document, "Sn1", by="Ann")
    tags = window.acceptance.tags
    window.document.push(UpdateNode("G2", {"statement": "Alarms sound"}), "Edit")
    assert tags.looked_at == 1
    window.document.refresh_findings()
    assert tags.looked_at == 1  # Sn1, the one tagged node, not G1 and G2 too
    tag = tags.tag_for("Sn1")
    assert tag is not None and tag.mark is ACCEPTED
    window.document.push(UpdateNode("Sn1", {"statement": "Test report, revised"}), "Edit")
    window.document.refresh_findings()
    assert tags.tag_for("Sn1").mark is STALE
