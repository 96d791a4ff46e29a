"""The report as a Word document, with python-docx.

Without a template: A4, heading styles, a title page without header, a running head and
"Page N of M" in the footer, tables with a shaded header row that repeats on every page, and
figures with captions. With a template (`--template FILE.docx`) its styles, page setup,
headers, footers and cover (whatever its body holds, with {case}, {version}, {as_of},
{verdict} and {owners} filled in) are kept, and the report follows the cover. The report's
own paragraph styles (`GSN Item`, `GSN Detail`, `GSN Table`, `GSN Code`) are added only
where the template does not define them, so a template can restyle them too.

The same report gives the same file, byte for byte: the document's dates are the as-of
date, and the zip entries carry that date rather than the time of writing."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from gsn_studio.export.report_model import (
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
from gsn_studio.io.errors import CaseFileError

ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
GREY = RGBColor(0x55, 0x60, 0x6B)
HEADER_FILL = "1F3A5F"
STRIPE_FILL = "EEF2F6"
CODE_FONT = "Consolas"
STATUS_COLOURS = {
    "supported": RGBColor(0x2E, 0x7D, 0x32),
    "current": RGBColor(0x2E, 0x7D, 0x32),
    "undeveloped": RGBColor(0xB2, 0x6A, 0x00),
    "expiring": RGBColor(0xB2, 0x6A, 0x00),
    "weakened": RGBColor(0xC6, 0x28, 0x28),
    "expired": RGBColor(0xC6, 0x28, 0x28),
    "changed": RGBColor(0xC6, 0x28, 0x28),
    "missing": RGBColor(0xC6, 0x28, 0x28),
    "failing": RGBColor(0xC6, 0x28, 0x28),
    "open": RGBColor(0xC6, 0x28, 0x28),
    "defeated": RGBColor(0x6A, 0x1B, 0x9A),
}
INDENT_CM = 0.55
MAX_INDENT_LEVELS = 8
"""Deeper items keep this indentation: a deep argument must not squeeze its text away."""
PLACEHOLDERS = ("case", "version", "as_of", "verdict", "owners")


def docx_bytes(report: Report, template: Path | None = None) -> bytes:
    document = _open(template)
    has_cover = template is not None and bool(_body_text(document).strip())
    if template is None:
        _page_setup(document)
    else:
        _fill_placeholders(document, report)
    _own_styles(document)
    _properties(document, report)
    _running_head_and_footer(document, report, template is not None)
    writer = _Writer(document)
    if has_cover:
        writer.page_break()
    writer.title_page(report)
    for block in report.blocks:
        writer.block(block)
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip(out.getvalue(), report.as_of)


def write_docx(report: Report, target: Path, template: Path | None = None) -> None:
    write_atomically(target, docx_bytes(report, template))


def _open(template: Path | None) -> Any:
    if template is None:
        return Document()
    try:
        return Document(str(template))
    except Exception as error:  # python-docx raises many kinds for a file that is not one
        problem = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise CaseFileError(
            template, f"not a Word .docx file to use as a template ({problem})"
        ) from None


def _body_text(document: Any) -> str:
    return "".join(p.text for p in document.paragraphs) + "".join(
        "x" for _ in document.element.body.iter(qn("w:drawing"))
    )


def _page_setup(document: Any) -> None:
    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
        section.header_distance = section.footer_distance = Cm(1.0)
        section.different_first_page_header_footer = True  # the title page stands alone
    for name in ("Header", "Footer"):
        style = _style(document, name)
        if style is not None:
            style.font.size = Pt(8)
            style.font.color.rgb = GREY
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    for level, size in ((1, 16), (2, 12.5)):
        style = _style(document, f"Heading {level}")
        if style is not None:
            style.font.size = Pt(size)
            style.font.color.rgb = ACCENT
            style.paragraph_format.space_before = Pt(18 if level == 1 else 10)
            style.paragraph_format.space_after = Pt(6)
            style.paragraph_format.keep_with_next = True


def _style(document: Any, name: str) -> Any:
    try:
        return document.styles[name]
    except KeyError:
        return None


def _own_styles(document: Any) -> None:
    """The report's paragraph styles, unless the template already defines them."""
    wanted = {
        "GSN Item": (10, False, 0, 6),
        "GSN Detail": (8.5, False, 0, 1),
        "GSN Table": (8, False, 0, 0),
        "GSN Code": (8, True, 0, 0),
        "GSN Note": (8.5, False, 0, 4),
    }
    for name, (size, code, before, after) in wanted.items():
        if _style(document, name) is not None:
            continue
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.size = Pt(size)
        if code:
            style.font.name = CODE_FONT
        if name == "GSN Note":
            style.font.color.rgb = GREY
            style.font.italic = True
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        if name == "GSN Item":
            fmt.space_before = Pt(6)
            fmt.keep_with_next = True


