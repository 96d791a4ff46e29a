"""The wheel and the sdist, built by `python -m build` as a release is, and the wheel working
on its own: installed into a fresh virtual environment, away from the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES

from gsn_studio.cli.install_desktop import desktop_files

pytestmark = pytest.mark.slow  # about 15 s: a build in an isolated environment, then a venv


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    return out


def test_build_makes_a_wheel_and_an_sdist_with_the_licence(dist: Path) -> None:
    """`python -m build` writes both; each carries the LICENSE, the sdist also the tests."""
    (wheel,) = dist.glob("gsn_studio-*-py3-none-any.whl")
    (sdist,) = dist.glob("gsn_studio-*.tar.gz")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    listing = subprocess.run(
        ["tar", "tzf", str(sdist)], check=True, capture_output=True, text=True
    ).stdout.split()
    for expected in ("LICENSE", "pyproject.toml", "tests/test_packaging.py", "samples/"):
        assert any(name.endswith(expected) for name in listing), expected


def test_wheel_carries_every_file_the_program_reads(dist: Path) -> None:
    """The schema, the icons and the desktop files are all inside the wheel."""
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "gsn_studio/resources/gsnx-1.xsd" in names
    for item in desktop_files():
        assert f"gsn_studio/resources/{item.source.relative_to(_resources())}" in names


def _resources() -> Path:
    import gsn_studio.resources

    return Path(gsn_studio.resources.__file__).parent


def _fresh_venv(folder: Path) -> Path:
    """A virtual environment that sees this one's dependencies (not its GSN Studio, which is
    the checkout): a path line in a .pth file adds the folder without running the editable
    install's own .pth hook, so `gsn_studio` can only come from the wheel."""
    venv.EnvBuilder(with_pip=False).create(folder)
    python = folder / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "borrowed-deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    # The one dependency that is a program, not a module: pip puts it beside Python.
    dot = Path(sysconfig.get_path("scripts"), "graphviz-pure")
    (folder / "bin" / dot.name).symlink_to(dot)
    return python


def test_installed_wheel_checks_and_exports_a_sample_outside_the_checkout(
    dist: Path, tmp_path: Path
) -> None:
    """The wheel installed with pip into a fresh venv runs `check` and `export` (SVG and PNG)
    on a sample in a folder outside the checkout, reading its schema from the wheel, and its
    editor opens the sample offscreen and quits."""
    (wheel,) = dist.glob("*.whl")
    python = _fresh_venv(tmp_path / "venv")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(SAMPLES / "tutorial.gsnx", work / "case.gsnx")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    command = tmp_path / "venv" / "bin" / "gsn-studio"

    where = subprocess.run(
        [str(python), "-c", "import gsn_studio, importlib.resources as r; "
         "print(gsn_studio.__file__); "
         "print(r.files('gsn_studio.resources').joinpath('gsnx-1.xsd'))"],
        check=True, capture_output=True, text=True, cwd=work, env=env,
    ).stdout.split()  # fmt: skip
    assert all(Path(p).is_relative_to(tmp_path / "venv") for p in where), where

    check = subprocess.run(
        [str(command), "check", "case.gsnx", "--as-of", "2026-01-01", "--format", "json"],
        capture_output=True, text=True, cwd=work, env=env, check=False,
    )  # fmt: skip
    assert check.returncode == 1, check.stderr  # the tutorial has findings on purpose
    assert '"undeveloped-goal"' in check.stdout

    for figure in ("case.svg", "case.png"):
        export = subprocess.run(
            [str(command), "export", "case.gsnx", "-o", figure],
            capture_output=True, text=True, cwd=work, env=env, check=False,
        )  # fmt: skip
        assert export.returncode == 0, export.stderr
        assert (work / figure).stat().st_size > 1000
    assert (work / "case.png").read_bytes().startswith(b"\x89PNG")

    # The editor too, offscreen: its icons and the About box's metadata come from the wheel.
    editor = subprocess.run(
        [str(command), "case.gsnx"],
        capture_output=True, text=True, cwd=work, check=False, timeout=120,
        env={**env, "GSN_STUDIO_SMOKE_TEST": "1", "QT_QPA_PLATFORM": "offscreen",
             "XDG_RUNTIME_DIR": str(tmp_path)},
    )  # fmt: skip
    assert editor.returncode == 0, editor.stderr
    assert "window shows case.gsnx" in editor.stdout
