"""A new user's first hour in the editor (issue 11): one owner per shortcut, a right-drag
that pans without a menu, review mode held by the document, memory freed on reopening, new
and grown nodes that never land on others. More in test_first_screen.py."""

from __future__ import annotations

import gc
import weakref
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import SAMPLES
from factories import hazard_case
from generate import generate_case
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QPalette, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
    QToolBar,
    QToolButton,
)
from pytestqt.qtbot import QtBot

from gsn_studio.app.main_window import MainWindow
from gsn_studio.io import save_case
from gsn_studio.layout import layout_case
from gsn_studio.layout.tree import tree_layout
from gsn_studio.model import Case, CommentKind, NodeType
from gsn_studio.model.changes import UpdateNode
from gsn_studio.model.comment_edits import Target
from gsn_studio.notation.geometry import geometry_of


def open_sample(qtbot: QtBot, window: MainWindow, name: str = "loan-approval.gsnx") -> None:
    window.files.open(SAMPLES / name, ask=False)
    qtbot.waitUntil(lambda: not window.layout_runner.is_running(), timeout=20000)
    qtbot.wait(20)


def test_no_two_actions_or_shortcuts_share_a_key_sequence(window: MainWindow) -> None:
    """Every key sequence in the window has one owner: Qt ignores a shortcut two own."""
    owners: dict[str, list[str]] = defaultdict(list)
    for action in window.findChildren(QAction):
        for sequence in dict.fromkeys(s.toString() for s in action.shortcuts() if not s.isEmpty()):
            owners[sequence].append(action.text())
    for shortcut in window.findChildren(QShortcut):
        if not shortcut.key().isEmpty() and shortcut.context() != Qt.ShortcutContext.WidgetShortcut:
            owners[shortcut.key().toString()].append(f"a shortcut on {shortcut.parent()}")
    assert {key: names for key, names in owners.items() if len(names) > 1} == {}


def test_ctrl_f_then_typing_goes_to_the_search_box_not_the_canvas(
    qtbot: QtBot, window: MainWindow
) -> None:
    """After Ctrl+F the typed letters fill the search box: no node is added or changed."""
    open_sample(qtbot, window)
    before = window.document.case.model_copy(deep=True)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    focused = QApplication.focusWidget()
    assert focused is window.search
    qtbot.keyClicks(focused, "age")
    assert window.search.text() == "age"
    assert window.document.case == before
    assert window.document.undo_stack.count() == 0


def _right_drag(window: MainWindow, points: list[QPoint]) -> None:
    """Press the right button at the first viewport point, move through the others and release
    at the last, sent to the window as the platform sends them (QTest's widget overloads skip
    the context-menu request Qt makes on a right press)."""
    handle = window.windowHandle()
    viewport = window.view.viewport()
    at = [viewport.mapTo(window, point) for point in points]
    none = Qt.KeyboardModifier.NoModifier
    QTest.mousePress(handle, Qt.MouseButton.RightButton, none, at[0])
    for point in at[1:]:
        QTest.mouseMove(handle, point)
    QTest.mouseRelease(handle, Qt.MouseButton.RightButton, none, at[-1])
    QApplication.processEvents()


def _menus_shown() -> list[QMenu]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]


def test_right_drag_pans_without_leaving_a_menu(qtbot: QtBot, window: MainWindow) -> None:
    """A right drag on the background scrolls the view and opens no context menu."""
    open_sample(qtbot, window)
    window.view.set_zoom(1.0)
    viewport = window.view.viewport()
    start = next(
        QPoint(x, y)
        for y in range(viewport.height() - 5, 0, -20)
        for x in range(5, viewport.width() - 100, 20)
        if not window.scene.items(window.view.mapToScene(QPoint(x, y)))
    )  # bare background
    before = window.view.mapToScene(viewport.rect().center())
    _right_drag(window, [start + QPoint(20 * step, -15 * step) for step in range(6)])
    qtbot.wait(50)
    after = window.view.mapToScene(viewport.rect().center())
    assert (after - before).manhattanLength() > 50
    assert _menus_shown() == []


def test_right_click_without_moving_opens_the_menu(qtbot: QtBot, window: MainWindow) -> None:
    """A right click that does not move still opens the canvas menu on the node under it."""
    open_sample(qtbot, window)
    item = window.scene.item_for("G1")
    assert item is not None
    point = window.view.mapFromScene(item.scenePos())
    _right_drag(window, [point, point])
    qtbot.waitUntil(lambda: _menus_shown() != [], timeout=2000)
    assert window.selection.ids == ["G1"]
    for menu in _menus_shown():
        menu.close()


