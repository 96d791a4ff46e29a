"""The editor as a desktop application: its About box, its icon and desktop id, opening files
handed over by the desktop (a second launch, a missing file), and the bundle's smoke test."""

from __future__ import annotations

import platform
from collections.abc import Iterator
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QTimer, qVersion
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from gsn_studio import __version__
from gsn_studio.app.main_window import MainWindow
from gsn_studio.app.settings import SETTINGS_DIR_VARIABLE


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SETTINGS_DIR_VARIABLE, str(tmp_path / "settings"))


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    main = MainWindow()
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.document.undo_stack.setClean()
    main.close()
    main.deleteLater()


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
