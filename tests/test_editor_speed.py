"""The editor skips work that a change cannot make necessary."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from gsn_studio.app.document import Document
from gsn_studio.model import NodeType, Position
from gsn_studio.model.changes import MoveNodes, UpdateNode


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
