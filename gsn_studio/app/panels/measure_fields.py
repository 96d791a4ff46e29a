"""The measure an evidence record claims ("disparate impact >= 0.9"), the value last measured
and the key it is read under from a .json or .csv artifact. Text that is not a measure is
not applied and says why beside the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFormLayout, QLabel

from gsn_studio.analysis.artifacts import DATA_SUFFIXES
from gsn_studio.app.panels.fields import LineField, set_line
from gsn_studio.app.plain_text import make_plain
from gsn_studio.model import Measure

PROBLEM_STYLE = "color: #c62828"

_Rule = tuple[str, str, float]


def problem_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(PROBLEM_STYLE)
    label.hide()
    return label


def is_data_reference(reference: str) -> bool:
    """A .json or .csv file, whose measured value is read from the file, not typed in."""
    return Path(reference.split("?", maxsplit=1)[0]).suffix.lower() in DATA_SUFFIXES


def parse_number(text: str) -> float | None:
    """A typed measured value: empty is none; raises ValueError with a reason otherwise.
    One comma and no point is a decimal comma, as many analysts type it."""
    text = text.strip()
    if not text:
        return None
    number = text.replace(",", ".") if text.count(",") == 1 and "." not in text else text
    try:
        return float(number)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None


def reason(error: ValueError) -> str:
    errors = getattr(error, "errors", None)
    if callable(errors):  # pydantic: the first problem, without its documentation link
        return str(errors()[0].get("msg", error)).removeprefix("Value error, ")
    return str(error)


class MeasureFields(QObject):
    """Three rows of a form; `edited` carries the new measure (or None) and which part."""

    edited = Signal(object, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.measure = LineField()
        self.measure.setPlaceholderText("e.g. disparate impact >= 0.9")
        self.measure.setToolTip(
            "A metric, a comparison (>=, >, <=, < or ==) and a threshold. Empty: no measure."
        )
        self.value = LineField()
        self.key = LineField()
        self.key.setToolTip(
            "The JSON key (dotted for nesting) or CSV column holding the value, when it is "
            "not named like the metric"
        )
        self.problem = problem_label()
        self._current: Measure | None = None
        self._form: QFormLayout | None = None
        self.measure.textEdited.connect(self._on_measure_edited)
        self.value.textEdited.connect(lambda text: self._update("value", text))
        self.key.textEdited.connect(lambda text: self._update("key", text))

    def add_rows(self, form: QFormLayout) -> None:
        self._form = form
        form.addRow("Measure", self.measure)
        form.addRow("Value", self.value)
        form.addRow("Key", self.key)
        form.addRow(self.problem)

    def fields(self) -> tuple[LineField, ...]:
        return (self.measure, self.value, self.key)

    def show_measure(self, measure: Measure | None, reference: str, new_node: bool) -> None:
        """Fill the fields from the model. Text that means what the model holds, or that the
        user is still fixing, stays: "0.90" is not rewritten to "0.9" under the cursor."""
        self._current = measure
        if new_node:
            self.problem.hide()
        shown = _meaning(self.measure.text())
        fixing = isinstance(shown, str) and not self.problem.isHidden()
        if new_node or (shown != _rule_of(measure) and not fixing):
            set_line(self.measure, measure.rule if measure else "")
        value = measure.value if measure else None
        try:
            typed = parse_number(self.value.text())
        except ValueError:
            typed = None if new_node else value
        if new_node or typed != value:
            set_line(self.value, "" if value is None else f"{value:g}")
        key = measure.key if measure else ""
        if new_node or self.key.text().strip() != key:
            set_line(self.key, key)
        self._enable(measure, is_data_reference(reference))

    def _enable(self, measure: Measure | None, from_file: bool) -> None:
        self.value.setEnabled(measure is not None and not from_file)
        if measure is None:
            self.value.setPlaceholderText("Set a measure first")
        else:
            self.value.setPlaceholderText("Read from the file" if from_file else "Last measured")
        if self._form is not None:
            self._form.setRowVisible(self.key, from_file)
        self.key.setEnabled(measure is not None)
        self.key.setPlaceholderText(measure.metric if measure else "")

    def _on_measure_edited(self, text: str) -> None:
        if not text.strip():
            self.problem.hide()
            self.edited.emit(None, "measure")
            return
        old = self._current
        try:
            new = Measure.parse(text, value=old.value if old else None, key=old.key if old else "")
        except ValueError as error:
            self._show_problem(reason(error))
            return
        self.problem.hide()
        self.edited.emit(new, "measure")

    def _update(self, part: str, text: str) -> None:
        if self._current is None:
            return
        try:
            value: Any = parse_number(text) if part == "value" else text
            new = Measure.model_validate({**self._current.model_dump(), part: value})
        except ValueError as error:
            self._show_problem(f"Not applied: {reason(error)}")
            return
        self.problem.hide()
        self.edited.emit(new, f"measure.{part}")

    def _show_problem(self, message: str) -> None:
        make_plain(self.problem)
        self.problem.setText(message)
        self.problem.show()


def _rule_of(measure: Measure | None) -> _Rule | None:
    if measure is None:
        return None
    return (measure.metric, measure.comparison.value, measure.threshold)


def _meaning(text: str) -> _Rule | str | None:
    """What a measure field's text means: its rule, None when empty, the text if invalid."""
    if not text.strip():
        return None
    try:
        return _rule_of(Measure.parse(text))
    except ValueError:
        return text