# -- review mode: the document's rule, on every way in -----------------------------------------


def _review_window(window: MainWindow) -> None:
    case = hazard_case()
    window.document.replace(case, None)
    window.document.place(tree_layout(case) or {})


def test_review_mode_refuses_undo_and_redo_of_argument_edits_on_every_path(
    qtbot: QtBot, window: MainWindow
) -> None:
    """In review mode an argument edit is neither undone nor redone, by the stack, the
    action or Ctrl+Z; a comment made in review mode still undoes and redoes."""
    _review_window(window)
    document = window.document
    original = document.case.node("G1").statement
    document.push(UpdateNode("G1", {"statement": "Edited before review"}), "Edit G1")
    window.review.action.trigger()
    document.undo_stack.undo()
    window.act_undo.trigger()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.case.node("G1").statement == "Edited before review"
    assert "review mode" in window.statusBar().currentMessage()
    assert not window.act_undo.isEnabled()

    window.review.post(Target("G1"), CommentKind.QUESTION, "Why?", "Rita Reviewer")
    document.undo_stack.undo()
    assert document.case.comments == []
    document.undo_stack.redo()
    assert len(document.case.comments) == 1

    window.review.action.trigger()
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.case.node("G1").statement == original
    window.review.action.trigger()
    document.undo_stack.redo()  # the edit comes first, and is refused: the comment waits
    assert document.case.node("G1").statement == original
    assert document.case.comments == []
    assert not window.act_redo.isEnabled()


def test_keys_review_mode_refuses_say_why_in_the_status_bar(
    qtbot: QtBot, window: MainWindow
) -> None:
    """G, Delete and a double-click in review mode change nothing and say why."""
    _review_window(window)
    window.review.action.trigger()
    before = window.document.case.model_copy(deep=True)
    window.selection.set(["G2"])
    for key in (Qt.Key.Key_G, Qt.Key.Key_Delete):
        window.statusBar().clearMessage()
        window.view.setFocus()
        qtbot.keyClick(window.view, key)
        assert "review mode" in window.statusBar().currentMessage(), key
    window.statusBar().clearMessage()
    item = window.scene.item_for("G2")
    assert item is not None
    qtbot.mouseDClick(
        window.view.viewport(), Qt.MouseButton.LeftButton, pos=window.view.mapFromScene(item.pos())
    )
    assert "review mode" in window.statusBar().currentMessage()
    assert window.document.case == before


def test_read_only_fields_look_read_only(qtbot: QtBot, window: MainWindow) -> None:
    """In review mode the statement field is read-only and drawn on the window's colour,
    not on the white of a field that takes typing; leaving review mode gives it back."""
    _review_window(window)
    window.selection.set(["G2"])
    field = window.properties.node_form.statement
    editable = field.palette().color(QPalette.ColorRole.Base)
    window.review.action.trigger()
    assert field.isReadOnly()
    assert field.palette().color(QPalette.ColorRole.Base) != editable
    window.review.action.trigger()
    assert not field.isReadOnly()
    assert field.palette().color(QPalette.ColorRole.Base) == editable


