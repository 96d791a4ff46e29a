"""The report as PDF, laid out by ReportLab's page engine (platypus) from the same content the
Word document is written from: pure Python from PyPI, no system library, no Qt.

Text is set in DejaVu Sans where the system has it (any Linux with fontconfig does; it covers
arrows, dashes and most scripts), else Arial on Windows, else the Bitstream Vera that ships
with ReportLab. Every long word wraps (ReportLab splits a word wider than its column); a table
row taller than a page splits across pages. The file is the same for the same report:
ReportLab's invariant mode fixes the document's id, and its dates are the as-of date."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import PageBreak as PdfPageBreak
from reportlab.platypus import Table as PdfTable

from gsn_studio.export.report_model import (
    Block,
    Bullets,
    Figure,
    Heading,
    Item,
    PageBreak,
    Para,
    Report,
    Span,
    Table,
)
from gsn_studio.io.atomic import write_atomically

ACCENT = colors.HexColor("#1F3A5F")
GREY = colors.HexColor("#55606B")
RULE = colors.HexColor("#B0BEC5")
STRIPE = colors.HexColor("#EEF2F6")
STATUS_COLOURS = {
    "supported": "#2E7D32", "current": "#2E7D32", "undeveloped": "#B26A00",
    "expiring": "#B26A00", "weakened": "#C62828", "expired": "#C62828", "changed": "#C62828",
    "missing": "#C62828", "failing": "#C62828", "open": "#C62828", "defeated": "#6A1B9A",
}  # fmt: skip
MARGIN = 2.0 * cm
INDENT = 0.55 * cm
MAX_INDENT_LEVELS = 8
TALL_CELL_CHARS = 1200
"""A table cell longer than this may make its row taller than a page."""
KEEP_TOGETHER_CHARS = 2500
"""An item shorter than this (statement and details) is kept on one page."""

_FONT_FILES = (
    # (folder, regular, bold, italic, bold italic, mono)
    ("/usr/share/fonts/truetype/dejavu", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf",
     "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf", "DejaVuSansMono.ttf"),
    ("/usr/share/fonts/dejavu", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf",
     "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf", "DejaVuSansMono.ttf"),
    ("/usr/share/fonts/TTF", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf",
     "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf", "DejaVuSansMono.ttf"),
    ("C:/Windows/Fonts", "arial.ttf", "arialbd.ttf", "ariali.ttf", "arialbi.ttf", "consola.ttf"),
    ("/System/Library/Fonts/Supplemental", "Arial.ttf", "Arial Bold.ttf", "Arial Italic.ttf",
     "Arial Bold Italic.ttf", "Courier New.ttf"),
)  # fmt: skip


def _fonts() -> tuple[str, str]:
    """Register the body family and the monospaced face; returns their names."""
    if "GSNBody" in pdfmetrics.getRegisteredFontNames():
        mono = "GSNMono" if "GSNMono" in pdfmetrics.getRegisteredFontNames() else "Courier"
        return "GSNBody", mono
    for folder, *files in _FONT_FILES:
        paths = [Path(folder) / name for name in files]
        if all(path.is_file() for path in paths):
            break
    else:
        import reportlab  # noqa: PLC0415

        bundled = Path(reportlab.__file__).parent / "fonts"
        paths = [bundled / n for n in ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf")]
        paths.append(Path())  # no monospaced TrueType: Courier
    names = ("GSNBody", "GSNBody-Bold", "GSNBody-Italic", "GSNBody-BoldItalic")
    for name, path in zip(names, paths[:4], strict=True):
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        "GSNBody", normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3]
    )
    if paths[4].is_file():
        pdfmetrics.registerFont(TTFont("GSNMono", str(paths[4])))
        return "GSNBody", "GSNMono"
    return "GSNBody", "Courier"


class _Styles:
    def __init__(self) -> None:
        body, mono = _fonts()
        self.mono = mono
        base = ParagraphStyle("body", fontName=body, fontSize=9.5, leading=12.5, spaceAfter=4)
        self.body = base
        self.lead = ParagraphStyle("lead", base, fontSize=12, leading=16, spaceAfter=8)
        self.note = ParagraphStyle("note", base, fontSize=8.5, leading=11, textColor=GREY)
        self.h1 = ParagraphStyle(
            "h1", base, fontName="GSNBody-Bold", fontSize=16, leading=20, textColor=ACCENT,
            spaceBefore=14, spaceAfter=8, keepWithNext=1,
        )  # fmt: skip
        self.h2 = ParagraphStyle(
            "h2", self.h1, fontSize=12.5, leading=16, spaceBefore=10, spaceAfter=5
        )
        self.item = ParagraphStyle("item", base, spaceBefore=5, spaceAfter=1)
        self.detail = ParagraphStyle("detail", base, fontSize=8.5, leading=11, spaceAfter=0.5)
        self.cell = ParagraphStyle("cell", base, fontSize=8, leading=10, spaceAfter=0)
        self.code = ParagraphStyle("code", self.cell, fontName=mono, fontSize=7.5)
        self.head = ParagraphStyle(
            "head", self.cell, fontName="GSNBody-Bold", textColor=colors.white
        )
        self.caption = ParagraphStyle(
            "caption", self.note, alignment=TA_CENTER, spaceBefore=4, spaceAfter=10
        )
        self.title = ParagraphStyle(
            "title", base, fontName="GSNBody-Bold", fontSize=26, leading=32, textColor=ACCENT,
            spaceAfter=18,
        )  # fmt: skip
        self.subtitle = ParagraphStyle("subtitle", base, fontSize=12, leading=16, textColor=GREY)
        self.bullet = ParagraphStyle("bullet", base, leftIndent=14, bulletIndent=4)


def _text(text: str) -> str:
    """Case text as ReportLab markup: escaped, its line breaks kept."""
    return escape(text).replace("\n", "<br/>")


def _spans(spans: Sequence[Span], mono: str) -> str:
    out = []
    for span in spans:
        text = _text(span.text)
        if span.style == "bold":
            text = f"<b>{text}</b>"
        elif span.style == "italic":
            text = f"<i>{text}</i>"
        elif span.style == "code":
            text = f'<font face="{mono}">{text}</font>'
        out.append(text)
    return "".join(out)


class _Document(BaseDocTemplate):  # type: ignore[misc]
    """Headings become PDF bookmarks, so a reader's outline lists the sections."""

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (ReportLab's hook)
        level = getattr(flowable, "outline_level", None)
        if level is None:
            return
        key = f"h{self.seq.nextf('heading')}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.getPlainText(), key, level=level, closed=level > 0)


def pdf_bytes(report: Report) -> bytes:
    # Binary streams, not ASCII85 text: pure-Python ASCII85 of the figures cost seconds.
    rl_config.useA85 = 0
    styles = _Styles()
    out = io.BytesIO()
    document = _Document(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=2.2 * cm,
        bottomMargin=2.0 * cm,
        title=f"{report.title}: safety case report",
        author=report.generator,
        subject=f"Safety case as of {report.as_of.isoformat()}",
        creator=report.generator,
        keywords="GSN; safety case; assurance case",
        invariant=1,
    )
    frame = Frame(MARGIN, 2.0 * cm, A4[0] - 2 * MARGIN, A4[1] - 4.2 * cm, id="body")
    document.addPageTemplates([PageTemplate("page", [frame])])
    story = _title_page(report, styles)
    for block in report.blocks:
        story += _flowables(block, styles)
    with _dated(report.as_of):
        document.build(story, canvasmaker=_numbered(report, styles))
    return out.getvalue()


@contextlib.contextmanager
def _dated(day: dt.date) -> Iterator[None]:
    """The PDF's creation date is the as-of date: ReportLab's invariant mode takes it from
    SOURCE_DATE_EPOCH (the reproducible-builds convention), set only while it builds."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.combine(day, dt.time(0, 0), dt.UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(max(0, int(moment.timestamp())))
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def write_pdf(report: Report, target: Path) -> None:
    write_atomically(target, pdf_bytes(report))


def _numbered(report: Report, styles: _Styles) -> type[Canvas]:
    """A canvas that knows the page count when it draws each page's head and foot."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            page = self._pageNumber
            width, height = A4
            self.saveState()
            self.setFillColor(GREY)
            self.setFont(styles.body.fontName, 7.5)
            if page > 1:
                self.drawRightString(width - MARGIN, height - 1.45 * cm, report.running_head)
                self.setStrokeColor(RULE)
                self.setLineWidth(0.5)
                self.line(MARGIN, height - 1.6 * cm, width - MARGIN, height - 1.6 * cm)
            self.drawCentredString(
                width / 2, 1.1 * cm, f"{report.generator} · Page {page} of {total}"
            )
            self.restoreState()

    return NumberedCanvas


def _title_page(report: Report, styles: _Styles) -> list[Flowable]:
    page = report.title_page
    label, _, word = page.verdict.rpartition(": ")
    colour = STATUS_COLOURS.get(word, "#1F3A5F")
    verdict = Paragraph(
        f'{_text(label)}: <font color="{colour}"><b>{_text(word.upper())}</b></font>',
        styles.lead,
    )
    fields = Table(("", ""), page.fields, (1.3, 5.0))
    return [
        Spacer(1, 4.5 * cm),
        Paragraph(_text(page.subtitle.upper()), styles.subtitle),
        Paragraph(_text(page.title), styles.title),
        verdict,
        Spacer(1, 0.8 * cm),
        _table(fields, styles, header=False, label_column=True),
        PdfPageBreak(),
    ]


def _flowables(block: Block, styles: _Styles) -> list[Flowable]:
    made = _flowable(block, styles)
    return made if isinstance(made, list) else [made]


def _flowable(block: Block, styles: _Styles) -> Flowable | list[Flowable]:
    if isinstance(block, Heading):
        heading = Paragraph(_text(block.text), styles.h1 if block.level == 1 else styles.h2)
        heading.outline_level = block.level - 1
        return heading
    if isinstance(block, Para):
        style = {"note": styles.note, "lead": styles.lead}.get(block.kind, styles.body)
        return Paragraph(_spans(block.spans, styles.mono), style)
    if isinstance(block, Bullets):
        return [
            Paragraph(_spans(item, styles.mono), styles.bullet, bulletText="•")
            for item in block.items
        ]
    if isinstance(block, Table):
        return _table(block, styles)
    if isinstance(block, Figure):
        return _figure(block, styles)
    if isinstance(block, Item):
        return _item(block, styles)
    if isinstance(block, PageBreak):
        return PdfPageBreak()
    raise TypeError(f"no PDF form for {type(block).__name__}")


def _item(item: Item, styles: _Styles) -> Flowable | list[Flowable]:
    indent = INDENT * min(item.depth, MAX_INDENT_LEVELS)
    head_style = ParagraphStyle(f"item{item.depth}", styles.item, leftIndent=indent)
    parts = [
        f'<font color="#1F3A5F"><b>{_text(item.number)}</b></font>&nbsp;&nbsp;'
        f'<font face="{styles.mono}"><b>{_text(item.node_id)}</b></font>&nbsp;&nbsp;'
        f"<i>{_text(item.kind)}</i>"
    ]
    if item.relation:
        parts.append(f' <font color="#55606B">({_text(item.relation)})</font>')
    if item.see:
        parts.append(f": <i>see {_text(item.see)} above.</i>")
        return Paragraph("".join(parts), head_style)
    if item.status:
        colour = STATUS_COLOURS.get(item.status, "#55606B")
        parts.append(f'&nbsp;&nbsp;<font color="{colour}" size="7.5"><b>'
                     f"{_text(item.status.upper())}</b></font>")  # fmt: skip
    parts.append(f":&nbsp; {_text(item.statement or '(no statement)')}")
    flowables = [Paragraph("".join(parts), head_style)]
    detail_style = ParagraphStyle(f"detail{item.depth}", styles.detail, leftIndent=indent + INDENT)
    for label, value in item.details:
        shown = _text(value)
        if label.endswith("SHA-256"):
            shown = f'<font face="{styles.mono}">{shown}</font>'
        flowables.append(
            Paragraph(f'<font color="#55606B"><b>{_text(label)}:</b></font> {shown}', detail_style)
        )
    size = len(item.statement) + sum(len(value) for _, value in item.details)
    if size <= KEEP_TOGETHER_CHARS:
        return KeepTogether(flowables)
    return flowables  # taller than a page, perhaps: it must be free to break


def _table(
    table: Table, styles: _Styles, header: bool = True, label_column: bool = False
) -> Flowable:
    width = A4[0] - 2 * MARGIN
    total = sum(table.widths)
    widths = [width * share / total for share in table.widths]
    rows: list[list[Paragraph]] = []
    if header:
        rows.append([Paragraph(_text(text), styles.head) for text in table.header])
    for values in table.rows:
        row = []
        for column, value in enumerate(values):
            style = styles.code if column in table.code_columns else styles.cell
            text = _text(str(value))
            if label_column and column == 0:
                text = f"<b>{text}</b>"
            row.append(Paragraph(text, style))
        rows.append(row)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), ACCENT))
        for index in range(2, len(rows), 2):
            commands.append(("BACKGROUND", (0, index), (-1, index), STRIPE))
    # Splitting inside a row is only for a row that could be taller than a page: ReportLab
    # otherwise splits ordinary rows too, which reads badly.
    tall = any(len(str(value)) > TALL_CELL_CHARS for values in table.rows for value in values)
    grid = PdfTable(
        rows, colWidths=widths, repeatRows=1 if header else 0, splitByRow=1, splitInRow=int(tall)
    )
    grid.setStyle(TableStyle(commands))
    grid.spaceAfter = 10
    return grid


def _figure(figure: Figure, styles: _Styles) -> Flowable:
    image = Image(io.BytesIO(figure.png), width=figure.width, height=figure.height)
    label, _, rest = figure.caption.partition(". ")
    parts: list[Flowable] = [
        image,
        Paragraph(f"<b>{_text(label)}.</b> {_text(rest)}", styles.caption),
    ]
    if figure.note:
        parts.append(Paragraph(_text(figure.note), styles.caption))
    return KeepTogether(parts)
