"""Rich node text: emphasis, bullets and links in statements, stored as written, drawn as
real text on the canvas and in SVG, with everything else escaped."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from gsn_studio.export.figure import ExportOptions, export_figure
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.model import Case, NodeType
from gsn_studio.notation.geometry import geometry_of
from gsn_studio.notation.rich_text import Run, parse, styled_lines

RICH = (
    "The pump is *acceptably* safe in _every_ ward:\n"
    "- alarms per [IEC 60601](https://webstore.iec.ch/60601)\n"
    "* see https://example.org/h1.\n"
    "snake_case_name and 2*3*4 stay as written"
)


def test_markup_is_removed_for_display_and_styles_are_found() -> None:
    """Bold, italic, bullets, labelled and bare links are shown without their markup."""
    rich = parse(RICH)
    assert rich.plain == (
        "The pump is acceptably safe in every ward:\n"
        "• alarms per IEC 60601\n"
        "• see https://example.org/h1.\n"
        "snake_case_name and 2*3*4 stay as written"
    )
    styles = {rich.plain[s.start : s.end]: s for s in rich.spans}
    assert styles["acceptably"].bold and styles["every"].italic
    assert styles["IEC 60601"].href == "https://webstore.iec.ch/60601"
    assert styles["https://example.org/h1"].href == "https://example.org/h1"
    assert len(rich.spans) == 4


def test_styles_follow_the_wrapped_lines() -> None:
    """A bold phrase broken over two lines is bold on both."""
    statement = "word " * 3 + "*a long bold phrase here*" + " tail"
    lines = ["word word word a long", "bold phrase here tail"]
    runs = styled_lines(statement, lines)
    assert runs[0] == [Run("word word word "), Run("a long", bold=True)]
    assert runs[1] == [Run("bold phrase here", bold=True), Run(" tail")]


def test_a_script_link_is_no_link_and_text_is_escaped_in_svg(tmp_path: Path) -> None:
    """javascript: links stay text, markup characters are escaped, and https links become
    real <a> elements around real text."""
    case = Case(name="rich")
    case.add_node(
        NodeType.GOAL,
        "*Safe* <script>alert(1)</script> [click](javascript:alert(1)) & "
        "[spec](https://example.org/a?b=1&c=2)",
    )
    out = tmp_path / "rich.svg"
    export_figure(case, out, ExportOptions())
    svg = out.read_text(encoding="utf-8")
    tree = etree.fromstring(svg.encode())
    assert not tree.xpath("//*[local-name()='script']")
    links = tree.xpath("//*[local-name()='a']")
    assert [a.get("href") for a in links] == ["https://example.org/a?b=1&c=2"]
    assert "javascript" not in "".join(a.get("href") for a in links)
    assert "&lt;script&gt;" in svg
    bold = tree.xpath("//*[local-name()='tspan'][@font-weight='bold']")
    assert [b.text for b in bold] == ["Safe"]


def test_rich_statements_are_stored_as_written() -> None:
    """The markup stays in the file: nothing is rewritten on save."""
    case = Case(name="rich")
    case.add_node(NodeType.GOAL, RICH)
    assert parse_gsnx(to_bytes(case)).node("G1").statement == RICH


def test_node_size_is_measured_on_the_displayed_text() -> None:
    """Markup characters take no room: a bold word is as wide as the plain word."""
    plain, marked = Case(), Case()
    plain.add_node(NodeType.GOAL, "word " * 30)
    marked.add_node(NodeType.GOAL, "*word* " * 30)
    assert geometry_of(marked.node("G1")).lines == geometry_of(plain.node("G1")).lines


def test_canvas_draws_links_blue_and_hides_the_markup(qtbot) -> None:
    """On the canvas a link's label is painted in the link colour; no markup is shown."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from gsn_studio.app.canvas import CanvasScene, CanvasView
    from gsn_studio.app.document import Document
    from gsn_studio.app.selection import Selection

    case = Case(name="rich")
    case.add_node(NodeType.GOAL, "See [the specification](https://example.org/spec) *now*")
    document = Document()
    document.replace(case, None)
    scene = CanvasScene(document, Selection())
    view = CanvasView(scene)
    qtbot.addWidget(view)
    source = scene.itemsBoundingRect()
    image = QImage(int(source.width()) * 2, int(source.height()) * 2, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), source)
    painter.end()
    blue = sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if (c := image.pixelColor(x, y)).blue() > 150 and c.red() < 90 and c.green() < 130
    )
    assert blue > 20
    assert geometry_of(case.node("G1")).lines == ("See the specification now",)
