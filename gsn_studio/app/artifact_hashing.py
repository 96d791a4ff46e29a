"""Hashing large evidence files off the GUI thread: a 2 GB artifact took the editor 2 s to
hash, frozen, at every open. The document judges such a file once its hash arrives."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from gsn_studio.analysis.artifacts import hash_file


class BackgroundHasher(QObject):
    """Hashes each file asked for once at a time, each in a thread of its own."""

    hashed = Signal(object, object, object, str)  # sizes and times overflow a C++ int
    """path, the size and modification time it was asked for, and its SHA-256 ("" when the
    file could not be read). Delivered on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: set[Path] = set()
        self._lock = threading.Lock()
        self.hashed.connect(self._forget)

    def start(self, path: Path, size: int, mtime_ns: int) -> None:
        with self._lock:
            if path in self._running:
                return
            self._running.add(path)
        threading.Thread(
            target=self._hash, args=(path, size, mtime_ns), name="hash artifact", daemon=True
        ).start()

    def busy(self) -> bool:
        with self._lock:
            return bool(self._running)

    def _hash(self, path: Path, size: int, mtime_ns: int) -> None:
        try:
            digest = hash_file(path)
        except OSError:
            digest = ""
        self.hashed.emit(path, size, mtime_ns, digest)

    def _forget(self, path: Path, *_: object) -> None:
        with self._lock:
            self._running.discard(path)
