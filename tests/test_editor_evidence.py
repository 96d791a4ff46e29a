"""The window's evidence commands: Edit > Mark Verified and its context action, Preferences,
Re-check Evidence, and the Dashboard dock beside Problems."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from gsn_studio.analysis import ArtifactReader
from gsn_studio.analysis.artifacts import Artifact
from gsn_studio.app import settings
from gsn_studio.app.main_window import MainWindow
from gsn_studio.io import save_case
from gsn_studio.model import Case, Evidence, NodeType
from gsn_studio.model.changes import UpdateNode


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    case = Case(name="Pump")
    case.add_node(NodeType.GOAL, "The pump is safe")
    case.add_node(NodeType.SOLUTION, "Test report", evidence=Evidence(reference="report.txt"))
    case.add_node(NodeType.CONTEXT, "Ward use")
    case.connect("G1", "Sn1")
    case.connect("G1", "C1")
    (tmp_path / "report.txt").write_text("all tests pass\n")
    path = tmp_path / "pump.gsnx"
    save_case(case, path)
    return path


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case_file: Path
) -> Iterator[MainWindow]:
    settings.set_verifier_name("Ana Weber")
    main = MainWindow()
    main.show()
    qtbot.waitExposed(main)
    main.files.open(case_file, ask=False)
    qtbot.waitUntil(lambda: not main.layout_runner.is_running(), timeout=20000)
    qtbot.wait(10)
    yield main
    main.document.undo_stack.setClean()
    main.layout_runner.cancel()
    main.layout_runner.wait()
    main.close()
    main.deleteLater()
    QApplication.clipboard().clear()


def test_edit_mark_verified_is_enabled_for_evidence_and_records_it(
    window: MainWindow, case_file: Path
) -> None:
    """The Edit menu's Mark Verified applies to a selected solution only, as one undo step."""
    window.selection.set(["C1"])
    assert not window.act_mark_verified.isEnabled()
    window.selection.set(["Sn1"])
    assert window.act_mark_verified.isEnabled()
    window.act_mark_verified.trigger()

    verified = window.document.case.node("Sn1").evidence.verified
    digest = hashlib.sha256((case_file.parent / "report.txt").read_bytes()).hexdigest()
    assert (verified.by, verified.on, verified.sha256) == ("Ana Weber", dt.date.today(), digest)
    assert window.act_undo.text() == "&Undo Mark Sn1 verified"
    assert window.statusBar().currentMessage() == "Marked Sn1 verified"


def test_re_check_evidence_sees_an_artifact_edited_outside(
    window: MainWindow, case_file: Path
) -> None:
    """After the file changes on disk, Re-check Evidence reports it without any edit."""
    window.selection.set(["Sn1"])
    window.act_mark_verified.trigger()
    (case_file.parent / "report.txt").write_text("two tests fail\n")
    window.act_recheck.trigger()
    assert ("evidence-changed", "Sn1") in [(f.code, f.node) for f in window.document.findings]
    window.docks["dashboard"].raise_()  # behind Problems, the dashboard waits to be shown
    assert window.dashboard.model.index(0, 4).data() == "CHANGED"


def test_an_edit_reads_no_evidence_file_but_re_check_and_activation_do(
    window: MainWindow, case_file: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit elsewhere judges evidence as last read (no file is looked at); Re-check
    Evidence and coming back to the application read the files again and see the change."""
    window.selection.set(["Sn1"])
    window.act_mark_verified.trigger()
    qtbot.waitUntil(lambda: not window.document.findings_pending, timeout=5000)
    looked: list[str] = []
    look = ArtifactReader.look

    def counting_look(reader: ArtifactReader, reference: str, **kwargs: bool) -> Artifact:
        looked.append(reference)
        return look(reader, reference, **kwargs)

    monkeypatch.setattr(ArtifactReader, "look", counting_look)
    (case_file.parent / "report.txt").write_text("two tests fail\n")
    window.document.push(UpdateNode("C1", {"statement": "Ward and home use"}), "Edit")
    qtbot.waitUntil(lambda: not window.document.findings_pending, timeout=5000)
    assert window.document.case.node("C1").statement == "Ward and home use"
    assert looked == []
    codes = [(f.code, f.node) for f in window.document.findings]
    assert ("evidence-changed", "Sn1") not in codes
    window.act_recheck.trigger()
    assert looked == ["report.txt"]
    assert ("evidence-changed", "Sn1") in [(f.code, f.node) for f in window.document.findings]
    looked.clear()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)  # left, back:
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    assert looked == ["report.txt"]


def test_a_right_click_on_a_node_selects_it_and_offers_mark_verified(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The canvas context menu acts on the node under the pointer."""
    item = window.scene.item_for("Sn1")
    window.view.centerOn(item)
    point = window.view.mapFromScene(item.sceneBoundingRect().center())
    window.view.menu_requested.emit(point)
    menus = [m for m in window.findChildren(QMenu) if m.isVisible()]
    assert window.selection.ids == ["Sn1"]
    assert menus and window.act_mark_verified in menus[-1].actions()
    menus[-1].close()


def test_the_dashboard_sits_beside_problems_and_shows_a_node_on_activation(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Dashboard and Problems share the bottom dock; activating a register row selects it."""
    assert window.docks["dashboard"] in window.tabifiedDockWidgets(window.docks["problems"])
    window.dashboard.activated.emit("Sn1")
    assert window.selection.ids == ["Sn1"]


def test_preferences_open_from_the_edit_menu(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Edit > Preferences opens the dialog parented to the window."""
    shown: list[object] = []
    monkeypatch.setattr(
        "gsn_studio.app.evidence_actions.PreferencesDialog.exec",
        lambda dialog: shown.append(dialog.parent()) or 0,
    )
    window.act_preferences.trigger()
    assert shown == [window]
