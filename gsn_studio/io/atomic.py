"""File access for cases: reading with a clean error, and atomic replacement, so that a
reader sees the old file or the new one, never a part."""

from __future__ import annotations

import contextlib
import glob
import os
import time
from pathlib import Path

from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.lock import real_path

STALE_SECONDS = 600
"""A temporary file of ours this old was left by a save that was killed: no save takes that
long, so removing it cannot disturb one still running."""


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes; a missing or unreadable file raises CaseFileError naming it."""
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CaseFileError(path, f"cannot read the file: {error.strerror or error}") from None


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write data to path through a temporary file in the same folder, fsync, then rename.

    Through a symbolic link, the file it points to is replaced and the link stays a link."""
    import tempfile  # noqa: PLC0415 (with shutil, bz2 and lzma: for writers only, not readers)

    target = real_path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        mode = target.stat().st_mode & 0o7777 if target.exists() else None
        handle, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp"
        )
    except OSError as error:
        raise CaseFileError(target, f"cannot write here: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise CaseFileError(
            target, f"not saved, the previous version is untouched: {error.strerror or error}"
        ) from None
    _sync_folder(folder)
    _remove_stale_temporaries(folder, target.name)


def _remove_stale_temporaries(folder: Path, name: str) -> None:
    """Remove what killed saves of this file left: at once if the process that wrote it is
    gone, else (another machine's, or an older name without the process id) by age."""
    limit = time.time() - STALE_SECONDS
    for leftover in folder.glob(f".{glob.escape(name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.is_file() and (
                _writer_is_gone(leftover.name[len(name) + 2 :]) or leftover.stat().st_mtime < limit
            ):
                leftover.unlink()


def _writer_is_gone(rest: str) -> bool:
    """Whether the process whose id starts rest ("1234.abc.tmp") no longer runs here."""
    pid_text = rest.split(".", 1)[0]
    if not pid_text.isdigit() or int(pid_text) == os.getpid() or os.name != "posix":
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # it exists, owned by someone else
    return False


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _sync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not possible on every platform, so best effort.
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
