"""Folding and focus on the real canvas: toggles, keys, menus, undo, review mode, files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from factories import hazard_case
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from gsn_studio.app.export_dialog import ExportDialog
from gsn_studio.app.main_window import MainWindow
from gsn_studio.layout import layout_case
from gsn_studio.model import Case, Evidence, LinkKind
from gsn_studio.model.changes import MoveNodes
from gsn_studio.notation.palette import STATUS_MARKS, Status

ALL = {"G1", "C1", "S1", "J1", "G2", "G3", "A1", "Sn1", "Sn2"}


def placed(case: Case) -> Case:
    MoveNodes(dict(layout_case(case))).apply(case)
    return case


def show(window: MainWindow, case: Case | None = None) -> None:
    window.document.replace(placed(case or hazard_case()), None)


def visible(window: MainWindow) -> set[str]:
    return {item.node_id for item in window.scene.node_items() if item.isVisible()}


def visible_links(window: MainWindow) -> int:
    return sum(1 for link in window.scene.link_items() if link.isVisible())


def click_toggle(qtbot: QtBot, window: MainWindow, node_id: str) -> None:
    """Click the node (a selected node shows its toggle), then its toggle."""
    item = window.scene.item_for(node_id)
    window.view.centerOn(item)
    point = window.view.mapFromScene(item.sceneBoundingRect().center())
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    toggle = window.scene.folding.toggle_for(node_id)
    assert toggle is not None
    window.view.centerOn(toggle)
    point = window.view.mapFromScene(toggle.sceneBoundingRect().center())
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_clicking_the_toggle_folds_and_undo_unfolds(qtbot: QtBot, window: MainWindow) -> None:
    """A click on S1's toggle hides its 5 supporting nodes and their links; undo shows them."""
    show(window)
    links_before = visible_links(window)
    assert window.scene.folding.toggle_for("S1") is None  # not selected: no toggle yet
    click_toggle(qtbot, window, "S1")
    assert visible(window) == {"G1", "C1", "S1", "J1"}
    assert visible_links(window) == 3  # G1-C1, G1-S1, S1-J1
    assert window.document.case.node("S1").folded
    window.document.undo_stack.undo()
    assert visible(window) == ALL
    assert visible_links(window) == links_before


def test_marker_says_how_many_and_the_worst_status(qtbot: QtBot, window: MainWindow) -> None:
    """The folded node's marker reads "+5" with the worst folded status, in its colour."""
    case = hazard_case()
    expired = Evidence(
        reference="h1.pdf", date=dt.date(2019, 1, 1), valid_until=dt.date(2020, 1, 1)
    )
    case.update_node("Sn1", evidence=expired)
    show(window, case)
    assert window.document.statuses["Sn1"] is Status.EXPIRED
    window.selection.set(["S1"])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Minus)
    toggle = window.scene.folding.toggle_for("S1")
    assert toggle is not None and toggle.marker is not None
    assert toggle.text == "+5 WEAKENED"  # G2 is weakened by Sn1: the level's word wins
    assert toggle.marker.colours() == (
        STATUS_MARKS[Status.WEAKENED].fill,
        STATUS_MARKS[Status.WEAKENED].stroke,
    )
    # Clicking the marker unfolds; "+" folds nothing more, Ctrl+[ and Ctrl+] work as - and +.
    click_toggle(qtbot, window, "S1")
    assert visible(window) == ALL
    qtbot.keyClick(window.view, Qt.Key.Key_BracketLeft, Qt.KeyboardModifier.ControlModifier)
    assert "G2" not in visible(window)
    qtbot.keyClick(window.view, Qt.Key.Key_Plus)
    assert visible(window) == ALL


def test_context_menu_fold_and_unfold_all(qtbot: QtBot, window: MainWindow) -> None:
    """The canvas menu offers Fold on a node with support; Unfold All shows everything."""
    show(window)
    item = window.scene.item_for("G2")
    window.view.centerOn(item)
    shown: list[QMenu] = []
    qtbot.mouseClick(
        window.view.viewport(),
        Qt.MouseButton.RightButton,
        pos=window.view.mapFromScene(item.sceneBoundingRect().center()),
    )
    shown = [m for m in window.findChildren(QMenu) if m.isVisible()]
    assert shown, "no canvas menu"
    fold = next(a for a in shown[-1].actions() if a.text() == "&Fold")
    shown[-1].close()
    fold.trigger()
    assert visible(window) == ALL - {"Sn1"}  # A1 is G2's own assumption: it stays
    window.folds.fold_to_level(1)
    assert visible(window) == {"G1", "C1", "S1", "J1"}
    window.folds.unfold_all.trigger()
    assert visible(window) == ALL


