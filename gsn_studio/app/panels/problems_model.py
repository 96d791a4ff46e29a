"""The document's findings as table rows, filtered by text and severity, in check order."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from gsn_studio.analysis import Finding, Severity
from gsn_studio.app.panels.rows_model import ModelIndex, RowsModel
from gsn_studio.app.panels.swatches import severity_icon
from gsn_studio.app.plain_text import tip

COLUMNS = ("Severity", "Node", "Code", "Message")
SEVERITY, NODE, CODE, MESSAGE = range(4)


class ProblemsModel(RowsModel[Finding]):
    columns = COLUMNS

    def __init__(self) -> None:
        super().__init__()
        self.findings: list[Finding] = []
        self._text = ""
        self._severity: Severity | None = None

    def set_findings(self, findings: list[Finding]) -> None:
        self.findings = list(findings)
        self._refilter()

    def set_filter(self, text: str, severity: Severity | None) -> None:
        self._text, self._severity = text.strip().lower(), severity
        self._refilter()

    def finding_at(self, index: ModelIndex) -> Finding | None:
        return self.row_at(index)

    def _refilter(self) -> None:
        self.beginResetModel()
        self.shown = [f for f in self.findings if self._accepts(f)]
        self.endResetModel()

    def _accepts(self, finding: Finding) -> bool:
        if self._severity is not None and finding.severity is not self._severity:
            return False
        if not self._text:
            return True
        haystack = f"{finding.node or ''}\n{finding.code}\n{finding.message}".lower()
        return self._text in haystack

    # -- the table model -----------------------------------------------------------------

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        finding = self.finding_at(index)
        if finding is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (finding.severity.value, finding.node or "-", finding.code, finding.message)[
                column
            ]
        if role == Qt.ItemDataRole.DecorationRole and column == SEVERITY:
            return severity_icon(finding.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip(finding.message)
        if role == Qt.ItemDataRole.UserRole:
            return finding.node
        return None
