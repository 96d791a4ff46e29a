"""The user's name, which signs review comments and verifications: asked for once, kept."""

from __future__ import annotations

import getpass

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from gsn_studio.app import settings


def ask_user_name(parent: QWidget | None, purpose: str) -> str:
    """The stored name; the first time, asked for (prefilled with the login name) and kept.
    `purpose` says what it will sign. Empty when the user cancels."""
    name = settings.verifier_name()
    if name:
        return name
    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        login = ""
    name, ok = QInputDialog.getText(
        parent,
        "Your name",
        f"Name to {purpose}\n(also used for review comments and verifications; "
        "change it in Preferences):",
        QLineEdit.EchoMode.Normal,
        login,
    )
    name = name.strip() if ok else ""
    if name:
        settings.set_verifier_name(name)
    return name
