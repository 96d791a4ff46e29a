"""The benchmarks' wait for an idle window copes with what the window drops while it waits."""

from __future__ import annotations

import shiboken6
from bench_feel import settle
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from gsn_studio.app.main_window import MainWindow


def test_settle_outlasts_a_timer_deleted_while_it_waits(window: MainWindow) -> None:
    """A timer among the window's when settle starts may be deleted before it ends (a finished
    layout's progress dialog goes with its own): settle waits for the others and returns,
    instead of failing on the deleted one (as bench_feel did opening a second case)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    doomed = QTimer(window)
    doomed.setSingleShot(True)
    doomed.start(500)
    QTimer.singleShot(0, lambda: shiboken6.delete(doomed))  # deleted at once, not later
    settle(app, window)
    assert not shiboken6.isValid(doomed)
