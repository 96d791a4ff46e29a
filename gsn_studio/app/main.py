"""Starting the editor: the application object, one main window, files from the command line."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from gsn_studio import __version__
from gsn_studio.app.icons import app_icon
from gsn_studio.cli.install_desktop import APP_ID

if TYPE_CHECKING:
    from gsn_studio.app.main_window import MainWindow


def run_editor(args: Sequence[str], review: bool = False) -> int:
    """The editor's event loop; with `review`, the case opens read-only for commenting."""
    app = QApplication.instance() or QApplication([sys.argv[0], *_qt_options(args)])
    assert isinstance(app, QApplication)
    app.setApplicationName("GSN Studio")
    app.setOrganizationName("GSN Studio")
    app.setApplicationVersion(__version__)
    # The taskbar finds the menu entry (and so the icon) by this name; X11 reads the icon set.
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    windows = start_editor(args, review)
    status = app.exec()
    del windows  # held until the loop ends: a window nothing refers to would close
    return status


def start_editor(args: Sequence[str], review: bool = False) -> list[MainWindow]:
    """The first window, with the files named on the command line, in review mode if asked;
    then any work a crash left behind, offered over it. Needs the QApplication. Returns the
    windows made (recovery may add more later), the first one first."""
    from gsn_studio.app.main_window import MainWindow  # noqa: PLC0415 (needs the QApplication)
    from gsn_studio.app.recovery_dialog import offer_recovery  # noqa: PLC0415

    windows: list[MainWindow] = []

    def new_window() -> MainWindow:
        window = MainWindow()
        window.show()
        windows.append(window)
        return window

    window = new_window()
    files = [Path(arg) for arg in args if not arg.startswith("-")]
    window.open_paths(files)
    if review:
        window.review.set_on(True)
    offer_recovery(window, new_window)  # work a crash left behind, over the window
    return windows


def _qt_options(args: Sequence[str]) -> list[str]:
    """Qt's own options (-platform, -style...) pass through; file names do not."""
    return [arg for arg in args if arg.startswith("-")]
