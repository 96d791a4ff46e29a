"""Parsing the .gsnx files named on the command line while the program imports the rest of
itself. lxml parses and checks the schema without holding Python's lock, so on a second core
a large case is parsed in the time the imports take anyway (0.08 s of CPU for `check` at
10,000 nodes). The reader takes the tree as soon as it is parsed, when the file's bytes are the
ones parsed, and builds the case while this thread goes on to check the tree against the
schema (io/gsnx_schema.SchemaCheck); otherwise, or after any problem parsing, it reads the file
itself and says what is wrong as usual.

Imports nothing of the model: it runs before the model is imported. What the thread runs is
imported here, by the program's own thread, before the thread starts: two threads importing
at once could each wait for a module the other is importing."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence

from lxml import etree

from gsn_studio.io.case_file import read_case_file
from gsn_studio.io.gsnx_schema import SchemaCheck
from gsn_studio.io.safe_xml import parse_xml


class _Ahead:
    """One file's parse ahead: `parsed` is set once `data` and `tree` are (`tree` stays None
    when the file could not be read or parsed); `check` is the schema check that follows."""

    def __init__(self) -> None:
        self.parsed = threading.Event()
        self.data = b""
        self.tree: etree._ElementTree | None = None
        self.check = SchemaCheck()


_pending: dict[str, _Ahead] = {}
_threads: list[threading.Thread] = []
_taken: list[_Ahead] = []
"""What the reader took, kept: only a reading command's own process parses ahead
(launcher.main), and it ends without tearing Python down (launcher.run), so its tree is never
freed element by element (xmlFreeDoc, 5% of reading 10,000 nodes): the system frees it at once."""


def start(paths: Sequence[str]) -> None:
    """Begin parsing each of `paths` that names a .gsnx file, each in a thread of its own."""
    for path in paths:
        if not path.lower().endswith(".gsnx") or not os.path.isfile(path):
            continue
        key = os.path.abspath(path)
        if key in _pending:
            continue
        ahead = _pending[key] = _Ahead()
        thread = threading.Thread(target=_parse, args=(path, ahead), daemon=True)
        _threads.append(thread)
        thread.start()


def _parse(path: str, ahead: _Ahead) -> None:
    try:
        ahead.data = read_case_file(path)
        ahead.tree = parse_xml(ahead.data, path)
    except Exception:  # the reader reads the file itself and reports what is wrong
        return
    finally:
        ahead.parsed.set()
    ahead.check.run(ahead.tree)  # a file that fails keeps the schema's first error


def take(
    path: str | os.PathLike[str], data: bytes
) -> tuple[etree._ElementTree, SchemaCheck] | None:
    """The tree parsed ahead for the file at `path`, if its bytes were `data`, with the schema
    check of it, which may still be running: waits for the parse only."""
    ahead = _pending.pop(os.path.abspath(path), None)
    if ahead is None:
        return None
    ahead.parsed.wait()
    if ahead.tree is None or ahead.data != data:
        return None
    _taken.append(ahead)
    return ahead.tree, ahead.check


def wait() -> None:
    """Until every parse begun, and the schema check that follows it, has ended."""
    for thread in list(_threads):
        thread.join()


def forget() -> None:
    """Drop what was parsed ahead, taken or not."""
    wait()
    _pending.clear()
    _threads.clear()
    _taken.clear()
