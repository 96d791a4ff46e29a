"""Auto-layout off the GUI thread, with a progress dialog that can cancel it."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from gsn_studio.layout import LayoutCancelled, LayoutError, layout_case, layout_selection
from gsn_studio.model import Case, Position


class _Worker(QThread):
    done = Signal(object)
    failed = Signal(str)

    def __init__(
        self, case: Case, selected: list[str] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.case = case
        self.selected = selected
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            if self.selected is None:
                positions = layout_case(self.case, cancelled=self.stop.is_set)
            else:
                positions = layout_selection(self.case, self.selected, self.stop.is_set)
        except LayoutCancelled:
            return
        except LayoutError as error:
            self.failed.emit(str(error))
            return
        self.done.emit(positions)


class LayoutRunner(QObject):
    """Runs one layout at a time; `finished` carries the positions, never on cancel."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._worker: _Worker | None = None
        self._dialog: QProgressDialog | None = None

    def is_running(self) -> bool:
        return self._worker is not None

    def start(self, case: Case, selected: list[str] | None = None) -> None:
        """Lay out the whole case, or with `selected` just the subtrees under those nodes."""
        if self._worker is not None:
            return
        # The worker gets its own lists of the nodes and links: the user may keep editing
        # while it runs. Edits replace nodes and links (never change one in place), so the
        # objects themselves are shared; a deep copy took 5 s at 10,000 nodes.
        snapshot = case.model_copy(update={"nodes": list(case.nodes), "links": list(case.links)})
        self._worker = _Worker(snapshot, selected, self)
        self._worker.done.connect(self._on_done)
        self._worker.failed.connect(self.failed)
        self._worker.finished.connect(self._on_thread_end)
        self._dialog = QProgressDialog(
            f"Laying out {len(case.nodes):,} nodes…", "Cancel", 0, 0, self._parent
        )
        self._dialog.setWindowTitle("Auto-layout")
        self._dialog.setMinimumDuration(400)  # small cases finish before it would show
        self._dialog.canceled.connect(self.cancel)
        self._worker.start()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.stop.set()

    def wait(self, milliseconds: int = 30_000) -> bool:
        """Block until the layout ends (for tests and for closing the window)."""
        return self._worker.wait(milliseconds) if self._worker else True

    def _on_done(self, positions: dict[str, Position]) -> None:
        if self._worker is not None and not self._worker.stop.is_set():
            self.finished.emit(positions)

    def _on_thread_end(self) -> None:
        if self._dialog is not None:
            self._dialog.reset()
            self._dialog.deleteLater()
            self._dialog = None
        if self._worker is not None:
            self._worker.deleteLater()
            self._worker = None
