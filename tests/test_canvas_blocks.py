"""Zoomed out, nodes are status-coloured blocks whose ids stay readable while a node is at
least about 30 pixels wide on screen."""

from __future__ import annotations

import pytest
from factories import hazard_case
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from gsn_studio.app.canvas.block_paint import ID_MAX_PX, ID_MIN_PX, MIN_BLOCK_PX, id_pixel_size
from gsn_studio.app.canvas.scene import CanvasScene
from gsn_studio.app.document import Document
from gsn_studio.app.selection import Selection
from gsn_studio.layout import layout_case
from gsn_studio.model import Node, NodeType
from gsn_studio.notation.geometry import geometry_of


def test_the_id_size_depends_on_the_block_not_the_zoom() -> None:
    """A goal 30 px wide or more gets an id at least ID_MIN_PX tall on screen (not scaled
    down with the zoom), never more than ID_MAX_PX; below 30 px there is no id."""
    geometry = geometry_of(Node(id="G12", type=NodeType.GOAL, statement="Some claim here."))
    at = {d: id_pixel_size("G12", geometry, d) for d in (0.1, 0.15, 0.3, 0.44)}
    for detail, size in at.items():
        if geometry.width * detail >= MIN_BLOCK_PX:
            assert size is not None and size >= ID_MIN_PX
        else:
            assert size is None
    assert all(size is None or size <= ID_MAX_PX for size in at.values())
    assert id_pixel_size("G12", geometry, (MIN_BLOCK_PX - 1) / geometry.width) is None
    assert id_pixel_size("G12", geometry, (MIN_BLOCK_PX + 1) / geometry.width) is not None


def _render(scale: float) -> tuple[QImage, CanvasScene, QRectF]:
    case = hazard_case()
    for node_id, position in layout_case(case).items():
        case.update_node(node_id, position=position)
    document = Document()
    document.replace(case, None)
    scene = CanvasScene(document, Selection())
    source = scene.items_bounding_rect()
    image = QImage(
        int(source.width() * scale) + 2, int(source.height() * scale) + 2,
        QImage.Format.Format_ARGB32,
    )  # fmt: skip
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, source.width() * scale, source.height() * scale), source)
    painter.end()
    return image, scene, source


def _dark_pixels_inside(image: QImage, rect: QRectF) -> int:
    """Pixels as dark as text, well inside a node's outline (its status outline left out)."""
    count = 0
    for x in range(int(rect.left()) + 3, int(rect.right()) - 2):
        for y in range(int(rect.top()) + 3, int(rect.bottom()) - 2):
            if QColor(image.pixel(x, y)).lightness() < 60:
                count += 1
    return count


@pytest.mark.parametrize("scale", [0.08, 0.2, 0.3, 0.4])
def test_ids_are_drawn_on_blocks_wide_enough(qtbot, scale: float) -> None:
    """Rendered at 20 %, 30 % and 40 %, every node at least 30 px wide shows dark id text
    inside its block; at 8 % (every node narrower than 30 px) no node shows any text."""
    image, scene, source = _render(scale)
    for item in scene.node_items():
        g = item.geometry
        box = QRectF(
            (item.x() - g.half_width - source.left()) * scale,
            (item.y() - g.half_height - source.top()) * scale,
            g.width * scale,
            g.height * scale,
        )
        dark = _dark_pixels_inside(image, box)
        if g.width * scale >= MIN_BLOCK_PX:
            assert dark > 3, (item.node_id, scale)
        else:
            assert dark == 0, (item.node_id, scale)
