"""The dashboard's practice lines: the verdict grouped by owner (what each person stands
behind and which of it no longer holds) and the case's degradation conditions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gsn_studio.analysis import Assessment
from gsn_studio.analysis.degradation import detection_problem
from gsn_studio.analysis.owners import by_owner
from gsn_studio.model import Case
from gsn_studio.notation.palette import STATUS_MARKS, Status


class PracticeSummary(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.owners = _label()
        self.owners.setMinimumWidth(50)  # a long line is cut at the dock's edge, not widening it
        self.conditions = _label()
        self.conditions.setToolTip(
            "Conditions under which a claim would stop holding, and how each is detected"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.owners)
        layout.addWidget(self.conditions)

    def show_case(self, case: Case, assessment: Assessment) -> None:
        """One line each (the dashboard is a short strip); the whole list in the tooltip."""
        self.owners.setText(owners_text(case, assessment))
        self.owners.setToolTip(owners_text(case, assessment, "<br>"))
        self.owners.setVisible(any(node.owner for node in case.nodes))
        lines = condition_lines(case)
        undetected = sum(1 for _, problem in lines if problem)
        self.conditions.setVisible(bool(lines))
        state = (
            "all detected"
            if not undetected
            else f"<b style='color:#c62828'>{undetected} not detected</b>"
        )
        self.conditions.setText(
            f"Degradation conditions: {len(lines)}, {state} (hover for the list)"
        )
        self.conditions.setToolTip("<br>".join(text for text, _ in lines))


def owners_text(case: Case, assessment: Assessment, separator: str = " · ") -> str:
    parts = []
    for group in by_owner(case, assessment.assurance):
        name = _escape(group.owner) if group.owner else "<i>no owner</i>"
        failing = group.not_holding
        count = f"{len(group.claims)} claim{'s' if len(group.claims) != 1 else ''}"
        if not failing:
            parts.append(f"<b>{name}</b>: {count}, all hold")
            continue
        listed = ", ".join(
            f"{c.node} <b style='color:{STATUS_MARKS[Status(c.status.value)].stroke}'>"
            f"{c.status.value}</b>"
            for c in failing
        )
        parts.append(f"<b>{name}</b>: {count}, {len(failing)} no longer hold ({listed})")
    return "Owners: " + separator.join(parts) if parts else ""


def condition_lines(case: Case) -> list[tuple[str, str]]:
    """Each condition as a line of rich text, with why it goes undetected ("" if it does not)."""
    lines = []
    for node in case.nodes:
        for condition in node.degradation:
            problem = detection_problem(case, condition)
            how = (
                f"<span style='color:#c62828'>{_escape(problem)}</span>"
                if problem
                else _escape(condition.detection_text())
            )
            lines.append((f"{node.id}: {_escape(condition.statement)} ({how})", problem))
    return lines


def _label() -> QLabel:
    label = QLabel()
    label.setWordWrap(False)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
