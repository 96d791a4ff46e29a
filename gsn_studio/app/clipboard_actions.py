"""Cut, copy, paste and delete of the selected nodes, each one undo step through the document."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QMimeData
from PySide6.QtWidgets import QApplication

from gsn_studio.app import editing
from gsn_studio.app.document import Document
from gsn_studio.app.selection import Selection
from gsn_studio.model import ModelError


def _label(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else f"{len(ids)} nodes"


class ClipboardActions:
    """What the Edit menu's clipboard entries do; `refuse` says why in the status bar."""

    def __init__(
        self, document: Document, selection: Selection, refuse: Callable[[str], None]
    ) -> None:
        self.document = document
        self.selection = selection
        self.refuse = refuse

    def delete(self) -> None:
        ids = self.selection.ids
        if ids and self.document.push(
            editing.delete(self.document.case, ids), f"Delete {_label(ids)}"
        ):
            self.selection.set([])

    def copy(self) -> bool:
        ids = self.selection.ids
        if not ids:
            return False
        data = QMimeData()
        payload = editing.copy_payload(self.document.case, ids)
        data.setData(editing.CLIPBOARD_MIME, QByteArray(payload.encode("utf-8")))
        data.setText("\n".join(f"{i}: {self.document.case.node(i).statement}" for i in ids))
        QApplication.clipboard().setMimeData(data)
        return True

    def cut(self) -> None:
        if self.copy():
            ids = self.selection.ids
            if self.document.push(editing.delete(self.document.case, ids), f"Cut {_label(ids)}"):
                self.selection.set([])

    def paste(self) -> None:
        data = QApplication.clipboard().mimeData()
        if data is None or not data.hasFormat(editing.CLIPBOARD_MIME):
            self.refuse("The clipboard holds no GSN nodes")
            return
        payload = bytes(data.data(editing.CLIPBOARD_MIME).data()).decode("utf-8")
        try:
            change, ids = editing.paste(self.document.case, payload)
        except ModelError as error:
            self.refuse(str(error))
            return
        if self.document.push(change, f"Paste {_label(ids)}"):
            self.selection.set(ids)
