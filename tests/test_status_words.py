"""One word per status, defined once and said alike by the canvas, legends, figures and
`check`; and marks of one colour that stay distinct when zoomed out past their words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import hazard_case
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsScene
from pytestqt.qtbot import QtBot

from gsn_studio.analysis import Level
from gsn_studio.analysis.check import _EVIDENCE_MARKS
from gsn_studio.app.canvas.node_item import NodeItem
from gsn_studio.app.document import Document
from gsn_studio.app.panels.dashboard import DashboardPanel
from gsn_studio.cli import main
from gsn_studio.io import save_case
from gsn_studio.model import DefeaterStatus, Evidence, Node, NodeType
from gsn_studio.notation.palette import STATUS_MARKS, STATUS_WORDS, Status

OLD_WORDS = {"OK", "TO DO", "INCOMPLETE", "EXPIRES SOON", "NO VALUE"}


def test_each_status_has_one_word_shared_with_the_analysis() -> None:
    """Badges and legend labels are the status's word; the words are exactly those `check`
    and the register report (assurance levels, evidence states, defeater standings)."""
    for status, mark in STATUS_MARKS.items():
        assert mark.word == STATUS_WORDS[status]
        assert mark.badge == mark.word.upper()
        assert mark.label.startswith(f"{mark.word.capitalize()}: ")
        assert mark.badge not in OLD_WORDS
    for level in Level:
        assert STATUS_WORDS[Status(level.value)] == level.value
    for state in _EVIDENCE_MARKS:
        assert STATUS_WORDS[Status(state)] == state
    for standing in (DefeaterStatus.REFUTED, DefeaterStatus.ACCEPTED):
        assert STATUS_WORDS[Status(standing.value)] == standing.value
    # The hole and a goal above it share the word; their looks differ.
    assert STATUS_WORDS[Status.INCOMPLETE] == STATUS_WORDS[Status.UNDEVELOPED] == "undeveloped"
    hole, above = STATUS_MARKS[Status.UNDEVELOPED], STATUS_MARKS[Status.INCOMPLETE]
    assert (hole.fill, hole.stroke_width) != (above.fill, above.stroke_width)


def test_canvas_dashboard_and_check_say_the_same_word(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A case with a hole: `check` calls G1 undeveloped, the canvas badges the hole and the
    goal above it UNDEVELOPED, and the dashboard counts them as undeveloped."""
    case = hazard_case()
    case.remove_node("Sn2")
    path = tmp_path / "holed.gsnx"
    save_case(case, path)
    main(["check", str(path), "--as-of", "2026-06-01"])
    out = capsys.readouterr().out
    assert f"{path}: G1 undeveloped" in out

    document = Document()
    document.replace(case, None)
    document.set_as_of(dt.date(2026, 6, 1))
    for node_id in ("G1", "G3"):
        status = document.statuses[node_id]
        assert STATUS_MARKS[status].badge == "UNDEVELOPED"
        item = NodeItem(case.index()[node_id], status)
        assert item.status is status  # what the canvas paints the badge from
    dashboard = DashboardPanel(document)
    qtbot.addWidget(dashboard)
    assert "undeveloped" in dashboard.counts.text()
    assert not any(word in dashboard.counts.text() for word in ("TO DO", "incomplete"))
    assert dashboard.notes.text().startswith("G1 undeveloped: G3 has no support yet")
    assert "Incomplete" not in dashboard.notes.text()


def render_at(status: Status, scale: float) -> QImage:
    """A solution drawn by the canvas's own item in a status, at a zoom, with no text."""
    node = Node(
        id="Sn1",
        type=NodeType.SOLUTION,
        statement="Test report",
        evidence=Evidence(reference="r.txt"),
    )
    scene = QGraphicsScene()
    item = NodeItem(node, status)
    scene.addItem(item)
    source = item.sceneBoundingRect()
    image = QImage(
        max(1, round(source.width() * scale)),
        max(1, round(source.height() * scale)),
        QImage.Format.Format_ARGB32,
    )
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), source, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.end()
    return image


@pytest.mark.parametrize("scale", [0.1, 0.3])
def test_expired_and_changed_differ_when_zoomed_out(qtbot: QtBot, scale: float) -> None:
    """Both red: zoomed out, where badges and dashes cannot be read, changed evidence is still
    drawn differently (a hatched fill) from expired evidence."""
    expired, changed = STATUS_MARKS[Status.EXPIRED], STATUS_MARKS[Status.CHANGED]
    assert expired.stroke == changed.stroke  # same colour: the difference must be elsewhere
    assert (expired.fill, expired.hatch) != (changed.fill, changed.hatch)
    first, second = render_at(Status.EXPIRED, scale), render_at(Status.CHANGED, scale)
    assert first.size() == second.size()
    differing = sum(
        first.pixel(x, y) != second.pixel(x, y)
        for x in range(first.width())
        for y in range(first.height())
    )
    assert differing > first.width() * first.height() // 20
