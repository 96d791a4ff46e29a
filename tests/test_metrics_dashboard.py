"""The dashboard's metrics: the figures `gsn-studio metrics` prints, following edits, and a
chart of goals and strategies by status at each commit of the case file, read from git in the
background once the dashboard is shown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor

from gsn_studio.app.document import Document
from gsn_studio.app.panels import DashboardPanel
from gsn_studio.io import save_case
from gsn_studio.model import Evidence
from gsn_studio.model.changes import UpdateNode
from gsn_studio.notation.palette import STATUS_MARKS, Status
from tests.test_metrics import built_case, git, needs_git, repository  # noqa: F401 (a fixture)

AS_OF = dt.date(2026, 6, 1)
SAMPLES = Path(__file__).parent.parent / "samples"


def dashboard_for(qtbot, path: Path | None, shown: bool = True) -> DashboardPanel:  # type: ignore[no-untyped-def]
    document = Document()
    document.replace(built_case(), path)
    document.set_as_of(AS_OF)
    panel = DashboardPanel(document)
    qtbot.addWidget(panel)
    panel.resize(1300, 280)
    if shown:
        panel.show()
        qtbot.waitExposed(panel)
    return panel


def test_the_dashboard_shows_the_figures_of_the_metrics_command(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The built case's figures, as `metrics` counts them, and they follow an edit."""
    panel = dashboard_for(qtbot, None)
    box = panel.metrics_box
    values = {key: label.text() for key, label in box.values.items()}
    assert box.metrics is not None and box.metrics.claims["weakened"] == 4
    assert values["elements"] == "<b>12</b>: 5 goals, 1 strategies, 4 solutions, 2 others"
    assert values["holes"] == "<b>1</b> of 5 (20%) (G4)"
    assert values["depth"] == "<b>4</b> deepest · 3.8 mean"
    assert values["fan_in"].startswith("Sn1 <b>3</b> goals (2 directly)")
    assert values["open"] == ("<b>1</b> defeater (CG1) · <b>1</b> challenge · <b>1</b> question")
    assert values["due"] == ("<b>1</b> overdue (Sn3) · <b>1</b> in 30 days · <b>2</b> in 90 days")
    assert "undeveloped" in values["evidence"]  # Sn4 names no evidence
    assert not box.form.isRowVisible(box.values["modules"])  # a case of one file

    panel.document.push(
        UpdateNode("Sn4", {"evidence": Evidence(reference="https://example.org/field")}),
        "Set evidence",
    )
    panel.document.refresh_findings()
    assert "undeveloped" not in box.values["evidence"].text()
    assert box.chart.now is not None and box.chart.now.claims["undeveloped"] == 1


def test_a_hidden_dashboard_reads_no_history_until_it_is_shown(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Opening a case behind another tab costs no git call and no figures until shown."""
    path = tmp_path / "case.gsnx"
    save_case(built_case(), path)
    panel = dashboard_for(qtbot, path, shown=False)
    assert panel.metrics_box.loader.request == 0 and panel.metrics_box.metrics is None
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.metrics_box.loader.request == 1 and panel.metrics_box.metrics is not None
    box = panel.metrics_box
    qtbot.waitUntil(lambda: box.loader.running == 0, timeout=20_000)
    assert box.chart.history == []
    assert "not in a git repository" in box.chart.message


@needs_git
def test_the_chart_has_a_bar_per_commit_and_one_for_now(  # type: ignore[no-untyped-def]
    qtbot,
    repository: Path,  # noqa: F811 (the fixture)
) -> None:
    """Two commits and today: each bar counts the claims as judged on its own day, drawn
    bottom up in the status colours; the tooltip names the commit."""
    panel = dashboard_for(qtbot, repository)
    chart = panel.metrics_box.chart
    qtbot.waitUntil(lambda: len(chart.history) == 2, timeout=20_000)
    assert [bar.day for bar in chart.bars] == ["2026-05-01", "2026-05-20", "2026-06-01"]
    assert [bar.claims for bar in chart.bars] == [
        {"supported": 2, "undeveloped": 4, "weakened": 0, "defeated": 0},
        # 2026-05-20: Sn3 not yet expired, but CG1 challenges Sn2 and Sn4 names nothing.
        {"supported": 1, "undeveloped": 2, "weakened": 3, "defeated": 0},
        {"supported": 1, "undeveloped": 1, "weakened": 4, "defeated": 0},
    ]
    assert chart.bars[0].tooltip().endswith("\nfinished=False")

    image = chart.grab().toImage()
    ratio = image.devicePixelRatio()
    for index, expected in ((0, "supported"), (2, "supported")):
        slot = chart.bar_rect(index)
        bottom = QPoint(int(slot.center().x() * ratio), int((slot.bottom() - 2) * ratio))
        assert image.pixelColor(bottom) == QColor(STATUS_MARKS[Status(expected)].stroke)
    # The first bar's top is undeveloped (4 of 6); the last's is weakened (4 of 6).
    for index, expected in ((0, "undeveloped"), (2, "weakened")):
        slot = chart.bar_rect(index)
        near_top = slot.bottom() - slot.height() * 5 / 6
        colours = {
            image.pixelColor(QPoint(int(x * ratio), int(near_top * ratio))).name()
            for x in range(int(slot.left() + 4), int(slot.right() - 4))
        }
        assert STATUS_MARKS[Status(expected)].stroke in colours
    assert chart.bar_at(chart.bar_rect(1).center().x()) == 1


@needs_git
def test_after_a_save_the_chart_reads_the_history_again_keeping_its_bars(  # type: ignore[no-untyped-def]
    qtbot,
    repository: Path,  # noqa: F811 (the fixture)
) -> None:
    """A save (here followed by a commit) reads the history again; the old bars stay shown
    until the new ones arrive, so the chart does not blink empty."""
    panel = dashboard_for(qtbot, repository)
    chart = panel.metrics_box.chart
    qtbot.waitUntil(lambda: len(chart.history) == 2, timeout=20_000)
    case = built_case()
    case.update_node("Sn4", evidence=Evidence(reference="https://example.org/field"))
    save_case(case, repository)
    git(repository.parent, "commit", "-q", "-am", "Sn4 names its evidence", day="2026-05-25")
    panel.document.saved.emit()
    assert len(chart.history) == 2 and panel.metrics_box.loader.running == 1
    qtbot.waitUntil(lambda: len(chart.history) == 3, timeout=20_000)
    # On 2026-05-25 Sn3 is still current, so G5 now stands; G3 (CG1), S1 and G1 do not.
    assert chart.history[-1].claims == {
        "supported": 2, "undeveloped": 1, "weakened": 3, "defeated": 0,
    }  # fmt: skip


def test_a_case_of_modules_shows_the_whole_case_and_its_modules(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Opened from one module, the figures are the whole case's (44 elements), with a row
    counting the modules by verdict."""
    document = Document()
    document.open(SAMPLES / "modular-loan" / "fairness.gsnx")
    document.set_as_of(dt.date(2026, 11, 23))
    panel = DashboardPanel(document)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    box = panel.metrics_box
    assert box.metrics is not None and box.metrics.elements == 44
    assert box.form.isRowVisible(box.values["modules"])
    assert box.values["modules"].text().startswith("<b>5</b>: ")
    assert "1</b> undeveloped" in box.values["modules"].text()  # oversight
    qtbot.waitUntil(lambda: box.loader.running == 0, timeout=30_000)  # no thread outlives it
