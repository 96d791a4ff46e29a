"""Where the editor keeps window layout, recent files and preferences between runs."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from gsn_studio.analysis import DEFAULT_SOON_DAYS

MAX_RECENT = 10
MAX_SOON_DAYS = 3650
SETTINGS_DIR_VARIABLE = "GSN_STUDIO_SETTINGS_DIR"
"""Set to a folder to keep settings there (tests use a temporary one)."""


def settings() -> QSettings:
    folder = os.environ.get(SETTINGS_DIR_VARIABLE)
    if folder:
        return QSettings(str(Path(folder) / "gsn-studio.ini"), QSettings.Format.IniFormat)
    return QSettings("GSN Studio", "GSN Studio")


def recent_files() -> list[Path]:
    value = settings().value("recentFiles", [])
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [Path(item) for item in items if item]


def remember_file(path: Path) -> list[Path]:
    files = [path.resolve(), *(p for p in recent_files() if p != path.resolve())][:MAX_RECENT]
    settings().setValue("recentFiles", [str(p) for p in files])
    return files


def forget_file(path: Path) -> None:
    settings().setValue("recentFiles", [str(p) for p in recent_files() if p != path])


# -- where file dialogs start ----------------------------------------------------------------

PROGRAM_FOLDER = Path(__file__).resolve().parents[2]
"""The checkout or installation the editor runs from: no place to propose for a user's
cases (the samples open from there, and a Save As must not quietly put work beside them)."""


def remember_folder(folder: Path) -> None:
    """The folder a case was last opened from or saved to, if it is the user's own."""
    folder = folder.resolve()
    if not folder.is_relative_to(PROGRAM_FOLDER):
        settings().setValue("files/lastFolder", str(folder))


def cases_folder() -> Path:
    """Where Open and Save As start: the last folder used, else the user's documents folder
    (else home); never a folder inside the program's own."""
    last = str(settings().value("files/lastFolder", "") or "")
    if last and Path(last).is_dir() and not Path(last).is_relative_to(PROGRAM_FOLDER):
        return Path(last)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    documents = Path(location) if location else Path.home()
    return documents if documents.is_dir() else Path.home()


def proposed_path(current: Path | None) -> Path:
    """The file name Save As proposes: the case's own, unless it lies inside the program
    (an opened sample), in which case the same name in `cases_folder`."""
    if current is not None and not current.resolve().is_relative_to(PROGRAM_FOLDER):
        return current
    return cases_folder() / (current.name if current is not None else "case.gsnx")


# -- preferences -----------------------------------------------------------------------------
# QSettings' INI files hold text only, so booleans and numbers are parsed back here.


def allow_outside() -> bool:
    """Whether evidence outside the case's folder (or behind a link) may be read. Off by
    default: a case file from someone else must not make the editor hash arbitrary files."""
    return str(settings().value("evidence/allowOutside", "false")).lower() == "true"


def set_allow_outside(allowed: bool) -> None:
    settings().setValue("evidence/allowOutside", "true" if allowed else "false")


def soon_days() -> int:
    """How many days before its due date evidence counts as expiring soon."""
    try:
        days = int(str(settings().value("evidence/soonDays", DEFAULT_SOON_DAYS)))
    except ValueError:
        return DEFAULT_SOON_DAYS
    return min(max(days, 0), MAX_SOON_DAYS)


def set_soon_days(days: int) -> None:
    settings().setValue("evidence/soonDays", int(days))


def verifier_name() -> str:
    """The name recorded when the user marks evidence verified; empty until asked once."""
    return str(settings().value("evidence/verifier", "") or "").strip()


def set_verifier_name(name: str) -> None:
    settings().setValue("evidence/verifier", name.strip())


# -- recovery --------------------------------------------------------------------------------


def recovery_folder() -> Path:
    """Where autosaved copies of unsaved work wait: beside the settings when a settings
    folder is given (tests), else in the platform's application-data folder."""
    folder = os.environ.get(SETTINGS_DIR_VARIABLE)
    if folder:
        return Path(folder) / "recovery"
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location or Path.home() / ".gsn-studio") / "recovery"
