"""How sound an element of the argument is, from best to worst."""

from __future__ import annotations

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
