"""The evidence register as table rows: every solution's evidence and every refutation,
soonest due first, as `gsn-studio evidence` lists them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from gsn_studio.analysis import EvidenceState
from gsn_studio.analysis.register import RegisterRow
from gsn_studio.app.panels.rows_model import ModelIndex, RowsModel
from gsn_studio.app.panels.texts import first_line
from gsn_studio.app.plain_text import tip

COLUMNS = ("Id", "Statement", "Reference", "Due", "State", "Verified", "Measured")
ID, STATEMENT, REFERENCE, DUE, STATE, VERIFIED, MEASURED = range(len(COLUMNS))

GOOD_STATES = frozenset({EvidenceState.CURRENT})
WARNING_STATES = frozenset({EvidenceState.EXPIRING, EvidenceState.NOT_READ})
_RED, _AMBER, _GREEN = QColor("#c62828"), QColor("#9a5b00"), QColor("#2e7d32")


class RegisterModel(RowsModel[RegisterRow]):
    columns = COLUMNS

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[RegisterRow] = []
        self._texts: list[tuple[str, ...]] = []
        self._filter = ""

    def set_rows(self, rows: list[RegisterRow]) -> None:
        self.rows = rows
        self._refilter()

    def set_filter(self, text: str) -> None:
        self._filter = text.strip().lower()
        self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        texts = [(row, _cells(row)) for row in self.rows]
        if self._filter:
            texts = [(r, t) for r, t in texts if self._filter in "\n".join(t).lower()]
        self.shown = [row for row, _t in texts]
        self._texts = [t for _r, t in texts]
        self.endResetModel()

    # -- the table model -----------------------------------------------------------------

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.shown[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip(_tooltip(row, column))
        if role == Qt.ItemDataRole.ForegroundRole and column == STATE:
            state = row.judgement.state
            return _GREEN if state in GOOD_STATES else _AMBER if state in WARNING_STATES else _RED
        if role == Qt.ItemDataRole.UserRole:
            return row.node
        return None


def _cells(row: RegisterRow) -> tuple[str, ...]:
    judgement = row.judgement
    evidence = judgement.evidence
    verified = evidence.verified
    measured = ""
    if evidence.measure is not None:
        value = "no value" if judgement.measured is None else f"{judgement.measured:g}"
        verdict = "" if judgement.passes is None else " ✓" if judgement.passes else " ✗ fails"
        measured = f"{value}{verdict} ({evidence.measure.rule})"
    return (
        row.node if row.role == "evidence" else f"{row.node} (refutation)",
        first_line(row.statement, 90),
        evidence.reference,
        judgement.due.isoformat() if judgement.due else "",
        judgement.state.replace("-", " ").upper(),
        f"{verified.on.isoformat()} {verified.by}".strip() if verified else "never",
        measured,
    )


def _tooltip(row: RegisterRow, column: int) -> str:
    judgement = row.judgement
    if column == STATEMENT:
        return row.statement
    if column == STATE:
        return "\n".join(f.message for f in judgement.findings) or "Holds as of the as-of date"
    if column == VERIFIED and judgement.evidence.verified is not None:
        sha = judgement.evidence.verified.sha256
        return f"SHA-256 {sha}" if sha else "Verified without a hash"
    if column == REFERENCE:
        return f"{judgement.evidence.reference}\nArtifact: {judgement.hash_state.value}"
    return ""
