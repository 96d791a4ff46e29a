"""`gsn-studio install-desktop`: the menu entry, the .gsnx file type and the icons, installed
into the freedesktop (XDG) folders so a double-clicked case opens in GSN Studio.

The files themselves ship inside the package (gsn_studio.resources: desktop/ and icons/), so a
wheel installed by pip can install them; packaging/linux links to the same files.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gsn_studio.cli.common import EXIT_BAD_INPUT, EXIT_OK

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

# The desktop id: the .desktop file's name, the icon's name, the AppStream id, and what the
# editor tells the window system (QGuiApplication.setDesktopFileName) so they all match.
APP_ID = "io.github.gsn_studio.GSNStudio"
MIME_TYPE = "application/x-gsnx"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SMALL_ICON_MAX = 16  # at this size and below, the simpler drawing (icons/small.svg)
SYSTEM_DATA_DIR = Path("/usr/local/share")


def _resource(*parts: str) -> Traversable:
    # importlib.resources brings tempfile, shutil, bz2 and lzma, and every command imports
    # this module for its parser.
    from importlib import resources  # noqa: PLC0415

    item = resources.files("gsn_studio.resources")
    for part in parts:  # one at a time: some readers (a PyInstaller bundle's) take only one
        item = item / part
    return item


def icon_files() -> dict[int | None, Traversable]:
    """The application icon at each size in pixels; None is the scalable SVG."""
    hicolor = _resource("icons", "hicolor")
    files: dict[int | None, Traversable] = {
        size: hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png" for size in ICON_SIZES
    }
    files[None] = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    return files


@dataclass(frozen=True)
class Installed:
    """Where one shipped file goes, relative to the XDG data folder."""

    source: Traversable
    target: Path


def desktop_files() -> list[Installed]:
    """Every file install-desktop writes, and where."""
    desktop = _resource("desktop")
    files = [
        Installed(desktop / f"{APP_ID}.desktop", Path("applications", f"{APP_ID}.desktop")),
        Installed(desktop / "gsnx-mime.xml", Path("mime", "packages", f"{APP_ID}.xml")),
        Installed(desktop / f"{APP_ID}.metainfo.xml", Path("metainfo", f"{APP_ID}.metainfo.xml")),
    ]
    for size, icon in icon_files().items():
        folder = "scalable" if size is None else f"{size}x{size}"
        files.append(Installed(icon, Path("icons", "hicolor", folder, "apps", icon.name)))
    return files


def data_dir(user: bool) -> Path:
    """$XDG_DATA_HOME (default ~/.local/share) for one user, else /usr/local/share."""
    if not user:
        return SYSTEM_DATA_DIR
    home = os.environ.get("XDG_DATA_HOME", "")
    # The spec says a relative path is invalid and must be ignored.
    return Path(home) if Path(home).is_absolute() else Path.home() / ".local" / "share"


def launcher_command() -> str:
    """How the menu entry starts GSN Studio: by name when `gsn-studio` on PATH is the running
    program, else by its absolute path (a virtual environment, a bundle)."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: its executable is the program
        program = Path(sys.executable)
    elif sys.argv and Path(sys.argv[0]).name == "gsn-studio":
        program = Path(sys.argv[0]).resolve()
    else:  # `python -m gsn_studio`: the script pip put beside this Python
        program = Path(sys.executable).parent / "gsn-studio"
        if not program.exists():
            return "gsn-studio"
    import shutil  # noqa: PLC0415 (every command imports this module for its parser)

    on_path = shutil.which("gsn-studio")
    if on_path and Path(on_path).resolve() == program.resolve():
        return "gsn-studio"
    return _exec_quoted(str(program))


def _exec_quoted(argument: str) -> str:
    """An argument of a desktop entry's Exec key (Desktop Entry Specification, "The Exec
    key"): double quotes when needed, each of " ` $ \\ escaped by a backslash that is itself
    escaped in the file, and % doubled."""
    argument = argument.replace("%", "%%")
    if not re.search(r"[\s\"'\\><~|&;$*?#()`]", argument):
        return argument
    return '"' + re.sub(r'(["`$\\])', r"\\\\\1", argument) + '"'


def _desktop_entry(text: str, command: str) -> str:
    return "".join(
        f"Exec={command} %F\n" if line.startswith("Exec=") else line
        for line in text.splitlines(keepends=True)
    )


def install(target: Path, command: str) -> list[Path]:
    """Copy every file under `target` (the Exec line pointing at `command`) and refresh the
    MIME, desktop and icon caches. Returns the files written."""
    written = []
    for item in desktop_files():
        path = target / item.target
        path.parent.mkdir(parents=True, exist_ok=True)
        data = item.source.read_bytes()
        if path.suffix == ".desktop":
            data = _desktop_entry(data.decode("utf-8"), command).encode("utf-8")
        path.write_bytes(data)
        written.append(path)
    refresh_caches(target)
    return written


def uninstall(target: Path) -> list[Path]:
    """Remove what `install` wrote under `target` and refresh the caches."""
    removed = []
    for item in desktop_files():
        path = target / item.target
        if path.exists():
            path.unlink()
            removed.append(path)
    refresh_caches(target)
    return removed


def refresh_caches(target: Path) -> None:
    """Run the freedesktop cache tools that are installed; each one missing is skipped (the
    desktop then reads the files on its next scan). An icon cache is only refreshed, never
    created: a cache nobody else keeps up to date would hide icons other programs add."""
    import shutil  # noqa: PLC0415 (see launcher_command)
    import subprocess  # noqa: PLC0415

    steps = [
        ("update-mime-database", [], target / "mime"),
        ("update-desktop-database", ["-q"], target / "applications"),
    ]
    hicolor = target / "icons" / "hicolor"
    if (hicolor / "icon-theme.cache").exists():
        steps.append(("gtk-update-icon-cache", ["-q", "-t", "-f"], hicolor))
    for tool, options, folder in steps:
        program = shutil.which(tool)
        if program is not None and folder.is_dir():
            subprocess.run([program, *options, str(folder)], check=False, capture_output=True)


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "install-desktop",
        help="add GSN Studio to the desktop's menu and make .gsnx files open in it (Linux)",
        description="Install the menu entry, the .gsnx file type (application/x-gsnx) and "
        "the icons into the freedesktop data folder: $XDG_DATA_HOME (default "
        f"~/.local/share) with --user, else {SYSTEM_DATA_DIR}.",
    )
    parser.add_argument("--user", action="store_true", help="for this user only")
    parser.add_argument("--uninstall", action="store_true", help="remove them again")


def run(args: argparse.Namespace) -> int:
    if sys.platform in ("win32", "darwin"):
        print(
            "gsn-studio install-desktop: only for Linux and BSD desktops; on Windows and "
            "macOS the installer registers .gsnx files (see packaging/README.md)",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    target = data_dir(args.user)
    try:
        if args.uninstall:
            changed = uninstall(target)
            verb = "removed"
        else:
            changed = install(target, launcher_command())
            verb = "installed"
    except PermissionError as error:
        hint = "" if args.user else " (use --user, or run as root)"
        print(
            f"gsn-studio install-desktop: {error.filename}: permission denied{hint}",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    print(f"gsn-studio: {verb} {len(changed)} files in {target}")
    return EXIT_OK
