"""The dashboard's metrics: the figures `gsn-studio metrics` prints (from the same function),
and the chart of status counts over the case file's git history. The history is read by a
thread, started when the box is first shown for a file (and after a save), so opening a case
never waits on git."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QWidget

from gsn_studio.analysis import Assessment, EvidenceState
from gsn_studio.analysis.metrics import Metrics, metrics
from gsn_studio.analysis.modules import ModularAssessment
from gsn_studio.app.panels.status_chart import NOW, Bar, StatusHistoryChart
from gsn_studio.cli.metrics import HISTORY_LIMIT, HistoryPoint, status_history
from gsn_studio.model import Case
from gsn_studio.notation.palette import STATUS_MARKS, Status

ROWS = ("elements", "claims", "evidence", "holes", "depth", "fan_in", "open", "due", "modules")
_LABELS = {
    "elements": "Elements", "claims": "Claims", "evidence": "Evidence",
    "holes": "Undeveloped goals", "depth": "Depth", "fan_in": "Carries most",
    "open": "Open", "due": "Evidence due", "modules": "Modules",
}  # fmt: skip
_PLURAL_TYPES = {
    "Goal": "goals", "Strategy": "strategies", "Solution": "solutions", "Context": "contexts",
    "Assumption": "assumptions", "Justification": "justifications",
    "CounterGoal": "counter goals", "CounterSolution": "counter solutions",
}  # fmt: skip


class HistoryLoader(QObject):
    """Reads a file's status history in a thread; `loaded` arrives on the GUI thread with the
    number of the request it answers (only the latest one counts)."""

    loaded = Signal(int, object, str)
    """request number, the list of HistoryPoint, and why there is none ("" when there is)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.request = 0
        self.running = 0

    def start(self, path: Path) -> int:
        self.request += 1
        self.running += 1
        threading.Thread(
            target=self._read, args=(self.request, path), name="status history", daemon=True
        ).start()
        return self.request

    def _read(self, request: int, path: Path) -> None:
        from gsn_studio.io.git_history import GitError  # noqa: PLC0415

        points: list[HistoryPoint] = []
        problem = ""
        try:
            points = status_history(path, HISTORY_LIMIT)
        except GitError as error:
            problem = str(error)
        except Exception as error:  # a chart must never take the editor down
            problem = f"could not read the history: {error}"
        with contextlib.suppress(RuntimeError):  # the editor closed meanwhile
            self.loaded.emit(request, points, problem)


