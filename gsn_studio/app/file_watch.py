"""Noticing that another program changed or deleted the open file.

A QFileSystemWatcher reports most changes at once, but editors that save by writing a new file
and renaming it over the old one leave the watcher on a file that no longer exists, so the
file is also compared when the window becomes active again, and the watch is set up anew
after every check. What we loaded or saved ourselves is remembered by content, so our own
saves never look like someone else's.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from gsn_studio.app.document import Document
from gsn_studio.io.disk_state import DiskState

CHECK_DELAY_MS = 250
"""Wait this long after a change is reported: a save by another program is often several
writes, or a write then a rename, and should be judged once, complete."""
BUSY_RETRY_MS = 500
"""While a dialog is open, look again this often rather than stack a question on top of it."""


class FileWatch(QObject):
    changed_outside = Signal()
    """The file holds a version we did not load or save, and nobody was told about it yet."""
    deleted = Signal()
    """The file is gone (and was there before)."""

    def __init__(self, document: Document, window: QWidget) -> None:
        super().__init__(window)
        self.document = document
        self.known: DiskState | None = None
        """The version we loaded or last saved: the one the document started from."""
        self.accepted: DiskState | None = None
        """A version from elsewhere the user chose to keep theirs over: saving may replace it."""
        self._reported: DiskState | None = None
        self._reported_missing = False
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self.schedule_check)
        self.watcher.directoryChanged.connect(self.schedule_check)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)
        self._activated = False
        """Whether the window was active before: its first activation is no return from
        another program (at start-up it follows the reading of the file just opened)."""
        document.reset.connect(self.follow)
        document.saved.connect(self.follow)
        window.installEventFilter(self)

    def follow(self) -> None:
        """The document now matches its file (opened, reloaded or saved): watch that version."""
        path = self.document.path
        self.known = DiskState.of(path) if path else None
        self.accepted = self._reported = None
        self._reported_missing = False
        self._watch()

    def adopt(self, base: DiskState | None) -> None:
        """Work restored after a crash started from this version of its file, not today's."""
        self.known = base

    def other_version(self) -> DiskState | None:
        """The file's version when it is one we neither loaded, saved nor agreed to replace."""
        path = self.document.path
        now = DiskState.of(path) if path else None
        if now is None or now.same_as(self.known) or now.same_as(self.accepted):
            return None
        return now

    def keep_mine(self) -> None:
        """The user keeps their version over the one reported: saving may now replace it."""
        self.accepted = self._reported

    def schedule_check(self, *_args: object) -> None:
        self._timer.start(CHECK_DELAY_MS)

    @property
    def check_pending(self) -> bool:
        """Whether a comparison of the file with the disk is due."""
        return self._timer.isActive()

    def check(self) -> None:
        """Compare the file with what we know and report a new version or a deletion, once."""
        path = self.document.path
        if path is None:
            return
        if QApplication.activeModalWidget() is not None:
            self._timer.start(BUSY_RETRY_MS)  # answer one question at a time
            return
        self._watch()
        now = DiskState.of(path)
        if now is None:
            if not path.exists() and self.known is not None and not self._reported_missing:
                self._reported_missing = True
                self.deleted.emit()
            return
        self._reported_missing = False
        other = self.other_version()
        if other is not None and not other.same_as(self._reported):
            self._reported = other
            self.changed_outside.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            if self._activated:  # back from another program: the watcher may have missed it
                self.schedule_check()
            self._activated = True
        return False

    def _watch(self) -> None:
        """Watch the file and its folder afresh: after a rename over the file, an old watch
        follows the replaced file rather than the name."""
        stale = self.watcher.files() + self.watcher.directories()
        if stale:
            self.watcher.removePaths(stale)
        path = self.document.path
        wanted = [str(p) for p in (path, path.parent) if p.exists()] if path else []
        if wanted:
            self.watcher.addPaths(wanted)
