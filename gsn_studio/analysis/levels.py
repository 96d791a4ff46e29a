"""How sound an element of the argument is, from best to worst."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Level(StrEnum):
    SUPPORTED = "supported"
    UNDEVELOPED = "undeveloped"
    """A hole below: some claim has no support yet."""
    WEAKENED = "weakened"
    """Evidence below is expired, changed, missing or failing, or a challenge is open."""
    DEFEATED = "defeated"
    """An accepted defeater lands on it or on support it needs."""

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {level: rank for rank, level in enumerate(Level)}

_MARK_LEVELS = {
    "incomplete": Level.UNDEVELOPED,
    "expired": Level.WEAKENED,
    "changed": Level.WEAKENED,
    "missing": Level.WEAKENED,
    "failing": Level.WEAKENED,
    "unmeasured": Level.WEAKENED,
    "open": Level.WEAKENED,
    "accepted": Level.DEFEATED,
}
"""The level each mark word (`Assessment.marks`) other than a level's own stands for: what
it does to the claims it supports. Expiring evidence and refuted defeaters do no harm yet."""


def mark_rank(mark: str) -> tuple[int, int]:
    """How bad a mark is, to pick the worst of several: by the level it stands for, a
    level's own word before the evidence word of the same level; an unknown mark is best."""
    if mark in Level.__members__.values():
        return (Level(mark).rank, 1)
    level = _MARK_LEVELS.get(mark)
    return (-1, 0) if level is None else (level.rank, 0)


def worst_mark(marks: Iterable[str]) -> str:
    """The worst of several marks ("" for none): a module reference standing for several
    elements, or the nodes folded under one node."""
    return max(marks, key=mark_rank, default="")