class MetricsBox(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metrics: Metrics | None = None
        self._pending: tuple[Case, Assessment, ModularAssessment | None] | None = None
        self.path: Path | None = None
        self._history_for: Path | None = None
        """The file whose history the chart shows (or is loading)."""
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(1)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key in ROWS:
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setTextFormat(Qt.TextFormat.RichText)
            value.setMinimumWidth(40)
            value.setWordWrap(True)
            self.values[key] = value
            form.addRow(f"{_LABELS[key]}:", value)
        self.form = form
        figures = QWidget()
        figures.setLayout(form)
        figures.setMaximumWidth(480)  # the register beside it needs the room more
        self.chart = StatusHistoryChart()
        self.loader = HistoryLoader(self)
        self.loader.loaded.connect(self._on_loaded)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(figures, 1)
        layout.addWidget(self.chart, 0)

    # -- figures ---------------------------------------------------------------------------

    def show_case(
        self, case: Case, assessment: Assessment, whole: ModularAssessment | None = None
    ) -> None:
        """Show the figures of a case as judged; while the box is hidden (the dashboard's tab
        behind another), they are worked out when it is next shown."""
        self._pending = (case, assessment, whole)
        if self.isVisible():
            self._show_pending()

    def _show_pending(self) -> None:
        if self._pending is not None:
            case, assessment, whole = self._pending
            self._pending = None
            self.show_metrics(metrics(case, assessment, whole))

    def show_metrics(self, found: Metrics) -> None:
        self.metrics = found
        text = _texts(found)
        for key, label in self.values.items():
            label.setText(text.get(key, ""))
            self.form.setRowVisible(label, key in text)
        self.values["elements"].setToolTip(
            "<br>".join(f"{n} {_PLURAL_TYPES[t]}" for t, n in found.by_type.items())
        )
        self.values["fan_in"].setToolTip(
            "Goals each solution supports, directly and in all:<br>"
            + "<br>".join(
                f"{_escape(f.node)}: {f.transitive} ({f.direct} directly)"
                for f in found.fan_in[:10]
            )
        )
        self.chart.set_now(Bar(NOW, found.as_of.isoformat(), "the case as it is now", found.claims))

    # -- history ---------------------------------------------------------------------------

    def set_path(self, path: Path | None) -> None:
        """The case's file; its history is read when the box is (or next becomes) visible."""
        self.path = path
        if self.isVisible():
            self._load_history()

    def reload_history(self) -> None:
        """After a save: the file may have a new commit by now."""
        self._history_for = None
        if self.isVisible():
            self._load_history()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._show_pending()
        self._load_history()

    def _load_history(self) -> None:
        if self.path == self._history_for:
            return
        same_file = self._history_for is None and self.chart.history and self.path is not None
        self._history_for = self.path
        if self.path is None:
            self.chart.set_history([], "An unsaved case has no history")
            return
        if not same_file:  # after a save the old bars stay until the new ones arrive
            self.chart.set_history([], "Reading the history from git…")
        self.loader.start(self.path)

    def _on_loaded(self, request: int, points: list[HistoryPoint], problem: str) -> None:
        self.loader.running -= 1
        if request != self.loader.request:
            return  # an answer for a file shown before
        bars = [Bar(p.label, p.day.isoformat(), p.subject, p.claims, p.problem) for p in points]
        self.chart.set_history(bars, problem or "No commit holds this case yet")


def _texts(found: Metrics) -> dict[str, str]:
    main = ("Goal", "Strategy", "Solution")
    kinds = [f"{found.by_type[t]} {_PLURAL_TYPES[t]}" for t in main]
    others = sum(n for t, n in found.by_type.items() if t not in main)
    kinds += [f"{others} other{'s' if others != 1 else ''}"] if others else []
    text = {
        "elements": f"<b>{found.elements}</b>: {', '.join(kinds)}",
        "claims": " · ".join(_coloured(status, n) for status, n in found.claims.items()),
        "evidence": " · ".join(
            _coloured(state, n) for state, n in found.evidence.items() if n
        ) or "none",
        "holes": f"<b>{len(found.undeveloped_goals)}</b> of {found.goals} "
        f"({found.undeveloped_share:.0%})" + _ids(found.undeveloped_goals),
        "depth": f"<b>{found.depth_max}</b> deepest · {found.depth_mean:.1f} mean",
        "open": _count(len(found.open_defeaters), "defeater") + _ids(found.open_defeaters)
        + f" · {_count(len(found.open_challenges), 'challenge')}"
        + f" · {_count(found.open_questions, 'question')}",
        "due": f"<b>{len(found.overdue)}</b> overdue{_ids(found.overdue)} · "
        + " · ".join(f"<b>{len(ids)}</b> in {days} days" for days, ids in found.due_within.items()),
    }  # fmt: skip
    carried = [f for f in found.fan_in if f.transitive][:3]
    if carried:
        first, rest = carried[0], carried[1:]
        text["fan_in"] = " · ".join(
            [f"{_escape(first.node)} <b>{first.transitive}</b> goals ({first.direct} directly)"]
            + [f"{_escape(f.node)} <b>{f.transitive}</b>" for f in rest]
        )
    if found.modules:
        verdicts: dict[str, int] = {}
        for module in found.modules:
            verdicts[module.verdict] = verdicts.get(module.verdict, 0) + 1
        text["modules"] = f"<b>{len(found.modules)}</b>: " + " · ".join(
            _coloured(verdict, n) for verdict, n in verdicts.items()
        )
    return text


def _count(number: int, noun: str) -> str:
    return f"<b>{number}</b> {noun}{'' if number == 1 else 's'}"


def _coloured(status: str, count: int) -> str:
    try:
        colour = STATUS_MARKS[Status(status)].stroke
    except ValueError:
        colour = "#2e7d32" if status == EvidenceState.CURRENT else "#616161"
    return f"<b style='color:{colour}'>{count}</b> {status}"


def _ids(ids: tuple[str, ...], shown: int = 3) -> str:
    if not ids:
        return ""
    more = f" +{len(ids) - shown}" if len(ids) > shown else ""
    return f" ({_escape(', '.join(ids[:shown]))}{more})"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
