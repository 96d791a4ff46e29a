"""One editor per user: a file opened from the desktop while GSN Studio runs goes to the
running editor, and the second process exits.

The running editor listens on a local socket (a Unix socket, a named pipe on Windows) that
only its user may open; a second launch sends the absolute paths of its files as one JSON
line and waits for "ok". No answer in time, and the second launch opens its own window.
"""

from __future__ import annotations

import getpass
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ANSWER_MS = 3000  # a busy editor (a long layout, a save) still answers well within this
ACK = b"ok\n"


def server_name() -> str:
    """The socket of this user's editor: in the private runtime folder where there is one
    ($XDG_RUNTIME_DIR, mode 0700), else a name Qt places in the temporary folder."""
    user = re.sub(r"[^A-Za-z0-9_.-]", "_", _user())
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and Path(runtime).is_dir():
        return str(Path(runtime) / "gsn-studio.socket")
    return f"gsn-studio-{user}"


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container): the number will do
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


def hand_over(paths: Sequence[Path], name: str, wait_ms: int = ANSWER_MS) -> bool:
    """Give the files to the editor already listening on `name`; True when it took them."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(wait_ms):
        return False
    message = json.dumps({"files": [str(Path(p).absolute()) for p in paths]})
    socket.write(message.encode("utf-8") + b"\n")
    socket.flush()
    answer = b""
    while not answer.endswith(b"\n") and socket.waitForReadyRead(wait_ms):
        answer += socket.readAll().data()
    socket.disconnectFromServer()
    return answer == ACK


class FileReceiver(QObject):
    """The running editor's end: emits `files_received` for each hand-over."""

    files_received = Signal(list)  # list[Path]

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening; False when another editor already answers on the name. A socket
        file left behind by an editor that crashed is replaced. (Asked first, because with
        UserAccessOption Qt's listen replaces a live editor's socket as readily.)"""
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        if probe.waitForConnected(500):
            probe.disconnectFromServer()
            return False
        QLocalServer.removeServer(self.name)
        return self.server.listen(self.name)

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        # Read synchronously, with no Python slot on the socket: the sender writes its one
        # line as soon as it connects, and a slot still connected while Qt destroys the
        # socket is called on a half-destroyed object.
        while (socket := self.server.nextPendingConnection()) is not None:
            paths = _paths_in(_read_line(socket))
            if paths is not None:
                socket.write(ACK)
                socket.waitForBytesWritten(ANSWER_MS)
            socket.disconnectFromServer()
            socket.deleteLater()
            if paths is not None:
                self.files_received.emit(paths)


MAX_MESSAGE = 1 << 20  # a megabyte of file names is already absurd


def _read_line(socket: QLocalSocket) -> bytes:
    data = b""
    while not data.endswith(b"\n") and len(data) < MAX_MESSAGE:
        if not socket.bytesAvailable() and not socket.waitForReadyRead(ANSWER_MS):
            break
        data += socket.readAll().data()
    return data


def _paths_in(message: bytes) -> list[Path] | None:
    """The files of a hand-over; None for anything else, which gets no answer."""
    try:
        files = json.loads(message.decode("utf-8"))["files"]
        if not isinstance(files, list):
            return None
        return [Path(str(file)) for file in files]
    except (ValueError, KeyError, TypeError):
        return None
