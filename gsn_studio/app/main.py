"""Starting the editor: the application object, one main window, files from the command line."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication

from gsn_studio import __version__


def run_editor(args: Sequence[str]) -> int:
    app = QApplication.instance() or QApplication([sys.argv[0], *_qt_options(args)])
    assert isinstance(app, QApplication)
    app.setApplicationName("GSN Studio")
    app.setOrganizationName("GSN Studio")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("gsn-studio")

    from gsn_studio.app.main_window import MainWindow  # noqa: PLC0415 (needs the QApplication)
    from gsn_studio.app.recovery_dialog import offer_recovery  # noqa: PLC0415

    windows: list[MainWindow] = []  # referenced here so that they stay open

    def new_window() -> MainWindow:
        window = MainWindow()
        window.show()
        windows.append(window)
        return window

    window = new_window()
    files = [Path(arg) for arg in args if not arg.startswith("-")]
    window.open_paths(files)
    offer_recovery(window, new_window)  # work a crash left behind, over the window
    return app.exec()


def _qt_options(args: Sequence[str]) -> list[str]:
    """Qt's own options (-platform, -style...) pass through; file names do not."""
    return [arg for arg in args if arg.startswith("-")]
