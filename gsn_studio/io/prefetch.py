"""Parsing the .gsnx files named on the command line while the program imports the rest of
itself. lxml parses and checks the schema without holding Python's lock, so on a second core
a large case is parsed in the time the imports take anyway (0.08 s of CPU for `check` at
10,000 nodes). The reader takes the tree only when the file's bytes are the ones parsed;
otherwise, or after any problem, it reads the file itself and says what is wrong as usual.

Imports nothing of the model: it runs before the model is imported. What the thread runs is
imported here, by the program's own thread, before the thread starts: two threads importing
at once could each wait for a module the other is importing."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence

from lxml import etree

from gsn_studio.io.case_file import read_case_file
from gsn_studio.io.gsnx_schema import schema
from gsn_studio.io.safe_xml import parse_xml

_Parsed = tuple[bytes, etree._ElementTree]

_pending: dict[str, tuple[threading.Thread, list[_Parsed]]] = {}


def start(paths: Sequence[str]) -> None:
    """Begin parsing each of `paths` that names a .gsnx file, each in a thread of its own."""
    for path in paths:
        if not path.lower().endswith(".gsnx") or not os.path.isfile(path):
            continue
        key = os.path.abspath(path)
        if key in _pending:
            continue
        parsed: list[_Parsed] = []
        thread = threading.Thread(target=_parse, args=(path, parsed), daemon=True)
        _pending[key] = (thread, parsed)
        thread.start()


def _parse(path: str, parsed: list[_Parsed]) -> None:
    try:
        data = read_case_file(path)
        tree = parse_xml(data, path)
        if schema().validate(tree):  # a file that fails is read again, for the message
            parsed.append((data, tree))
    except Exception:  # the reader reads the file itself and reports what is wrong
        return


def take(path: str | os.PathLike[str], data: bytes) -> etree._ElementTree | None:
    """The tree parsed ahead for the file at `path`, valid against the schema, if its bytes
    were `data`. Waits for every parse begun: none is still running when the caller goes on
    (the schema is one object, not to be used by two threads at once)."""
    if not _pending:
        return None
    wait()
    entry = _pending.pop(os.path.abspath(path), None)
    if entry is None or not entry[1]:
        return None
    parsed_data, tree = entry[1][0]
    return tree if parsed_data == data else None


def wait() -> None:
    """Until every parse begun has ended."""
    for thread, _ in list(_pending.values()):
        thread.join()


def forget() -> None:
    """Drop what was parsed ahead and not taken."""
    wait()
    _pending.clear()
