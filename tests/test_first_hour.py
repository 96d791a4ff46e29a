"""A new user's first hour in the editor (issue 11): one owner per shortcut, a right-drag
that pans without a menu, new and grown nodes that never land on others."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLES
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from gsn_studio.app.main_window import MainWindow
from gsn_studio.app.settings import SETTINGS_DIR_VARIABLE


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setenv(SETTINGS_DIR_VARIABLE, str(tmp_path / "settings"))
    main = MainWindow()
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.document.undo_stack.setClean()
    main.layout_runner.cancel()
    main.layout_runner.wait()
    main.close()
    main.deleteLater()


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
    start = QPoint(5, viewport.height() - 5)  # a corner of background
    assert window.scene.node_item_at(window.view.mapToScene(start)) is None
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
