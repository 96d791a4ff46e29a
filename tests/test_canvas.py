"""The diagram canvas: items mirror the document, gestures become single undo steps."""

from __future__ import annotations

import gc
from dataclasses import dataclass

import pytest
import shiboken6
from conftest import SAMPLES
from factories import hazard_case
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from gsn_studio.app.canvas import CanvasScene, CanvasView
from gsn_studio.app.canvas.move_tool import NUDGE_STEP
from gsn_studio.app.canvas.shapes import exit_point
from gsn_studio.app.document import Document
from gsn_studio.app.editing import add_node
from gsn_studio.app.selection import Selection
from gsn_studio.io import load_case
from gsn_studio.layout import layout_case
from gsn_studio.model import Case, Evidence, Link, LinkKind, NodeType, Position
from gsn_studio.model.changes import Connect, RemoveNode, RenameNode, UpdateNode
from gsn_studio.notation.geometry import Outline
from gsn_studio.notation.palette import Status

LEFT = Qt.MouseButton.LeftButton
NO_KEYS = Qt.KeyboardModifier.NoModifier


@dataclass
class Canvas:
    document: Document
    selection: Selection
    scene: CanvasScene
    view: CanvasView

    def point(self, node_id: str, dx: float = 0.0, dy: float = 0.0) -> QPoint:
        """The viewport point over a node's centre, shifted by (dx, dy) scene units."""
        item = self.scene.item_for(node_id)
        assert item is not None
        return self.view.mapFromScene(item.pos() + QPointF(dx, dy))

    def position(self, node_id: str) -> Position | None:
        return self.document.case.node(node_id).position


def laid_out(case: Case) -> Case:
    for node_id, position in layout_case(case).items():
        case.update_node(node_id, position=position)
    return case


@pytest.fixture
def canvas(qtbot) -> Canvas:
    document, selection = Document(), Selection()
    document.replace(laid_out(hazard_case()), None)
    scene = CanvasScene(document, selection)
    view = CanvasView(scene)
    view.resize(1200, 900)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.reset_zoom()
    view.centerOn(scene.items_bounding_rect().center())
    view.setFocus()
    return Canvas(document, selection, scene, view)


def drag(qtbot, canvas: Canvas, start: QPoint, end: QPoint) -> None:
    viewport = canvas.view.viewport()
    qtbot.mousePress(viewport, LEFT, NO_KEYS, start)
    qtbot.mouseMove(viewport, (start + end) / 2)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, LEFT, NO_KEYS, end)


def links_of(case: Case) -> set[tuple[str, str, LinkKind, str | None]]:
    return {(link.source, link.target, link.kind, link.via) for link in case.links}


# -- building and following the document -------------------------------------------------


def test_every_node_and_link_has_an_item(canvas: Canvas) -> None:
    """Each node of the case gets an item at its centre, and each link an item between them."""
    case = canvas.document.case
    assert {item.node_id for item in canvas.scene.node_items()} == {n.id for n in case.nodes}
    for node in case.nodes:
        item = canvas.scene.item_for(node.id)
        assert item is not None and node.position is not None
        assert (item.x(), item.y()) == (node.position.x, node.position.y)
    assert {link.key for link in canvas.scene.link_items()} == links_of(case)
    assert all(link.is_drawn and link.violation is None for link in canvas.scene.link_items())


def test_changing_one_text_keeps_every_other_item(canvas: Canvas) -> None:
    """An edit updates only the item it names: the other node and link items stay the same."""
    before_nodes = {item.node_id: item for item in canvas.scene.node_items()}
    before_links = {link.key: link for link in canvas.scene.link_items()}
    canvas.document.push(UpdateNode("G2", {"statement": "A much longer claim " * 6}), "Edit")
    assert {item.node_id: item for item in canvas.scene.node_items()} == before_nodes
    assert {link.key: link for link in canvas.scene.link_items()} == before_links
    item = canvas.scene.item_for("G2")
    assert item is not None and len(item.geometry.lines) > 1


def test_removing_a_node_removes_its_link_items(canvas: Canvas) -> None:
    """Deleting a node drops its item and the items of every link that touched it."""
    canvas.document.push(RemoveNode("S1"), "Delete S1")
    assert canvas.scene.item_for("S1") is None
    assert not any("S1" in link.key[:2] for link in canvas.scene.link_items())
    assert {link.key for link in canvas.scene.link_items()} == links_of(canvas.document.case)
    g1 = canvas.scene.item_for("G1")
    assert g1 is not None and all("S1" not in link.key[:2] for link in g1.links)


