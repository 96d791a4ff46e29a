"""Pausing Python's garbage collector while a burst of long-lived objects is made."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collections_paused() -> Iterator[None]:
    """No automatic collection while a case is read (or, in the editor, its items, rows and
    findings are built): each would walk every object made so far (on 10,000 nodes, several
    walks of a growing heap, a tenth of opening or checking), and reading makes no cycle for
    one to find. The collector is as it was afterwards (paused calls nest)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
