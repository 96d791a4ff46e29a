"""The safety case report as plain content: headings, paragraphs, numbered argument items,
tables and figures. `report_content` builds it from a case; `report_docx` and `report_pdf`
write the same content as Word and PDF, so both say exactly the same thing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with one look: "" plain, "bold", "italic" or "code" (ids, hashes)."""

    text: str
    style: str = ""


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    """1 for a section, 2 for a part of one."""
    text: str


@dataclass(frozen=True, slots=True)
class Para:
    spans: tuple[Span, ...]
    kind: str = "body"
    """"body", "note" (smaller, grey: what a reader may skip) or "lead" (the verdict)."""


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[tuple[Span, ...], ...]


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    """Relative column widths; the writers share the page width out by them."""
    code_columns: tuple[int, ...] = ()
    """Columns of ids and hashes, set in the monospaced face."""


@dataclass(frozen=True, slots=True)
class Figure:
    png: bytes
    width: float
    """In points, as placed on the page."""
    height: float
    caption: str
    note: str = ""
    """Said under the caption when the figure had to be reduced."""


@dataclass(frozen=True, slots=True)
class Item:
    """One element of the argument in the numbered narrative: "1.2.1 G3 Goal: statement"."""

    number: str
    depth: int
    node_id: str
    kind: str
    """The element's type in words ("Goal", "Away goal", "Counter-claim"...)."""
    statement: str
    status: str = ""
    details: tuple[tuple[str, str], ...] = ()
    """Labelled facts: evidence, dates, hashes, owner, traces..."""
    see: str = ""
    """Set when the element was already narrated: the number it has there."""
    relation: str = ""
    """How it hangs under its parent, when that is not plain support ("in context of",
    "challenges")."""


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


Block = Heading | Para | Bullets | Table | Figure | Item | PageBreak


@dataclass(frozen=True, slots=True)
class TitlePage:
    title: str
    subtitle: str
    fields: tuple[tuple[str, str], ...]
    verdict: str


@dataclass(frozen=True, slots=True)
class Report:
    title: str
    as_of: dt.date
    title_page: TitlePage
    blocks: tuple[Block, ...]
    running_head: str
    """The line at the top of every page after the title page."""
    generator: str
    ids: frozenset[str] = field(default_factory=frozenset)
    """Every element id of the case: each appears somewhere in the report."""