def test_undo_and_redo_of_an_add_restore_the_item(canvas: Canvas) -> None:
    """Undoing an added node removes its item; redoing brings an item back at its place."""
    change, node_id = add_node(canvas.document.case, NodeType.GOAL, Position(x=900, y=40))
    canvas.document.push(change, f"Add {node_id}")
    assert canvas.scene.item_for(node_id) is not None
    canvas.document.undo_stack.undo()
    assert canvas.scene.item_for(node_id) is None
    canvas.document.undo_stack.redo()
    item = canvas.scene.item_for(node_id)
    assert item is not None and item.pos() == QPointF(900, 40)


def test_undoing_a_delete_brings_back_the_links(canvas: Canvas) -> None:
    """Undo of a removal restores the node's item and its link items."""
    canvas.document.push(RemoveNode("G2"), "Delete G2")
    canvas.document.undo_stack.undo()
    assert canvas.scene.item_for("G2") is not None
    assert {link.key for link in canvas.scene.link_items()} == links_of(canvas.document.case)


def test_rename_keeps_the_item_and_relinks(canvas: Canvas) -> None:
    """A renamed node keeps its item under the new id, and its links follow."""
    item = canvas.scene.item_for("G3")
    canvas.document.push(RenameNode("G3", "G30"), "Rename")
    assert canvas.scene.item_for("G30") is item and canvas.scene.item_for("G3") is None
    assert canvas.scene.link_item_for("S1", "G30", LinkKind.SUPPORTED_BY) is not None
    assert {link.key for link in canvas.scene.link_items()} == links_of(canvas.document.case)


def test_reset_rebuilds_from_the_new_case(canvas: Canvas) -> None:
    """Replacing the case makes items for the new case only."""
    case = Case()
    case.add_node(NodeType.GOAL, "Alone")
    canvas.document.replace(case, None)
    assert [item.node_id for item in canvas.scene.node_items()] == ["G1"]
    assert canvas.scene.link_items() == []
    assert canvas.scene.item_for("G1").pos() == QPointF(0, 0)  # type: ignore[union-attr]


def test_illegal_and_dangling_links_from_a_file(qtbot) -> None:
    """A rule-breaking link is drawn with its violation as tooltip; a dangling one is not drawn."""
    case = laid_out(hazard_case())
    case.links.append(Link(source="C1", target="G2", kind=LinkKind.SUPPORTED_BY))
    case.links.append(Link(source="G1", target="Nowhere", kind=LinkKind.SUPPORTED_BY))
    document, selection = Document(), Selection()
    document.replace(case, None)
    scene = CanvasScene(document, selection)
    illegal = scene.link_item_for("C1", "G2", LinkKind.SUPPORTED_BY)
    assert illegal is not None and illegal.violation is not None
    assert "cannot be supported by" in illegal.tool_tip()
    assert scene.link_item_for("G1", "Nowhere", LinkKind.SUPPORTED_BY) is None


def test_status_marks_follow_the_findings(canvas: Canvas) -> None:
    """A goal with no support shows the undeveloped mark, and the supported one once it has
    it: a solution that names its evidence."""
    document = canvas.document
    change, goal = add_node(document.case, NodeType.GOAL, Position(x=1000, y=300))
    document.push(change, "Add goal")
    document.refresh_findings()
    item = canvas.scene.item_for(goal)
    assert item is not None and item.status is Status.UNDEVELOPED
    assert "no support" in item.tool_tip()
    change, solution = add_node(document.case, NodeType.SOLUTION, Position(x=1000, y=450))
    document.push(change, "Add solution")
    document.push(Connect(Link(source=goal, target=solution, kind=LinkKind.SUPPORTED_BY)), "L")
    document.refresh_findings()
    assert item.status is Status.INCOMPLETE  # a solution naming no evidence is still a hole
    document.push(UpdateNode(solution, {"evidence": Evidence(reference="report.pdf")}), "E")
    document.refresh_findings()
    assert item.status is Status.SUPPORTED


def test_only_nodes_whose_status_changed_are_refreshed(canvas: Canvas) -> None:
    """A findings refresh calls show_status only where the status differs."""
    touched: list[str] = []
    for item in canvas.scene.node_items():
        item.show_status = lambda status, item=item: touched.append(item.node_id)  # type: ignore[method-assign]
    canvas.document.refresh_findings()
    assert touched == []


# -- moving --------------------------------------------------------------------------------


