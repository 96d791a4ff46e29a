"""Numbers as files spell them: short where that is exact, never rounded."""

from __future__ import annotations


def number_text(value: float) -> str:
    """0.9 as "0.9" and 1.0 as "1", but 0.123456789 in full: a threshold must read back equal."""
    short = f"{value:g}"
    return short if float(short) == value else repr(value)