def test_review_mode_allows_folding(qtbot: QtBot, window: MainWindow) -> None:
    """In review mode the argument is read-only, but folding (a view of it) works and undoes."""
    show(window)
    window.review.action.trigger()
    assert window.document.read_only
    window.selection.set(["S1"])
    window.folds.fold.trigger()
    assert "G2" not in visible(window)
    window.document.undo_stack.undo()
    assert "G2" in visible(window)


def test_folding_recomputes_no_findings(qtbot: QtBot, window: MainWindow) -> None:
    """A fold is view state: the findings are not recomputed."""
    show(window)
    with qtbot.assertNotEmitted(window.document.findings_changed, wait=300):
        window.scene.folding.set_folded(["S1"], True)


def test_fold_survives_save_and_reopen(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    """A saved fold is folded again when the file is opened."""
    show(window)
    window.scene.folding.set_folded(["G3"], True)
    path = tmp_path / "case.gsnx"
    window.document.save(path)
    window.document.undo_stack.setClean()
    window.files.open(path, ask=False)
    qtbot.waitUntil(lambda: not window.layout_runner.is_running(), timeout=20000)
    assert window.document.case.node("G3").folded
    assert visible(window) == ALL - {"Sn2"}


def test_choosing_a_folded_node_elsewhere_reveals_it(qtbot: QtBot, window: MainWindow) -> None:
    """Selecting a folded-away node (outline, search) unfolds what hides it."""
    show(window)
    window.scene.folding.set_folded(["G1", "S1"], True)
    assert visible(window) == {"G1", "C1"}
    window.selection.set(["Sn2"])
    assert "Sn2" in visible(window)
    assert window.scene.item_for("Sn2").isSelected()
    window.scene.folding.set_folded(["G2"], True)
    assert "Sn1" not in visible(window)
    assert window.view.center_on_node("Sn1")  # as the search box and findings go to a node
    assert "Sn1" in visible(window) and window.selection.ids == ["Sn1"]


def test_outline_and_findings_still_cover_folded_nodes(qtbot: QtBot, window: MainWindow) -> None:
    """Folding hides nodes from the canvas only: the outline lists them, findings name them."""
    case = hazard_case()
    case.update_node("G3", undeveloped=True)
    case.remove_node("Sn2")
    show(window, case)
    findings_before = list(window.document.findings)
    window.scene.folding.set_folded(["G1"], True)
    assert visible(window) == {"G1", "C1"}
    assert window.document.findings == findings_before
    assert any(f.node == "G3" for f in window.document.findings)
    model = window.outline.model
    listed = set()
    pending = [model.index(row, 0) for row in range(model.rowCount())]
    while pending:
        index = pending.pop()
        listed.add(str(index.data()))
        pending += [model.index(r, 0, index) for r in range(model.rowCount(index))]
    assert any(entry.startswith("G3") for entry in listed)
    assert any(entry.startswith("Sn1") for entry in listed)


def test_focus_and_breadcrumbs(qtbot: QtBot, window: MainWindow) -> None:
    """Focus shows one subtree; its crumbs lead back up; Esc returns to the whole case."""
    show(window)
    window.selection.set(["G2"])
    window.folds.focus_action.trigger()
    assert visible(window) == {"G2", "A1", "Sn1"}
    bar = window.focus.bar
    assert bar.isVisible()
    assert [b.text() for b in bar.crumbs] == ["Whole case", "G1", "S1", "G2"]
    dialog = ExportDialog(window.document, window.selection, window, window.focus.root)
    assert dialog.options().root == "G2"
    dialog.close()
    qtbot.mouseClick(bar.crumbs[2], Qt.MouseButton.LeftButton)
    assert window.focus.root == "S1"
    assert visible(window) == ALL - {"G1", "C1"}
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.focus.root is None
    assert visible(window) == ALL and not bar.isVisible()
    window.folds.focus_selected()
    qtbot.mouseClick(window.focus.bar.crumbs[0], Qt.MouseButton.LeftButton)
    assert visible(window) == ALL


def test_shared_node_stays_but_the_folded_link_goes(qtbot: QtBot, window: MainWindow) -> None:
    """Folding G2 keeps Sn1 (G3 also needs it) but hides the link G2 → Sn1; "+0" says so."""
    case = hazard_case()
    case.connect("G3", "Sn1")
    show(window, case)
    window.scene.folding.set_folded(["G2"], True)
    assert visible(window) == ALL
    assert not window.scene.link_item_for("G2", "Sn1", LinkKind.SUPPORTED_BY).isVisible()
    assert window.scene.link_item_for("G3", "Sn1", LinkKind.SUPPORTED_BY).isVisible()
    assert window.scene.folding.toggle_for("G2").text == "+0"
    window.document.undo_stack.undo()
    assert window.scene.link_item_for("G2", "Sn1", LinkKind.SUPPORTED_BY).isVisible()