def test_dragging_two_selected_nodes_is_one_undo_step(qtbot, canvas: Canvas) -> None:
    """A mouse drag of two selected nodes pushes one "Move 2 nodes" step; undo puts both back."""
    before = {node_id: canvas.position(node_id) for node_id in ("G2", "G3")}
    canvas.scene.select_only(["G2", "G3"])
    steps = canvas.document.undo_stack.count()
    drag(qtbot, canvas, canvas.point("G2"), canvas.point("G2", 40, 60))
    assert canvas.document.undo_stack.count() == steps + 1
    assert canvas.document.undo_stack.undoText() == "Move 2 nodes"
    for node_id, old in before.items():
        assert old is not None
        assert canvas.position(node_id) == Position(x=old.x + 40, y=old.y + 60)
    canvas.document.undo_stack.undo()
    assert {node_id: canvas.position(node_id) for node_id in before} == before
    assert canvas.scene.item_for("G3").pos() == QPointF(before["G3"].x, before["G3"].y)  # type: ignore[union-attr]


def test_links_follow_a_node_during_a_drag(qtbot, canvas: Canvas) -> None:
    """While a node is dragged its link ends move with it, before the model hears of it."""
    link = canvas.scene.link_item_for("S1", "G2", LinkKind.SUPPORTED_BY)
    assert link is not None
    _, tip = link.end_points()
    before = canvas.position("G2")
    viewport = canvas.view.viewport()
    start = canvas.point("G2")
    qtbot.mousePress(viewport, LEFT, NO_KEYS, start)
    qtbot.mouseMove(viewport, start + QPoint(50, 0))
    qtbot.mouseMove(viewport, start + QPoint(100, 0))
    moved_tip = link.end_points()[1]
    assert canvas.position("G2") == before
    qtbot.mouseRelease(viewport, LEFT, NO_KEYS, start + QPoint(100, 0))
    assert moved_tip.x() > tip.x() + 50
    assert link.end_points()[1] == moved_tip


