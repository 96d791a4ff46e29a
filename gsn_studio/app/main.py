"""Starting the editor: the application object, its windows, files from the command line and
from later launches (which hand their files to the running editor)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from gsn_studio import __version__
from gsn_studio.app import single_instance
from gsn_studio.app.icons import app_icon
from gsn_studio.cli.install_desktop import APP_ID

if TYPE_CHECKING:
    from gsn_studio.app.main_window import MainWindow

# Set to 1, the editor opens its files, reports what it opened and quits once idle: how
# packaging/build-bundle.sh proves a bundle's editor starts. No hand-over to a running editor.
SMOKE_TEST_VARIABLE = "GSN_STUDIO_SMOKE_TEST"


def run_editor(args: Sequence[str], review: bool = False) -> int:
    """The editor's event loop; with `review`, the case opens read-only for commenting.
    When this user's editor already runs, the files go to it and this process ends."""
    app = QApplication.instance() or QApplication([sys.argv[0], *_qt_options(args)])
    assert isinstance(app, QApplication)
    configure_application(app)
    smoke_test = os.environ.get(SMOKE_TEST_VARIABLE) == "1"
    name = single_instance.server_name()
    files = _files(args)
    if files and not review and not smoke_test and single_instance.hand_over(files, name):
        return 0
    editor = Editor.start(args, review)
    file_open_events = FileOpenEvents(editor, app)
    app.installEventFilter(file_open_events)
    receiver = single_instance.FileReceiver(name, app)
    if not smoke_test and receiver.listen():
        receiver.files_received.connect(editor.open_files)
    if smoke_test:
        QTimer.singleShot(0, lambda: app.exit(editor.smoke_test_report(files)))
    status = app.exec()  # `editor` holds the windows meanwhile: one nobody refers to would close
    receiver.close()
    return status


def configure_application(app: QApplication) -> None:
    """Name, version, icon and desktop id: the taskbar finds the menu entry by the desktop
    file name, and the window system takes every size of the icon from the window."""
    app.setApplicationName("GSN Studio")
    app.setOrganizationName("GSN Studio")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())


class Editor:
    """The editor's windows, and where a file opened later goes: into a window that still
    shows nothing, else into a new one."""

    def __init__(self) -> None:
        self.windows: list[MainWindow] = []

    @classmethod
    def start(cls, args: Sequence[str], review: bool = False) -> Editor:
        """The first window, with the files named on the command line (one window each), in
        review mode if asked; then any work a crash left behind, offered over it. Needs the
        QApplication."""
        from gsn_studio.app.recovery_dialog import offer_recovery  # noqa: PLC0415

        editor = cls()
        window = editor.new_window()
        editor.open_files(_files(args), review)
        if review:
            for opened in editor.windows:
                opened.review.set_on(True)
        offer_recovery(window, editor.new_window)  # work a crash left behind, over the window
        return editor

    def new_window(self) -> MainWindow:
        from gsn_studio.app.main_window import MainWindow  # noqa: PLC0415 (needs the app)

        window = MainWindow()
        window.show()
        self.windows.append(window)
        return window

    def open_files(self, paths: Sequence[Path], review: bool = False) -> None:
        """Each file in a window of its own (a file already open: its window), the last one
        brought to the front. A file that cannot be opened (missing, not a case) is said in a
        dialog, as File > Open does."""
        for path in paths:
            window = self._window_showing(path)
            if window is None:  # not open yet
                window = self._blank_window() or self.new_window()
                window.open_paths([path])
                if review:
                    window.review.set_on(True)
            window.raise_()
            window.activateWindow()

    def _window_showing(self, path: Path) -> MainWindow | None:
        for window in self.windows:
            shown = window.document.path
            if window.isVisible() and shown is not None and shown.resolve() == path.resolve():
                return window
        return None

    def _blank_window(self) -> MainWindow | None:
        for window in self.windows:
            document = window.document
            if (
                window.isVisible()
                and document.path is None
                and not document.is_modified()
                and not document.case.nodes
            ):
                return window
        return None

    def smoke_test_report(self, files: Sequence[Path]) -> int:
        """Print what is open, close every window, and say 0 when each file opened."""
        opened = {w.document.path.resolve() for w in self.windows if w.document.path}
        missing = [path for path in files if path.resolve() not in opened]
        for window in self.windows:
            print(f"gsn-studio smoke test: window shows {window.document.path or 'a new case'}")
            window.document.undo_stack.setClean()
            window.close()
        for path in missing:
            print(f"gsn-studio smoke test: {path} did not open", file=sys.stderr)
        return 1 if missing or not self.windows else 0


class FileOpenEvents(QObject):
    """macOS gives a document opened in Finder to the running application as an event, not
    as a command-line argument: open it like a file handed over by a second launch."""

    def __init__(self, editor: Editor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QFileOpenEvent) and event.file():
            self.editor.open_files([Path(event.file())])
            return True
        return super().eventFilter(watched, event)


def start_editor(args: Sequence[str], review: bool = False) -> list[MainWindow]:
    """Editor.start, for callers that want the windows made, the first one first."""
    return Editor.start(args, review).windows


def _files(args: Sequence[str]) -> list[Path]:
    return [Path(arg) for arg in args if not arg.startswith("-")]


def _qt_options(args: Sequence[str]) -> list[str]:
    """Qt's own options (-platform, -style...) pass through; file names do not."""
    return [arg for arg in args if arg.startswith("-")]
