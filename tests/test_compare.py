"""File > Compare With… in the real window: what the other version lacks is marked new, what
differs is marked changed with its fields, what it has and this one lacks is drawn as a ghost
that is not part of the case; the Compare panel steps through them; the document is never
changed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import hazard_case
from PySide6.QtWidgets import QApplication, QGraphicsItem, QMessageBox
from pytestqt.qtbot import QtBot

from gsn_studio.app.canvas.compare_items import DiffMarkItem, GhostLinkItem, GhostNodeItem
from gsn_studio.app.main_window import MainWindow
from gsn_studio.io import save_case
from gsn_studio.layout.tree import tree_layout
from gsn_studio.model import Case, LinkKind, NodeType
from gsn_studio.model.changes import UpdateNode


def laid_out(case: Case) -> Case:
    for node_id, position in (tree_layout(case) or {}).items():
        case.update_node(node_id, position=position)
    return case


def older_version() -> Case:
    """The hazard case as it was: G3 said something else, Sn2 was not there yet, and a goal
    G4 (with its link from S1) has since been removed."""
    case = laid_out(hazard_case())
    case.update_node("G3", statement="Hazard H2 is controlled")
    case.remove_node("Sn2")
    case.add_node(NodeType.GOAL, "Hazard H3 is mitigated", node_id="G4")
    case.connect("S1", "G4")
    case.update_node("G4", position=case.node("G3").position.model_copy(update={"x": 900.0}))
    return case


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    main = MainWindow()
    main.show()
    qtbot.waitExposed(main)
    main.document.replace(laid_out(hazard_case()), tmp_path / "current.gsnx")
    yield main
    main.document.undo_stack.setClean()
    main.close()
    main.deleteLater()
    QApplication.clipboard().clear()


@pytest.fixture
def older(tmp_path: Path) -> Path:
    path = tmp_path / "older.gsnx"
    save_case(older_version(), path)
    return path


def ghosts(window: MainWindow) -> list[GhostNodeItem]:
    return [item for item in window.scene.items() if isinstance(item, GhostNodeItem)]


def test_compare_marks_added_changed_and_removed(window: MainWindow, older: Path) -> None:
    """Against the older file: Sn2 and its link are new, G3 changed (statement, in its
    tooltip), G4 and its link removed and drawn as ghosts near G3, outside the case and
    beyond selection or movement."""
    before = window.document.case.model_copy(deep=True)
    assert window.comparison.start(older)
    marks = {
        item.parentItem().node_id: item.word
        for item in window.scene.items()
        if isinstance(item, DiffMarkItem)
    }
    assert marks == {"Sn2": "NEW", "G3": "CHANGED"}
    assert "statement" in window.scene.item_for("G3").tool_tip()
    new_link = window.scene.link_item_for("G3", "Sn2", LinkKind.SUPPORTED_BY)
    assert new_link is not None and new_link.highlight is not None
    [ghost] = ghosts(window)
    assert ghost.ghost_id == "G4" and "G4" not in window.document.case
    assert not ghost.flags() & (
        QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
        | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
    )
    assert window.scene.node_item_at(ghost.pos()) is None
    [ghost_link] = [i for i in window.scene.items() if isinstance(i, GhostLinkItem)]
    assert ghost_link.ends == ("S1", "G4")
    assert window.document.case == before
    assert window.document.undo_stack.count() == 0 and not window.document.is_modified()
    texts = [entry.text for entry in window.comparison.entries]
    assert texts == [
        "Sn2 added",
        "G3 changed: statement",
        "G4 removed",
        "link G3 → Sn2 added",
        "link S1 → G4 removed",
    ]
    assert window.docks["compare"].isVisible()


def test_ghosts_stand_where_the_other_version_had_them(window: MainWindow, older: Path) -> None:
    """A removed node is drawn at its place in the other file when its neighbours have not
    moved."""
    window.comparison.start(older)
    [ghost] = ghosts(window)
    assert (ghost.pos().x(), ghost.pos().y()) == (900.0, older_version().node("G4").position.y)


def test_next_and_previous_step_through_the_differences(window: MainWindow, older: Path):
    """Next selects and centres each difference in turn, wrapping round; Previous goes
    back; a removed node is centred on its ghost with nothing selected."""
    window.comparison.start(older)
    panel, view = window.compare_panel, window.view
    view.set_zoom(1.5)

    def centre():
        return view.mapToScene(view.viewport().rect().center())

    panel.next_button.click()
    assert window.selection.ids == ["Sn2"]
    middle = window.scene.item_for("Sn2").sceneBoundingRect().center()
    assert (centre() - middle).manhattanLength() < 3
    panel.next_button.click()
    assert window.selection.ids == ["G3"]
    panel.next_button.click()
    assert window.selection.ids == []
    [ghost] = ghosts(window)
    assert (centre() - ghost.sceneBoundingRect().center()).manhattanLength() < 3
    panel.next_button.click()
    assert set(window.selection.ids) == {"G3", "Sn2"}
    panel.next_button.click()
    assert window.selection.ids == ["S1"]  # G4 is gone: only the end still in the case
    panel.next_button.click()
    assert window.selection.ids == ["Sn2"]  # round again
    panel.previous_button.click()
    assert window.selection.ids == ["S1"]
    window.comparison.previous_action.trigger()
    assert set(window.selection.ids) == {"G3", "Sn2"}


def test_end_comparison_restores_the_normal_view(window: MainWindow, older: Path) -> None:
    """End Comparison removes every mark, ghost and highlight and hides the panel."""
    window.comparison.start(older)
    window.compare_panel.end_button.click()
    assert not window.comparison.active
    assert not any(
        isinstance(item, DiffMarkItem | GhostNodeItem | GhostLinkItem)
        for item in window.scene.items()
    )
    assert window.scene.item_for("G3").compare_note == ""
    assert all(link.highlight is None for link in window.scene.link_items())
    assert not window.docks["compare"].isVisible()
    assert window.compare_panel.list.count() == 0


def test_the_comparison_follows_edits_and_ends_with_another_case(
    qtbot: QtBot, window: MainWindow, older: Path
) -> None:
    """Editing G2 while comparing marks it changed (once the edit settles); undoing the edit
    of G3 back to the older wording clears its mark; opening another case ends it."""
    window.comparison.start(older)
    window.document.push(UpdateNode("G2", {"statement": "Hazard H1 is removed"}), "Edit G2")
    qtbot.waitUntil(lambda: "G2 changed: statement" in [e.text for e in window.comparison.entries])
    window.document.push(UpdateNode("G3", {"statement": "Hazard H2 is controlled"}), "Edit G3")
    qtbot.waitUntil(lambda: all(e.node != "G3" for e in window.comparison.entries))
    window.document.replace(hazard_case(), None)
    assert not window.comparison.active and ghosts(window) == []


def test_a_bad_file_is_reported_and_nothing_changes(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that cannot be read gives a warning and starts no comparison."""
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    bad = tmp_path / "bad.gsnx"
    bad.write_text("<not a case")
    assert not window.comparison.start(bad)
    assert warned and not window.comparison.active


def test_an_other_version_without_positions_still_gets_its_ghosts(
    window: MainWindow, tmp_path: Path
) -> None:
    """A version saved without a layout is laid out to place its ghosts, beside the node they
    hung from."""
    other = older_version()
    for node in other.nodes:
        other.update_node(node.id, position=None)
    path = tmp_path / "older.yaml"
    save_case(other, path)
    window.comparison.start(path)
    [ghost] = ghosts(window)
    s1 = window.scene.item_for("S1").pos()
    assert ghost.pos().y() > s1.y()
    assert abs(ghost.pos().x() - s1.x()) < 600
