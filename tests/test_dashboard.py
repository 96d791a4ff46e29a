"""The dashboard dock: counts by status, the verdict and how long it holds, and the evidence
register, following the as-of day and activating nodes like the problems panel."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest
from factories import hazard_case
from PySide6.QtCore import Qt

from gsn_studio.analysis import Level
from gsn_studio.analysis.register import register
from gsn_studio.app.document import Document
from gsn_studio.app.panels import DashboardPanel
from gsn_studio.app.panels.register_model import DUE, ID, STATE
from gsn_studio.model import Evidence
from gsn_studio.model.changes import UpdateNode

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture
def document() -> Document:
    document = Document()
    document.replace(hazard_case(), Path("/cases/hazards.gsnx"))
    document.set_as_of(dt.date(2026, 6, 1))
    return document


@pytest.fixture
def dashboard(qtbot, document: Document) -> DashboardPanel:
    panel = DashboardPanel(document)
    qtbot.addWidget(panel)
    panel.resize(1100, 260)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def column(panel: DashboardPanel, number: int) -> list[str]:
    model = panel.model
    return [model.index(row, number).data() for row in range(model.rowCount())]


def test_counts_and_sound_until_follow_the_as_of_day(
    document: Document, dashboard: DashboardPanel
) -> None:
    """Sound until Sn1's date while it holds; after it, not sound, naming Sn1, and recounted."""
    assert dashboard.verdict.counts == {
        Level.SUPPORTED: 4,
        Level.UNDEVELOPED: 0,
        Level.WEAKENED: 0,
        Level.DEFEATED: 0,
    }
    assert dashboard.soundness.toolTip() == "Sound until 2027-01-10 (Sn1 falls due)"
    assert "G1" in dashboard.headline.text() and "SUPPORTED" in dashboard.headline.text()

    document.set_as_of(dt.date(2027, 2, 1))
    assert dashboard.verdict.counts == {
        Level.SUPPORTED: 1,  # G3 rests on Sn2, which has no end date
        Level.UNDEVELOPED: 0,
        Level.WEAKENED: 3,
        Level.DEFEATED: 0,
    }
    assert dashboard.soundness.toolTip() == (
        "Not sound now: G1 weakened: Sn1 expired on 2027-01-10 via S1 → G2"
    )
    assert "WEAKENED" in dashboard.headline.text()
    assert "3</b> weakened" in dashboard.counts.text()


def test_the_register_lists_evidence_soonest_due_first_with_its_state(
    document: Document, dashboard: DashboardPanel
) -> None:
    """Each solution is a row, ordered by due date (undated last), with its judged state."""
    document.push(
        UpdateNode(
            "Sn2",
            {
                "evidence": Evidence(
                    reference="https://example.org/h2", valid_until=dt.date(2026, 6, 20)
                )
            },
        ),
        "Set valid-until",
    )
    document.refresh_findings()
    assert column(dashboard, ID) == ["Sn2", "Sn1"]
    assert column(dashboard, DUE) == ["2026-06-20", "2027-01-10"]
    assert column(dashboard, STATE) == ["EXPIRING", "CURRENT"]
    assert dashboard.register_title.text().startswith("Evidence register: 2 items")

    dashboard.filter_edit.setText("h1")
    assert column(dashboard, ID) == ["Sn1"]
    assert dashboard.register_title.text().endswith("(showing 1)")


def test_double_click_and_enter_on_a_row_activate_its_node_once(
    qtbot, dashboard: DashboardPanel
) -> None:
    """A double-click or Enter on a register row asks to show that node, once per gesture."""
    activated: list[str] = []
    dashboard.activated.connect(activated.append)
    view = dashboard.view
    rect = view.visualRect(dashboard.model.index(0, ID))
    # A real double-click starts with a click: QTest's double-click alone does not.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.wait(5)
    assert activated == ["Sn1"]
    view.setCurrentIndex(dashboard.model.index(1, ID))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert activated == ["Sn1", "Sn2"]


@pytest.mark.slow  # 10,000 nodes
def test_a_10000_node_dashboard_lists_the_whole_register(qtbot) -> None:
    """The dashboard of a generated 10,000-node case lists every item of the core's evidence
    register, and its title counts them (how long it takes is benchmarks/bench_dashboard.py's)."""
    spec = importlib.util.spec_from_file_location("generate", BENCHMARKS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    document = Document()
    document.replace(module.generate_case(10_000), None)
    panel = DashboardPanel(document)
    qtbot.addWidget(panel)
    panel.resize(1100, 300)
    panel.show()
    qtbot.waitExposed(panel)
    panel.refresh()
    assert document.assessment is not None
    expected = register(document.case, document.assessment)
    assert len(expected) > 1000
    assert panel.model.rowCount() == len(expected)
    assert f"Evidence register: {len(expected)} items" in panel.register_title.text()
