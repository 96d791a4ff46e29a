"""Comment times as both file formats spell them: ISO 8601 in UTC, to the second, with a Z."""

from __future__ import annotations

import datetime as dt

EXAMPLE = "2026-11-23T10:00:00Z"


def time_text(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_time(text: str) -> dt.datetime:
    """The time in UTC; ValueError, saying what is wrong, for text that is not a time with a zone.

    Any offset is accepted and converted (a reviewer may write +02:00), but a time without one
    is refused: it would mean a different moment on every reviewer's machine.
    """
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a time written like {EXAMPLE}") from None
    if value.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone: write it in UTC with a Z, like {EXAMPLE}")
    try:
        return value.astimezone(dt.UTC).replace(microsecond=0)
    except OverflowError:  # year 1 at +01:00 is before the first moment Python can hold
        raise ValueError(f"{text!r} is out of range") from None
