"""The `gsn-studio` command: the editor when given no command (or only files), else the CLI.

Kept apart from cli.py so that `gsn-studio check` never imports Qt.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from gsn_studio.cli import COMMANDS
from gsn_studio.cli import main as cli_main


def wants_editor(argv: Sequence[str]) -> bool:
    """No arguments, or files to open (anything that is not a command or an option)."""
    return not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-"))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "edit":
        args = args[1:]
    elif not wants_editor(args):
        return cli_main(args)
    from gsn_studio.app.main import run_editor  # noqa: PLC0415 (Qt loads only for the editor)

    return int(run_editor(args))
