"""An advisory lock beside a case file, so that writers that read, change and save a case take
turns: two `gsn-studio comment` runs at once both end up in the file.

The lock is `.NAME.lock` in the case's folder (for a symbolic link, beside the file it points
to, so every name for one file shares one lock). It is held with flock where there is one, and
with msvcrt byte locks on Windows. A process may take the same lock again while it holds it
(the command line locks around read-change-save, and saving locks too).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from gsn_studio.io.errors import CaseFileError

_held: dict[tuple[str, int], int] = {}
"""Locks this process holds, by (lock path, thread), with how often each was taken."""
_guard = threading.Lock()
_UNSUPPORTED = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}


def real_path(path: str | Path) -> Path:
    """The file a path names, following symbolic links, for writing and locking."""
    target = Path(path)
    if target.is_symlink():
        with contextlib.suppress(OSError, RuntimeError):
            return target.resolve()
    return target


def lock_path(path: str | Path) -> Path:
    target = real_path(path)
    return target.with_name(f".{target.name}.lock")


@contextlib.contextmanager
def case_lock(path: str | Path) -> Iterator[None]:
    """Hold the case's lock for the block, waiting while another process holds it."""
    lock = lock_path(path)
    key = (str(lock.absolute()), threading.get_ident())
    with _guard:
        if key in _held:
            _held[key] += 1
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield
        finally:
            with _guard:
                _held[key] -= 1
        return
    descriptor = _acquire(lock, path)
    with _guard:
        _held[key] = 1
    try:
        yield
    finally:
        with _guard:
            del _held[key]
        _release(lock, descriptor)


def _acquire(lock: Path, case: str | Path) -> int | None:
    while True:
        try:
            descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as error:
            raise CaseFileError(case, f"cannot write here: {error.strerror or error}") from None
        try:
            _lock(descriptor)
        except OSError as error:
            os.close(descriptor)
            if error.errno in _UNSUPPORTED:
                return None  # a file system without locks: write as before, unguarded
            raise CaseFileError(case, f"cannot lock: {error.strerror or error}") from None
        # The holder before us removes the lock file as it lets go: if we locked a file that
        # is no longer the one at the path, another process may hold the new one. Try again.
        try:
            if os.path.samestat(os.fstat(descriptor), os.stat(lock)):
                return descriptor
        except OSError:
            pass
        os.close(descriptor)


def _release(lock: Path, descriptor: int | None) -> None:
    if descriptor is None:
        return
    if sys.platform != "win32":  # Windows cannot remove an open file
        # Removed while still held, so that no folder keeps a lock file after the last writer.
        with contextlib.suppress(OSError):
            os.unlink(lock)
    os.close(descriptor)  # closing lets go of the lock


def _lock(descriptor: int) -> None:
    if sys.platform == "win32":
        import msvcrt  # noqa: PLC0415

        while True:
            try:
                msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
                return
            except OSError as error:
                if error.errno not in (errno.EACCES, errno.EDEADLK):
                    raise
                time.sleep(0.05)
    else:
        import fcntl  # noqa: PLC0415

        fcntl.flock(descriptor, fcntl.LOCK_EX)
