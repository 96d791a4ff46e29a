"""Opening a case file from a stranger: only a regular file, and only one of a sane size.

Every reader and the editor's file watch read through `read_case_file`, so a FIFO named
case.gsnx, a link to /dev/zero or a 2 GB file is refused the same way everywhere, before a
byte of it is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from gsn_studio.io.errors import CaseFileError

MAX_CASE_BYTES = 200_000_000
"""The largest case file read (200 MB): a case of 10,000 nodes with long texts is under 20 MB,
and reading and parsing several hundred MB would freeze the editor for minutes."""

_CHUNK = 1 << 20


def read_case_file(path: str | Path) -> bytes:
    """The bytes of a case file; CaseFileError for anything but a regular file of at most
    MAX_CASE_BYTES, or one that cannot be read."""
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise CaseFileError(path, f"cannot read the file: {_why(error)}") from None
    try:
        status = os.fstat(descriptor)  # of what was opened, not of what the name meant before
        if not stat.S_ISREG(status.st_mode):
            raise CaseFileError(path, f"this is {_kind(status.st_mode)}, not a regular file")
        if status.st_size > MAX_CASE_BYTES:
            raise CaseFileError(path, _too_big(status.st_size))
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return _read_at_most(descriptor, path)
    except OSError as error:
        raise CaseFileError(path, f"cannot read the file: {_why(error)}") from None
    finally:
        os.close(descriptor)


def _read_at_most(descriptor: int, path: str | Path) -> bytes:
    # The file may grow after fstat (another program writing): never read past the limit.
    parts: list[bytes] = []
    total = 0
    while True:
        part = os.read(descriptor, _CHUNK)
        if not part:
            return b"".join(parts)
        total += len(part)
        if total > MAX_CASE_BYTES:
            raise CaseFileError(path, _too_big(total))
        parts.append(part)


def _too_big(size: int) -> str:
    return (
        f"the file is {size / 1_000_000:,.0f} MB; case files larger than "
        f"{MAX_CASE_BYTES // 1_000_000} MB are refused"
    )


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "something"


def _why(error: OSError) -> str:
    return error.strerror or str(error)
