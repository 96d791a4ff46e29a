"""Words the panels show: type names in sentence case, counts, first lines."""

from __future__ import annotations

import re

from gsn_studio.model import NodeType
from gsn_studio.notation.palette import STATUS_MARKS, Status

_WORD_START = re.compile(r"(?<!^)(?=[A-Z])")


def type_name(node_type: NodeType) -> str:
    """'CounterGoal' -> 'Counter goal', as labels are in sentence case."""
    words = _WORD_START.split(node_type.value)
    return " ".join([words[0], *(word.lower() for word in words[1:])])


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def first_line(text: str, limit: int = 120) -> str:
    """The first non-blank line of a statement, cut to a length a row can show."""
    for raw in text.splitlines():
        line = raw.strip()
        if line:
            return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
    return ""


def mark_meaning(status: Status) -> str:
    """What a status mark means, without repeating its badge word: "WEAKENED" is followed by
    "Evidence below no longer holds...", not by "Weakened: evidence below..."."""
    label = STATUS_MARKS[status].label
    word, _colon, rest = label.partition(": ")
    if rest and word.upper() == STATUS_MARKS[status].badge:
        return rest[0].upper() + rest[1:]
    return label
