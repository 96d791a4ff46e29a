"""Authoring pattern notation in the editor: the canvas menu sets a link's multiplicity, an
element's choice and its Uninstantiated mark, and Edit > Pattern Parameters… declares the
parameters; each is one undo step."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import SAMPLES
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QLabel, QMenu, QPushButton
from pytestqt.qtbot import QtBot

from gsn_studio.app.main_window import MainWindow
from gsn_studio.app.pattern_parameters import ParametersDialog
from gsn_studio.model import LinkKind
from gsn_studio.model.patterns import Choice, Multiplicity, MultiplicityKind, ParameterType

HAZARD = SAMPLES / "patterns" / "hazard-directed.gsnx"


@pytest.fixture
def menus(monkeypatch: pytest.MonkeyPatch) -> list[QMenu]:
    """The canvas menus the window pops up, kept instead of shown."""
    shown: list[QMenu] = []
    monkeypatch.setattr(QMenu, "popup", lambda menu, *_args: shown.append(menu))
    return shown


def answers(monkeypatch: pytest.MonkeyPatch, *numbers: int) -> None:
    """QInputDialog.getInt answers these numbers in turn, as if typed and accepted."""
    queue: Iterator[int] = iter(numbers)
    monkeypatch.setattr(QInputDialog, "getInt", lambda *_args: (next(queue), True))


def open_pattern(qtbot: QtBot, window: MainWindow) -> None:
    assert window.files.open(HAZARD, ask=False)
    qtbot.waitUntil(lambda: not window.layout_runner.is_running(), timeout=60_000)


def right_click(window: MainWindow, at: QPointF, menus: list[QMenu]) -> QMenu:
    window._canvas_menu(window.view.mapFromScene(at))
    return menus[-1]


def at(window: MainWindow, node_id: str) -> QPointF:
    """The middle of a node on the canvas."""
    item = window.scene.item_for(node_id)
    assert item is not None
    return item.scenePos()


def action(menu: QMenu, submenu: str, name: str):  # type: ignore[no-untyped-def]
    sub = menu.findChild(QMenu, submenu)
    assert sub is not None, submenu
    found = [a for a in sub.actions() if a.objectName() == name]
    assert found, [a.objectName() for a in sub.actions()]
    return found[0]


def link_of(window: MainWindow, source: str, target: str):  # type: ignore[no-untyped-def]
    case = window.document.case
    return next(lk for lk in case.links if (lk.source, lk.target) == (source, target))


def test_right_click_on_a_link_sets_at_least_n_and_undo_clears_it(
    qtbot: QtBot, window: MainWindow, menus: list[QMenu], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over the link S1 → G5 the menu's Multiplicity > At Least n… asks n, puts the ball on
    the canvas item, and one undo takes it away."""
    open_pattern(qtbot, window)
    item = window.scene.link_item_for("S1", "G5", LinkKind.SUPPORTED_BY)
    assert item is not None and item.pattern_link is None
    middle = item.midpoint()
    assert middle is not None
    menu = right_click(window, middle, menus)
    answers(monkeypatch, 3)
    action(menu, "pattern-multiplicity", "multiplicity-at-least").trigger()
    wanted = Multiplicity(kind=MultiplicityKind.AT_LEAST, count=3)
    assert link_of(window, "S1", "G5").multiplicity == wanted
    assert item.pattern_link is not None and item.pattern_link.multiplicity == wanted
    assert window.document.undo_stack.undoText() == "Set multiplicity of S1 → G5"
    window.document.undo_stack.undo()
    assert link_of(window, "S1", "G5").multiplicity is None
    assert item.pattern_link is None


def test_the_menu_shows_the_current_multiplicity_and_offers_each_list(
    qtbot: QtBot, window: MainWindow, menus: list[QMenu]
) -> None:
    """The `each {hazards}` link's menu has that entry checked; choosing Optional replaces it."""
    open_pattern(qtbot, window)
    item = window.scene.link_item_for("S1", "G2", LinkKind.SUPPORTED_BY)
    assert item is not None and item.midpoint() is not None
    menu = right_click(window, item.midpoint(), menus)
    assert action(menu, "pattern-multiplicity", "multiplicity-each-hazards").isChecked()
    action(menu, "pattern-multiplicity", "multiplicity-optional").trigger()
    assert link_of(window, "S1", "G2").multiplicity == Multiplicity(kind=MultiplicityKind.OPTIONAL)


