"""The editor as a desktop application: its About box, its icon and desktop id, opening files
handed over by the desktop (a second launch, a missing file), and the bundle's smoke test."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import PySide6
import pytest
from conftest import SAMPLES
from PySide6.QtCore import QTimer, qVersion
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from gsn_studio import __version__
from gsn_studio.app.main import (
    SMOKE_TEST_VARIABLE,
    Editor,
    FileOpenEvents,
    configure_application,
    start_editor,
)
from gsn_studio.app.main_window import MainWindow
from gsn_studio.app.single_instance import FileReceiver, server_name
from gsn_studio.cli.install_desktop import APP_ID, ICON_SIZES


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    main = MainWindow()
    main.show()
    qtbot.waitExposed(main)
    yield main
    close_all([main])


def test_about_names_the_versions_and_the_licence(qtbot: QtBot, window: MainWindow) -> None:
    """Help > About shows GSN Studio's, Python's, Qt's and PySide's versions and the licence."""
    shown: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        shown.append(box.text())
        box.close()

    QTimer.singleShot(0, read_and_close)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    about = next(a for a in help_menu.actions() if "About" in a.text())
    about.trigger()
    assert len(shown) == 1
    text = shown[0]
    assert f"GSN Studio {__version__}" in text
    for name, version in (
        ("Python", platform.python_version()),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
    ):
        assert f"<td>{name}</td><td>&nbsp;{version}</td>" in text
    assert "Licence: MIT" in text


def test_editor_has_the_gsn_icon_and_the_desktop_id(qapp: QApplication) -> None:
    """The application icon holds every shipped size, and the desktop file name matches the
    installed menu entry, so the taskbar shows the GSN icon for the window."""
    configure_application(qapp)
    assert qapp.desktopFileName() == APP_ID
    sizes = {size.width() for size in qapp.windowIcon().availableSizes()}
    assert set(ICON_SIZES) <= sizes
    window = MainWindow()
    try:
        assert window.windowIcon().cacheKey() == qapp.windowIcon().cacheKey()
    finally:
        window.close()
        window.deleteLater()


def test_missing_file_on_the_command_line_is_said_in_a_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    """A file named on the command line that does not exist is reported in a dialog, and the
    editor opens with a new case instead."""
    missing = tmp_path / "gone.gsnx"
    said: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        box.close()

    QTimer.singleShot(0, read_and_close)
    windows = start_editor([str(missing)])
    try:
        assert len(said) == 1
        assert str(missing) in said[0] and "No such file" in said[0]
        assert windows[0].isVisible() and windows[0].document.path is None
    finally:
        close_all(windows)


def close_all(windows: list[MainWindow]) -> None:
    for window in windows:
        window.document.undo_stack.setClean()
        window.layout_runner.cancel()
        window.layout_runner.wait()  # a case without positions is being laid out
        window.close()
        window.deleteLater()


def _launch(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    # A process: a second launch hands its file to the editor running in another process.
    return subprocess.Popen(
        [sys.executable, "-m", "gsn_studio", *args],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _finished(qtbot: QtBot, process: subprocess.Popen[str]) -> tuple[int, str]:
    """Spin the event loop (the running editor must answer) until the process ends."""
    try:
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=30_000)
    finally:
        if process.poll() is None:
            process.kill()
    _, err = process.communicate()
    return process.returncode, err


@pytest.mark.slow  # two launcher processes
def test_a_second_launch_hands_its_file_to_the_running_editor(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`gsn-studio FILE` while the editor runs opens FILE there (in the empty window, then in
    a new one) and the second process exits at once with status 0."""
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))  # a socket for this test alone
    editor = Editor.start([])
    assert server_name() == str(tmp_path / "gsn-studio.socket")
    receiver = FileReceiver(server_name())
    assert receiver.listen()
    receiver.files_received.connect(editor.open_files)
    env = dict(os.environ)
    try:
        status, err = _finished(qtbot, _launch([str(SAMPLES / "tutorial.gsnx")], env))
        assert (status, err) == (0, "")
        assert len(editor.windows) == 1
        assert editor.windows[0].document.path == SAMPLES / "tutorial.gsnx"

        status, err = _finished(qtbot, _launch([str(SAMPLES / "infusion-pump.gsnx")], env))
        assert (status, err) == (0, "")
        assert [w.document.path for w in editor.windows] == [
            SAMPLES / "tutorial.gsnx",
            SAMPLES / "infusion-pump.gsnx",
        ]
    finally:
        receiver.close()
        close_all(editor.windows)