def test_arrow_nudges_merge_into_one_step(qtbot, canvas: Canvas) -> None:
    """Three arrow presses on one selection are one undo step, Shift moving by one unit."""
    start = canvas.position("G1")
    assert start is not None
    canvas.scene.select_only(["G1"])
    steps = canvas.document.undo_stack.count()
    qtbot.keyClick(canvas.view, Qt.Key.Key_Right)
    qtbot.keyClick(canvas.view, Qt.Key.Key_Right)
    qtbot.keyClick(canvas.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert canvas.position("G1") == Position(x=start.x + 2 * NUDGE_STEP, y=start.y + 1)
    assert canvas.document.undo_stack.count() == steps + 1
    canvas.document.undo_stack.undo()
    assert canvas.position("G1") == start


# -- linking ------------------------------------------------------------------------------


def test_dragging_from_the_handle_links_with_the_right_kind(qtbot, canvas: Canvas) -> None:
    """A drag from a goal's connector handle to a context makes an InContextOf link."""
    item = canvas.scene.item_for("G3")
    assert item is not None
    viewport = canvas.view.viewport()
    qtbot.mouseMove(viewport, canvas.point("G3"))
    assert canvas.scene.connect_tool.handle.isVisible()
    handle = canvas.view.mapFromScene(item.handle_point())
    drag(qtbot, canvas, handle, canvas.point("C1"))
    assert ("G3", "C1", LinkKind.IN_CONTEXT_OF, None) in links_of(canvas.document.case)
    assert canvas.document.undo_stack.undoText() == "Link G3 to C1"
    assert canvas.scene.link_item_for("G3", "C1", LinkKind.IN_CONTEXT_OF) is not None
    assert canvas.position("G3") == Position(x=item.x(), y=item.y())  # linking did not move it


def test_an_illegal_link_is_refused(qtbot, canvas: Canvas) -> None:
    """In link mode, a drag from a context to a goal is refused with the rule; nothing changes."""
    before = links_of(canvas.document.case)
    steps = canvas.document.undo_stack.count()
    canvas.scene.link_mode = True
    with qtbot.waitSignal(canvas.document.refused, timeout=1000) as refused:
        drag(qtbot, canvas, canvas.point("C1"), canvas.point("G2"))
    message = refused.args[0]
    assert "C1" in message and "G2" in message and "SupportedBy goes from" in message
    assert links_of(canvas.document.case) == before
    assert canvas.document.undo_stack.count() == steps


def test_link_mode_drag_links_instead_of_moving(qtbot, canvas: Canvas) -> None:
    """With link mode on, a plain drag from a node to another links them and moves nothing."""
    change, solution = add_node(canvas.document.case, NodeType.SOLUTION, Position(x=0, y=900))
    canvas.document.push(change, "Add")
    canvas.view.centerOn(canvas.scene.items_bounding_rect().center())
    canvas.view.fit_all()
    before = canvas.position("G1")
    canvas.scene.link_mode = True
    drag(qtbot, canvas, canvas.point("G1"), canvas.point(solution))
    assert ("G1", solution, LinkKind.SUPPORTED_BY, None) in links_of(canvas.document.case)
    assert canvas.position("G1") == before


# -- in-place text editing ----------------------------------------------------------------


def test_double_click_edit_and_enter_is_one_step(qtbot, canvas: Canvas) -> None:
    """Double-click opens the editor with the text selected; typing and Enter is one step."""
    qtbot.mouseDClick(canvas.view.viewport(), LEFT, NO_KEYS, canvas.point("G2"))
    assert canvas.scene.editing
    steps = canvas.document.undo_stack.count()
    qtbot.keyClicks(canvas.view, "Hazard H1 is gone")
    qtbot.keyClick(canvas.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(canvas.view, "for good")
    qtbot.keyClick(canvas.view, Qt.Key.Key_Return)
    assert not canvas.scene.editing
    assert canvas.document.case.node("G2").statement == "Hazard H1 is gone\nfor good"
    assert canvas.document.undo_stack.count() == steps + 1
    assert canvas.document.undo_stack.undoText() == "Edit text of G2"
    canvas.document.undo_stack.undo()
    assert canvas.document.case.node("G2").statement == "Hazard H1 is mitigated"


def test_escape_cancels_the_edit(qtbot, canvas: Canvas) -> None:
    """Escape closes the editor and leaves the statement and the history as they were."""
    steps = canvas.document.undo_stack.count()
    assert canvas.scene.edit_text("G3")
    qtbot.keyClicks(canvas.view, "Something else")
    qtbot.keyClick(canvas.view, Qt.Key.Key_Escape)
    assert not canvas.scene.editing
    assert canvas.document.case.node("G3").statement == "Hazard H2 is mitigated"
    assert canvas.document.undo_stack.count() == steps


def test_clicking_elsewhere_commits_the_edit(qtbot, canvas: Canvas) -> None:
    """A click outside the editor commits what was typed."""
    canvas.scene.edit_text("G3")
    qtbot.keyClicks(canvas.view, "Shock is prevented")
    qtbot.mouseClick(canvas.view.viewport(), LEFT, NO_KEYS, canvas.point("G1"))
    assert not canvas.scene.editing
    assert canvas.document.case.node("G3").statement == "Shock is prevented"


def test_unchanged_text_pushes_nothing(qtbot, canvas: Canvas) -> None:
    """Committing the editor without a change adds no undo step."""
    steps = canvas.document.undo_stack.count()
    canvas.scene.edit_text("G1")
    qtbot.keyClick(canvas.view, Qt.Key.Key_Return)
    assert canvas.document.undo_stack.count() == steps


# -- selection ----------------------------------------------------------------------------


def test_selection_flows_from_scene_to_model(qtbot, canvas: Canvas) -> None:
    """Clicking a node selects it in the shared Selection; Ctrl+click adds another."""
    viewport = canvas.view.viewport()
    qtbot.mouseClick(viewport, LEFT, NO_KEYS, canvas.point("S1"))
    assert canvas.selection.ids == ["S1"]
    qtbot.mouseClick(viewport, LEFT, Qt.KeyboardModifier.ControlModifier, canvas.point("G1"))
    assert canvas.selection.ids == ["S1", "G1"]
    qtbot.mouseClick(viewport, LEFT, Qt.KeyboardModifier.ControlModifier, canvas.point("S1"))
    assert canvas.selection.ids == ["G1"]


def test_selection_flows_from_model_to_scene(canvas: Canvas) -> None:
    """Setting the shared Selection from elsewhere selects exactly those items."""
    canvas.selection.set(["G2", "Sn1"], source=None)
    assert sorted(canvas.scene.selected_ids()) == ["G2", "Sn1"]
    canvas.selection.set([], source=None)
    assert canvas.scene.selected_ids() == []


def test_a_destroyed_scene_leaves_the_selection_alone(qtbot) -> None:
    """Once a scene is destroyed, the Selection it shared works on and calls nothing of it."""
    document, selection = Document(), Selection()
    document.replace(laid_out(hazard_case()), None)
    scene = CanvasScene(document, selection)
    scene.select_only(["G1"])
    assert selection.ids == ["G1"]
    shiboken6.delete(scene)
    del scene
    gc.collect()
    selection.set(["G2"])
    document.push(RemoveNode("G2"), "Delete G2")
    assert selection.ids == ["G2"]


def test_rubber_band_selects_the_nodes_it_covers(qtbot, canvas: Canvas) -> None:
    """A left drag on the background selects the nodes the band touches."""
    rect = canvas.scene.items_bounding_rect()
    canvas.view.fit_all()
    start = canvas.view.mapFromScene(rect.topLeft() + QPointF(-5, -5))
    end = canvas.view.mapFromScene(rect.bottomRight() + QPointF(5, 5))
    drag(qtbot, canvas, start, end)
    assert sorted(canvas.selection.ids) == sorted(n.id for n in canvas.document.case.nodes)


# -- the view ------------------------------------------------------------------------------


def test_zoom_is_clamped_and_reported(qtbot, canvas: Canvas) -> None:
    """Zoom steps by 1.25, stays within 5 %..800 %, and says so through zoom_changed."""
    view = canvas.view
    with qtbot.waitSignal(view.zoom_changed, timeout=1000) as zoomed:
        view.zoom_in()
    assert zoomed.args[0] == pytest.approx(1.25)
    for _ in range(40):
        view.zoom_in()
    assert view.zoom == pytest.approx(8.0)
    for _ in range(80):
        view.zoom_out()
    assert view.zoom == pytest.approx(0.05)
    view.reset_zoom()
    assert view.zoom == 1.0


def test_fit_all_never_enlarges_beyond_150_percent(canvas: Canvas) -> None:
    """Fitting a small case stops at 150 % and shows every node."""
    case = Case()
    case.add_node(NodeType.GOAL, "Tiny", position=Position(x=10, y=10))
    canvas.document.replace(case, None)
    canvas.view.fit_all()
    assert canvas.view.zoom == pytest.approx(1.5)
    canvas.document.replace(laid_out(hazard_case()), None)
    canvas.view.fit_all()
    visible = canvas.view.mapToScene(canvas.view.viewport().rect()).boundingRect()
    assert visible.contains(canvas.scene.items_bounding_rect())


def test_wheel_zooms_around_the_cursor(qtbot, canvas: Canvas) -> None:
    """The wheel zooms in without a modifier and keeps the point under the cursor in place."""
    view = canvas.view
    anchor = canvas.point("G2")
    under = view.mapToScene(anchor)
    view.set_zoom(view.zoom * 1.25, QPointF(anchor))
    assert view.zoom == pytest.approx(1.25)
    assert (view.mapToScene(anchor) - under).manhattanLength() < 3


def test_middle_drag_pans(qtbot, canvas: Canvas) -> None:
    """A middle-button drag scrolls the view and moves no node."""
    view = canvas.view
    view.set_zoom(2.0)
    before = view.mapToScene(view.viewport().rect().center())
    viewport = view.viewport()
    start = canvas.point("S1")
    qtbot.mousePress(viewport, Qt.MouseButton.MiddleButton, NO_KEYS, start)
    qtbot.mouseMove(viewport, start + QPoint(60, 40))
    qtbot.mouseRelease(viewport, Qt.MouseButton.MiddleButton, NO_KEYS, start + QPoint(60, 40))
    after = view.mapToScene(view.viewport().rect().center())
    assert after.x() < before.x() and after.y() < before.y()
    assert canvas.document.undo_stack.count() == 0


def test_hand_tool_and_space_pan_instead_of_selecting(qtbot, canvas: Canvas) -> None:
    """In pan mode, or with Space held, a left drag on the background scrolls, selecting nothing."""
    view, viewport = canvas.view, canvas.view.viewport()
    view.set_zoom(2.0)
    corner = canvas.scene.items_bounding_rect().bottomRight() + QPointF(30, 30)
    view.centerOn(corner)
    empty = view.mapFromScene(corner)  # the drags below keep it over the background
    for tool in ("hand", "space"):
        view.pan_mode = tool == "hand"
        if tool == "space":
            qtbot.keyPress(view, Qt.Key.Key_Space)
        before = view.mapToScene(viewport.rect().center())
        drag(qtbot, canvas, empty, empty - QPoint(80, 60))
        after = view.mapToScene(viewport.rect().center())
        assert after.x() > before.x() and after.y() > before.y()
        assert canvas.selection.ids == []
    qtbot.keyRelease(view, Qt.Key.Key_Space)


def test_right_drag_pans_only_on_the_background(qtbot, canvas: Canvas) -> None:
    """A right drag on the background pans; on a node it does not."""
    view, viewport = canvas.view, canvas.view.viewport()
    view.set_zoom(2.0)
    view.center_on_node("G2")
    right = Qt.MouseButton.RightButton
    start = canvas.point("G2")
    before = view.mapToScene(viewport.rect().center())
    qtbot.mousePress(viewport, right, NO_KEYS, start)
    qtbot.mouseMove(viewport, start + QPoint(40, 40))
    qtbot.mouseRelease(viewport, right, NO_KEYS, start + QPoint(40, 40))
    assert view.mapToScene(viewport.rect().center()) == before
    item = canvas.scene.item_for("G2")
    assert item is not None
    empty = view.mapFromScene(item.pos() + QPointF(0, item.geometry.half_height + 25))
    qtbot.mousePress(viewport, right, NO_KEYS, empty)
    qtbot.mouseMove(viewport, empty + QPoint(40, 40))
    qtbot.mouseRelease(viewport, right, NO_KEYS, empty + QPoint(40, 40))
    assert view.mapToScene(viewport.rect().center()).x() < before.x()


def test_center_on_node_selects_it(canvas: Canvas) -> None:
    """center_on_node scrolls to the node and makes it the selection."""
    canvas.view.set_zoom(3.0)
    assert canvas.view.center_on_node("Sn2")
    assert canvas.selection.ids == ["Sn2"]
    visible = canvas.view.mapToScene(canvas.view.viewport().rect()).boundingRect()
    assert visible.contains(canvas.scene.item_for("Sn2").pos())  # type: ignore[union-attr]


# -- drawing -------------------------------------------------------------------------------


def render(scene: CanvasScene, scale: float) -> QImage:
    source = scene.items_bounding_rect().adjusted(-20, -20, 20, 20)
    image = QImage(
        max(1, int(source.width() * scale)),
        max(1, int(source.height() * scale)),
        QImage.Format.Format_ARGB32,
    )
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, QRectF(image.rect()), source)
    painter.end()
    return image


def is_blank(image: QImage) -> bool:
    white = QColor("white").rgb()
    step = max(1, image.width() // 50)
    return all(
        image.pixel(x, y) == white
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    )


def test_rendering_at_ten_percent_draws_shapes(canvas: Canvas) -> None:
    """At 10 % zoom the scene still renders (shapes only) into an image."""
    assert not is_blank(render(canvas.scene, 0.1))


def test_tutorial_renders(tmp_path, qtbot) -> None:
    """The tutorial sample, laid out, renders to a PNG with a mark on its undeveloped goal."""
    document, selection = Document(), Selection()
    document.replace(laid_out(load_case(SAMPLES / "tutorial.gsnx")), None)
    scene = CanvasScene(document, selection)
    image = render(scene, 1.0)
    assert image.save(str(tmp_path / "tutorial.png"))
    assert not is_blank(image)
    assert scene.item_for("G4").status is Status.UNDEVELOPED  # type: ignore[union-attr]
    QApplication.processEvents()


def test_link_ends_sit_on_the_outlines() -> None:
    """The exit point of a line from a node's centre lies on its rectangle or ellipse."""
    rect = Outline("rect", x=-50, y=-20, width=100, height=40)
    assert exit_point(rect, (0, 0), (0, 100)) == pytest.approx((0, 20))
    assert exit_point(rect, (10, 10), (210, 10)) == pytest.approx((60, 10))
    ellipse = Outline("ellipse", x=-40, y=-20, width=80, height=40)
    x, y = exit_point(ellipse, (0, 0), (100, 100))
    assert (x / 40) ** 2 + (y / 20) ** 2 == pytest.approx(1.0)
    rounded = Outline("roundrect", x=-50, y=-20, width=100, height=40, radius=14)
    assert exit_point(rounded, (0, 0), (-300, 0)) == pytest.approx((-50, 0))


def test_link_ends_sit_on_rounded_corners() -> None:
    """A line leaving a rounded rectangle through a corner ends on the corner's arc."""
    rounded = Outline("roundrect", x=-50, y=-20, width=100, height=40, radius=14)
    x, y = exit_point(rounded, (0, 0), (100, 40))
    assert (x - 36) ** 2 + (y - 6) ** 2 == pytest.approx(14**2)
    assert x < 50 and y < 20
