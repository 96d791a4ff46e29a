"""Edit > Pattern Parameters…: whether the module is an argument pattern, and the parameters
it declares, one row each (name, text or list, what it stands for). The dialog only collects;
`PatternActions` applies the result as one undoable step."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gsn_studio.model.patterns import Parameter, ParameterType, PatternInfo

NAME, TYPE, DESCRIPTION = range(3)


class ParametersDialog(QDialog):
    def __init__(self, info: PatternInfo | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Pattern Parameters")
        self.setObjectName("patternParametersDialog")
        self.result_info: PatternInfo | None = info
        self.is_pattern = QCheckBox("This module is an argument pattern")
        self.is_pattern.setChecked(info is not None)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Name", "Type", "What it stands for"])
        self.table.horizontalHeader().setSectionResizeMode(
            DESCRIPTION, QHeaderView.ResizeMode.Stretch
        )
        self.table.verticalHeader().hide()
        for parameter in info.parameters if info else ():
            self.add_row(parameter)
        add = QPushButton("Add Parameter")
        add.setObjectName("addParameter")
        add.clicked.connect(lambda: self.add_row(None))
        remove = QPushButton("Remove")
        remove.setObjectName("removeParameter")
        remove.clicked.connect(self._remove_current)
        self.problem = QLabel()
        self.problem.setObjectName("parameterProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        hint = QLabel(
            "Statements name parameters in braces: <i>{system} is acceptably safe</i>. A list "
            "parameter gives one branch per item where a link's multiplicity is over it."
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.is_pattern.toggled.connect(self._enable)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.is_pattern)
        layout.addWidget(hint)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(560, 360)
        self._enable(self.is_pattern.isChecked())

    def add_row(self, parameter: Parameter | None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, NAME, QTableWidgetItem(parameter.name if parameter else ""))
        kind = QComboBox()
        kind.addItems([t.value for t in ParameterType])
        kind.setCurrentText((parameter.type if parameter else ParameterType.TEXT).value)
        self.table.setCellWidget(row, TYPE, kind)
        described = parameter.description if parameter else ""
        self.table.setItem(row, DESCRIPTION, QTableWidgetItem(described))
        if parameter is None:
            self.table.setCurrentCell(row, NAME)
        return row

    def _remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def _enable(self, on: bool) -> None:
        self.table.setEnabled(on)

    def parameters(self) -> tuple[Parameter, ...]:
        """The rows as parameters; rows without a name are skipped. Raises ValueError with
        the model's reason for a bad name or a name given twice."""
        found: list[Parameter] = []
        for row in range(self.table.rowCount()):
            name_item = self.table.item(row, NAME)
            name = name_item.text().strip() if name_item else ""
            if not name:
                continue
            kind = self.table.cellWidget(row, TYPE)
            assert isinstance(kind, QComboBox)
            described = self.table.item(row, DESCRIPTION)
            found.append(
                Parameter(
                    name=name.strip("{}"),
                    type=ParameterType(kind.currentText()),
                    description=described.text().strip() if described else "",
                )
            )
        return tuple(found)

    def _accept(self) -> None:
        if not self.is_pattern.isChecked():
            self.result_info = None
            self.accept()
            return
        try:
            self.result_info = PatternInfo(parameters=self.parameters())
        except ValueError as error:
            self.problem.setText(_reason(error))
            return
        self.accept()


def _reason(error: ValueError) -> str:
    errors = getattr(error, "errors", None)
    if callable(errors):
        return str(errors()[0].get("msg", error)).removeprefix("Value error, ")
    return str(error)
