"""The legend's status marks, grouped by what they mark, and its link entries."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from gsn_studio.app.panels import LegendPanel
from gsn_studio.app.panels.legend import STATUS_GROUPS
from gsn_studio.app.panels.texts import mark_meaning
from gsn_studio.notation.palette import STATUS_MARKS
from gsn_studio.notation.themes import QUIET


def test_every_status_mark_is_listed_once_under_what_it_marks(qtbot) -> None:
    """Goals and strategies, evidence and defeaters between them hold each mark exactly once."""
    grouped = [status for _title, _shape, statuses in STATUS_GROUPS for status in statuses]
    assert sorted(grouped) == sorted(STATUS_MARKS)
    legend = LegendPanel()
    qtbot.addWidget(legend)
    texts = [label.text() for label in legend.findChildren(QLabel)]
    for title, _shape, _statuses in STATUS_GROUPS:
        assert f"<b>{title}</b>" in texts
    for status, mark in STATUS_MARKS.items():
        quiet = " (green, drawn without a badge)" if status in QUIET else ""
        assert f"<b>{mark.badge}</b>: {mark_meaning(status)}{quiet}" in texts
    assert "<b>WEAKENED</b>: Evidence below no longer holds, or a challenge is open" in texts


def test_the_challenges_link_is_explained(qtbot) -> None:
    """Besides SupportedBy and InContextOf, the legend shows the dashed challenge link."""
    legend = LegendPanel()
    qtbot.addWidget(legend)
    texts = [label.text() for label in legend.findChildren(QLabel)]
    assert any(text.startswith("Challenges:") for text in texts)
