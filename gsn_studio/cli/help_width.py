"""The command line's parsers, told the terminal's width as argparse finds it, without importing
shutil for it: argparse imports shutil (which brings bz2 and lzma) only to ask for that width,
once for each option added, and those imports were 3.6 ms of CPU at every command's start."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any


def terminal_columns() -> int:
    """What `shutil.get_terminal_size().columns` gives: COLUMNS when it is a positive number,
    else the width of the terminal on standard output, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    stream = sys.__stdout__
    if stream is None:  # no standard output at all (pythonw)
        return 80
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):  # standard output closed, or no terminal
        return 80


class HelpFormatter(argparse.HelpFormatter):
    """argparse's own formatter, at the width it would take by itself (two columns less than
    the terminal's)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = terminal_columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help, usage and errors use that formatter; the parsers of the
    commands, made by `add_subparsers().add_parser`, are of this class too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
