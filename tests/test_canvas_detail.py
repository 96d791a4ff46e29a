"""Level of detail: zoomed far out, nodes are drawn as plain shapes without their text, so
scrolling and zooming a large case stays smooth."""

from __future__ import annotations

import pytest
from factories import hazard_case
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from gsn_studio.app.canvas.node_item import NodeItem
from gsn_studio.app.canvas.scene import CanvasScene
from gsn_studio.app.document import Document
from gsn_studio.app.selection import Selection
from gsn_studio.layout import layout_case


@pytest.mark.parametrize(("scale", "texts_drawn"), [(1.0, True), (0.5, True), (0.2, False)])
def test_text_is_drawn_only_when_it_can_be_read(
    qtbot, monkeypatch: pytest.MonkeyPatch, scale: float, texts_drawn: bool
) -> None:
    """At 100 % and 50 % every node draws its details; at 20 % none does."""
    case = hazard_case()
    for node_id, position in layout_case(case).items():
        case.update_node(node_id, position=position)
    document = Document()
    document.replace(case, None)
    scene = CanvasScene(document, Selection())
    drawn: list[str] = []
    original = NodeItem._paint_details

    def counting(self: NodeItem, painter: QPainter, style: object) -> None:
        drawn.append(self.node_id)
        original(self, painter, style)  # type: ignore[arg-type]

    monkeypatch.setattr(NodeItem, "_paint_details", counting)
    source = scene.items_bounding_rect()
    image = QImage(int(source.width() * scale) + 2, int(source.height() * scale) + 2,
                   QImage.Format.Format_ARGB32)  # fmt: skip
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), source)
    painter.end()
    assert (len(drawn) == len(case.nodes)) if texts_drawn else drawn == []