def _properties(document: Any, report: Report) -> None:
    """Fixed metadata: the as-of date stands for every date, so two runs give one file."""
    props = document.core_properties
    moment = dt.datetime.combine(report.as_of, dt.time(0, 0))
    props.title = f"{report.title}: safety case report"
    props.subject = f"Safety case as of {report.as_of.isoformat()}"
    props.author = report.generator
    props.last_modified_by = report.generator
    props.keywords = "GSN; safety case; assurance case"
    props.comments = "Generated by gsn-studio report"
    props.category = "Safety case report"
    props.created = props.modified = props.last_printed = moment
    props.revision = 1


def _running_head_and_footer(document: Any, report: Report, templated: bool) -> None:
    """Ours wherever the template left the header or footer empty."""
    for section in document.sections:
        header = section.header
        if not templated or not any(p.text.strip() for p in header.paragraphs):
            paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
            paragraph.text = ""
            run = paragraph.add_run(report.running_head)
            run.font.size, run.font.color.rgb = Pt(8), GREY
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _rule(paragraph, "bottom")
        footer = section.footer
        if not templated or not any(p.text.strip() for p in footer.paragraphs):
            paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
            paragraph.text = ""
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for part in (f"{report.generator} · Page ", "PAGE", " of ", "NUMPAGES"):
                if part.isupper():
                    _field(paragraph, part)
                else:
                    run = paragraph.add_run(part)
                    run.font.size, run.font.color.rgb = Pt(8), GREY


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that the reader fills in as it lays the pages out: one run
    per part, as Word writes them, each in the footer's small grey."""
    for kind, text in (("begin", ""), ("instr", instruction), ("separate", ""),
                       ("text", "1"), ("end", "")):  # fmt: skip
        run = paragraph.add_run()
        run.font.size, run.font.color.rgb = Pt(8), GREY
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _rule(paragraph: Any, side: str) -> None:
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", "4"), ("space", "4"), ("color", "B0BEC5")):
        line.set(qn(f"w:{key}"), value)
    borders.append(line)
    paragraph._p.get_or_add_pPr().append(borders)


def _fill_placeholders(document: Any, report: Report) -> None:
    fields = dict(report.title_page.fields)
    values = {
        "case": report.title,
        "version": fields.get("Version", ""),
        "as_of": report.as_of.isoformat(),
        "verdict": report.title_page.verdict,
        "owners": fields.get("Owners", ""),
    }
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs += cell.paragraphs
    for paragraph in paragraphs:
        text = paragraph.text
        if "{" not in text:
            continue
        new = text
        for key in PLACEHOLDERS:
            new = new.replace("{" + key + "}", values[key])
        if new != text and paragraph.runs:
            paragraph.runs[0].text = new
            for run in paragraph.runs[1:]:
                run.text = ""


