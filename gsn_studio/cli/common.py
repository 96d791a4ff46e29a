"""What every command shares: exit statuses, argument types, counting and colour."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Callable
from typing import TextIO

from gsn_studio.io.lock import case_lock
from gsn_studio.model.text import clean_text

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(Exception):
    """A bad option value, reported in one line with exit status 2."""


_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""What a terminal would obey rather than show: C0 and C1 controls (ESC starts the sequences
that move the cursor, recolour or clear the screen), bidirectional controls that reorder
what is shown, and lone surrogates (undecodable bytes), which cannot even be printed."""


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: object) -> str:
    """Text from a case (or a file name) as it may be shown on a terminal: every character that
    a terminal would act on is written as an escape (ESC as \\x1b), so a shared file cannot
    repaint the reviewer's screen or hide a line. Tabs stay; a line break is shown as \\x0a,
    so print multi-line text line by line."""
    return _UNPRINTABLE.sub(_visible, str(text))


def echo(text: object = "", *, stream: TextIO | None = None) -> None:
    """Print one line that holds text from a case, made safe by terminal_text."""
    print(terminal_text(text), file=stream if stream is not None else sys.stdout)


def terminal_lines(text: str) -> str:
    """Several lines of output (a CSV or Markdown table) with terminal_text applied to each;
    the line breaks themselves stay."""
    return "\n".join(terminal_text(line) for line in text.split("\n"))


def terminal_json(value: object, indent: int | None = 2) -> str:
    """JSON for stdout: readable non-ASCII text, with what terminal_text escapes written as
    JSON escapes (still the same JSON value)."""
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    lines = text.split("\n")
    # Every character escaped below is one str.isprintable refuses: a report of printable
    # lines (the usual one) needs no search of each character (5 ms at 10,000 nodes).
    if all(line.isprintable() for line in lines):
        return text
    return "\n".join(
        _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", line) for line in lines
    )


def check_free_text(args: argparse.Namespace) -> None:
    """Refuse, in one line, option values that a case could not hold (control characters,
    bytes that are not UTF-8), before any of them reaches the model. Paths are left alone:
    a file name is the file system's business."""
    for name, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, str) and name != "command":
                _check_option(_option_name(name), item)


def _option_name(name: str) -> str:
    positional = {"nodes": "NODE_ID", "node": "NODE_ID", "comment": "COMMENT_ID"}
    return positional.get(name, "--" + name.replace("_", "-"))


def _check_option(option: str, value: str) -> None:
    if re.search("[\ud800-\udfff]", value):
        raise UsageError(f"{option} is not valid UTF-8 text")
    try:
        clean_text(value)
    except ValueError as error:
        raise UsageError(f"{option} {error}") from None


WRITERS = {
    "verify": "case",
    "comment": "case",
    "reply": "case",
    "merge-comments": "output",
    "instantiate": "output",
    "accept": "case",  # it updates an earlier instance in place
}
"""Commands that read a case, change it and save it, and the argument naming the file."""


def writing(args: argparse.Namespace) -> contextlib.AbstractContextManager[None]:
    """The lock a command holds from reading its case to saving it (none for readers), so
    that concurrent writers each see the others' work and every reported success is kept."""
    field = WRITERS.get(args.command or "")
    if field is None or (field == "case" and not os.path.lexists(getattr(args, field))):
        return contextlib.nullcontext()  # nothing to lock: reading it says what is wrong
    return case_lock(getattr(args, field))


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def natural(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 0 or more")
    return value


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def painter(stream: object) -> Callable[[str, str], str]:
    """Colours text with ANSI codes only for a terminal, and never under NO_COLOR."""
    enabled = (
        hasattr(stream, "isatty")
        and stream.isatty()
        and "NO_COLOR" not in os.environ
        and os.environ.get("TERM") != "dumb"
    )

    def paint(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if enabled else text

    return paint
