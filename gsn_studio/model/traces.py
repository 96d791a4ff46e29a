"""Traces from the argument to items of sets kept outside it (hazard logs, requirements,
clauses of a standard), and an assessor's acceptance of an element's subtree.

A trace keeps a short hash of the item's row as it was when the trace was last verified or
accepted, so a changed hazard or requirement is noticed; an acceptance keeps one hash over the
subtree it covers and one per part, so a stale acceptance can say what changed.
"""

import datetime as dt
import hashlib
import json
import re

from pydantic import BaseModel, ConfigDict, field_validator

from gsn_studio.model.records import record
from gsn_studio.model.text import clean_text

_TOKEN = re.compile(r"^[^\s<>&\"']+$")
"""The same one-word rule as node ids (defined here as nodes import this module)."""

SET_FORMATS = (".csv", ".json", ".reqif")
"""The file kinds a trace set can be, told by the name's ending."""


def _token(value: str, what: str) -> str:
    if not value or not _TOKEN.match(value):
        raise ValueError(
            f"{what} {value!r} must be one word without spaces, quotes, '<', '>' or '&'"
        )
    return value


class TraceSet(BaseModel):
    """A set of items elements may trace to: a file next to the case, named for the case."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    name: str
    path: str
    """Relative to the case file's folder, with forward slashes."""
    complete: bool = False
    """Every item must be argued: an untraced item is an error, not a warning (hazard logs)."""

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return _token(value, "a trace set name")

    @field_validator("path")
    @classmethod
    def _path(cls, value: str) -> str:
        value = clean_text(value).strip().replace("\\", "/")
        if not value:
            raise ValueError("a trace set needs the path of its file")
        if not value.lower().endswith(SET_FORMATS):
            raise ValueError(f"trace set file {value!r} must end in {', '.join(SET_FORMATS)}")
        return value


class Trace(BaseModel):
    """An element's reference to one item of a set."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    set: str
    item: str
    seen: str = ""
    """The hash of the item's row when the trace was last verified or accepted ("" never)."""

    @field_validator("set")
    @classmethod
    def _set(cls, value: str) -> str:
        return _token(value, "a trace set name")

    @field_validator("item")
    @classmethod
    def _item(cls, value: str) -> str:
        value = clean_text(value).strip()
        if not value or any(c.isspace() for c in value):
            raise ValueError(f"a traced item id {value!r} must be one word")
        return value

    @property
    def key(self) -> str:
        return f"{self.set}:{self.item}"


class Acceptance(BaseModel):
    """An assessor's acceptance of an element and everything under it, as it was then."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    by: str
    on: dt.date
    digest: str
    """One hash over the subtree's parts (see `analysis.acceptance`)."""
    parts: tuple[tuple[str, str], ...] = ()
    """Each part's own hash, by a key such as `Sn7 artifact`, to name what changed."""

    @field_validator("by")
    @classmethod
    def _by(cls, value: str) -> str:
        value = " ".join(clean_text(value).split())
        if not value:
            raise ValueError("an acceptance needs the assessor's name")
        return value


@record
class TraceItem:
    """One row of a set: its id, its title and the other columns, as the file gives them."""

    id: str
    title: str
    fields: tuple[tuple[str, str], ...] = ()
    line: int | None = None

    @property
    def row_hash(self) -> str:
        """A short hash of the whole row, kept by traces to notice that the item changed."""
        row = json.dumps([self.id, self.title, sorted(self.fields)], ensure_ascii=False)
        return hashlib.sha256(row.encode()).hexdigest()[:16]

    def field(self, name: str) -> str:
        return next((value for key, value in self.fields if key.lower() == name.lower()), "")


@record
class LoadedSet:
    """A trace set as read from its file, or why it could not be (`problem`)."""

    declared: TraceSet
    items: tuple[TraceItem, ...] = ()
    problem: str = ""

    def by_id(self) -> dict[str, TraceItem]:
        return {item.id: item for item in self.items}
