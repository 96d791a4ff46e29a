"""Opening a case does only the work its first painted and idle window needs: nothing a
person's first look at the window would not see is worked out twice (spies count the work;
the timings are benchmarks/bench_feel.py's)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gsn_studio.app.main_window import MainWindow
from gsn_studio.io import save_case
from gsn_studio.model import Case, NodeType, Position


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    case = Case(name="Pump")
    case.add_node(NodeType.GOAL, "The pump is safe", position=Position(x=0, y=0))
    case.add_node(NodeType.SOLUTION, "Flow test report", position=Position(x=0, y=150))
    case.connect("G1", "Sn1")
    path = tmp_path / "case" / "pump.gsnx"  # the settings folder is elsewhere: no change here
    path.parent.mkdir()
    save_case(case, path)
    return path


@pytest.fixture
def fresh_window(qtbot: QtBot) -> Iterator[MainWindow]:
    """A main window not yet shown nor activated."""
    main = MainWindow()
    yield main
    main.document.undo_stack.setClean()
    main.close()
    main.deleteLater()


def test_the_first_activation_after_opening_does_not_compare_the_file_again(
    fresh_window: MainWindow, qtbot: QtBot, case_file: Path
) -> None:
    """The window's first activation, just after it opened a case (a start-up with a file),
    schedules no comparison of the file with the disk, which it was read from a moment ago;
    coming back to the window later does."""
    window = fresh_window
    assert window.files.open(case_file, ask=False)
    window.show()  # start-up shows the window and activates it once the file is open
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert not window.files.watch.check_pending
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))  # back from elsewhere
    assert window.files.watch.check_pending
