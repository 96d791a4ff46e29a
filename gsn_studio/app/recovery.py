"""Recovery files: copies of unsaved work that outlive a crash.

Each window owns a slot in the recovery folder: `<pid>-<n>.gsnx`, the case at its last
autosave, and `<pid>-<n>.json`, where it came from. A case of modules also leaves
`<pid>-<n>.modules.json`: every module as it was, for an edit in a module not shown is work
too. A window removes its slot when its work is
saved or discarded, so a slot whose process is gone is work a crash left behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from gsn_studio.app import settings
from gsn_studio.io.atomic import write_atomically
from gsn_studio.io.disk_state import DiskState
from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsnx_read import read_gsnx
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.model import Case, ModularCase

FORMAT = "gsn-studio-recovery/1"
"""Names the sidecar's layout; a sidecar in another format is left alone."""

_numbers = itertools.count(1)
_live: set[str] = set()
"""Slots of this process's open windows: never offered back, whatever the process table says."""


@dataclass(frozen=True)
class LeftBehind:
    """Work a crashed (or killed) editor did not save."""

    case_file: Path
    info_file: Path
    original: Path | None
    saved_at: dt.datetime
    nodes: int
    name: str
    base: DiskState | None
    """The original file as it was when the work began, to tell whether it changed since."""
    modules_file: Path | None = None
    """Every module of a case of modules, when the work was one."""
    folder: Path | None = None
    """The folder the case of modules was opened from."""
    active: str | None = None
    """The module that was shown."""

    @property
    def title(self) -> str:
        return self.original.name if self.original else "Untitled"

    def load(self) -> Case:
        """The case as autosaved; raises CaseFileError if the file is damaged."""
        return read_gsnx(self.case_file)

    def load_modules(self) -> ModularCase | None:
        """Every module as autosaved, or None for the work of a single case; raises
        CaseFileError if the file is damaged."""
        if self.modules_file is None:
            return None
        try:
            return ModularCase.model_validate_json(self.modules_file.read_bytes())
        except (OSError, ValueError) as error:
            raise CaseFileError(self.modules_file, f"cannot read the modules: {error}") from None

    def remove(self) -> None:
        for file in (self.case_file, self.info_file, self.modules_file):
            if file is not None:
                file.unlink(missing_ok=True)


class Slot:
    """One window's pair of recovery files."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or settings.recovery_folder()
        self.stem = f"{os.getpid()}-{next(_numbers)}"
        self.case_file = self.folder / f"{self.stem}.gsnx"
        self.info_file = self.folder / f"{self.stem}.json"
        self.modules_file = self.folder / f"{self.stem}.modules.json"
        _live.add(self.stem)

    def write(
        self,
        case: Case,
        original: Path | None,
        base: DiskState | None,
        modules: tuple[ModularCase, Path, str] | None = None,
    ) -> None:
        """Write the case (and, for a case of modules, every module with the folder it came
        from and the module shown), then the sidecar; raises OSError or CaseFileError."""
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # unsaved work is private
        write_atomically(self.case_file, to_bytes(case))
        if modules is not None:
            write_atomically(self.modules_file, modules[0].model_dump_json().encode("utf-8"))
        else:
            self.modules_file.unlink(missing_ok=True)
        info = {
            "format": FORMAT,
            "original": str(original.resolve()) if original else None,
            "saved_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "pid": os.getpid(),
            "process": process_token(os.getpid()),
            "nodes": len(case.nodes),
            "name": case.name or "",
            "base": base.to_json() if base else None,
            "modules": (
                {"folder": str(modules[1].resolve()), "active": modules[2]} if modules else None
            ),
        }
        write_atomically(self.info_file, json.dumps(info, indent=2).encode("utf-8"))

    def exists(self) -> bool:
        return self.case_file.exists()

    def remove(self) -> None:
        for file in (self.case_file, self.info_file, self.modules_file):
            with contextlib.suppress(OSError):
                file.unlink(missing_ok=True)

    def close(self) -> None:
        """The window is gone: its work was saved or deliberately discarded."""
        self.remove()
        _live.discard(self.stem)


def left_behind(folder: Path | None = None) -> list[LeftBehind]:
    """Recovery files whose editor is no longer running, newest first."""
    folder = folder or settings.recovery_folder()
    found = []
    for info_file in sorted(folder.glob("*.json")):
        entry = _read(info_file)
        if entry is not None:
            found.append(entry)
    _sweep_temporaries(folder)
    return sorted(found, key=lambda entry: entry.saved_at, reverse=True)


def _read(info_file: Path) -> LeftBehind | None:
    if info_file.stem in _live:
        return None
    try:
        info = json.loads(info_file.read_text(encoding="utf-8"))
        if info.get("format") != FORMAT:
            return None
        pid = int(info["pid"])
        saved_at = dt.datetime.fromisoformat(info["saved_at"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if is_running(pid, info.get("process")) and pid != os.getpid():
        return None  # another editor is open: its work is its own
    case_file = info_file.with_suffix(".gsnx")
    if not case_file.exists():
        return None
    original = info.get("original")
    modules = info.get("modules")
    modules_file = info_file.with_suffix(".modules.json")
    if not isinstance(modules, dict) or not modules_file.exists():
        modules = {}
    return LeftBehind(
        case_file=case_file,
        info_file=info_file,
        original=Path(original) if original else None,
        saved_at=saved_at,
        nodes=int(info.get("nodes") or 0),
        name=str(info.get("name") or ""),
        base=DiskState.from_json(info.get("base")),
        modules_file=modules_file if modules else None,
        folder=Path(str(modules["folder"])) if modules.get("folder") else None,
        active=str(modules["active"]) if modules.get("active") else None,
    )


def _sweep_temporaries(folder: Path) -> None:
    """Half-written files of killed editors (`.<pid>-<n>.gsnx.XXXX.tmp`) are of no use."""
    for temporary in folder.glob(".*.tmp"):
        stem = temporary.name[1:].split(".", 1)[0]
        pid = stem.split("-", 1)[0]
        if stem not in _live and pid.isdigit() and not is_running(int(pid), None):
            with contextlib.suppress(OSError):
                temporary.unlink()


# -- is the editor that wrote it still running? ------------------------------------------------


def is_running(pid: int, token: object) -> bool:
    """Whether process pid is alive and, where the system says, the one that wrote token
    (a process id is reused, after a reboot most of all)."""
    if pid <= 0 or not _alive(pid):
        return False
    now = process_token(pid)
    return token is None or now is None or now == token


def process_token(pid: int) -> str | None:
    """Boot and start time of a process, which a reused id does not share; Linux only."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rpartition(")")[2].split()  # the command name may hold spaces
    return f"{boot}:{fields[19]}" if len(fields) > 19 else None


def _alive(pid: int) -> bool:
    if sys.platform == "win32":
        return _alive_on_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return False
    with contextlib.suppress(OSError, IndexError):
        # A killed process nobody has waited for yet still answers, as a zombie.
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        return state != "Z"
    return True


def _alive_on_windows(pid: int) -> bool:
    import ctypes  # noqa: PLC0415 (Windows only)

    if sys.platform != "win32":  # ctypes.windll exists only there (and mypy knows it)
        raise OSError("only Windows has kernel32")
    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return int(kernel32.GetLastError()) == 5  # access denied: it exists
    code = ctypes.c_ulong()
    try:
        ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
    finally:
        kernel32.CloseHandle(handle)
    return bool(ok) and code.value == 259  # STILL_ACTIVE
