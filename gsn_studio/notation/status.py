"""The status words: what a node's mark is called wherever it is shown. Kept apart from
`palette` (the colours and shapes of figures and the canvas): `gsn-studio check` prints the
words alone and need not build the looks."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """What the canvas and the exports mark on a node. The values are the mark names that
    `analysis.Assessment.marks` gives: analysis decides the word, `palette` the look."""

    NONE = ""
    # Goals and strategies: their assurance status.
    SUPPORTED = "supported"
    UNDEVELOPED = "undeveloped"
    """The hole itself: no support yet."""
    INCOMPLETE = "incomplete"
    """Undeveloped below: a hole somewhere in its support."""
    WEAKENED = "weakened"
    DEFEATED = "defeated"
    # Solutions: their evidence.
    EXPIRED = "expired"
    EXPIRING = "expiring"
    CHANGED = "changed"
    MISSING = "missing"
    FAILING = "failing"
    UNMEASURED = "unmeasured"
    # Defeaters: where their challenge stands.
    OPEN = "open"
    REFUTED = "refuted"
    ACCEPTED = "accepted"


STATUS_WORDS: dict[Status, str] = {
    status: "undeveloped" if status is Status.INCOMPLETE else status.value
    for status in Status
    if status is not Status.NONE
}
"""The one word for each status, as `gsn-studio check`, the register and the dashboard say it
and (in capitals) as badges show it. A goal with a hole below is undeveloped like the hole
itself; the canvas tells them apart by their look, not by another word."""