def test_toolbar_buttons_stay_put_as_the_undo_text_changes(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Undo and Redo show a fixed word in the toolbar (the step is named in the menu and the
    tooltip), so the buttons after them do not move as steps are made."""
    toolbar = window.findChild(QToolBar, "mainToolbar")
    fit = toolbar.widgetForAction(window.act_fit)
    undo = toolbar.widgetForAction(window.act_undo)
    assert isinstance(undo, QToolButton)
    x_before = fit.x()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_G)
    qtbot.keyClicks(QApplication.focusWidget(), "A goal with a statement")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.wait(10)
    assert window.act_undo.text() == "&Undo Edit text of G1"
    assert undo.text() == "Undo"
    assert "Edit text of G1" in undo.toolTip()
    assert fit.x() == x_before


# -- memory across reopens --------------------------------------------------------------------


@pytest.mark.slow  # opens a large case again and again
def test_reopening_a_file_frees_the_case_it_replaces(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """Opening the same case again and again keeps the count of live objects flat, and the
    case (and canvas items) an open replaced are gone, not frozen forever."""
    case = generate_case(400)
    for node_id, position in layout_case(case).items():
        case.node(node_id).position = position
    path = tmp_path / "reopen.gsnx"
    save_case(case, path)
    del case
    counts: list[int] = []
    first_case: weakref.ref[Case] | None = None
    for _ in range(5):
        assert window.files.open(path, ask=False)
        qtbot.wait(5)
        first_case = first_case or weakref.ref(window.document.case)
        gc.collect()
        counts.append(len(gc.get_objects()) + gc.get_freeze_count())
    assert first_case() is None
    assert counts[-1] - counts[1] < 500, counts  # one case of 400 nodes is ~10,000 objects


# -- new and grown nodes never land on others -------------------------------------------------

LONG = "The braking distance stays below the limit in every weather the vehicle meets"


def overlapping_pairs(case: Case) -> list[tuple[str, str]]:
    """Pairs of nodes whose outlines (the notation's geometry, at their positions) overlap."""
    boxes = []
    for node in case.nodes:
        assert node.position is not None
        g, p = geometry_of(node), node.position
        boxes.append(
            (
                node.id,
                p.x - g.half_width,
                p.y - g.half_height,
                p.x + g.half_width,
                p.y + g.half_height,
            )
        )
    return [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if not (a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2])
    ]


def add_by_key(qtbot: QtBot, window: MainWindow, key: Qt.Key, text: str) -> None:
    window.view.setFocus()
    qtbot.keyClick(window.view, key)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_children_with_long_statements_do_not_overlap(qtbot: QtBot, window: MainWindow) -> None:
    """Goals, a context and an assumption added by key under a strategy, each given a long
    statement, end with no two outlines overlapping; undoing a text edit puts back the
    nodes it moved, in the same step."""
    add_by_key(qtbot, window, Qt.Key.Key_G, "Top")
    add_by_key(qtbot, window, Qt.Key.Key_S, "Argue over each hazard")
    for key in (Qt.Key.Key_G, Qt.Key.Key_G, Qt.Key.Key_G, Qt.Key.Key_C, Qt.Key.Key_J):
        window.selection.set(["S1"])
        add_by_key(qtbot, window, key, LONG)
        assert overlapping_pairs(window.document.case) == []
    window.selection.set(["G2"])
    add_by_key(qtbot, window, Qt.Key.Key_N, LONG)
    window.selection.set(["G2"])
    add_by_key(qtbot, window, Qt.Key.Key_A, LONG)
    assert overlapping_pairs(window.document.case) == []

    before = {n.id: n.position for n in window.document.case.nodes}
    window.scene.edit_text("G3")
    add_text = QApplication.focusWidget()
    qtbot.keyClicks(add_text, " " + LONG + " " + LONG)
    qtbot.keyClick(add_text, Qt.Key.Key_Return)
    assert overlapping_pairs(window.document.case) == []
    window.act_undo.trigger()
    assert {n.id: n.position for n in window.document.case.nodes} == before


def test_a_palette_click_with_nothing_selected_lands_beside_what_is_there(
    qtbot: QtBot, window: MainWindow
) -> None:
    """With nothing selected, each palette add goes to the middle of the view, or beside a
    node already there, never on top of it."""
    toolbar = window.findChild(QToolBar, "elementsToolbar")
    for node_type in (NodeType.GOAL, NodeType.CONTEXT, NodeType.SOLUTION, NodeType.GOAL):
        window.scene.commit_edit()
        window.selection.set([])
        button = toolbar.widgetForAction(window.act_add[node_type])
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert overlapping_pairs(window.document.case) == []
    assert len(window.document.case.nodes) == 4


def test_a_statement_typed_in_properties_makes_room_when_typing_ends(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A statement typed into the properties panel that grows the node onto its neighbour
    moves the neighbour aside once the field is left; one undo takes back text and moves."""
    _review_window(window)  # the hazard case, laid out (review mode stays off)
    case = window.document.case
    assert overlapping_pairs(case) == []
    before = {n.id: n.position for n in case.nodes}
    window.selection.set(["G2"])
    field = window.properties.node_form.statement
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, f"{LONG} {LONG} {LONG}")
    window.view.setFocus()
    qtbot.wait(10)
    assert overlapping_pairs(window.document.case) == []
    assert window.document.case.node("G2").statement.startswith("The braking")
    window.act_undo.trigger()
    assert {n.id: n.position for n in window.document.case.nodes} == before
    assert window.document.case.node("G2").statement == hazard_case().node("G2").statement
