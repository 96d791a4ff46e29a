"""The editor's query bar, driven through its widgets: typing dims the rest of the canvas and
counts the matches, errors show their column, Esc clears; views are saved in the case,
applied from the Saved Views menu, deleted, and each step undone; the export dialog offers
them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gsn_studio.app.export_dialog import ExportDialog
from gsn_studio.app.main_window import MainWindow
from gsn_studio.io import load_case
from gsn_studio.model import NodeType
from gsn_studio.model.changes import UpdateNode
from gsn_studio.notation.themes import DIMMED_OPACITY

SAMPLES = Path(__file__).parent.parent / "samples"


def open_sample(qtbot: QtBot, window: MainWindow) -> None:
    window.files.open(SAMPLES / "loan-approval.gsnx", ask=False)
    qtbot.waitUntil(lambda: not window.layout_runner.is_running(), timeout=20000)


def type_query(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Ctrl+Shift+F from the canvas, then the text typed key by key, then the typing pause."""
    window.view.setFocus()
    qtbot.keySequence(window, QKeySequence("Ctrl+Shift+F"))
    field = window.query_bar.field
    assert field.hasFocus()
    qtbot.keyClicks(field, text)
    qtbot.waitUntil(lambda: not window.query_bar._timer.isActive())


def faint(window: MainWindow) -> set[str]:
    return {i.node_id for i in window.scene.node_items() if i.opacity() < 1}


def test_typing_a_query_dims_everything_else_and_counts_the_matches(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Only the matches stay bright; links into the rest fade; the count says how many."""
    open_sample(qtbot, window)
    type_query(qtbot, window, "under G2 and type=solution")
    bar = window.query_bar
    all_ids = {node.id for node in window.document.case.nodes}
    assert bar.matches == ["Sn1", "Sn2", "Sn3"]
    assert faint(window) == all_ids - {"Sn1", "Sn2", "Sn3"}
    item = window.scene.item_for("G3")
    assert item is not None and item.opacity() == DIMMED_OPACITY
    assert bar.count_button.text() == f"3 matches of {len(all_ids)}"
    assert all(link.opacity() == DIMMED_OPACITY for link in window.scene.link_items())
    bar.count_button.menu().aboutToShow.emit()
    listed = [a.text() for a in bar.count_button.menu().actions()]
    assert [text.split()[0] for text in listed] == ["Sn1", "Sn2", "Sn3"]
    bar.set_query("id=G3 or id=Sn1")
    bright = [link for link in window.scene.link_items() if link.opacity() == 1.0]
    assert [link.key[:2] for link in bright] == [("G3", "Sn1")]


def test_an_error_shows_its_column_and_esc_clears(qtbot: QtBot, window: MainWindow) -> None:
    """A half-typed query says what is expected where and dims nothing; Esc brings all back."""
    open_sample(qtbot, window)
    type_query(qtbot, window, "type=solution and state!=")
    bar = window.query_bar
    assert bar.message.text() == "column 26: expected a value after '!=', not the end of the query"
    assert faint(window) == set() and not bar.count_action.isVisible()
    qtbot.keyClicks(bar.field, "current")
    qtbot.waitUntil(lambda: not bar._timer.isActive())
    assert bar.message.text() == "" and faint(window)
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not bar._timer.isActive())
    assert bar.field.text() == "" and faint(window) == set()


def test_enter_selects_the_matches(qtbot: QtBot, window: MainWindow) -> None:
    """Enter in the query bar makes the matches the selection."""
    open_sample(qtbot, window)
    type_query(qtbot, window, "type=strategy")
    qtbot.keyClick(window.query_bar.field, Qt.Key.Key_Return)
    assert sorted(window.selection.ids) == ["S1", "S2", "S3"]
    item = window.scene.item_for("S1")
    assert item is not None
    shown = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert shown.intersects(item.sceneBoundingRect())


def test_an_edit_is_tested_against_the_query_at_once(qtbot: QtBot, window: MainWindow) -> None:
    """A strategy added under a strategy query is bright; a retyped match goes faint; undo too."""
    open_sample(qtbot, window)
    type_query(qtbot, window, "type=strategy")
    bar = window.query_bar
    window.selection.set(["G3"])
    window.act_add[NodeType.STRATEGY].trigger()
    window.scene.commit_edit()
    added = window.selection.current
    assert added is not None and added in (bar.matches or [])
    item = window.scene.item_for(added)
    assert item is not None and item.opacity() == 1.0
    assert window.document.push(UpdateNode("S2", {"type": NodeType.GOAL}), "Make S2 a goal")
    assert bar.count_button.text() == f"3 matches of {len(window.document.case.nodes)}"
    retyped = window.scene.item_for("S2")
    assert retyped is not None and retyped.opacity() == DIMMED_OPACITY
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert bar.matches == ["S1", "S2", "S3"]


def test_a_view_is_saved_applied_deleted_and_undone(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    """Save View keeps the query in the case (saved to the file), the menu re-applies it,
    Delete removes it, and undo takes back each step."""
    open_sample(qtbot, window)
    type_query(qtbot, window, "type=context")
    bar = window.query_bar
    monkeypatch.setattr(
        "gsn_studio.app.query_bar.QInputDialog.getText", lambda *a, **k: ("Contexts", True)
    )
    bar.views_menu.aboutToShow.emit()
    bar.save_action.trigger()
    assert [(v.name, v.query) for v in window.document.case.views] == [("Contexts", "type=context")]
    assert window.document.undo_stack.undoText() == "Save view “Contexts”"

    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    bar.views_menu.aboutToShow.emit()
    entry = next(a for a in bar.views_menu.actions() if a.text() == "Contexts")
    entry.trigger()
    assert bar.field.text() == "type=context"
    assert bar.matches and all(m.startswith("C") for m in bar.matches)

    path = tmp_path / "saved.gsnx"
    window.document.save(path)
    assert [v.name for v in load_case(path).views] == ["Contexts"]

    delete = next(a for a in bar.views_menu.actions() if a.menu() is not None).menu()
    next(a for a in delete.actions() if a.text() == "Contexts").trigger()
    assert window.document.case.views == ()
    window.act_undo.trigger()
    assert [v.name for v in window.document.case.views] == ["Contexts"]
    window.act_undo.trigger()
    assert window.document.case.views == ()
    window.act_redo.trigger()
    assert [v.name for v in window.document.case.views] == ["Contexts"]


def test_the_export_dialog_offers_the_query_and_saved_views(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """The dialog lists the current query and each saved view; choosing one writes a figure
    with the rest faint."""
    open_sample(qtbot, window)
    type_query(qtbot, window, "type=strategy")
    window.query_bar.save_view("Strategies")
    dialog = ExportDialog(window.document, window.selection, window, query=window.query_bar.query())
    qtbot.addWidget(dialog)
    names = [dialog.filter_combo.itemText(i) for i in range(dialog.filter_combo.count())]
    assert names[1:] == ["Current query: type=strategy", "View: Strategies"]
    dialog.filter_combo.setCurrentIndex(2)
    target = tmp_path / "strategies.svg"
    dialog.file_edit.setText(str(target))
    dialog.highlight_check.setChecked(False)
    dialog.export_button.click()
    svg = target.read_text()
    assert "view Strategies (type=strategy) highlighted" in svg
    assert '<g class="gsn-dimmed" opacity="0.2"><g id="G1"' in svg
    assert '<g class="gsn-dimmed" opacity="0.2"><g id="S1"' not in svg
    QApplication.processEvents()
