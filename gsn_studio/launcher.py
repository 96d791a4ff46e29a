"""The `gsn-studio` command: the editor when given no command (or only files), else the CLI.

Kept apart from cli.py so that `gsn-studio check` never imports Qt.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

# pydantic looks for plugins in every installed package's metadata when the first model is
# built: a tenth of a second of each command's start, for plugins this program never uses.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

# Everything of the program is imported when `main` runs: a reading command switches the
# garbage collector off first (importing creates many objects, and the collections they set
# off walk all of them: 2 ms before the commands' imports), and the commands are imported after
# the case files it names have begun to be parsed (io/prefetch.py): the commands' imports are
# most of a small command's time.

READING_COMMANDS = ("check", "evidence", "comments", "metrics")
"""Commands whose first work is reading the case files they name: those files are parsed
while the program imports the rest of itself."""


def names_a_file(word: str) -> bool:
    """An existing path, or a case file to create (it ends in .gsnx, .yaml or .yml)."""
    from gsn_studio.io import GSNX_SUFFIXES, YAML_SUFFIXES  # noqa: PLC0415 (see the imports above)

    path = Path(word)
    if path.suffix.lower() in (*GSNX_SUFFIXES, *YAML_SUFFIXES):
        return True
    try:
        return path.exists()
    except (OSError, ValueError):  # a name too long for the system, or with a NUL in it
        return False


def unknown_command(argv: Sequence[str]) -> str | None:
    """What to say when the first word is neither a command, an option nor a file: a typo
    (`chek`) or a command this version lacks must not open the editor on a file of that name."""
    if not argv:
        return None
    from gsn_studio.cli import COMMANDS  # noqa: PLC0415 (see the imports above)

    word = argv[0]
    if word in COMMANDS or word.startswith("-") or names_a_file(word):
        return None
    import difflib  # noqa: PLC0415 (only for a mistyped command)

    near = difflib.get_close_matches(word, COMMANDS, n=3, cutoff=0.6)
    hint = (
        f"did you mean {' or '.join(near)}?"
        if near
        else f"the commands are {', '.join(COMMANDS)}; a file name opens the editor"
    )
    return f"gsn-studio: unknown command {word!r}; {hint}"


def no_display() -> str | None:
    """Why the editor cannot open here, before Qt tries and aborts: on Linux, with no X11 or
    Wayland display and no Qt platform chosen (a terminal over SSH, a CI job)."""
    if not sys.platform.startswith("linux"):
        return None
    if any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return None
    return (
        "gsn-studio: no display to open the editor on (DISPLAY is not set); the commands "
        "work without one, e.g. gsn-studio check CASE (see gsn-studio --help)"
    )


def wants_editor(argv: Sequence[str]) -> bool:
    """No arguments, or files to open (a first word that names a file, not a command)."""
    from gsn_studio.cli import COMMANDS  # noqa: PLC0415 (see the imports above)

    return not argv or (argv[0] not in COMMANDS and names_a_file(argv[0]))


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


def run() -> NoReturn:
    """The program (`gsn-studio`, `python -m gsn_studio`): `main`, then the process ends. A
    reading command's process ends as soon as its output is out: tearing the interpreter
    down would free, one by one, the objects of a case the system frees at once (30 ms of
    CPU after `check` of 10,000 nodes); it holds no file open for writing, and registers
    nothing to run at exit. The editor and the commands that write end as Python ends."""
    code = main()
    if sys.argv[1:2] and sys.argv[1] in READING_COMMANDS:
        try:
            sys.stdout.flush()
        except BrokenPipeError:  # the reader stopped early: as the command itself says it
            from gsn_studio.cli.main import reader_went_away  # noqa: PLC0415

            code = reader_went_away()
        except (OSError, ValueError):
            sys.exit(code)  # standard output is unusable: let Python say why, as before
        try:
            sys.stderr.flush()
        finally:
            os._exit(code)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if argv is None and args[:1] and args[0] in READING_COMMANDS:
        # The program's own process (tests pass argv), for one short run over one case: the
        # few cycles it makes die with it, and no collection need walk the case.
        gc.disable()
        from gsn_studio.io import prefetch  # noqa: PLC0415 (see the imports above)

        prefetch.start(args[1:])
    from gsn_studio.cli import main as cli_main  # noqa: PLC0415 (see the imports above)
    from gsn_studio.cli.common import EXIT_BAD_INPUT  # noqa: PLC0415

    if argv is None:
        # What is imported by now lives as long as the process, so the cycle collector need
        # not walk it again at every full collection; that walking was a tenth of `check`
        # on a large case.
        gc.freeze()
    if args[:1] == ["help"] and not Path("help").exists():
        args = [*args[1:2], "--help"]  # `gsn-studio help [COMMAND]`, as git and pip have it
    unknown = unknown_command(args)
    if unknown is not None:
        print(unknown, file=sys.stderr)
        return EXIT_BAD_INPUT
    request = editor_request(args)
    if request is None:
        code = cli_main(args)
        if argv is None and args[:1] and args[0] in READING_COMMANDS:
            # The exit's last collection need not walk the case either (`run` skips it; a
            # caller of main() as the program may not).
            gc.freeze()
        return code
    files, review = request
    if review and not any(not arg.startswith("-") for arg in files):
        print(
            "gsn-studio review: name the case to review, e.g. gsn-studio review case.gsnx",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    headless = no_display()
    if headless is not None:
        print(headless, file=sys.stderr)
        return EXIT_BAD_INPUT
    from gsn_studio.app.main import run_editor  # noqa: PLC0415 (Qt loads only for the editor)

    return int(run_editor(files, review=review))
