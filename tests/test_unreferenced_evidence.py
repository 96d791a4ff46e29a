"""A solution that names no evidence (no path, no URL, no measured value) is a hole, not
support: one rule in analysis, seen alike by `check`, figures and the canvas."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gsn_studio.analysis import Level, assess
from gsn_studio.app.main_window import MainWindow
from gsn_studio.cli import main
from gsn_studio.io import save_case
from gsn_studio.model import Case, Evidence, Measure, NodeType
from gsn_studio.notation.palette import Status


def bare_case() -> Case:
    """G1 -> S1 -> G2 -> Sn1, where Sn1 says what it is but points at nothing."""
    case = Case(name="Bare")
    case.add_node(NodeType.GOAL, "The model is fair")
    case.add_node(NodeType.STRATEGY, "Argue over each protected group")
    case.add_node(NodeType.GOAL, "Approval rates match across groups")
    case.add_node(NodeType.SOLUTION, "Fairness audit")
    for parent, child in [("G1", "S1"), ("S1", "G2"), ("G2", "Sn1")]:
        case.connect(parent, child)
    return case


@pytest.fixture
def bare_file(tmp_path: Path) -> Path:
    path = tmp_path / "bare.gsnx"
    save_case(bare_case(), path)
    return path


def test_a_solution_without_a_reference_is_a_hole() -> None:
    """No evidence at all gives evidence-unreferenced (an error), and every goal above it is
    undeveloped with the solution named as the cause."""
    assessment = assess(bare_case())
    found = [f for f in assessment.findings if f.code == "evidence-unreferenced"]
    assert [(f.node, f.severity.value) for f in found] == [("Sn1", "error")]
    for node_id in ("G1", "S1", "G2"):
        assert assessment.assurance[node_id].status is Level.UNDEVELOPED
    assert any(r.cause == "Sn1" for r in assessment.assurance["G1"].reasons)
    marks = assessment.marks(bare_case())
    assert marks["Sn1"] == "undeveloped" and marks["G2"] == "incomplete"


@pytest.mark.parametrize(
    "evidence",
    [
        Evidence(reference="evidence/audit.md"),
        Evidence(reference="https://example.org/audit"),
        Evidence(measure=Measure.parse("disparate impact >= 0.9", value=0.93)),
    ],
)
def test_a_path_url_or_measured_value_is_evidence(evidence: Evidence) -> None:
    """A path, a URL or a measured value each count as evidence: no finding, G1 supported."""
    case = bare_case()
    case.update_node("Sn1", evidence=evidence)
    assessment = assess(case)
    assert not [f for f in assessment.findings if f.code == "evidence-unreferenced"]
    assert assessment.assurance["G1"].status is Level.SUPPORTED


def test_dates_alone_are_not_evidence() -> None:
    """A solution with a date but no reference is still unreferenced (the register says
    undeveloped, expiry still shows first); a measure with no value and no reference reports
    the hole once, not also as unmeasured."""
    case = bare_case()
    case.update_node("Sn1", evidence=Evidence(valid_until=dt.date(2099, 1, 1)))
    assessment = assess(case)
    assert assessment.assurance["G1"].status is Level.UNDEVELOPED
    assert assessment.judgements["Sn1"].state == "undeveloped"  # the register's word too
    assert assessment.marks(case)["Sn1"] == "undeveloped"
    case.update_node("Sn1", evidence=Evidence(valid_until=dt.date(2020, 1, 1)))
    assert assess(case).marks(case)["Sn1"] == "expired"  # the worse trouble shows
    case.update_node("Sn1", evidence=Evidence(measure=Measure.parse("recall >= 0.9")))
    codes = [f.code for f in assess(case).findings if f.node == "Sn1"]
    assert codes == ["evidence-unreferenced"]


def test_check_reports_the_hole(bare_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check` lists evidence-unreferenced, fails, and gives G1 undeveloped in text and JSON;
    `--fail-on undeveloped` counts it."""
    assert main(["check", str(bare_file)]) == 1
    out = capsys.readouterr().out
    assert "Sn1  error   evidence-unreferenced:" in out
    assert "G1 undeveloped" in out
    assert "0 undeveloped, 1 solution naming no evidence, 0 expired evidence" in out
    assert main(["check", str(bare_file), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["unreferenced_evidence"] == 1
    assert report["status"] == {"G1": "undeveloped", "S1": "undeveloped", "G2": "undeveloped"}
    assert main(["check", str(bare_file), "--fail-on", "undeveloped"]) == 1


def test_exported_figure_marks_the_hole(bare_file: Path, tmp_path: Path) -> None:
    """In an exported SVG the solution is drawn as the hole and G1 is not supported."""
    out = tmp_path / "bare.svg"
    assert main(["export", str(bare_file), "-o", str(out)]) == 0
    tree = etree.parse(str(out))
    classes = {
        g.get("id"): g.get("class", "").split()
        for g in tree.iter("{http://www.w3.org/2000/svg}g")
        if g.get("id")
    }
    assert "undeveloped" in classes["Sn1"]
    assert "supported" not in classes["G1"] and "incomplete" in classes["G1"]


@pytest.fixture
def window(qtbot: QtBot, bare_file: Path) -> Iterator[MainWindow]:
    main_window = MainWindow()
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.files.open(bare_file, ask=False)
    qtbot.waitUntil(lambda: not main_window.layout_runner.is_running(), timeout=20000)
    yield main_window
    main_window.document.undo_stack.setClean()
    main_window.layout_runner.cancel()
    main_window.layout_runner.wait()
    main_window.close()
    main_window.deleteLater()
    QApplication.clipboard().clear()


def test_canvas_shows_the_hole_until_a_reference_is_given(qtbot: QtBot, window: MainWindow) -> None:
    """On the canvas the bare solution is undeveloped and G1 is not green; typing a reference
    for Sn1 in the properties panel turns G1 supported."""
    scene = window.scene
    assert scene.item_for("Sn1").status is Status.UNDEVELOPED
    assert scene.item_for("G1").status is Status.INCOMPLETE
    window.selection.set(["Sn1"])
    field = window.properties.node_form.evidence.reference
    field.setFocus()
    qtbot.keyClicks(field, "https://example.org/a")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: scene.item_for("G1").status is Status.SUPPORTED, timeout=5000)
