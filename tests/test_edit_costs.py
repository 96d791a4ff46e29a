"""What an edit or a pointer move costs in a large case stays with what it touches: these pin
the mechanisms (counted with spies), the timings are benchmarks/bench_feel.py's."""

from __future__ import annotations

import sys
from collections import Counter
from typing import Any

import pytest
from generate import generate_case
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from pytestqt.qtbot import QtBot

from gsn_studio.app.canvas.link_item import LinkItem
from gsn_studio.app.canvas.node_item import NodeItem
from gsn_studio.app.canvas.scene import NEAR_ROW_MARGIN, CanvasScene
from gsn_studio.app.main_window import MainWindow
from gsn_studio.layout import layout_case
from gsn_studio.model import NodeType
from gsn_studio.model.changes import MoveNodes


@pytest.fixture
def big(window: MainWindow, qtbot: QtBot) -> MainWindow:
    """The window showing a laid-out generated case of about 300 nodes, findings current."""
    case = generate_case(300)
    MoveNodes(layout_case(case)).apply(case)
    window.document.replace(case, None)
    qtbot.waitUntil(lambda: not window.document.findings_pending, timeout=5000)
    return window


def _count_calls(monkeypatch: pytest.MonkeyPatch, owner: type, name: str) -> list[int]:
    calls: list[int] = []
    original = getattr(owner, name)

    def counting(self: Any, *args: Any) -> Any:
        calls.append(1)
        return original(self, *args)

    monkeypatch.setattr(owner, name, counting)
    return calls


