"""The editor window end to end: build a case from nothing with the real widgets, watch the
problems panel follow, undo to empty, redo, save, reopen, and survive bad files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import SAMPLES
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from gsn_studio.app.main_window import MainWindow
from gsn_studio.io import load_case
from gsn_studio.model import Link, LinkKind, NodeType


def codes(window: MainWindow) -> list[tuple[str, str | None]]:
    window.document.refresh_findings()
    return [(f.code, f.node) for f in window.document.findings]


def type_into_canvas_editor(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """The new node's in-place editor has focus: type and press Enter, as a user does."""
    editor = QApplication.focusWidget()
    assert editor is not None
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_build_a_case_from_empty_then_undo_and_redo_everything(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """Add a goal, a strategy under it, a sub-goal and a solution, typing each statement;
    the problems follow every step; undo returns to empty; redo rebuilds it; save and
    reopen gives the same case."""
    view = window.view
    view.setFocus()
    assert codes(window) == [("no-root", None)]

    qtbot.keyClick(view, Qt.Key.Key_G)
    type_into_canvas_editor(qtbot, window, "The pump is safe")
    assert window.document.case.node("G1").statement == "The pump is safe"
    assert codes(window) == [("undeveloped-goal", "G1")]

    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_S)  # G1 is selected: the strategy goes under it
    type_into_canvas_editor(qtbot, window, "Argue over hazards")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_G)
    type_into_canvas_editor(qtbot, window, "Over-infusion is prevented")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_N)
    type_into_canvas_editor(qtbot, window, "Flow test report")

    case = window.document.case
    assert [n.id for n in case.nodes] == ["G1", "S1", "G2", "Sn1"]
    assert case.links == [
        Link(source="G1", target="S1", kind=LinkKind.SUPPORTED_BY),
        Link(source="S1", target="G2", kind=LinkKind.SUPPORTED_BY),
        Link(source="G2", target="Sn1", kind=LinkKind.SUPPORTED_BY),
    ]
    # A solution that names no evidence yet is the one hole left.
    qtbot.waitUntil(lambda: codes(window) == [("evidence-unreferenced", "Sn1")], timeout=2000)
    final = case.model_copy(deep=True)

    stack = window.document.undo_stack
    steps = stack.count()
    assert steps == 8  # four adds and four text edits, one step each
    while stack.canUndo():
        window.act_undo.trigger()
    assert window.document.case.nodes == [] and window.document.case.links == []
    assert len(window.scene.node_items()) == 0
    while stack.canRedo():
        window.act_redo.trigger()
    assert window.document.case == final
    assert len(window.scene.node_items()) == 4

    path = tmp_path / "built.gsnx"
    window.document.save(path)
    assert not window.isWindowModified()
    assert load_case(path) == final


def test_undo_names_the_step(qtbot: QtBot, window: MainWindow) -> None:
    """Edit > Undo says which step it will undo."""
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_C)
    window.scene.cancel_edit()
    assert window.act_undo.text() == "&Undo Add context C1"


def test_illegal_link_is_refused_in_the_status_bar(qtbot: QtBot, window: MainWindow) -> None:
    """Linking a context to a goal changes nothing and says why in the status bar."""
    window.files.open(SAMPLES / "tutorial.gsnx", ask=False)
    before = list(window.document.case.links)
    assert not window.scene.link_nodes("C1", "G2")
    assert window.document.case.links == before
    message = window.statusBar().currentMessage()
    assert "C1" in message and "G2" in message


