"""The main window's dock layout as a user first sees it, and as it comes back next time."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QTabBar
from pytestqt.qtbot import QtBot

from gsn_studio.app.main_window import MainWindow


def open_window(qtbot: QtBot) -> MainWindow:
    window = MainWindow()
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()  # the dock layout settles after the first show
    return window


def close(window: MainWindow) -> None:
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()
    QApplication.processEvents()


def visible_tab_groups(window: MainWindow) -> list[tuple[str, ...]]:
    return sorted(
        tuple(bar.tabText(i).split(" (")[0] for i in range(bar.count()))
        for bar in window.findChildren(QTabBar)
        if bar.isVisible() and bar.count() > 1
    )


def test_each_tabbed_dock_group_has_exactly_one_tab_bar(qtbot: QtBot) -> None:
    """Properties/Legend and Problems/Dashboard/Review each show one tab bar, with no stray copy
    drawn over another panel, the first time and after the layout is restored."""
    expected = [("Problems", "Dashboard", "Review"), ("Properties", "Legend")]
    first = open_window(qtbot)
    assert visible_tab_groups(first) == expected
    close(first)  # saves the window state
    second = open_window(qtbot)
    assert visible_tab_groups(second) == expected
    close(second)
