"""Text that a case can hold: the rule every statement, name and reference passes, the stricter
rule for ids, and the rule for data kept from other tools (extras)."""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

ID_PATTERN = re.compile(r"^(?!\s)[^\x00-\x1f\x7f-\x9f\u2028\u2029]+(?<!\s)$")
"""Ids are visible text as other tools write them ("Claim SysSafe.0", gsn2x ids with quotes):
inner spaces and punctuation are kept (writers escape them); control characters, line breaks
and leading or trailing spaces are refused, since an id must read back as it was written."""

ID_RULE = "must be visible text, without control characters or spaces at either end"

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

MAX_NESTING = 100
"""How deeply lists and mappings may nest inside one extra. Real files nest a few levels;
the limit keeps every reader and writer (some of them recursive) far from Python's stack."""

_INVISIBLE = frozenset({"Cc", "Cf", "Cs"})
"""Control, format (bidi overrides, zero-width spaces, the BOM) and surrogate code points: an
id holding one would look like another id, act on a terminal, or break a file."""


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


def check_identifier(value: str) -> str:
    """Refuse an id (of a node, or a link's end) holding a character that is not visible text."""
    if value.isascii() and value.isprintable():
        return value  # the usual id, checked at C speed: ASCII has no format or surrogate codes
    for position, character in enumerate(value, 1):
        if unicodedata.category(character) in _INVISIBLE or character in "\ufffe\uffff":
            name = unicodedata.name(character, "a control or invisible character")
            raise ValueError(
                f"id {value!r} contains U+{ord(character):04X} ({name.lower()}) at position "
                f"{position}: ids hold visible characters only"
            )
    return value


def check_reference(value: str) -> str:
    """The one rule for an id, whether it names a node or refers to one (a link's end, a
    comment's target): visible characters, no spaces at either end, not empty. A reference no
    id could hold is refused when read, since no file could write it back."""
    check_identifier(value)
    if not ID_PATTERN.match(value):
        raise ValueError(f"id {value!r} {ID_RULE}")
    return value


def clean_plain(value: Any, depth: int = 0) -> Any:
    """Plain data (text, finite numbers, true/false, null, lists, mappings with text keys)
    with every text cleaned as statements are, nested at most MAX_NESTING levels."""
    if isinstance(value, str):
        return clean_text(value)
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} is not a number a case file can hold")
        return value
    if isinstance(value, list | tuple | dict):
        if depth >= MAX_NESTING:
            raise ValueError(f"lists and mappings nest deeper than {MAX_NESTING} levels")
        if isinstance(value, dict):
            cleaned: dict[str, Any] = {}
            for key, item in value.items():
                if not isinstance(key, str):
                    raise ValueError(f"the key {key!r} is not text")
                cleaned[_clean_key(key)] = clean_plain(item, depth + 1)
            return cleaned
        return [clean_plain(item, depth + 1) for item in value]
    raise ValueError(f"a {type(value).__name__} is not plain data")


def clean_extras(extras: dict[str, Any]) -> dict[str, Any]:
    """Extras as a model holds them: keys and values cleaned, depth bounded (the mapping of
    extras itself is not counted as a level)."""
    return {_clean_key(key): clean_plain(value, 0) for key, value in extras.items()}


def _clean_key(key: str) -> str:
    try:
        return clean_text(key)
    except ValueError as error:
        raise ValueError(f"the key {key!r} {error}") from None