def test_bad_file_gives_a_dialog_and_the_editor_stays_usable(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """Opening a broken file shows check's message in a dialog; the open case is untouched."""
    window.files.open(SAMPLES / "tutorial.gsnx", ask=False)
    qtbot.waitUntil(lambda: not window.layout_runner.is_running(), timeout=20000)
    before = window.document.case.model_copy(deep=True)
    bad = tmp_path / "broken.gsnx"
    bad.write_text("<AssuranceCasePackage")
    seen: list[str] = []

    def close_dialog() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(100, close_dialog)
    assert not window.files.open(bad, ask=False)
    assert seen and seen[0].startswith(f"{bad}:")
    assert window.document.case == before
    window.activateWindow()  # as the window manager does when the dialog closes
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    assert window.document.case.node("J2").type is NodeType.JUSTIFICATION


def test_opening_a_file_without_positions_lays_it_out(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """A gsn2x file has no positions: it is laid out on open, and that is not an edit."""
    source = SAMPLES / "loan-approval.gsnx"
    assert all(n.position is None for n in load_case(source).nodes)
    window.files.open(source, ask=False)
    qtbot.waitUntil(lambda: all(n.position for n in window.document.case.nodes), timeout=20000)
    assert not window.isWindowModified()
    assert window.document.undo_stack.count() == 0


def test_auto_layout_is_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    """Auto-layout on demand moves every node as one undoable step."""
    window.files.open(SAMPLES / "tutorial.gsnx", ask=False)
    qtbot.waitUntil(lambda: all(n.position for n in window.document.case.nodes), timeout=20000)
    window.act_layout.trigger()
    qtbot.waitUntil(lambda: window.document.undo_stack.count() == 1, timeout=20000)
    assert window.act_undo.text() == "&Undo Auto-layout"


def test_title_shows_name_and_modified_mark(qtbot: QtBot, window: MainWindow) -> None:
    """The title names the file and marks unsaved changes."""
    window.files.open(SAMPLES / "tutorial.gsnx", ask=False)
    assert window.windowTitle().startswith("tutorial.gsnx")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    window.scene.cancel_edit()
    assert window.isWindowModified()


def test_closing_with_changes_asks_first(qtbot: QtBot, window: MainWindow) -> None:
    """Closing a modified case asks; Cancel keeps the window open."""
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_G)
    window.scene.cancel_edit()

    def cancel() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(100, cancel)
    assert not window.close()
    assert window.isVisible()
    window.document.undo_stack.setClean()


def test_recent_files_are_remembered(qtbot: QtBot, window: MainWindow) -> None:
    """A file opened once is offered in File > Open Recent."""
    window.files.open(SAMPLES / "tutorial.gsnx", ask=False)
    names = [a.text() for a in window.recent_menu.actions()]
    assert str((SAMPLES / "tutorial.gsnx").resolve()) in names


def test_copy_paste_renumbers(qtbot: QtBot, window: MainWindow) -> None:
    """Copy and paste of a goal with its solution gives new ids and keeps their link."""
    window.files.open(SAMPLES / "tutorial.gsnx", ask=False)
    window.selection.set(["G2", "Sn1"])
    window.act_copy.trigger()
    window.act_paste.trigger()
    case = window.document.case
    assert window.selection.ids == ["G5", "Sn3"]
    assert Link(source="G5", target="Sn3", kind=LinkKind.SUPPORTED_BY) in case.links
    window.act_undo.trigger()
    assert "G5" not in case


def test_delete_removes_node_and_links_as_one_step(qtbot: QtBot, window: MainWindow) -> None:
    """Delete on a selected strategy removes it with its links; undo restores both."""
    window.files.open(SAMPLES / "tutorial.gsnx", ask=False)
    before = window.document.case.model_copy(deep=True)
    window.selection.set(["S1"])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert "S1" not in window.document.case
    window.act_undo.trigger()
    assert window.document.case == before


def test_problems_panel_click_centres_the_node(qtbot: QtBot, window: MainWindow) -> None:
    """Clicking a finding selects its node and centres the view on it."""
    window.files.open(SAMPLES / "tutorial.gsnx", ask=False)
    qtbot.waitUntil(lambda: all(n.position for n in window.document.case.nodes), timeout=20000)
    window.problems.activated.emit("Sn1")
    assert window.selection.ids == ["Sn1"]
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    position = window.document.case.node("Sn1").position
    assert abs(centre.x() - position.x) < 5 and abs(centre.y() - position.y) < 5


def test_as_of_changes_highlights(qtbot: QtBot, window: MainWindow) -> None:
    """Setting the as-of date before an expiry removes the expired mark from the canvas."""
    window.files.open(SAMPLES / "tutorial.gsnx", ask=False)
    assert ("expired-evidence", "Sn1") in codes(window)
    window.document.set_as_of(dt.date(2025, 1, 1))
    assert ("expired-evidence", "Sn1") not in codes(window)


def test_hand_tool_pans_by_dragging_the_background(qtbot: QtBot, window: MainWindow) -> None:
    """With the hand tool (H), a left drag on the background scrolls the view."""
    window.files.open(SAMPLES / "loan-approval.gsnx", ask=False)
    qtbot.waitUntil(lambda: not window.layout_runner.is_running(), timeout=20000)
    window.view.set_zoom(1.0)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_H)
    assert window.view.pan_mode
    before = window.view.mapToScene(window.view.viewport().rect().center())
    viewport = window.view.viewport()
    # An empty spot near the middle: the press must land on background, not on a node.
    middle = viewport.rect().center()
    start = next(
        spot
        for spot in (
            middle + QPoint(dx, dy) for dy in range(0, 300, 25) for dx in range(0, 400, 25)
        )
        if not window.view.items(spot)
    )
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(viewport, start + QPoint(-20 * step, -10 * step))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(-100, -50))
    after = window.view.mapToScene(window.view.viewport().rect().center())
    assert (after - before).manhattanLength() > 50


