"""The `gsn-studio` command: the editor when given no command (or only files), else the CLI.

Kept apart from cli.py so that `gsn-studio check` never imports Qt.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

# pydantic looks for plugins in every installed package's metadata when the first model is
# built: a tenth of a second of each command's start, for plugins this program never uses.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from gsn_studio.cli import COMMANDS
from gsn_studio.cli import main as cli_main
from gsn_studio.cli.common import EXIT_BAD_INPUT


def wants_editor(argv: Sequence[str]) -> bool:
    """No arguments, or files to open (anything that is not a command or an option)."""
    return not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-"))


def editor_request(argv: Sequence[str]) -> tuple[list[str], bool] | None:
    """What to start the editor with: its arguments, and whether in review mode (`review
    FILE`: read-only, comments only). None when the command line is for the CLI (including
    `review --help`, which the CLI's parser answers)."""
    args = list(argv)
    if args and args[0] == "review":
        rest = args[1:]
        if any(arg in ("-h", "--help") for arg in rest):
            return None
        return rest, True
    if args and args[0] == "edit":
        return args[1:], False
    return (args, False) if wants_editor(args) else None


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    request = editor_request(args)
    if request is None:
        return cli_main(args)
    files, review = request
    if review and not any(not arg.startswith("-") for arg in files):
        print(
            "gsn-studio review: name the case to review, e.g. gsn-studio review case.gsnx",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    from gsn_studio.app.main import run_editor  # noqa: PLC0415 (Qt loads only for the editor)

    return int(run_editor(files, review=review))
