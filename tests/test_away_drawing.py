"""Away elements and module references drawn as GSN v3's modular extension draws them, the
same on the canvas and in the SVG figure: the element's shape with a lower band holding the
module icon and the module's name; a module reference as the tabbed module shape."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsScene, QStyleOptionGraphicsItem

from gsn_studio.app.canvas.node_item import NodeItem
from gsn_studio.export.svg import render_svg
from gsn_studio.model import Case, Citation, Node, NodeType, Position
from gsn_studio.notation.geometry import geometry_of

AWAY_TYPES = [
    NodeType.GOAL,
    NodeType.SOLUTION,
    NodeType.CONTEXT,
    NodeType.ASSUMPTION,
    NodeType.JUSTIFICATION,
]


def _away(node_type: NodeType, module: str = "fairness") -> Node:
    return Node(
        id="X1",
        type=node_type,
        statement="Lending decisions are fair to every group",
        cites=Citation(module=module, element="G5"),
    )


@pytest.mark.parametrize("node_type", AWAY_TYPES, ids=str)
def test_an_away_element_has_a_lower_band_with_its_module_below_its_text(
    node_type: NodeType,
) -> None:
    """The band sits below the statement, inside the outline, names the module, holds the
    icon, and the module name is no longer a statement line."""
    away = geometry_of(_away(node_type))
    plain = geometry_of(_away(node_type).model_copy(update={"cites": None}))
    band = away.band
    assert band is not None and band.text == "fairness"
    assert "fairness" not in " ".join(away.lines)
    assert away.width >= plain.width
    text_bottom = away.text_top + (len(away.lines) + 1) * 14
    assert band.divider_y >= text_bottom - 14  # below the last statement line
    assert band.divider_y < away.half_height
    assert all(abs(x) <= away.half_width and y <= away.half_height for x, y in band.icon)
    assert band.text_x > max(x for x, _ in band.icon)


def test_a_long_module_name_widens_the_element_to_hold_it() -> None:
    """The band is never narrower than its icon and name."""
    narrow = geometry_of(_away(NodeType.SOLUTION, "m"))
    wide = geometry_of(_away(NodeType.SOLUTION, "a-very-long-module-name-for-a-supplier"))
    assert wide.width > narrow.width


def test_a_module_reference_is_the_tabbed_module_shape() -> None:
    """A node citing a whole module is a rectangle with a tab on its top left."""
    node = Node(id="M1", type=NodeType.GOAL, cites=Citation(module="fairness"))
    geometry = geometry_of(node)
    assert geometry.outline.kind == "polygon" and len(geometry.outline.points) == 7
    assert geometry.lines[-1] == "module fairness"
    assert geometry.band is None


def test_the_svg_figure_draws_the_band_with_the_module_name() -> None:
    """The exported figure has the divider, the icon and the module's name."""
    case = Case()
    case.nodes.append(_away(NodeType.GOAL, "supplier.scoring"))
    svg = render_svg(case, {"X1": Position(x=0, y=0)}, {})
    assert 'class="gsn-away-band"' in svg
    assert 'class="gsn-module-icon"' in svg
    assert ">supplier.scoring</text>" in svg


def _ink_rows(node: Node) -> tuple[NodeItem, list[int]]:
    """Rows of the painted node (from its top) that hold a horizontal line across it."""
    item = NodeItem(node)
    scene = QGraphicsScene()
    scene.addItem(item)
    geometry = item.geometry
    image = QImage(int(geometry.width) + 20, int(geometry.height) + 20, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.translate(geometry.half_width + 10, geometry.half_height + 10)
    item.paint(painter, QStyleOptionGraphicsItem())
    painter.end()
    rows = []
    for y in range(image.height()):
        dark = sum(
            QColor(image.pixel(x, y)).lightness() < 160
            for x in range(10 + 16, int(geometry.width) - 6)  # away from the corners
        )
        if dark > 0.8 * (geometry.width - 22):
            rows.append(y - 10)
    return item, rows


def test_the_canvas_paints_the_band_divider(qtbot: object) -> None:
    """On the canvas an away goal has a line across it where the band starts, and a plain
    goal has none but its top and bottom edges."""
    item, rows = _ink_rows(_away(NodeType.GOAL))
    band = item.geometry.band
    assert band is not None
    divider = band.divider_y + item.geometry.half_height
    assert any(abs(row - divider) <= 1.5 for row in rows)
    plain, plain_rows = _ink_rows(_away(NodeType.GOAL).model_copy(update={"cites": None}))
    assert all(row <= 2 or row >= plain.geometry.height - 2 for row in plain_rows)
