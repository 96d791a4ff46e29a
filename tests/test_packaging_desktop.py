"""Desktop integration on Linux: the shipped entry, file type, icons and metainfo pass the
freedesktop validators, and `gsn-studio install-desktop` makes a .gsnx file (even renamed)
recognised and opened by GSN Studio, as `xdg-mime` reports it."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES

from gsn_studio.cli import main
from gsn_studio.cli.install_desktop import (
    APP_ID,
    ICON_SIZES,
    MIME_TYPE,
    SYSTEM_DATA_DIR,
    data_dir,
    desktop_files,
)

DESKTOP = REPO / "resources" / "desktop"
ICONS = REPO / "resources" / "icons" / "hicolor"
# Debian package of each tool these tests drive; scripts/dev installs them for `test`.
TOOLS = {
    "desktop-file-validate": "desktop-file-utils",
    "appstreamcli": "appstream",
    "xdg-mime": "xdg-utils",
    "update-mime-database": "shared-mime-info",
    "update-desktop-database": "desktop-file-utils",
    "mimetype": "libfile-mimeinfo-perl",
}


def need(*tools: str) -> None:
    """Skip, naming the Debian packages, when a tool is missing; in CI that is a failure."""
    missing = sorted({TOOLS[tool] for tool in tools if shutil.which(tool) is None})
    if missing:
        reason = f"needs the Debian packages {' '.join(missing)} (scripts/dev test installs them)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A private XDG world: data and config in temporary folders, the system's MIME base."""
    for variable in ("XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION",
                     "GNOME_DESKTOP_SESSION_ID", "XDG_DATA_DIRS"):  # fmt: skip
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_DIRS", "/usr/share")  # no leftovers from /usr/local
    return dict(os.environ)


def xdg_mime(env: dict[str, str], *args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["xdg-mime", "query", *args], env=env, cwd=cwd, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    return done.stdout.strip()


def test_shipped_desktop_entry_passes_desktop_file_validate() -> None:
    """The .desktop entry is valid and claims application/x-gsnx."""
    need("desktop-file-validate")
    entry = DESKTOP / f"{APP_ID}.desktop"
    done = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, check=False)
    assert done.returncode == 0 and done.stdout == b"", done.stdout
    assert f"MimeType={MIME_TYPE};" in entry.read_text().splitlines()
    assert f"Icon={APP_ID}" in entry.read_text().splitlines()


def test_metainfo_passes_appstream_validation_and_shows_a_screenshot() -> None:
    """`appstreamcli validate --no-net` accepts the metainfo, which names a screenshot."""
    need("appstreamcli")
    metainfo = DESKTOP / f"{APP_ID}.metainfo.xml"
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(metainfo)], capture_output=True, check=False
    )
    assert done.returncode == 0, done.stdout
    assert "docs/editor.png</image>" in metainfo.read_text()


def test_icon_set_has_every_hicolor_size_at_its_size() -> None:
    """Each PNG from 16 to 512 pixels is that many pixels square, beside the scalable SVG."""
    for size in ICON_SIZES:
        png = (ICONS / f"{size}x{size}" / "apps" / f"{APP_ID}.png").read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert struct.unpack(">II", png[16:24]) == (size, size)
    assert (ICONS / "scalable" / "apps" / f"{APP_ID}.svg").is_file()


def test_packaging_linux_holds_the_shipped_files_not_copies() -> None:
    """packaging/linux links to the package's data files, so there is one copy of each."""
    linux = REPO / "packaging" / "linux"
    entries = list(linux.iterdir())
    assert len(entries) == 4
    for entry in entries:
        assert entry.is_symlink()
        assert entry.resolve().is_relative_to(REPO / "resources"), entry
        assert entry.exists(), entry


def test_system_install_goes_to_usr_local_and_user_install_to_xdg_data_home(
    xdg: dict[str, str],
) -> None:
    """Without --user the files go under /usr/local/share, with it under $XDG_DATA_HOME."""
    assert data_dir(user=False) == SYSTEM_DATA_DIR == Path("/usr/local/share")
    assert data_dir(user=True) == Path(xdg["XDG_DATA_HOME"])


def test_install_desktop_makes_gsnx_files_open_in_gsn_studio(
    xdg: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After `install-desktop --user`, xdg-mime names application/x-gsnx for a .gsnx file and
    for the same file renamed without an extension (by its root element), and GSN Studio as
    the program that opens it; the installed entry still validates. --uninstall undoes it."""
    need(*TOOLS)
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(SAMPLES / "tutorial.gsnx", work / "case.gsnx")
    shutil.copy(SAMPLES / "tutorial.gsnx", work / "renamed-case")
    assert xdg_mime(xdg, "filetype", "case.gsnx", cwd=work) != MIME_TYPE

    assert main(["install-desktop", "--user"]) == 0
    data = Path(xdg["XDG_DATA_HOME"])
    assert f"installed {len(desktop_files())} files in {data}" in capsys.readouterr().out
    assert xdg_mime(xdg, "filetype", "case.gsnx", cwd=work) == MIME_TYPE
    assert xdg_mime(xdg, "filetype", "renamed-case", cwd=work) == MIME_TYPE
    assert xdg_mime(xdg, "default", MIME_TYPE, cwd=work) == f"{APP_ID}.desktop"

    entry = data / "applications" / f"{APP_ID}.desktop"
    done = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, check=False)
    assert done.returncode == 0 and done.stdout == b"", done.stdout
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    program = exec_line.removeprefix("Exec=").removesuffix(" %F")
    assert shutil.which(program.strip('"')) is not None, exec_line  # it can be started
    for size in ICON_SIZES:
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").exists()
    # The document icon of a .gsnx file is the application's icon.
    mime = (data / "mime" / "application" / "x-gsnx.xml").read_text()
    assert f'<icon name="{APP_ID}"/>' in mime

    assert main(["install-desktop", "--user", "--uninstall"]) == 0
    assert not any(p.is_file() for p in (data / "icons").rglob("*.png"))
    assert not entry.exists()
    assert xdg_mime(xdg, "filetype", "case.gsnx", cwd=work) != MIME_TYPE
