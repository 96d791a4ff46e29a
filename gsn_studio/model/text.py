"""Text that a case can hold: the rule every statement, name and reference passes."""

from __future__ import annotations

import re

ID_PATTERN = re.compile(r"^[^\s<>&\"']+$")
"""Ids are single tokens: they appear in file references, command lines and SVG ids."""

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """Normalise newlines and refuse characters that no XML file can hold."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    bad = _NOT_IN_XML.search(value)
    if bad:
        raise ValueError(
            f"contains the control character U+{ord(bad.group()):04X} at position "
            f"{bad.start() + 1}, which a case file cannot hold"
        )
    return value
