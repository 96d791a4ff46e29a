"""Keeping a long-lived case out of Python's garbage collector without leaking the last one."""

from __future__ import annotations

import gc

from gsn_studio.io.memory import collections_paused

__all__ = ["collect_before_first_case", "collections_paused", "freeze_long_lived"]


class _Frozen:
    case = False
    """Whether this process has frozen a case yet: until then no old case is among the
    frozen objects, and nothing needs collecting before freezing."""


def freeze_long_lived() -> None:
    """Keep the open case out of the collections that would stall edits on a big case.

    Frozen objects are never collected, so first thaw and collect: the case this one
    replaced is garbage now, and freezing it again would keep it for good (every open of a
    3,000-node case used to add 17 MB). The first case a process freezes replaced none that
    was frozen: then that collection, a walk of every object (0.2 s of opening 10,000 nodes),
    would find only the few cycles opening made, and they are frozen until the next open
    collects them."""
    if _Frozen.case:
        gc.unfreeze()
        gc.collect()
    _Frozen.case = True
    gc.freeze()


def collect_before_first_case() -> None:
    """Before a process reads its first case, free the garbage already there (about 20 ms:
    no case yet). Left uncollected, that garbage was frozen with the first case and freed by
    the next freeze's collection, which ran inside a finished layout's signal: collecting a
    panel and document let go earlier there crashed the process (a segmentation fault in
    Qt, seen in the tests)."""
    if not _Frozen.case:
        gc.collect()