def test_a_file_open_event_opens_the_file(qtbot: QtBot, qapp: QApplication) -> None:
    """A document opened from macOS's Finder (a file-open event) opens in the editor."""
    editor = Editor.start([])
    events = FileOpenEvents(editor)
    qapp.installEventFilter(events)
    try:
        QApplication.sendEvent(qapp, QFileOpenEvent(str(SAMPLES / "tutorial.gsnx")))
        assert [w.document.path for w in editor.windows] == [SAMPLES / "tutorial.gsnx"]
    finally:
        qapp.removeEventFilter(events)
        close_all(editor.windows)


def test_a_file_already_open_is_brought_forward_not_opened_twice(qtbot: QtBot) -> None:
    """Opening a case that a window already shows (by another spelling of its path) raises
    that window instead of opening a second copy that could overwrite the first's edits."""
    editor = Editor.start([str(SAMPLES / "tutorial.gsnx")])
    try:
        editor.open_files([SAMPLES / "evidence" / ".." / "tutorial.gsnx"])
        editor.open_files([SAMPLES / "infusion-pump.gsnx", SAMPLES / "tutorial.gsnx"])
        assert [w.document.path for w in editor.windows] == [
            SAMPLES / "tutorial.gsnx",
            SAMPLES / "infusion-pump.gsnx",
        ]
    finally:
        close_all(editor.windows)


def test_only_one_editor_listens_and_a_dead_ones_socket_is_taken_over(tmp_path: Path) -> None:
    """A second editor cannot take the socket of a live one, but takes over the socket file
    a crashed editor left behind."""
    name = str(tmp_path / "gsn-studio.socket")
    Path(name).write_text("left by a crash")
    first = FileReceiver(name)
    assert first.listen()
    second = FileReceiver(name)
    try:
        assert not second.listen()
    finally:
        first.close()
        second.close()


def test_a_message_that_is_not_a_hand_over_is_ignored(qtbot: QtBot, tmp_path: Path) -> None:
    """Bytes that are not a list of files get no answer and open nothing."""
    name = str(tmp_path / "gsn-studio.socket")
    receiver = FileReceiver(name)
    assert receiver.listen()
    received: list[object] = []
    receiver.files_received.connect(received.append)
    socket = QLocalSocket()
    socket.connectToServer(name)
    try:
        assert socket.waitForConnected(2000)
        socket.write(b'{"open": "/etc/passwd"}\n')
        socket.flush()
        qtbot.waitUntil(lambda: socket.state() == QLocalSocket.LocalSocketState.UnconnectedState)
        assert received == []
        assert socket.readAll().data() == b""
    finally:
        receiver.close()


def test_smoke_test_mode_opens_the_file_and_quits(tmp_path: Path) -> None:
    """With GSN_STUDIO_SMOKE_TEST=1 the editor opens the sample, reports it and exits 0,
    as packaging/build-bundle.sh runs a bundle's editor."""
    env = {**os.environ, SMOKE_TEST_VARIABLE: "1", "XDG_RUNTIME_DIR": str(tmp_path)}
    sample = SAMPLES / "tutorial.gsnx"
    # A process: the smoke-test mode ends the program, as a bundle's build runs it.
    done = subprocess.run(
        [sys.executable, "-m", "gsn_studio", str(sample)],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"window shows {sample}" in done.stdout
