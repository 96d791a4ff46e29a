"""Acceptances on the canvas: a tag hanging under each accepted element, which turns amber and
says "acceptance stale" once `check` finds what it covered changed. The tooltip names who
accepted it, when, and what changed. Tags keep their size on screen, like comment bubbles."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget
from shiboken6 import isValid

from gsn_studio.app.canvas.paints import brush, font, pen
from gsn_studio.app.document import Document
from gsn_studio.model.changes import Effects
from gsn_studio.notation.acceptance import ACCEPTED, STALE, AcceptanceMark
from gsn_studio.notation.metrics import text_width

if TYPE_CHECKING:
    from gsn_studio.app.canvas.scene import CanvasScene

TAG_HEIGHT = 16.0
TAG_TEXT_SIZE = 10.0
TAG_Z = 4.0


class AcceptanceTagItem(QGraphicsItem):
    def __init__(self, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.mark = ACCEPTED
        self._rect = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(TAG_Z)

    def show_mark(self, mark: AcceptanceMark, tip: str) -> None:
        self.prepareGeometryChange()
        self.mark = mark
        width = text_width(mark.word, TAG_TEXT_SIZE, bold=True) + 12
        self._rect = QRectF(-width / 2, 2, width, TAG_HEIGHT)
        self.setToolTip(tip)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> Any:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(pen(self.mark.edge, 1.0))
        painter.setBrush(brush(self.mark.fill))
        painter.drawRoundedRect(self._rect, 4, 4)
        painter.setPen(pen(self.mark.text, 1.0))
        painter.setFont(font(TAG_TEXT_SIZE, bold=True))
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.mark.word)


class AcceptanceTags(QObject):
    """One tag on every accepted element, kept in step with the findings."""

    def __init__(self, scene: CanvasScene, document: Document) -> None:
        super().__init__(scene)
        self.scene = scene
        self.document = document
        self._tags: dict[str, AcceptanceTagItem] = {}
        self.looked_at = 0
        """How many nodes the last refresh looked at (tests check an edit looks at its own)."""
        document.findings_changed.connect(self._on_findings)
        document.changed.connect(self._on_changed)
        document.reset.connect(self.refresh)
        self.refresh()

    def _on_changed(self, effects: Effects) -> None:
        """An undone acceptance goes at once: the nodes an edit added, removed or changed are
        looked at now (no other node's acceptance can change), the tagged and the stale ones
        when the findings follow."""
        if effects.renamed:
            self.refresh()
        elif effects.added or effects.removed or effects.changed:
            self.refresh([*effects.added, *effects.removed, *effects.changed])

    def _on_findings(self) -> None:
        """Only findings say an acceptance is stale: the tagged nodes and the stale ones are
        all whose tag can change."""
        stale = {f.node for f in self.document.findings if f.code == "acceptance-stale"}
        self.refresh(self._tags.keys() | {node_id for node_id in stale if node_id is not None})

    def tag_for(self, node_id: str) -> AcceptanceTagItem | None:
        return self._tags.get(node_id)

    def refresh(self, only: Collection[str] | None = None) -> None:
        """Tag every accepted element, or of `only` these nodes (the others keep theirs)."""
        stale = {f.node: f.message for f in self.document.findings if f.code == "acceptance-stale"}
        case = self.document.case
        tags: dict[str, AcceptanceTagItem] = {}
        nodes = case.nodes
        if only is not None:
            tags = {key: tag for key, tag in self._tags.items() if key not in only}
            nodes = [node for node in map(case.get, dict.fromkeys(only)) if node is not None]
        self.looked_at = len(nodes)
        for node in nodes:
            accepted = node.acceptance
            item = self.scene.item_for(node.id)
            if accepted is None or item is None:
                continue
            tag = self._tags.get(node.id)
            if tag is None or not isValid(tag) or tag.parentItem() is not item:
                tag = AcceptanceTagItem(item)
            tag.setPos(QPointF(0.0, item.geometry.half_height))
            signed = f"Accepted by {accepted.by} on {accepted.on.isoformat()}"
            if node.id in stale:
                tag.show_mark(STALE, stale[node.id])
            else:
                tag.show_mark(ACCEPTED, signed)
            tags[node.id] = tag
        for node_id, tag in self._tags.items():
            if tags.get(node_id) is not tag and isValid(tag) and tag.scene() is not None:
                tag.scene().removeItem(tag)
        self._tags = tags
