"""Reading the values of one gsn2x mapping (a node, `module`, a `refutation`): text, ids,
dates and numbers, each refusal naming the line of its key."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import yaml

from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsn2x_format import describe
from gsn_studio.io.times import EXAMPLE, parse_time
from gsn_studio.model.text import clean_plain

EnumT = TypeVar("EnumT", bound=StrEnum)


@dataclass(frozen=True)
class Keys:
    """A mapping as read: its values, the line of each key and each scalar as typed."""

    path: str | Path
    label: str
    """What errors start with: the node id, or "CSn1: refutation"."""
    values: dict[Any, Any]
    line: int
    """Blamed for a key that has no line of its own."""
    lines: dict[str, int] = field(default_factory=dict)
    raws: dict[str, str] = field(default_factory=dict)
    nodes: dict[str, yaml.Node] = field(default_factory=dict)

    @classmethod
    def read(
        cls,
        path: str | Path,
        label: str,
        values: dict[Any, Any],
        node: yaml.Node | None,
        line: int,
    ) -> Keys:
        keys = cls(path, label, values, line)
        if isinstance(node, yaml.MappingNode):
            for key_node, item in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    keys.lines.setdefault(key_node.value, key_node.start_mark.line + 1)
                    keys.nodes.setdefault(key_node.value, item)
                    if isinstance(item, yaml.ScalarNode):
                        keys.raws[key_node.value] = item.value
        return keys

    def __contains__(self, key: str) -> bool:
        return key in self.values

    def at(self, key: str) -> int:
        return self.lines.get(key, self.line)

    def refuse(self, key: str, problem: str) -> CaseFileError:
        return CaseFileError(self.path, f"{self.label}: {problem}", self.at(key))

    def text(self, key: str) -> str:
        value = self.values.get(key)
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        if isinstance(value, bool | int | float):
            # A number or yes/no is text the author typed: keep it as typed, "1.10" not "1.1".
            return self.raws.get(key, str(value))
        raise self.refuse(key, f"{key} must be text, not {describe(value)}")

    def ids(self, key: str) -> list[str]:
        value = self.values.get(key)
        if value is None:
            return []
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            raise self.refuse(key, f"{key} must be an id or a list of ids, not {describe(value)}")
        for item in items:
            if not isinstance(item, str):
                raise self.refuse(key, f"{key} lists node ids, but one entry is {describe(item)}")
        return list(items)

    def strings(self, key: str) -> list[str]:
        value = self.values.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.refuse(key, f"{key} must be a list of text items")
        return value

    def date(self, key: str) -> dt.date:
        value = self.values.get(key)
        try:
            if isinstance(value, str):
                return dt.date.fromisoformat(value)
        except ValueError:
            pass
        raise self.refuse(key, f"{key} must be a date written YYYY-MM-DD, not {describe(value)}")

    def time(self, key: str) -> dt.datetime:
        value = self.values.get(key)
        if not isinstance(value, str):
            raise self.refuse(
                key, f"{key} must be a time written like {EXAMPLE}, not {describe(value)}"
            )
        try:
            return parse_time(value)
        except ValueError as error:
            raise self.refuse(key, f"{key} {error}") from None

    def whole_number(self, key: str) -> int:
        value = self.values.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise self.refuse(key, f"{key} must be a whole number, not {describe(value)}")

    def number(self, key: str) -> float:
        value = self.values.get(key)
        try:
            if isinstance(value, int | float | str) and not isinstance(value, bool):
                # Text too: YAML 1.1 reads 1e-5 (no dot) as text, though it was meant as a number.
                return float(value)
        except (ValueError, OverflowError):
            pass
        raise self.refuse(key, f"{key} must be a number, not {describe(value)}")

    def choice(self, key: str, choices: type[EnumT]) -> EnumT:
        value = self.values.get(key)
        allowed = [choice.value for choice in choices]
        if isinstance(value, str) and value in allowed:
            return choices(value)
        raise self.refuse(key, f"{key} must be one of {', '.join(allowed)}, not {describe(value)}")

    def mapping(self, key: str) -> Keys:
        """The mapping under a key, with its own key lines; nothing given reads as empty."""
        value = self.values.get(key)
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise self.refuse(key, f"{key} must be a mapping, not {describe(value)}")
        node = self.nodes.get(key)
        line = node.start_mark.line + 1 if isinstance(node, yaml.MappingNode) else self.at(key)
        return Keys.read(self.path, f"{self.label}: {key}", value, node, line)

    def mappings(self, key: str, item: str) -> list[Keys]:
        """The mappings listed under a key, each with its own key lines and labelled
        "ITEM N" (from 1); nothing given reads as none."""
        value = self.values.get(key)
        if value is None:
            return []
        node = self.nodes.get(key)
        if not isinstance(value, list) or not isinstance(node, yaml.SequenceNode):
            raise self.refuse(key, f"{key} must be a list of mappings, not {describe(value)}")
        found = []
        for number, (entry, entry_node) in enumerate(zip(value, node.value, strict=True), 1):
            line = entry_node.start_mark.line + 1
            if not isinstance(entry, dict):
                raise CaseFileError(
                    self.path,
                    f"{self.label}: {key}: {item} {number} must be a mapping, "
                    f"not {describe(entry)}",
                    line,
                )
            found.append(Keys.read(self.path, f"{item} {number}", entry, entry_node, line))
        return found


def plain_entry(key: Any, value: Any, label: str, path: str | Path, line: int) -> dict[str, Any]:
    """One extra as JSON gives it back: its key as text (YAML's 1 is "1"), its value plain."""
    try:
        text_key = next(iter(json.loads(json.dumps({key: None}))))
    except TypeError as error:
        raise CaseFileError(
            path, f"{label}: a key is not text or a number: {error}", line
        ) from None
    return {text_key: plain(value, label, path, line)}


def plain(value: Any, label: str, path: str | Path, line: int) -> Any:
    """The value as JSON gives it back, so extras are the same whichever file they came from,
    and as the model holds extras (texts cleaned, nesting bounded)."""
    try:
        return clean_plain(json.loads(json.dumps(value, allow_nan=False, ensure_ascii=False)))
    except TypeError as error:
        raise CaseFileError(
            path,
            f"{label}: a value is not plain data (text, numbers, true/false, lists, mappings): "
            f"{error}",
            line,
        ) from None
    except ValueError as error:
        raise CaseFileError(path, f"{label}: {error}", line) from None
