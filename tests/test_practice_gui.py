"""The practice in the editor: degradation conditions in the properties panel (one undo step
per edit), owners and conditions on the dashboard, practice findings in the Problems panel,
and File > Open Portfolio's table, which follows file changes and opens a case."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLES
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QDialog
from pytestqt.qtbot import QtBot

from gsn_studio.analysis import assess
from gsn_studio.app.main_window import MainWindow
from gsn_studio.app.practice_dialog import PracticeDialog
from gsn_studio.io import load_case, save_case
from gsn_studio.model.changes import UpdateNode

PORTFOLIO = SAMPLES / "portfolio"
AS_OF = dt.date(2026, 12, 1)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "portfolio"
    shutil.copytree(PORTFOLIO, copy, ignore=shutil.ignore_patterns("*.py", "*.md"))
    return copy


@pytest.fixture
def window(qtbot: QtBot, folder: Path) -> Iterator[MainWindow]:
    main = MainWindow()
    main.show()
    qtbot.waitExposed(main)
    main.files.open(folder / "cv-screening.gsnx", ask=False)
    main.document.set_as_of(AS_OF)
    qtbot.waitUntil(lambda: not main.layout_runner.is_running(), timeout=20000)
    yield main
    main.document.undo_stack.setClean()
    main.layout_runner.cancel()
    main.layout_runner.wait()
    main.close()
    main.deleteLater()
    QApplication.clipboard().clear()


def test_the_properties_panel_lists_and_edits_conditions_one_undo_step_each(
    window: MainWindow,
) -> None:
    """A goal's conditions are listed; editing review days, the kind, adding and removing are
    each one undo step, and undo puts the condition back as it was."""
    window.selection.set(["G1"])
    box = window.properties.node_form.conditions
    assert box.isVisibleTo(window.properties)
    assert box.table.rowCount() == 2
    assert box.table.item(1, 0).text() == "The vendor ships a new ranking model"
    stack = window.document.undo_stack
    before = stack.count()
    box.table.item(1, 3).setText("14")
    assert window.document.case.node("G1").degradation[1].review_days == 14
    assert stack.count() == before + 1
    combo = box.table.cellWidget(1, 1)
    assert isinstance(combo, QComboBox)
    combo.setCurrentText("regulation")
    assert window.document.case.node("G1").degradation[1].kind.value == "regulation"
    box.add_button.click()
    assert len(window.document.case.node("G1").degradation) == 3
    assert stack.count() == before + 3
    for _ in range(3):
        stack.undo()
    original = load_case(window.document.path)  # type: ignore[arg-type]
    assert window.document.case.node("G1").degradation == original.node("G1").degradation
    assert box.table.item(1, 3).text() == "30"


def test_a_bad_review_interval_is_refused_and_the_cell_restored(window: MainWindow) -> None:
    """Typing text as review days changes nothing, says why, and shows the model's value."""
    window.selection.set(["G1"])
    box = window.properties.node_form.conditions
    said: list[str] = []
    window.document.refused.connect(said.append)
    box.table.item(1, 3).setText("monthly")
    assert said and "whole number" in said[0]
    assert box.table.item(1, 3).text() == "30"
    assert window.document.case.node("G1").degradation[1].review_days == 30


def test_load_bearing_is_one_undo_step_and_brings_its_finding(window: MainWindow) -> None:
    """Marking G3 load-bearing adds no-degradation-condition for it; undo removes both."""
    window.selection.set(["G3"])
    box = window.properties.node_form.conditions
    box.load_bearing.click()
    window.document.refresh_findings()
    codes = {(f.code, f.node) for f in window.document.findings}
    assert ("no-degradation-condition", "G3") in codes
    window.document.undo_stack.undo()
    window.document.refresh_findings()
    assert ("no-degradation-condition", "G3") not in {
        (f.code, f.node) for f in window.document.findings
    }


def test_problems_panel_shows_the_same_practice_findings_as_check(
    window: MainWindow,
) -> None:
    """The editor's findings are assess's, practice findings included."""
    case = window.document.case
    case_findings = assess(case, AS_OF).findings
    window.document.refresh_findings()
    assert {(f.code, f.node) for f in window.document.findings} == {
        (f.code, f.node) for f in case_findings
    }


def test_the_dashboard_groups_the_verdict_by_owner_and_lists_conditions(
    window: MainWindow,
) -> None:
    """Each owner's claims are named with what no longer holds; conditions show detection."""
    window.docks["dashboard"].raise_()  # behind Problems, the dashboard waits to be shown
    practice = window.dashboard.practice
    owners = practice.owners.text()
    assert "People Analytics Lead</b>: 1 claim, 1 no longer hold (G2" in owners
    assert "Recruitment Operations Manager</b>: 1 claim, all hold" in owners
    assert "Degradation conditions: 3, all detected" in practice.conditions.text()
    assert "monitored by Sn1" in practice.conditions.toolTip()


def test_open_portfolio_lists_every_case_follows_changes_and_opens_one(
    qtbot: QtBot, window: MainWindow, folder: Path
) -> None:
    """The window shows the CLI's rows; a saved change updates it; double-click opens a case."""
    board = window.open_portfolio([folder])
    board.as_of = AS_OF
    board.refresh()
    names = [board.table.item(row, 0).text() for row in range(board.table.rowCount())]
    assert names == [
        "Benefits claim triage",
        "CV screening ranker",
        "Loan approval (LAM 4.2)",
        "Insurance pricing agent",
    ]
    assert "weakened" in board.table.item(1, 2).text()
    pricing = folder / "pricing-agent.gsnx"
    case = load_case(pricing)
    case.update_node("G2", undeveloped=True)
    case.remove_node("Sn1")
    save_case(case, pricing)
    qtbot.waitUntil(lambda: "undeveloped" in board.table.item(3, 2).text(), timeout=5000)
    board.table.cellDoubleClicked.emit(2, 0)
    assert window.document.path == folder / "loan-approval.gsnx"
    board.close()


def test_practice_checks_dialog_changes_the_case_setting_in_one_undo_step(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Switching on owners in Edit > Practice Checks reports unowned claims; undo restores."""
    window.document.push(UpdateNode("G3", {"owner": ""}), "clear owner")

    def choose(dialog: PracticeDialog) -> int:
        dialog.boxes["unowned-claim"].setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PracticeDialog, "exec", choose)
    window.act_practice.trigger()
    settings = window.document.case.practice
    assert settings is not None and "unowned-claim" in settings.checks
    window.document.refresh_findings()
    assert ("unowned-claim", "G3") in {(f.code, f.node) for f in window.document.findings}
    window.document.undo_stack.undo()
    assert window.document.case.practice is not None
    assert "unowned-claim" not in window.document.case.practice.checks


def test_a_refused_add_leaves_the_listed_conditions_closed(window: MainWindow) -> None:
    """Add Condition refused (read-only) opens no existing condition's statement for typing."""
    window.selection.set(["G1"])
    box = window.properties.node_form.conditions
    window.document.set_read_only(True)
    box.add_button.click()
    assert len(window.document.case.node("G1").degradation) == 2
    assert box.table.state() != QAbstractItemView.State.EditingState
