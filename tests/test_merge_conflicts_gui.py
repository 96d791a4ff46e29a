"""The editor's Merge Conflicts panel: a file with recorded conflicts opens with them listed
side by side, one click resolves one, and Undo brings it back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from test_merge import base_case, copy

from gsn_studio.analysis.merge import merge_cases
from gsn_studio.io.gsnx_read import read_gsnx
from gsn_studio.io.gsnx_write import save_gsnx


def conflicted_file(folder: Path) -> Path:
    """G2's statement rewritten on both sides, and G3 deleted in ours but edited in theirs."""
    base = base_case()
    ours, theirs = copy(base), copy(base)
    ours.update_node("G2", statement="Over-infusion is prevented")
    theirs.update_node("G2", statement="Over-infusion is mitigated")
    ours.remove_node("G3")
    theirs.update_node("G3", description="Ultrasonic sensor")
    path = folder / "merged.gsnx"
    save_gsnx(merge_cases(base, ours, theirs), path)
    return path


def merge_codes(window: Any) -> list[tuple[str, str | None]]:
    window.document.refresh_findings()
    return [(f.code, f.node) for f in window.document.findings if f.code == "merge-conflict"]


def test_opened_conflicts_show_side_by_side(window: Any, qtbot: Any, tmp_path: Path) -> None:
    """Opening the merged file brings the panel forward, listing both conflicts, with ours,
    theirs and the base of the first one side by side."""
    window.document.open(conflicted_file(tmp_path))
    dock = window.merge_conflicts.dock
    panel = window.merge_conflicts.panel
    qtbot.waitUntil(dock.isVisible)
    rows = [panel.listing.item(i).text() for i in range(panel.listing.count())]
    assert rows == ["G2 statement", "G3"]
    assert panel.versions["ours"].toPlainText() == "Over-infusion is prevented"
    assert panel.versions["theirs"].toPlainText() == "Over-infusion is mitigated"
    assert panel.versions["base"].toPlainText() == "Over-infusion is controlled"
    assert window.selection.current == "G2"
    tags = window.merge_conflicts.tags
    assert tags.tag_for("G2") is not None and tags.tag_for("G3") is not None
    assert "changed in ours and in theirs" in tags.tag_for("G2").toolTip()
    assert tags.tag_for("G1") is None
    panel.listing.setCurrentRow(1)
    assert panel.versions["ours"].toPlainText() == "(deleted)"
    assert panel.pick_buttons["ours"].text() == "Keep Ours (Delete)"
    assert "Ultrasonic sensor" in panel.versions["theirs"].toPlainText()


def test_taking_theirs_resolves_in_one_step_and_undo_restores(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    """Take Theirs sets G2's statement and clears its merge-conflict finding as one undo step;
    Undo brings the statement and the finding back, and a save keeps what is left."""
    path = conflicted_file(tmp_path)
    window.document.open(path)
    panel = window.merge_conflicts.panel
    assert ("merge-conflict", "G2") in merge_codes(window)
    steps = window.document.undo_stack.count()
    qtbot.mouseClick(panel.pick_buttons["theirs"], Qt.MouseButton.LeftButton)
    assert window.document.case.node("G2").statement == "Over-infusion is mitigated"
    assert window.document.undo_stack.count() == steps + 1
    assert ("merge-conflict", "G2") not in merge_codes(window)
    assert [panel.listing.item(i).text() for i in range(panel.listing.count())] == ["G3"]
    assert window.merge_conflicts.tags.tag_for("G2") is None
    window.act_undo.trigger()
    assert window.document.case.node("G2").statement == "Over-infusion is prevented"
    assert ("merge-conflict", "G2") in merge_codes(window)
    assert panel.listing.count() == 2


def test_an_edited_version_and_a_deletion_resolve_every_conflict(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    """Writing a third statement resolves G2; keeping ours (the deletion) removes G3; the
    saved file has no conflicts left and check finds none."""
    path = conflicted_file(tmp_path)
    window.document.open(path)
    panel = window.merge_conflicts.panel
    panel.edited.setPlainText("Over-infusion is prevented by the rate limiter")
    qtbot.mouseClick(panel.use_edited, Qt.MouseButton.LeftButton)
    assert window.document.case.node("G2").statement.endswith("by the rate limiter")
    assert panel.listing.currentItem().text() == "G3"
    qtbot.mouseClick(panel.pick_buttons["ours"], Qt.MouseButton.LeftButton)
    assert "G3" not in window.document.case
    assert merge_codes(window) == []
    assert panel.listing.count() == 0
    window.document.save(path)
    assert read_gsnx(path).conflicts == []
