"""Every field of one node, each edit pushed through the document as one undoable step."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from gsn_studio.app.document import Document
from gsn_studio.app.editing import make_room
from gsn_studio.app.panels.assurance_view import AssuranceView
from gsn_studio.app.panels.conditions import ConditionsBox
from gsn_studio.app.panels.defeater_form import DefeaterForm
from gsn_studio.app.panels.evidence_form import EvidenceForm
from gsn_studio.app.panels.fields import (
    LineField,
    MergeIds,
    TextField,
    plain_text,
    set_checked,
    set_line,
    set_plain,
)
from gsn_studio.app.panels.node_findings import NodeFindings
from gsn_studio.app.panels.swatches import type_pixmap
from gsn_studio.app.panels.texts import type_name
from gsn_studio.app.panels.traces_box import TracesBox
from gsn_studio.model import COUNTER, EVIDENTIAL, SUPPORTABLE, NodeType
from gsn_studio.model.changes import MoveNodes, RenameNode, UpdateNode
from gsn_studio.notation.palette import Status


def parse_tags(text: str) -> tuple[str, ...]:
    """Comma-separated words to tags: trimmed, empty ones and repeats dropped."""
    return tuple(dict.fromkeys(tag.strip() for tag in text.split(",") if tag.strip()))


class NodeForm(QWidget):
    """Shows the node `node_id` and turns the user's edits into model changes."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.node_id = ""
        self._merge_ids = MergeIds()

        self.id_edit = LineField()
        self.id_edit.setToolTip("One word; links follow a renamed node")
        self.type_icon = QLabel()
        self.type_label = QLabel()
        self.statement = TextField(lines=4)
        self.statement.setPlaceholderText("What this element claims or states")
        self.description = TextField(lines=3)
        self.description.setPlaceholderText("Notes, rationale, links to sources")
        self.tags = LineField()
        self.tags.setPlaceholderText("Comma-separated")
        self.owner = LineField()
        self.owner.setPlaceholderText("Who is responsible for this claim")
        self.undeveloped = QCheckBox("Undeveloped")
        self.undeveloped.setToolTip(
            "Mark the claim as deliberately left open: its support is to be added later"
        )
        self._build_boxes()
        findings_box = QGroupBox("Findings")
        QVBoxLayout(findings_box).addWidget(self.findings)

        type_row = QHBoxLayout()
        type_row.addWidget(self.type_icon)
        type_row.addWidget(self.type_label, 1)
        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form.addRow("Id", self.id_edit)
        self._form.addRow("Type", type_row)
        self._form.addRow("Statement", self.statement)
        self._form.addRow("Description", self.description)
        self._form.addRow("Tags", self.tags)
        self._form.addRow("Owner", self.owner)
        self._form.addRow("", self.undeveloped)
        self._add_pattern_rows()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._form)
        for box in (
            self.traces,
            self.assurance_box,
            self.conditions,
            self.evidence_box,
            self.defeater_box,
            findings_box,
        ):
            layout.addWidget(box)
        layout.addStretch(1)
        self._connect_fields()

    def _connect_fields(self) -> None:
        self.id_edit.editingFinished.connect(self.commit_id)
        self.tags.editingFinished.connect(self.commit_tags)
        self.statement.textChanged.connect(
            lambda: self._push_text("statement", plain_text(self.statement))
        )
        self.description.textChanged.connect(
            lambda: self._push_text("description", plain_text(self.description))
        )
        self.owner.textEdited.connect(lambda text: self._push_text("owner", text))
        self.undeveloped.clicked.connect(self._on_undeveloped_clicked)
        for field in (self.id_edit, self.tags, self.owner, self.statement, self.description):
            field.entered.connect(self._merge_ids.restart)
        self.statement.left.connect(self.make_room)

    def _build_pattern_fields(self) -> None:
        self.uninstantiated = QCheckBox("Uninstantiated")
        self.uninstantiated.setObjectName("uninstantiated")
        self.uninstantiated.setToolTip(
            "Pattern notation: the element's parameters are still to be given values"
        )
        self.role = QLabel()
        self.role.setObjectName("role")
        self.role.setToolTip("The pattern role this element was instantiated from")
        self.uninstantiated.clicked.connect(self._on_uninstantiated_clicked)

    def _add_pattern_rows(self) -> None:
        self._form.addRow("", self.uninstantiated)
        self._form.addRow("Role", self.role)

    def _build_boxes(self) -> None:
        """Evidence, defeater standing and the why of the status, each shown when it applies;
        the pattern fields."""
        self._build_pattern_fields()
        self.evidence = EvidenceForm(self.document, self._merge_ids)
        self.evidence_box = QGroupBox("Evidence")
        QVBoxLayout(self.evidence_box).addWidget(self.evidence)
        self.defeater = DefeaterForm(self.document)
        self.refutation = EvidenceForm(self.document, self._merge_ids, field="refutation")
        self.defeater_box = QGroupBox("Defeater")
        defeater_layout = QVBoxLayout(self.defeater_box)
        defeater_layout.addWidget(self.defeater)
        refutation_title = QLabel("<b>Refuting evidence</b>")
        refutation_title.setToolTip(
            "What shows the defeater does not hold; a refuted defeater stays refuted only "
            "while this evidence holds"
        )
        defeater_layout.addWidget(refutation_title)
        defeater_layout.addWidget(self.refutation)
        self.assurance = AssuranceView()
        self.assurance_box = QGroupBox("Why this status")
        QVBoxLayout(self.assurance_box).addWidget(self.assurance)
        self.findings = NodeFindings()
        self.conditions = ConditionsBox(self.document)
        self.traces = TracesBox(self.document)

    # -- showing -------------------------------------------------------------------------

    def load(self, node_id: str) -> None:
        """Show a node; fields that already hold the model's value are left untouched."""
        node = self.document.case.node(node_id)
        new_node = node_id != self.node_id
        if new_node:
            self.commit_pending()
            self._merge_ids.restart()
            self.node_id = node_id
        # The id and tags apply when the user leaves the field: until then, their text wins.
        if new_node or not self.id_edit.isModified():
            set_line(self.id_edit, node.id)
            self.id_edit.setModified(False)
        if new_node or not self.tags.isModified():
            set_line(self.tags, ", ".join(node.tags))
            self.tags.setModified(False)
        self._show_type(node.type)
        set_plain(self.statement, node.statement)
        set_plain(self.description, node.description)
        set_line(self.owner, node.owner)
        set_checked(self.undeveloped, node.undeveloped)
        self._form.setRowVisible(self.owner, node.type is NodeType.GOAL)
        self._form.setRowVisible(self.undeveloped, node.type in SUPPORTABLE)
        self.conditions.setVisible(node.type is NodeType.GOAL)
        if node.type is NodeType.GOAL:
            self.conditions.load(node)
        set_checked(self.uninstantiated, node.uninstantiated)
        # Pattern notation belongs to patterns: an ordinary case does not offer it.
        is_pattern = self.document.case.pattern is not None
        self._form.setRowVisible(self.uninstantiated, is_pattern or node.uninstantiated)
        role = node.role
        items = f" ({', '.join(role.items)})" if role is not None and role.items else ""
        self.role.setText("" if role is None else role.role + items)
        self._form.setRowVisible(self.role, role is not None)
        self.evidence_box.setVisible(node.type in EVIDENTIAL)
        if node.type in EVIDENTIAL:
            self.evidence.load(node, new_node)
        self.defeater_box.setVisible(node.type in COUNTER)
        if node.type in COUNTER:
            self.defeater.load(node)
            self.refutation.load(node, new_node)
        self.show_findings()

    def show_findings(self) -> None:
        """What the last check says about the node: findings, judged evidence, status."""
        node_id = self.node_id
        self.findings.show_findings(
            [f for f in self.document.findings if f.node == node_id and node_id]
        )
        self.traces.show_node(self.document.case.get(node_id) if node_id else None)
        assessment = self.document.assessment
        if not node_id or assessment is None:
            return
        if not self.evidence_box.isHidden():
            self.evidence.show_judgement(assessment.judgements.get(node_id))
        if not self.defeater_box.isHidden():
            self.refutation.show_judgement(assessment.refutations.get(node_id))
        assurance = assessment.assurance.get(node_id)
        self.assurance_box.setHidden(assurance is None)
        self.assurance.show_assurance(
            node_id,
            assurance,
            self.document.statuses.get(node_id, Status.NONE),
            assessment.as_of.isoformat(),
        )

    def _show_type(self, node_type: NodeType) -> None:
        if self.type_label.text() != type_name(node_type):
            self.type_label.setText(type_name(node_type))
            self.type_icon.setPixmap(type_pixmap(node_type, 28, 18))

    def follow_rename(self, old: str, new: str) -> None:
        if old == self.node_id:
            self.node_id = new

    # -- edits ---------------------------------------------------------------------------

    def commit_pending(self) -> None:
        """Apply what the id and tags fields hold but have not yet applied, and the room a
        statement being typed needs."""
        if self.node_id and self.node_id in self.document.case:
            if self.id_edit.isModified():
                self.commit_id()
            if self.tags.isModified():
                self.commit_tags()
            self.make_room()

    def make_room(self) -> None:
        """Typing in the statement is over: if the node grew onto a neighbour, move the
        diagram beyond it aside, as part of the typing's undo step."""
        node = self.document.case.get(self.node_id)
        merge_id = self._merge_ids.current("statement")
        if node is None or merge_id is None or self.document.read_only:
            return
        moves = make_room(self.document.case, node)
        if moves:
            self.document.amend_last(MoveNodes(dict(moves)), merge_id)

    def commit_id(self) -> None:
        self.id_edit.setModified(False)
        old, new = self.node_id, self.id_edit.text().strip()
        if not old or new == old:
            set_line(self.id_edit, old)
            return
        if not new or not self.document.push(RenameNode(old, new), f"Rename {old} to {new}"):
            set_line(self.id_edit, old)  # refused: the document has said why

    def commit_tags(self) -> None:
        self.tags.setModified(False)
        node = self.document.case.get(self.node_id)
        if node is None:
            return
        tags = parse_tags(self.tags.text())
        if tags != node.tags:
            self.document.push(UpdateNode(node.id, {"tags": tags}), f"Edit tags of {node.id}")
        set_line(self.tags, ", ".join(self.document.case.node(self.node_id).tags))

    def _push_text(self, field: str, text: str) -> None:
        self._push(field, text, f"Edit {field} of {self.node_id}", self._merge_ids.for_field(field))

    def _on_undeveloped_clicked(self, checked: bool) -> None:
        self._merge_ids.restart()
        text = f"Mark {self.node_id} undeveloped" if checked else f"Mark {self.node_id} developed"
        if not self._push("undeveloped", checked, text):
            set_checked(self.undeveloped, not checked)

    def _on_uninstantiated_clicked(self, checked: bool) -> None:
        self._merge_ids.restart()
        text = f"Mark {self.node_id} {'uninstantiated' if checked else 'instantiated'}"
        if not self._push("uninstantiated", checked, text):
            set_checked(self.uninstantiated, not checked)

    def _push(self, field: str, value: Any, text: str, merge_id: int = -1) -> bool:
        node = self.document.case.get(self.node_id)
        if node is None or getattr(node, field) == value:
            return True
        return self.document.push(UpdateNode(node.id, {field: value}), text, merge_id)
