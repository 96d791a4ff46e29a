"""At start, offer back the work that an editor which stopped without saving left behind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gsn_studio.app.plain_text import tip
from gsn_studio.app.recovery import LeftBehind, left_behind
from gsn_studio.app.tree_items import top_level_items

if TYPE_CHECKING:
    from gsn_studio.app.main_window import MainWindow


class RecoveryDialog(QDialog):
    """Each piece of work with a tick box; Restore or Discard acts on the ticked ones and
    keeps the rest, Later keeps them all for the next start."""

    def __init__(self, work: list[LeftBehind], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.work = work
        self.choice: str | None = None
        """"restore", "discard" or "later" once answered."""
        self.setWindowTitle("Recover Unsaved Work")
        heading = QLabel("<b>GSN Studio stopped before these changes were saved.</b>")
        explanation = QLabel(
            "Restored work opens under its file name, marked unsaved: look it over, then save "
            "it. Work left unticked is kept for next time."
        )
        explanation.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keep the extension
        self.table.setHeaderLabels(["Case", "Autosaved", "Nodes"])
        now = dt.datetime.now().astimezone()
        for piece in work:
            item = QTreeWidgetItem([_title(piece), when(piece.saved_at, now), str(piece.nodes)])
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setToolTip(
                0, tip(str(piece.original)) if piece.original else "Never saved to a file"
            )
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.addTopLevelItem(item)
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumWidth(520)
        shown = sum(self.table.sizeHintForRow(row) for row in range(min(len(work), 8)))
        frame = 2 * self.table.frameWidth() + header.sizeHint().height()
        self.table.setFixedHeight(shown + frame)  # no blank rows; beyond eight, it scrolls
        self.table.itemChanged.connect(self._update_buttons)

        buttons = QDialogButtonBox()
        self.restore_button = self._button(buttons, "&Restore", "restore")
        self.discard_button = self._button(buttons, "&Discard", "discard")
        self.later_button = self._button(buttons, "&Later", "later")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def chosen(self) -> list[LeftBehind]:
        """The ticked work."""
        return [
            piece
            for piece, item in zip(self.work, top_level_items(self.table), strict=True)
            if item.checkState(0) == Qt.CheckState.Checked
        ]

    def reject(self) -> None:
        # Escape or the close button: decide later, lose nothing.
        self.choice = self.choice or "later"
        super().reject()

    def _button(self, buttons: QDialogButtonBox, text: str, choice: str) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)

        def choose() -> None:
            self.choice = choice
            self.accept() if choice == "restore" else self.reject()

        button.clicked.connect(choose)
        return button

    def _update_buttons(self) -> None:
        any_chosen = bool(self.chosen())
        self.restore_button.setEnabled(any_chosen)
        self.discard_button.setEnabled(any_chosen)


def offer_recovery(
    window: MainWindow, new_window: Callable[[], MainWindow]
) -> RecoveryDialog | None:
    """Show the work left behind, if any, without blocking; act on the answer when it comes.
    Work goes into `window` while it is empty, else into windows from `new_window`."""
    work = left_behind()
    if not work:
        return None
    dialog = RecoveryDialog(work, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered() -> None:
        if dialog.choice == "restore":
            target = window
            for piece in dialog.chosen():
                if not _can_take(target, piece):
                    target = new_window()
                target.files.restore(piece)
        elif dialog.choice == "discard":
            for piece in dialog.chosen():
                piece.remove()

    dialog.finished.connect(answered)
    dialog.open()
    return dialog


def when(moment: dt.datetime, now: dt.datetime) -> str:
    """A time as people say it: "today 14:32", "yesterday 09:05", "3 Mar 2025, 17:40"."""
    local = moment.astimezone(now.tzinfo)
    clock = f"{local:%H:%M}"
    if local.date() == now.date():
        return f"today {clock}"
    if local.date() == now.date() - dt.timedelta(days=1):
        return f"yesterday {clock}"
    return f"{local.day} {local:%b %Y}, {clock}"


def _title(piece: LeftBehind) -> str:
    if piece.original is None and piece.name:
        return f"Untitled ({piece.name})"
    return piece.title


def _can_take(window: MainWindow, piece: LeftBehind) -> bool:
    """An untouched window that is empty, or shows the very file the work came from."""
    document = window.document
    if document.is_modified():
        return False
    if document.path is None:
        return not document.case.nodes
    return piece.original is not None and document.path.resolve() == piece.original
