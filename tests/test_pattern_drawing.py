"""Pattern notation and ACPs drawn: in SVG figures and on the canvas, from the same shapes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from gsn_studio.app.canvas import CanvasScene, CanvasView
from gsn_studio.app.document import Document
from gsn_studio.app.selection import Selection
from gsn_studio.export.figure import ExportOptions, export_figure
from gsn_studio.io import load_case
from gsn_studio.layout import layout_case
from gsn_studio.model import Case, LinkKind
from gsn_studio.model.patterns import AssuranceClaimPoint
from gsn_studio.notation.pattern_marks import BALL

PATTERN = SAMPLES / "patterns" / "hazard-directed.gsnx"


def laid_out(case: Case) -> Case:
    for node_id, position in layout_case(case).items():
        case.update_node(node_id, position=position)
    return case


def with_acps(case: Case) -> Case:
    case.acps = [
        AssuranceClaimPoint(name="ACP1", node="S1", to="G2", confidence="G5"),
        AssuranceClaimPoint(name="ACP2", node="C1"),
    ]
    return case


def test_svg_draws_balls_choice_diamonds_triangles_and_acp_squares(tmp_path: Path) -> None:
    """A pattern's figure has the multiplicity ball and label, one "m of n" choice label on
    two diamonds, uninstantiated triangles and named black ACP squares."""
    out = tmp_path / "pattern.svg"
    export_figure(with_acps(load_case(PATTERN)), out, ExportOptions())
    svg = out.read_text(encoding="utf-8")
    assert svg.count('class="gsn-multiplicity"') == 1
    assert ">each {hazards}</text>" in svg
    assert svg.count('class="gsn-choice"') == 2 and svg.count(">1–2 of 2</text>") == 1
    assert svg.count('class="gsn-uninstantiated-mark"') == 3
    assert 'class="gsn-acp" data-name="ACP1"' in svg and 'data-name="ACP2"' in svg


def test_a_case_without_pattern_notation_draws_no_marks(tmp_path: Path) -> None:
    """The marks group appears only when there is something to mark."""
    out = tmp_path / "loan.svg"
    export_figure(load_case(SAMPLES / "loan-approval.gsnx"), out, ExportOptions())
    assert "gsn-pattern-marks" not in out.read_text(encoding="utf-8")


@pytest.fixture
def scene(qtbot) -> CanvasScene:
    document = Document()
    document.replace(laid_out(with_acps(load_case(PATTERN))), None)
    scene = CanvasScene(document, Selection())
    view = CanvasView(scene)
    qtbot.addWidget(view)
    return scene


def _render(scene: CanvasScene) -> tuple[QImage, QRectF]:
    source = scene.itemsBoundingRect()
    image = QImage(int(source.width()), int(source.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), source)
    painter.end()
    return image, source


def test_canvas_paints_the_multiplicity_ball_filled_on_its_link(scene: CanvasScene) -> None:
    """The `each` link's item carries its link and ACP and paints a dark ball just before
    its arrowhead."""
    each = scene.link_item_for("S1", "G2", LinkKind.SUPPORTED_BY)
    assert each is not None and each.pattern_link is not None
    assert [acp.name for acp in each.acps] == ["ACP1"]
    image, source = _render(scene)
    start, tip = each.end_points()
    length = ((tip - start).x() ** 2 + (tip - start).y() ** 2) ** 0.5
    unit = (tip - start) / length
    centre = tip - unit * (14 + BALL)
    beside = centre + QPointF(-unit.y(), unit.x()) * 3  # inside the ball, off the line
    pixel = image.pixelColor(int(beside.x() - source.left()), int(beside.y() - source.top()))
    assert pixel.lightness() < 100


def test_canvas_choice_and_acp_follow_the_document(scene: CanvasScene) -> None:
    """Choice links know their one label; an ACP gone from the case leaves its item."""
    choices = [i for i in scene.items() if getattr(i, "choice_label", "")]
    assert [i.choice_label for i in choices] == ["1–2 of 2"]
    scene.document.case.acps = []
    scene.rebuild()
    assert not any(getattr(i, "acps", None) for i in scene.items())


def test_figure_legend_explains_the_pattern_marks_the_figure_uses(tmp_path: Path) -> None:
    """With a legend, a pattern with an `each` link, a choice, uninstantiated solutions and
    ACPs gets a key for each of those, drawn with the figure's own marks, and no other."""
    out = tmp_path / "pattern.svg"
    export_figure(with_acps(load_case(PATTERN)), out, ExportOptions(legend=True))
    svg = out.read_text(encoding="utf-8")
    legend = svg[svg.index('<g class="gsn-legend">') :]
    for key, name in [
        ("multiplicity", "Multiplicity (n, n+, each)"),
        ("choice", "Choice (m of n)"),
        ("uninstantiated", "Uninstantiated"),
        ("acp", "Assurance claim point"),
    ]:
        assert f'class="gsn-legend-pattern {key}"' in legend, key
        assert f">{name}</text>" in legend
    assert 'class="gsn-multiplicity"' in legend and 'class="gsn-choice"' in legend
    assert 'class="gsn-uninstantiated-mark"' in legend and 'class="gsn-acp"' in legend
    assert "gsn-legend-pattern optional" not in legend
    assert "undeveloped-uninstantiated" not in legend


def test_figure_legend_of_an_ordinary_case_has_no_pattern_keys(tmp_path: Path) -> None:
    """A case without pattern notation gets the legend it always had."""
    out = tmp_path / "loan.svg"
    export_figure(load_case(SAMPLES / "loan-approval.gsnx"), out, ExportOptions(legend=True))
    assert "gsn-legend-pattern" not in out.read_text(encoding="utf-8")


def test_notation_help_shows_every_pattern_key_with_a_drawing(qtbot) -> None:
    """The Legend panel (and Help > Notation, from the same entries) explains the solid and
    hollow balls, the choice diamond, both triangles and the ACP square, each pictured."""
    from gsn_studio.app.panels.legend import legend_entries, pattern_pixmap
    from gsn_studio.notation.pattern_legend import MEANINGS, PatternKey

    texts = [text for _picture, text in legend_entries()]
    assert "Patterns and confidence" in texts
    for key in PatternKey:
        assert MEANINGS[key] in texts
    image = pattern_pixmap(PatternKey.ACP).toImage()
    dark = [
        (x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 200 and image.pixelColor(x, y).lightness() < 80
    ]
    assert dark  # the black square (and the link it sits on) are painted