class _Writer:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.table_style = next(
            (s for s in ("Table Grid",) if _style(document, s) is not None), None
        )

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def title_page(self, report: Report) -> None:
        page = report.title_page
        spacer = self.document.add_paragraph()
        spacer.paragraph_format.space_before = Pt(120)
        self._styled(page.subtitle.upper(), "Subtitle", size=12, colour=GREY)
        title = self._styled(page.title, "Title", size=26, colour=ACCENT)
        title.paragraph_format.space_after = Pt(18)
        verdict = self.document.add_paragraph()
        word = page.verdict.rsplit(": ", 1)[-1]
        run = verdict.add_run(page.verdict.rsplit(": ", 1)[0] + ": ")
        run.font.size = Pt(13)
        run = verdict.add_run(word.upper())
        run.bold, run.font.size = True, Pt(13)
        run.font.color.rgb = STATUS_COLOURS.get(word, ACCENT)
        verdict.paragraph_format.space_after = Pt(24)
        self.table(Table(("", ""), page.fields, (1.3, 5.0)), header=False, label_column=True)
        self.page_break()

    def _styled(self, text: str, style: str, size: float, colour: RGBColor) -> Any:
        if _style(self.document, style) is not None:
            paragraph = self.document.add_paragraph(style=style)
        else:
            paragraph = self.document.add_paragraph()
        run = paragraph.add_run(text)
        run.font.size, run.font.color.rgb = Pt(size), colour
        return paragraph

    def block(self, block: object) -> None:
        if isinstance(block, Heading):
            if _style(self.document, f"Heading {block.level}") is not None:
                self.document.add_heading(block.text, block.level)
            else:
                self._styled(block.text, "Normal", 16 - 3 * block.level, ACCENT).runs[0].bold = True
        elif isinstance(block, Para):
            style = "GSN Note" if block.kind == "note" else None
            paragraph = self.document.add_paragraph(style=style)
            self._spans(paragraph, block.spans)
            if block.kind == "lead":
                for run in paragraph.runs:
                    run.font.size = Pt(12)
        elif isinstance(block, Bullets):
            style = "List Bullet" if _style(self.document, "List Bullet") is not None else None
            for item in block.items:
                self._spans(self.document.add_paragraph(style=style), item)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Figure):
            self.figure(block)
        elif isinstance(block, Item):
            self.item(block)
        elif isinstance(block, PageBreak):
            self.page_break()

    def _spans(self, paragraph: Any, spans: tuple[Span, ...]) -> None:
        for span in spans:
            run = paragraph.add_run(span.text)
            run.bold = span.style == "bold" or None
            run.italic = span.style == "italic" or None
            if span.style == "code":
                run.font.name = CODE_FONT

    def item(self, item: Item) -> None:
        indent = Cm(INDENT_CM * min(item.depth, MAX_INDENT_LEVELS))
        paragraph = self.document.add_paragraph(style="GSN Item")
        paragraph.paragraph_format.left_indent = indent
        number = paragraph.add_run(f"{item.number}  ")
        number.bold = True
        number.font.color.rgb = ACCENT
        node = paragraph.add_run(item.node_id)
        node.bold, node.font.name = True, CODE_FONT
        kind = paragraph.add_run(f"  {item.kind}")
        kind.italic = True
        if item.relation:
            paragraph.add_run(f" ({item.relation})").font.color.rgb = GREY
        if item.see:
            paragraph.add_run(f": see {item.see} above.").italic = True
            return
        if item.status:
            paragraph.add_run("  ")
            status = paragraph.add_run(item.status.upper())
            status.bold, status.font.size = True, Pt(8)
            status.font.color.rgb = STATUS_COLOURS.get(item.status, GREY)
        paragraph.add_run(":  ")
        paragraph.add_run(item.statement or "(no statement)")
        for index, (label, value) in enumerate(item.details):
            detail = self.document.add_paragraph(style="GSN Detail")
            detail.paragraph_format.left_indent = indent + Cm(INDENT_CM)
            detail.paragraph_format.keep_with_next = index < len(item.details) - 1
            run = detail.add_run(f"{label}: ")
            run.bold = True
            run.font.color.rgb = GREY
            value_run = detail.add_run(value)
            if label.endswith("SHA-256"):
                value_run.font.name = CODE_FONT

    def table(self, table: Table, header: bool = True, label_column: bool = False) -> None:
        rows = len(table.rows) + (1 if header else 0)
        grid = self.document.add_table(rows=rows, cols=len(table.widths))
        if self.table_style is not None:
            grid.style = self.table_style
        grid.autofit = False
        total = sum(table.widths)
        width = self.document.sections[-1].page_width
        width -= self.document.sections[-1].left_margin + self.document.sections[-1].right_margin
        widths = [int(width * share / total) for share in table.widths]
        for column, share in zip(grid.columns, widths, strict=True):
            column.width = share  # the grid, which LibreOffice reads; Word reads the cells
        _light_borders(grid)
        body = list(table.rows)
        if header:
            body.insert(0, table.header)
        for r, values in enumerate(body):
            row = grid.rows[r]
            is_header = header and r == 0
            if is_header:
                _repeat_header(row)
            for c, value in enumerate(values):
                cell = row.cells[c]
                cell.width = widths[c]
                code = c in table.code_columns and not is_header
                style = "GSN Code" if code else "GSN Table"
                lines = str(value).split("\n")
                paragraph = cell.paragraphs[0]
                paragraph.style = self.document.styles[style]
                for number, line in enumerate(lines):
                    if number:
                        paragraph = cell.add_paragraph(style=style)
                    run = paragraph.add_run(line)
                    if is_header:
                        run.bold = True
                        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                    elif label_column and c == 0:
                        run.bold = True
                if is_header:
                    _shade(cell, HEADER_FILL)
                elif r % 2 == 0 and not label_column:
                    _shade(cell, STRIPE_FILL)
        self.document.add_paragraph(style="GSN Table")  # a little air after the table

    def figure(self, figure: Figure) -> None:
        self.document.add_picture(io.BytesIO(figure.png), width=Pt(figure.width))
        picture = self.document.paragraphs[-1]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True
        style = "Caption" if _style(self.document, "Caption") is not None else "GSN Note"
        caption = self.document.add_paragraph(style=style)
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        label, _, rest = figure.caption.partition(". ")
        caption.add_run(f"{label}. ").bold = True
        caption.add_run(rest)
        if figure.note:
            note = self.document.add_paragraph(style="GSN Note")
            note.alignment = WD_ALIGN_PARAGRAPH.CENTER
            note.add_run(figure.note)


def _light_borders(grid: Any) -> None:
    """Thin grey rules between rows, none between columns: quieter than a full grid."""
    properties = grid._tbl.tblPr
    for old in properties.findall(qn("w:tblBorders")):
        properties.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{side}")
        visible = side in ("top", "bottom", "insideH")
        line.set(qn("w:val"), "single" if visible else "nil")
        if visible:
            line.set(qn("w:sz"), "4")
            line.set(qn("w:color"), "B0BEC5")
        borders.append(line)
    properties.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("top", 45), ("bottom", 45), ("left", 80), ("right", 80)):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.append(margins)


def _repeat_header(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _fixed_zip(data: bytes, day: dt.date) -> bytes:
    """The same entries, in the same order, stamped with the as-of date (zip stores the
    time of writing otherwise, so two runs would differ)."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
