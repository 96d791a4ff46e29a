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
    """Every element id of the case (tests and callers check each appears)."""

    def text(self) -> str:
        """All the words of the report, in order: what a reader of either format sees."""
        parts = [self.title_page.title, self.title_page.subtitle, self.title_page.verdict]
        parts += [f"{label}: {value}" for label, value in self.title_page.fields]
        for block in self.blocks:
            parts.extend(block_text(block))
        return "\n".join(parts)


def block_text(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return [block.text]
    if isinstance(block, Para):
        return ["".join(span.text for span in block.spans)]
    if isinstance(block, Bullets):
        return ["".join(span.text for span in item) for item in block.items]
    if isinstance(block, Table):
        return [" | ".join(block.header)] + [" | ".join(row) for row in block.rows]
    if isinstance(block, Figure):
        return [block.caption, block.note]
    if isinstance(block, Item):
        return [item_heading(block), *(f"{label}: {value}" for label, value in block.details)]
    return []


def item_heading(item: Item) -> str:
    """ "1.2 G3 Goal (weakened): the statement" as one line of text."""
    status = f" ({item.status})" if item.status else ""
    if item.see:
        return f"{item.number} {item.node_id} {item.kind}: see {item.see}"
    return f"{item.number} {item.node_id} {item.kind}{status}: {item.statement}"
