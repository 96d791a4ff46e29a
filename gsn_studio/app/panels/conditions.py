"""The properties panel's degradation conditions of a goal: under what conditions the claim
would stop holding and how each is detected, plus the load-bearing mark. Every edit is one
undoable change of the goal through `Document.push`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gsn_studio.app.document import Document
from gsn_studio.model import ConditionKind, DegradationCondition, Node
from gsn_studio.model.changes import UpdateNode

STATEMENT, KIND, MONITOR, REVIEW_DAYS, DEFEATER = range(5)
HEADERS = ("Condition", "Kind", "Monitor", "Review days", "Defeater")
_FIELDS = {
    STATEMENT: "statement",
    MONITOR: "monitor",
    REVIEW_DAYS: "review_days",
    DEFEATER: "defeater",
}


class ConditionsBox(QGroupBox):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__("Degradation conditions", parent)
        self.document = document
        self.node_id = ""
        self._loading = False
        self.setToolTip(
            "Conditions under which this claim would stop holding (a distribution shift, a "
            "model update, new regulation...), each with how it is detected: a monitor (a "
            "solution with a measure), a review interval in days, or a defeater kept open"
        )
        self.load_bearing = QCheckBox("Load-bearing claim")
        self.load_bearing.setToolTip(
            "The argument rests on this claim: like the top claim, it must name its "
            "degradation conditions"
        )
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        # A narrow panel scrolls the table sideways rather than widening the whole form.
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.table.setMinimumWidth(120)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(STATEMENT, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(STATEMENT, 200)
        header.setStretchLastSection(True)
        for column, width in ((KIND, 130), (MONITOR, 64), (REVIEW_DAYS, 84), (DEFEATER, 64)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.add_button = QPushButton("Add condition")
        self.remove_button = QPushButton("Remove")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.load_bearing)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.load_bearing.clicked.connect(self._on_load_bearing)
        self.table.itemChanged.connect(self._on_item_changed)
        self.add_button.clicked.connect(self.add_condition)
        self.remove_button.clicked.connect(self.remove_selected)

    def load(self, node: Node) -> None:
        self.node_id = node.id
        self._loading = True
        try:
            self.load_bearing.setChecked(node.load_bearing)
            self.table.setRowCount(len(node.degradation))
            for row, condition in enumerate(node.degradation):
                self._fill_row(row, condition)
            self.table.resizeRowsToContents()
            rows = sum(self.table.rowHeight(row) for row in range(self.table.rowCount()))
            empty = 0 if self.table.rowCount() else self.fontMetrics().height() + 8
            frame = 2 * self.table.frameWidth()
            header_height = self.table.horizontalHeader().sizeHint().height()
            scroll = self.table.horizontalScrollBar().sizeHint().height()
            self.table.setFixedHeight(header_height + rows + empty + frame + scroll)
        finally:
            self._loading = False

    def _fill_row(self, row: int, condition: DegradationCondition) -> None:
        texts = {
            STATEMENT: condition.statement,
            MONITOR: condition.monitor,
            REVIEW_DAYS: "" if condition.review_days is None else str(condition.review_days),
            DEFEATER: condition.defeater,
        }
        for column, text in texts.items():
            current = self.table.item(row, column)
            if current is None or current.text() != text:
                self.table.setItem(row, column, QTableWidgetItem(text))
        combo = self.table.cellWidget(row, KIND)
        if not isinstance(combo, QComboBox):
            combo = QComboBox()
            combo.addItems([kind.value for kind in ConditionKind])
            combo.currentTextChanged.connect(lambda text, r=row: self._on_kind(r, text))
            self.table.setCellWidget(row, KIND, combo)
        combo.blockSignals(True)
        combo.setCurrentText(condition.kind.value)
        combo.blockSignals(False)

    # -- edits ---------------------------------------------------------------------------

    def _conditions(self) -> tuple[DegradationCondition, ...]:
        node = self.document.case.get(self.node_id)
        return node.degradation if node is not None else ()

    def _push(self, conditions: tuple[DegradationCondition, ...], text: str) -> bool:
        if not self.document.push(UpdateNode(self.node_id, {"degradation": conditions}), text):
            self._reload()
            return False
        return True

    def _reload(self) -> None:
        node = self.document.case.get(self.node_id)
        if node is not None:
            self.load(node)

    def add_condition(self) -> None:
        new = DegradationCondition(statement="New condition: say what would change")
        text = f"Add a degradation condition to {self.node_id}"
        if not self._push((*self._conditions(), new), text):
            return  # refused (read-only): the last existing condition must not open for typing
        self._reload()
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, STATEMENT)
        added = self.table.item(row, STATEMENT)
        assert added is not None  # _reload filled the new row
        self.table.editItem(added)

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        conditions = self._conditions()
        if 0 <= row < len(conditions):
            kept = conditions[:row] + conditions[row + 1 :]
            self._push(kept, f"Remove a degradation condition from {self.node_id}")
            self._reload()

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        row, column = item.row(), item.column()
        text = item.text().strip()
        value: object = text
        if column == REVIEW_DAYS:
            if text and not text.isdigit():
                self.document.refused.emit("Review days is a whole number of days")
                self._reload()
                return
            value = int(text) if text else None
        self._change(row, _FIELDS[column], value)

    def _on_kind(self, row: int, text: str) -> None:
        if not self._loading:
            self._change(row, "kind", ConditionKind(text))

    def _change(self, row: int, field: str, value: object) -> None:
        conditions = list(self._conditions())
        if not 0 <= row < len(conditions) or getattr(conditions[row], field) == value:
            return
        try:
            changed = DegradationCondition.model_validate(
                {**conditions[row].model_dump(), field: value}
            )
        except ValueError as error:
            message = str(error).splitlines()
            self.document.refused.emit(message[-1].strip() if message else "not a valid value")
            self._reload()
            return
        conditions[row] = changed
        self._push(tuple(conditions), f"Edit a degradation condition of {self.node_id}")

    def _on_load_bearing(self, checked: bool) -> None:
        text = f"Mark {self.node_id} {'load-bearing' if checked else 'not load-bearing'}"
        if not self.document.push(UpdateNode(self.node_id, {"load_bearing": checked}), text):
            self._reload()