def test_a_choice_at_a_split_from_the_element_menu(
    qtbot: QtBot, window: MainWindow, menus: list[QMenu], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Right-click on S1, Choice at S1 > Choose m of 2… with 1 and 1 makes both links one
    "1 of 2" choice, drawn as diamonds; undo gives back the plain split."""
    open_pattern(qtbot, window)
    node = at(window, "S1")
    menu = right_click(window, node, menus)
    assert window.selection.ids == ["S1"]
    answers(monkeypatch, 1, 1)
    action(menu, "pattern-choice", "choice-pick").trigger()
    assert link_of(window, "S1", "G2").choice == link_of(window, "S1", "G5").choice == Choice()
    labels = [i.choice_label for i in window.scene.items() if getattr(i, "choice_label", "")]
    assert "1 of 2" in labels
    window.document.undo_stack.undo()
    assert link_of(window, "S1", "G2").choice is None


def test_uninstantiated_from_the_element_menu_is_one_undo_step(
    qtbot: QtBot, window: MainWindow, menus: list[QMenu]
) -> None:
    """The element menu's Uninstantiated toggles the mark on G5 and undoes."""
    open_pattern(qtbot, window)
    menu = right_click(window, at(window, "G5"), menus)
    [toggle] = [a for a in menu.actions() if a.objectName() == "pattern-uninstantiated"]
    assert not toggle.isChecked()
    toggle.trigger()
    assert window.document.case.node("G5").uninstantiated
    window.document.undo_stack.undo()
    assert not window.document.case.node("G5").uninstantiated


def test_an_ordinary_case_offers_no_pattern_notation(
    qtbot: QtBot, window: MainWindow, menus: list[QMenu]
) -> None:
    """Outside a pattern the canvas menu has no multiplicity, choice or Uninstantiated."""
    assert window.files.open(SAMPLES / "tutorial.gsnx", ask=False)
    qtbot.waitUntil(lambda: not window.layout_runner.is_running(), timeout=60_000)
    menu = right_click(window, at(window, "G1"), menus)
    names = {a.objectName() for a in menu.actions()} | {
        m.objectName() for m in menu.findChildren(QMenu)
    }
    assert not names & {"pattern-uninstantiated", "pattern-choice", "pattern-multiplicity"}


def _parameters_dialog(window: MainWindow) -> ParametersDialog:
    window.pattern_actions.parameters_action.trigger()
    dialog = window.pattern_actions.dialog
    assert isinstance(dialog, ParametersDialog) and dialog.isVisible()
    return dialog


def test_declaring_a_list_parameter_is_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    """Edit > Pattern Parameters… lists the declared ones; a new list row is declared on OK
    and one undo takes it back; a bad name keeps the dialog open and says why."""
    open_pattern(qtbot, window)
    before = window.document.case.pattern
    assert before is not None
    dialog = _parameters_dialog(window)
    assert dialog.table.rowCount() == len(before.parameters)
    add = dialog.findChild(QPushButton, "addParameter")
    assert add is not None
    add.click()
    row = dialog.table.rowCount() - 1
    dialog.table.item(row, 0).setText("barriers")
    dialog.table.cellWidget(row, 1).setCurrentText("list")  # type: ignore[union-attr]
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    after = window.document.case.pattern
    assert after is not None and after.parameters[-1].name == "barriers"
    assert after.parameters[-1].type is ParameterType.LIST
    window.document.undo_stack.undo()
    assert window.document.case.pattern == before
    dialog = _parameters_dialog(window)
    dialog.table.item(0, 0).setText("has space")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    problem = dialog.findChild(QLabel, "parameterProblem")
    assert dialog.isVisible() and "letters, digits" in problem.text()
    assert window.document.case.pattern == before
