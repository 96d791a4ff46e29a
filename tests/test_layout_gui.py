"""Auto-layout in the editor: of a selected subtree, as one undo step."""

from __future__ import annotations

from conftest import SAMPLES
from pytestqt.qtbot import QtBot

from gsn_studio.app.main_window import MainWindow
from gsn_studio.model import Position


def test_auto_layout_selection_lays_out_the_subtree_in_one_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Auto-layout Selection brings a dragged-off node back under its parent, moves nothing
    outside the selected subtree, and is one undo step."""
    from gsn_studio.model.changes import MoveNodes

    window.files.open(SAMPLES / "loan-approval.gsnx", ask=False)
    qtbot.waitUntil(lambda: all(n.position for n in window.document.case.nodes), timeout=20000)
    case = window.document.case
    window.document.push(MoveNodes({"G3": Position(x=9000, y=9000)}), "Move G3")
    outside = {n.id: n.position for n in case.nodes if n.id in ("G1", "G9", "G16")}
    window.selection.set(["G2"])
    window.act_layout_selection.trigger()
    qtbot.waitUntil(lambda: window.document.undo_stack.count() == 2, timeout=20000)
    assert window.act_undo.text() == "&Undo Auto-layout selection"
    case = window.document.case
    g3 = case.node("G3").position
    assert g3 is not None and g3.x < 5000
    assert {i: case.node(i).position for i in outside} == outside
