"""What an installed GSN Studio says about itself: licence, metadata, version, About box."""

from __future__ import annotations

import glob
import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import REPO
from lxml import etree

from gsn_studio import __version__

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_licence_file_is_mit_and_named_in_the_metadata() -> None:
    """The repository has an MIT LICENSE, and pyproject names it as the licence file."""
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "Copyright (c) 2026 GSN Studio developers" in text
    project = PYPROJECT["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]


def test_metadata_names_pythons_systems_topics_and_urls() -> None:
    """The classifiers name each supported Python and OS, Qt and the topics; URLs are given."""
    project = PYPROJECT["project"]
    classifiers = set(project["classifiers"])
    for expected in (
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
        "Operating System :: POSIX :: Linux",
        "Operating System :: Microsoft :: Windows",
        "Operating System :: MacOS",
        "Environment :: X11 Applications :: Qt",
        "Topic :: Scientific/Engineering",
        "Topic :: Software Development :: Quality Assurance",
    ):
        assert expected in classifiers
    assert any(c.startswith("Intended Audience ::") for c in classifiers)
    # PEP 639: with a licence expression, a licence classifier is an error for the build.
    assert not any(c.startswith("License ::") for c in classifiers)
    assert {"Homepage", "Source", "Issues"} <= set(project["urls"])
    assert project["readme"] == "README.md"


def test_every_package_data_glob_matches_a_file() -> None:
    """No package-data pattern is dead: each matches at least one file in its folder."""
    package_dir = PYPROJECT["tool"]["setuptools"]["package-dir"]
    for package, patterns in PYPROJECT["tool"]["setuptools"]["package-data"].items():
        folder = REPO / package_dir.get(package, package.replace(".", "/"))
        for pattern in patterns:
            assert glob.glob(str(folder / pattern)), f"{package}: {pattern} matches nothing"


def test_appstream_release_is_the_package_version() -> None:
    """The newest release in the AppStream metainfo is the version the program reports."""
    metainfo = next((REPO / "resources" / "desktop").glob("*.metainfo.xml"))
    releases = etree.parse(str(metainfo)).findall("releases/release")
    assert releases[0].get("version") == __version__


def test_version_option_prints_the_version_without_loading_qt() -> None:
    """`gsn-studio --version` prints the version, and Qt is never imported to say so."""
    probe = (
        "import sys\n"
        "from gsn_studio.launcher import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit as done:\n"
        "    assert done.code in (0, None), done.code\n"
        "print('qt loaded' if any(m.startswith('PySide6') for m in sys.modules) else 'no qt')\n"
    )
    # A process: only a fresh interpreter shows whether --version imports Qt.
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.splitlines() == [f"gsn-studio {__version__}", "no qt"]


def test_version_option_through_the_installed_command(tmp_path: Path) -> None:
    """The installed `gsn-studio` script answers --version with exit status 0."""
    script = Path(sys.executable).parent / "gsn-studio"
    # A process: the installed console script itself is what is tested.
    result = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"gsn-studio {__version__}"