def test_the_node_under_the_pointer_is_found_without_asking_links_for_their_outline(
    big: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each mouse move over the canvas looks for the node under the pointer: nodes are asked
    for their outline, links (a stroke made when asked, and a long link's box holds many
    points) never, and the node is still found, as is nothing beside it."""
    scene = big.scene
    boxes = [link.sceneBoundingRect() for link in scene.link_items() if link.is_drawn]
    crossed = [
        item
        for item in scene.items()
        if isinstance(item, NodeItem)
        and any(box.contains(item.sceneBoundingRect().center()) for box in boxes)
    ]
    assert crossed, "a node inside some link's box"
    shapes = _count_calls(monkeypatch, LinkItem, "shape")
    for item in crossed[:20]:
        point = item.sceneBoundingRect().center()
        assert scene.node_item_at(point) is item
        assert scene.node_item_at(point, ignore=item) is not item
    assert scene.node_item_at(crossed[0].sceneBoundingRect().topLeft() - QPointF(1, 1)) is None
    assert shapes == []


def test_the_nodes_near_a_new_nodes_row_come_from_the_routing_index_not_qts(
    big: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An add looks for room in the new node's row among the nodes near it: the routing index
    of node boxes names the same shown nodes Qt's item index would, without asking Qt (whose
    index lists each long link once per cell of a band as wide as the case)."""

    scene = big.scene
    item = scene.node_items()[len(scene.node_items()) // 2]
    top, bottom = item.y() - 30, item.y() + 30
    band = QRectF(-1e7, top - NEAR_ROW_MARGIN, 2e7, bottom - top + 2 * NEAR_ROW_MARGIN)
    mode = Qt.ItemSelectionMode.IntersectsItemBoundingRect
    expected = {  # the nodes whose outline's box reaches the band (badges aside)
        i.node_id
        for i in scene.items(band, mode)
        if isinstance(i, NodeItem) and _outline_box(i).intersects(band)
    }
    asked = _count_calls(monkeypatch, CanvasScene, "items")
    near = scene.node_ids_near_row(top, bottom)
    assert asked == [] and item.node_id in near
    assert set(near) >= expected and len(near) < len(scene.node_items()) // 2


def _outline_box(item: NodeItem) -> QRectF:
    g = item.geometry
    return QRectF(item.x() - g.half_width, item.y() - g.half_height, g.width, g.height)


def test_a_links_hit_outline_is_stroked_once_until_its_path_changes(
    big: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt asks a link for its outline on each hover, click and scroll over its box: the stroke
    is made once per path, and made again (following the line) when the path changes."""
    import gsn_studio.app.canvas.link_item as link_item_module

    strokes: list[int] = []

    class CountingStroker(link_item_module.QPainterPathStroker):  # type: ignore[misc]
        def createStroke(self, path: Any) -> Any:  # noqa: N802 (Qt's name)
            strokes.append(1)
            return super().createStroke(path)

    monkeypatch.setattr(link_item_module, "QPainterPathStroker", CountingStroker)
    link = next(link for link in big.scene.link_items() if link.is_drawn)
    first = link.shape()
    again = link.shape()
    assert strokes == [1]
    assert first == again and not first.isEmpty()
    middle = link.midpoint()
    assert middle is not None and first.contains(middle)

    source = link.source.node_id
    position = big.document.case.node(source).position
    assert position is not None
    shifted = position.model_copy(update={"y": position.y - 300})
    big.document.push(MoveNodes({source: shifted}), "Move")
    strokes.clear()  # the move may have had Qt ask this link or others already
    moved = link.shape()
    assert link.shape() == moved
    new_middle = link.midpoint()
    assert new_middle is not None and moved.contains(new_middle)
    assert moved != first and not moved.contains(middle)
    assert len(strokes) <= 1


class _PaintCounter(QObject):
    """Counts the paint events a widget receives (a window: its repaints, UpdateRequest),
    and notes in which of the window's repaints each came."""

    def __init__(
        self, widget: Any, kind: QEvent.Type = QEvent.Type.Paint, window: Any = None
    ) -> None:
        super().__init__()
        self.paints = 0
        self.kind = kind
        self.window = window
        self.during: list[int] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == self.kind:
            self.paints += 1
            if self.window is not None:
                self.during.append(self.window.paints)
        return False


def _idle(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not window.document.findings_pending, timeout=5000)
    for _ in range(3):  # what the findings posted (repaints, zero-delay refreshes)
        qtbot.wait(1)


def test_an_add_and_an_undone_delete_repaint_the_canvas_and_the_outline_once(
    big: MainWindow, qtbot: QtBot
) -> None:
    """The findings of a quick edit are worked out before the window repaints, and the outline
    and the problems list lay out their rows before it too, so an add (its new goal's status
    among them) and the undo of a delete each repaint the canvas, the outline and the problems
    once, in the same repaint, not once for the edit and again for the statuses it changed or
    the rows' layout."""
    goals = [n.id for n in big.document.case.nodes if n.type is NodeType.GOAL]
    middle = goals[len(goals) // 2]
    big.view.center_on_node(middle)
    _idle(big, qtbot)
    big.docks["problems"].show()
    big.docks["problems"].raise_()
    window = _PaintCounter(big, QEvent.Type.UpdateRequest)
    counter = _PaintCounter(big.view.viewport(), window=window)
    outline = _PaintCounter(big.outline.view.viewport(), window=window)
    problems = _PaintCounter(big.problems.view.viewport(), window=window)
    for label, act in [
        ("add a goal", big.act_add[NodeType.GOAL].trigger),
        ("leave the editor", big.scene.cancel_edit),
        ("select", lambda: big.selection.set([middle])),
        ("delete", big.act_delete.trigger),
        ("undo the delete", big.act_undo.trigger),
    ]:
        _idle(big, qtbot)
        before, outline_before, problems_before = counter.paints, outline.paints, problems.paints
        act()
        _idle(big, qtbot)
        if label in ("add a goal", "undo the delete"):
            assert counter.paints - before == 1, label
            assert outline.paints - outline_before == 1, label
            assert problems.paints - problems_before == 1, label
            assert outline.during[-1] == problems.during[-1] == counter.during[-1], label


class _CountingLinks(list):  # type: ignore[type-arg]
    """The case's links, counting the passes over them by the module that makes each."""

    def __init__(self, links: list[Any]) -> None:
        super().__init__(links)
        self.passes: Counter[str] = Counter()

    def __iter__(self) -> Any:
        caller = sys._getframe(1).f_code.co_filename
        self.passes[caller.rsplit("/", 1)[-1].removesuffix(".py")] += 1
        return super().__iter__()


def test_an_add_and_a_delete_and_their_undo_pass_over_the_links_once_in_canvas_and_outline(
    big: MainWindow, qtbot: QtBot
) -> None:
    """Each add, delete and undo of either reads the case's links at most once in the canvas
    (the link items at the touched nodes and whether any of those links carries pattern
    notation, on a case that shows none) and at most twice in the outline (the new node's
    links, then its parents'), not once per question."""
    case = big.document.case
    links = _CountingLinks(case.links)
    case.__dict__["links"] = links  # the same list to every reader; pydantic keeps it
    goals = [n.id for n in case.nodes if n.type is NodeType.GOAL]
    middle = goals[len(goals) // 2]
    steps = [
        ("add a goal", big.act_add[NodeType.GOAL].trigger),
        ("undo the add", big.act_undo.trigger),
        ("delete", big.act_delete.trigger),
        ("undo the delete", big.act_undo.trigger),
    ]
    for label, act in steps:
        big.scene.cancel_edit()
        if not label.startswith("undo"):
            big.selection.set([middle])
        _idle(big, qtbot)
        links.passes.clear()
        act()
        _idle(big, qtbot)
        canvas = links.passes["scene"] + links.passes["pattern_paint"]
        outline = sum(n for name, n in links.passes.items() if name.startswith("outline"))
        assert canvas <= 1, (label, links.passes)
        assert outline <= 2, (label, links.passes)
    assert case.links is links


def test_the_properties_show_a_nodes_findings_laid_out_in_labels_kept_from_the_last_node(
    big: MainWindow, qtbot: QtBot
) -> None:
    """Selecting another node refills the findings' rows under its properties in the labels
    the last node's used (labels deleted and shown later laid the panel out and repainted the
    window again after an add), and once the findings are in, a row more is laid out before
    the event loop runs again, ready for the window's one repaint."""
    from PySide6.QtWidgets import QLabel

    from gsn_studio.model.changes import UpdateNode

    box = big.properties.node_form.findings
    each = Counter(f.node for f in big.document.findings if f.node is not None)
    found = [node_id for node_id, count in each.items() if count == 1]  # one row each
    big.selection.set([found[0]])
    _idle(big, qtbot)
    made = set(box.findChildren(QLabel))
    for node_id in found[1:5]:
        big.selection.set([node_id])
        _idle(big, qtbot)
        assert box.messages() and set(box.findChildren(QLabel)) <= made
    big.document.push(UpdateNode(found[4], {"statement": ""}), "Empty")
    big.document.refresh_findings(after_edit=True)  # as the queued refresh does; no events
    shown = [label for label in box.findChildren(QLabel) if label.isVisibleTo(box)]
    assert len(box.messages()) == 2 and len(shown) == 4  # a row more than any before
    tops = sorted({label.geometry().top() for label in shown})
    assert len(tops) == 2 and all(label.geometry().bottom() <= box.height() for label in shown)
