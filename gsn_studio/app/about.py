"""Help > About: what is running (GSN Studio, Python, Qt, PySide), under which licence.

A bug report needs these versions; the licence and home page come from the installed
package's metadata, so pyproject.toml stays the one place they are written.
"""

from __future__ import annotations

import platform
from importlib import metadata

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from gsn_studio import __version__

DISTRIBUTION = "gsn-studio"


def _package_metadata() -> metadata.PackageMetadata | None:
    try:
        return metadata.metadata(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # run from a bare checkout, never installed
        return None


def licence_name() -> str:
    """The licence as an SPDX expression (e.g. "MIT"), from the package metadata."""
    found = _package_metadata()
    if found is None:
        return "see the LICENSE file"
    for field in ("License-Expression", "License"):
        values = found.get_all(field)  # Python 3.11's PackageMetadata has no typed get()
        if values and values[0]:
            return str(values[0])
    return "see the LICENSE file"


def home_page() -> str | None:
    found = _package_metadata()
    for entry in (found.get_all("Project-URL") or []) if found else []:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() == "homepage":
            return url.strip()
    return None


def versions() -> dict[str, str]:
    """What a bug report should name, in the order the dialog shows it."""
    return {
        "GSN Studio": __version__,
        "Python": platform.python_version(),
        "Qt": qVersion(),
        "PySide6": PySide6.__version__,
    }


def about_text() -> str:
    rows = "".join(
        f"<tr><td>{name}</td><td>&nbsp;{version}</td></tr>" for name, version in versions().items()
    )
    page = home_page()
    link = f'<p><a href="{page}">{page}</a></p>' if page else ""
    return (
        f"<h3>GSN Studio {__version__}</h3>"
        "<p>Draw, check, review and publish safety cases in Goal Structuring Notation. "
        "Help &gt; Quick Start shows how to begin.</p>"
        f"<table>{rows}</table>"
        f"<p>Licence: {licence_name()}. Copyright © 2026 GSN Studio developers.</p>"
        f"{link}"
    )


def about_box(parent: QWidget) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.NoIcon,
        "About GSN Studio",
        about_text(),
        QMessageBox.StandardButton.Close,
        parent,
    )
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    return box


def show_about(parent: QWidget) -> None:
    about_box(parent).exec()
