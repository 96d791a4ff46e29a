"""In-place editing of a node's statement, over the node's text on the canvas.

Keys: Enter (or Ctrl+Enter) commits; Shift+Enter starts a new line, since statements may have
several; Escape cancels. Clicking elsewhere commits too. Switching to another window or
opening a popup does not end the edit. The editor only reports the text: the scene pushes
the change, so the edit is one undo step like any other.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QTextCursor
from PySide6.QtWidgets import QGraphicsTextItem, QStyle, QStyleOptionGraphicsItem, QWidget

from gsn_studio.app.canvas.node_item import NodeItem
from gsn_studio.app.canvas.paints import brush, colour, font, pen
from gsn_studio.app.plain_text import wrap_mode_for
from gsn_studio.notation.geometry import LINE_HEIGHT, TEXT_SIZE, WRAP_WIDTH
from gsn_studio.notation.palette import SELECTION_COLOUR, TYPE_LOOKS

EDITOR_Z = 20.0
MARGIN = 3.0

Finish = Callable[["InlineEditor", str | None], None]
"""Called once with the editor and its text (None when cancelled)."""

_KEEP_EDITING = (
    Qt.FocusReason.ActiveWindowFocusReason,
    Qt.FocusReason.PopupFocusReason,
)


class InlineEditor(QGraphicsTextItem):
    def __init__(self, node_item: NodeItem, finish: Finish) -> None:
        super().__init__()
        node = node_item.node
        geometry = node_item.geometry
        self.node_id = node.id
        self.original = node.statement
        self._finish = finish
        self.done = False
        self.setFont(font(TEXT_SIZE))
        self.setDefaultTextColor(colour(TYPE_LOOKS[node.type].text))
        self.document().setDocumentMargin(MARGIN)
        option = self.document().defaultTextOption()
        option.setWrapMode(wrap_mode_for(node.statement))  # a long word is wrapped anywhere
        self.document().setDefaultTextOption(option)
        self.setPlainText(node.statement)
        self.setTextWidth(max(geometry.text_width, WRAP_WIDTH[node.type]) + 2 * MARGIN)
        # The statement's first line sits just under the id line, as drawn on the node.
        offset = QPointF(geometry.text_left - MARGIN, geometry.text_top + LINE_HEIGHT - MARGIN)
        self.setPos(node_item.pos() + offset)
        self.setZValue(EDITOR_Z)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)

    def start(self) -> None:
        """Take the keyboard focus with the whole statement selected."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = self.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        self.setTextCursor(cursor)

    def commit(self) -> None:
        if not self.done:
            self.done = True
            self._finish(self, self.toPlainText())

    def cancel(self) -> None:
        if not self.done:
            self.done = True
            self._finish(self, None)

    # -- Qt overrides ----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.textCursor().insertText("\n")
            else:
                self.commit()
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            self.cancel()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() not in _KEEP_EDITING:
            self.commit()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(pen(SELECTION_COLOUR, 1.5))
        painter.setBrush(brush("#ffffff"))
        painter.drawRect(self.boundingRect())
        # Without the focus state, which Qt would outline with a second, dashed frame.
        plain = QStyleOptionGraphicsItem(option)
        plain.state &= ~QStyle.StateFlag.State_HasFocus
        # Qt takes nullptr for the widget (it is optional in QGraphicsItem::paint); the stub
        # of this override omits None.
        super().paint(painter, plain, widget)  # type: ignore[arg-type]
