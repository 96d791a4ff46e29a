"""Figures say when they were judged: a caption with the case's name, "as of DATE" and the
GSN Studio version, below the drawing and the legend, unless asked not to."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from factories import hazard_case
from lxml import etree
from PIL import Image
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gsn_studio import __version__
from gsn_studio.app.document import Document
from gsn_studio.app.export_dialog import ExportDialog
from gsn_studio.app.selection import Selection
from gsn_studio.cli import main
from gsn_studio.io import save_case
from gsn_studio.layout import layout_case

SVG = "{http://www.w3.org/2000/svg}"
CAPTION = f"Hazards · as of 2026-06-01 · GSN Studio {__version__}"


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "hazards.gsnx"
    save_case(hazard_case(), path)
    return path


def export(case_file: Path, out: Path, *extra: str) -> None:
    assert main(["export", str(case_file), "-o", str(out), "--as-of", "2026-06-01", *extra]) == 0


def view_box(tree: etree._ElementTree) -> tuple[float, float, float, float]:
    x, y, width, height = (float(v) for v in tree.getroot().get("viewBox").split())
    return x, y, x + width, y + height


def caption_of(tree: etree._ElementTree) -> etree._Element | None:
    found = tree.getroot().findall(f".//{SVG}text[@class='gsn-caption']")
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize("legend", [False, True])
def test_svg_caption_sits_below_everything(case_file: Path, tmp_path: Path, legend: bool) -> None:
    """The SVG caption reads name, as-of date and version, lies inside the figure and wholly
    below the drawing (and the legend), where the figure without it ends."""
    flags = ("--legend",) if legend else ()
    bare, captioned = tmp_path / "bare.svg", tmp_path / "captioned.svg"
    export(case_file, bare, "--no-caption", *flags)
    export(case_file, captioned, *flags)
    bare_tree, tree = etree.parse(str(bare)), etree.parse(str(captioned))
    assert caption_of(bare_tree) is None
    caption = caption_of(tree)
    assert caption is not None and caption.text == CAPTION
    size = float(caption.get("font-size"))
    baseline = float(caption.get("y"))
    _, _, _, drawing_bottom = view_box(bare_tree)
    left, top, right, bottom = view_box(tree)
    margin = 16.0
    assert baseline - size >= drawing_bottom - margin + 4  # clear of the last node or key
    assert baseline + size * 0.3 <= bottom  # descenders inside the figure
    assert left <= float(caption.get("x")) < right
    assert view_box(bare_tree)[:2] == (left, top)  # the drawing did not move


def test_long_caption_widens_a_narrow_figure(tmp_path: Path) -> None:
    """A case name longer than the drawing is wide widens the figure: nothing is cut off."""
    case = hazard_case()
    case.name = "A very long case name for a one-node figure " * 3
    path = tmp_path / "long.gsnx"
    save_case(case, path)
    out = tmp_path / "one.svg"
    export(path, out, "--root", "Sn1")
    tree = etree.parse(str(out))
    caption = caption_of(tree)
    assert caption is not None and caption.text.startswith("A very long case name")
    assert " · Sn1 and what supports it; it sits under " in caption.text
    left, _, right, _ = view_box(tree)
    assert right - left > 600


def test_png_and_pdf_carry_the_caption(case_file: Path, tmp_path: Path) -> None:
    """PNG and PDF grow by the caption's height and draw ink in that strip; --no-caption
    gives the figure as before."""
    export(case_file, tmp_path / "with.png")
    export(case_file, tmp_path / "without.png", "--no-caption")
    with_png = Image.open(tmp_path / "with.png").convert("L")
    without = Image.open(tmp_path / "without.png").convert("L")
    assert with_png.width == without.width
    assert with_png.height > without.height
    strip = with_png.crop((0, without.height - 20, with_png.width, with_png.height))
    assert strip.getextrema()[0] < 128  # dark text in the new strip
    export(case_file, tmp_path / "with.pdf")
    export(case_file, tmp_path / "without.pdf", "--no-caption")

    def page_height(pdf: Path) -> float:
        box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)", pdf.read_bytes())
        assert box is not None
        return float(box[2])

    assert page_height(tmp_path / "with.pdf") > page_height(tmp_path / "without.pdf")


@pytest.fixture
def document(qtbot: QtBot) -> Document:
    doc = Document()
    case = hazard_case()
    for node_id, position in layout_case(case).items():
        case.update_node(node_id, position=position)
    doc.replace(case, None)
    return doc


def test_export_dialog_caption_checkbox(qtbot: QtBot, document: Document, tmp_path: Path) -> None:
    """The dialog's Caption box is ticked by default and writes the caption; unticked, the
    figure has none."""
    dialog = ExportDialog(document, Selection())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.caption_check.isChecked()
    target = tmp_path / "dialog.svg"
    dialog.file_edit.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    caption = caption_of(etree.parse(str(target)))
    assert caption is not None and "Hazards · as of " in caption.text
    assert f"GSN Studio {__version__}" in caption.text

    again = ExportDialog(document, Selection())
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    qtbot.mouseClick(again.caption_check, Qt.MouseButton.LeftButton)
    assert not again.caption_check.isChecked()
    bare = tmp_path / "bare.svg"
    again.file_edit.setText(str(bare))
    qtbot.mouseClick(again.export_button, Qt.MouseButton.LeftButton)
    assert caption_of(etree.parse(str(bare))) is None


def test_caption_without_status_colours_gives_no_date(case_file: Path, tmp_path: Path) -> None:
    """With --no-highlights nothing was judged, so the caption names the case and version only."""
    out = tmp_path / "plain.svg"
    export(case_file, out, "--no-highlights")
    caption = caption_of(etree.parse(str(out)))
    assert caption is not None and caption.text == f"Hazards · GSN Studio {__version__}"
