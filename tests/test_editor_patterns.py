"""File > Instantiate Pattern… in the editor: a dialog asks each parameter's value and the
instance opens as a new case that checks clean."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import SAMPLES
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from gsn_studio.analysis.check import check_case
from gsn_studio.app.instantiate_dialog import InstantiateDialog
from gsn_studio.app.main_window import MainWindow


def _dialog(window: MainWindow) -> InstantiateDialog:
    dialog = window.findChild(InstantiateDialog, "instantiateDialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_instantiating_the_hazard_pattern_from_the_editor(qtbot: QtBot, window: MainWindow) -> None:
    """Values typed into the dialog (a list one item per line, the branch kept at a choice)
    make a new untitled case: one branch per hazard, statements filled, laid out, and
    checking clean."""
    assert window.files.open(SAMPLES / "patterns" / "hazard-directed.gsnx", ask=False)
    qtbot.waitUntil(lambda: not window.layout_runner.is_running(), timeout=60_000)
    window.act_instantiate.trigger()
    dialog = _dialog(window)
    for name, text in [
        ("parameter-system", "the infusion pump"),
        ("parameter-environment", "hospital wards"),
        ("parameter-hazard_log", "hazard log HL-3"),
        ("parameter-design_evidence", "Design verification report"),
        ("parameter-procedure_evidence", "Procedure audit"),
        ("parameter-risk_assessment", "Residual risk evaluation RR-2"),
        ("parameter-design_reference", "evidence/design-verification-report.pdf"),
        ("parameter-procedure_reference", "evidence/procedure-audit.pdf"),
        ("parameter-risk_reference", "evidence/residual-risk-rr-2.pdf"),
        ("choose-G2", "G3"),
    ]:
        field = dialog.findChild(QLineEdit, name)
        assert field is not None, name
        qtbot.keyClicks(field, text)
    hazards = dialog.findChild(QPlainTextEdit, "parameter-hazards")
    assert hazards is not None
    hazards.setPlainText("H1 over-infusion\nH2 air in line\n")
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.document.case.pattern is None)
    case = window.document.case
    assert window.document.path is None
    assert (
        case.node("G1").statement
        == "The infusion pump is acceptably safe to operate in hospital wards"
    )
    statements = {node.statement for node in case.nodes}
    assert "Hazard H2 air in line is mitigated to an acceptable level" in statements
    qtbot.waitUntil(
        lambda: all(node.position is not None for node in window.document.case.nodes),
        timeout=60_000,
    )
    assert case.node("Sn3").evidence is not None
    assert case.node("Sn3").evidence.reference == "evidence/residual-risk-rr-2.pdf"
    assert check_case(window.document.case, as_of=dt.date(2026, 1, 1)) == []


def test_instantiate_refuses_a_case_that_is_not_a_pattern(window: MainWindow) -> None:
    """On an ordinary case the action says why it cannot, and opens no dialog."""
    assert window.files.open(SAMPLES / "tutorial.gsnx", ask=False)
    window.act_instantiate.trigger()
    assert window.findChild(InstantiateDialog) is None
    assert "neither a pattern nor an instance" in window.statusBar().currentMessage()


def test_properties_mark_an_element_uninstantiated_in_one_undo_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The Uninstantiated box marks the selected element, shows its role, and undoes."""
    assert window.files.open(SAMPLES / "patterns" / "fairness.gsnx", ask=False)
    window.selection.set(["G2"])
    form = window.properties.node_form
    assert not form.uninstantiated.isChecked()
    form.uninstantiated.click()
    assert window.document.case.node("G2").uninstantiated
    window.document.undo_stack.undo()
    assert not window.document.case.node("G2").uninstantiated
    assert not form.role.isVisibleTo(window.properties)


def test_properties_offer_uninstantiated_only_in_a_pattern(window: MainWindow) -> None:
    """An ordinary case's goal has no Uninstantiated box; a pattern's goal has it."""
    assert window.files.open(SAMPLES / "loan-approval.gsnx", ask=False)
    window.selection.set(["G2"])
    form = window.properties.node_form
    assert not form.uninstantiated.isVisibleTo(window.properties)
    assert window.files.open(SAMPLES / "patterns" / "fairness.gsnx", ask=False)
    window.selection.set(["G2"])
    assert form.uninstantiated.isVisibleTo(window.properties)


def test_properties_show_the_role_an_instance_element_came_from(
    window: MainWindow, tmp_path: Path
) -> None:
    """An instantiated element names its pattern role and the item of its branch."""
    from gsn_studio.cli.main import main

    out = tmp_path / "loan-fairness.gsnx"
    patterns = SAMPLES / "patterns"
    values = patterns / "loan-fairness.yaml"
    assert (
        main(
            [
                "instantiate",
                str(patterns / "fairness.gsnx"),
                "--values",
                str(values),
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert window.files.open(out, ask=False)
    window.selection.set(["G2_1"])
    form = window.properties.node_form
    assert form.role.isVisibleTo(window.properties)
    assert form.role.text() == "G2 (Women)"


def test_updating_an_open_instance_from_its_pattern_is_one_undo_step(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On an instance, the action asks for its pattern and values, updates the instance in
    place keeping evidence added there, and one undo gives back the instance as it was."""
    from PySide6.QtWidgets import QFileDialog

    from gsn_studio.cli.main import main
    from gsn_studio.io import load_case, save_case
    from gsn_studio.model import Evidence

    pattern = SAMPLES / "patterns" / "hazard-directed.gsnx"
    out = tmp_path / "pump.gsnx"
    values = SAMPLES / "patterns" / "pump-hazards.csv"
    assert main(["instantiate", str(pattern), "--values", str(values), "-o", str(out)]) == 0
    instance = load_case(out)
    solution = next(
        n.id for n in instance.nodes if n.role and n.role.key() == ("Sn1", ("H2 air in line",))
    )
    instance.update_node(solution, evidence=Evidence(reference="h2-design.pdf"))
    save_case(instance, out)
    assert window.files.open(out, ask=False)
    qtbot.waitUntil(lambda: not window.layout_runner.is_running(), timeout=60_000)
    before = window.document.case.model_copy(deep=True)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(pattern), ""))
    window.act_instantiate.trigger()
    dialog = _dialog(window)
    for name, text in [
        ("parameter-system", "The infusion pump"),
        ("parameter-environment", "hospital wards"),
        ("parameter-hazard_log", "hazard log HL-4"),
        ("parameter-design_evidence", "Design verification report"),
        ("parameter-procedure_evidence", "Procedure audit"),
        ("parameter-risk_assessment", "Residual risk evaluation RR-2"),
        ("choose-G2", "G3"),
    ]:
        field = dialog.findChild(QLineEdit, name)
        assert field is not None, name
        qtbot.keyClicks(field, text)
    hazards = dialog.findChild(QPlainTextEdit, "parameter-hazards")
    assert hazards is not None
    hazards.setPlainText("H2 air in line\nH4 wrong drug library")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    case = window.document.case
    statements = {node.statement for node in case.nodes}
    assert "Hazard H4 wrong drug library is mitigated to an acceptable level" in statements
    assert "Hazard H1 over-infusion is mitigated to an acceptable level" not in statements
    assert case.node(solution).evidence == Evidence(reference="h2-design.pdf")
    assert window.document.undo_stack.count() == 1
    window.document.undo_stack.undo()
    assert window.document.case == before
