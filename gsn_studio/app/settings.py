"""Where the editor keeps window layout and recent files between runs."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 10
SETTINGS_DIR_VARIABLE = "GSN_STUDIO_SETTINGS_DIR"
"""Set to a folder to keep settings there (tests use a temporary one)."""


def settings() -> QSettings:
    folder = os.environ.get(SETTINGS_DIR_VARIABLE)
    if folder:
        return QSettings(str(Path(folder) / "gsn-studio.ini"), QSettings.Format.IniFormat)
    return QSettings("GSN Studio", "GSN Studio")


def recent_files() -> list[Path]:
    value = settings().value("recentFiles", [])
    items = [value] if isinstance(value, str) else list(value or [])
    return [Path(item) for item in items if item]


def remember_file(path: Path) -> list[Path]:
    files = [path.resolve(), *(p for p in recent_files() if p != path.resolve())][:MAX_RECENT]
    settings().setValue("recentFiles", [str(p) for p in files])
    return files


def forget_file(path: Path) -> None:
    settings().setValue("recentFiles", [str(p) for p in recent_files() if p != path])
