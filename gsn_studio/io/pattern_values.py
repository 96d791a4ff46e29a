"""Reading the values a pattern is instantiated with, from YAML or CSV.

YAML:  parameters: {system: LAM 4.2, attributes: [sex, age]}
       choose: {G4: [Sn2]}        # optional: the targets kept at a choice or optional link
       name: Fairness of LAM 4.2  # optional: the instance's name
CSV:   a header `parameter,value`, then one row per value; a list parameter takes one row per
       item, and a row `choose G4,Sn2` keeps Sn2 at G4's choice.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml

from gsn_studio.io.errors import CaseFileError
from gsn_studio.model.instantiation import Values

_KEYS = {"parameters", "choose", "name"}


def read_values(path: str | Path) -> Values:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CaseFileError(path, f"cannot read the values: {error}") from None
    if Path(path).suffix.lower() == ".csv":
        return _from_csv(text, path)
    if Path(path).suffix.lower() in (".yaml", ".yml"):
        return _from_yaml(text, path)
    raise CaseFileError(path, "values come in a .yaml, .yml or .csv file")


def _from_yaml(text: str, path: str | Path) -> Values:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise CaseFileError(path, str(problem), mark.line + 1 if mark else None) from None
    if data is None:
        data = {}
    shape = "values are a mapping with parameters (and optionally choose and name)"
    if not isinstance(data, dict):
        raise CaseFileError(path, shape)
    unknown = sorted(str(key) for key in set(data) - _KEYS)
    if unknown:
        raise CaseFileError(path, f"unknown key {unknown[0]!r}: {shape}")
    parameters = data.get("parameters") or {}
    if not isinstance(parameters, dict):
        raise CaseFileError(path, "parameters is a mapping of parameter names to values")
    values: dict[str, str | list[str]] = {}
    for name, value in parameters.items():
        values[str(name)] = _value(value, f"parameter {name}", path)
    choose: dict[str, list[str]] = {}
    chosen = data.get("choose") or {}
    if not isinstance(chosen, dict):
        raise CaseFileError(path, "choose maps an element of the pattern to the targets it keeps")
    for source, targets in chosen.items():
        picked = _value(targets, f"choose {source}", path)
        choose[str(source)] = [picked] if isinstance(picked, str) else picked
    name = data.get("name") or ""
    if not isinstance(name, str):
        raise CaseFileError(path, "name is a line of text")
    return Values(values, choose, name)


def _value(value: Any, label: str, path: str | Path) -> str | list[str]:
    if isinstance(value, list):
        if not all(_scalar(item) for item in value):
            raise CaseFileError(path, f"{label}: a list holds plain values, not lists or maps")
        return [_text(item) for item in value]
    if not _scalar(value):
        raise CaseFileError(path, f"{label}: give a value or a list of values")
    return _text(value)


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def _text(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _from_csv(text: str, path: str | Path) -> Values:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [cell.strip().lower() for cell in rows[0][:2]] != ["parameter", "value"]:
        raise CaseFileError(path, "a values CSV starts with the header parameter,value", 1)
    parameters: dict[str, str | list[str]] = {}
    choose: dict[str, list[str]] = {}
    for number, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2:
            raise CaseFileError(path, "each row is a parameter and one value", number)
        name, value = row[0].strip(), row[1]
        if name.startswith("choose "):
            choose.setdefault(name.removeprefix("choose ").strip(), []).append(value.strip())
            continue
        if name in parameters:
            earlier = parameters[name]
            parameters[name] = [*([earlier] if isinstance(earlier, str) else earlier), value]
        else:
            parameters[name] = value
    return Values(parameters, choose)