def test_file_export_writes_a_figure(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File > Export opens the export dialog; exporting from it writes the figure."""
    window.files.open(SAMPLES / "tutorial.gsnx", ask=False)
    qtbot.waitUntil(lambda: not window.layout_runner.is_running(), timeout=20000)
    target = tmp_path / "figure.svg"

    def export_from_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.file_edit.setText(str(target))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(100, export_from_dialog)
    window.act_export.trigger()
    assert 'id="G1"' in target.read_text()
    assert str(target) in window.statusBar().currentMessage()


def test_editor_opens_another_tools_sacm_file(qtbot: QtBot, window: MainWindow) -> None:
    """An SACM file of another tool opens in the editor, laid out, with every package's nodes."""
    source = Path(__file__).resolve().parent / "fixtures" / "sacm" / "profile.assurancecase"
    assert window.files.open(source, ask=False)
    qtbot.waitUntil(lambda: all(n.position for n in window.document.case.nodes), timeout=20000)
    assert {"G1", "S1", "G10", "Sn1"} <= {n.id for n in window.document.case.nodes}


def test_opening_an_sacm_file_shows_the_import_report(qtbot: QtBot, window: MainWindow) -> None:
    """Opening another tool's file shows, without blocking, what was read and skipped."""
    source = Path(__file__).resolve().parent / "fixtures" / "sacm" / "deis.model"
    assert window.files.open(source, ask=False)
    box = window.findChild(QMessageBox, "import-report")
    assert box is not None and box.isVisible() and not box.isModal()
    assert "DEIS ODE" in box.text()
    assert "skipped: 3 elements (1 FaultTree, 2 Gate)" in box.detailedText()


def test_save_never_writes_over_another_tools_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Save on an imported file asks for a new name (a .gsnx beside it); the original stays."""
    source = tmp_path / "brake.model"
    original = (Path(__file__).resolve().parent / "fixtures" / "sacm" / "deis.model").read_bytes()
    source.write_bytes(original)
    assert window.files.open(source, ask=False)
    asked: list[str] = []

    def choose(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(tmp_path / "brake.gsnx"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    assert window.files.save()
    assert asked == [str(tmp_path / "brake.gsnx")]
    assert source.read_bytes() == original
    assert "G1" in load_case(tmp_path / "brake.gsnx")
    assert window.document.import_report is None  # now a file of ours: Save saves
