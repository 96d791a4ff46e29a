"""Challenges on the canvas: drawn apart from illegal links, aimed at a node or at the middle
of a link, and made by dragging from a defeater as one undo step."""

from __future__ import annotations

import pytest
from factories import hazard_case
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem
from test_canvas import LEFT, NO_KEYS, Canvas, drag, laid_out, links_of

from gsn_studio.app.canvas import CanvasScene, CanvasView
from gsn_studio.app.canvas.node_item import NodeItem
from gsn_studio.app.document import Document
from gsn_studio.app.selection import Selection
from gsn_studio.model import Link, LinkKind, NodeType, Position, kind_for
from gsn_studio.model.changes import Disconnect, MoveNodes
from gsn_studio.notation.geometry import badge_box, badge_on_left
from gsn_studio.notation.palette import SELECTION_COLOUR, STATUS_MARKS, Status
from gsn_studio.notation.themes import QUIET

CG, CSN = NodeType.COUNTER_GOAL, NodeType.COUNTER_SOLUTION


def dialectic_case():  # type: ignore[no-untyped-def]
    """The hazard argument, laid out, with a defeater of G2 and one of the link S1 → G3."""
    case = laid_out(hazard_case())
    g3 = case.node("G3").position
    assert g3 is not None
    case.add_node(CG, "The H1 tests covered day shifts only", position=Position(x=-400, y=0))
    case.add_node(CSN, "Night incident log", position=Position(x=g3.x + 260, y=g3.y))
    case.add_node(CG, "Alarm fatigue is missing", position=Position(x=g3.x + 260, y=g3.y + 220))
    case.connect("CG1", "G2", LinkKind.CHALLENGES)
    case.connect("CSn1", "G3", via="S1")
    return case


@pytest.fixture
def canvas(qtbot) -> Canvas:
    document, selection = Document(), Selection()
    document.replace(dialectic_case(), None)
    scene = CanvasScene(document, selection)
    view = CanvasView(scene)
    view.resize(1400, 1000)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.fit_all()
    view.setFocus()
    return Canvas(document, selection, scene, view)


def handle_of(canvas: Canvas, node_id: str) -> QPoint:
    """Hover a node so its connector handle shows, and return where the handle is."""
    canvas.scene.connect_tool.hover(canvas.view.mapToScene(canvas.point(node_id)))
    item = canvas.scene.item_for(node_id)
    assert item is not None and canvas.scene.connect_tool.handle.isVisible()
    return canvas.view.mapFromScene(item.handle_point())


def test_a_challenge_to_a_node_is_its_own_kind_of_line(canvas: Canvas) -> None:
    """A challenge gets an item with its own tooltip, and is not taken for an illegal link."""
    item = canvas.scene.link_item_for("CG1", "G2", LinkKind.CHALLENGES)
    assert item is not None and item.is_drawn and item.violation is None
    assert item.tool_tip() == "CG1 challenges G2"
    assert {link.key for link in canvas.scene.link_items()} == links_of(canvas.document.case)


def test_a_challenge_to_a_link_ends_at_its_middle_and_follows_it(canvas: Canvas) -> None:
    """A challenge to S1 → G3 ends at that link's midpoint, also after G3 moves."""
    challenged = canvas.scene.link_item_for("S1", "G3", LinkKind.SUPPORTED_BY)
    challenge = canvas.scene.link_item_for("CSn1", "G3", LinkKind.CHALLENGES, "S1")
    assert challenged is not None and challenge is not None
    assert challenge.challenged is challenged
    assert challenge.tool_tip() == "CSn1 challenges the link S1 → G3"
    assert challenge.end_points()[1] == challenged.midpoint()
    before = challenged.midpoint()
    g3 = canvas.position("G3")
    assert g3 is not None
    canvas.document.push(MoveNodes({"G3": Position(x=g3.x - 120, y=g3.y + 80)}), "Move G3")
    assert challenged.midpoint() != before
    assert challenge.end_points()[1] == challenged.midpoint()


def test_a_challenge_follows_its_link_during_a_drag(qtbot, canvas: Canvas) -> None:
    """While G3 is dragged, the challenge to S1 → G3 keeps ending at the link's middle."""
    challenged = canvas.scene.link_item_for("S1", "G3", LinkKind.SUPPORTED_BY)
    challenge = canvas.scene.link_item_for("CSn1", "G3", LinkKind.CHALLENGES, "S1")
    assert challenged is not None and challenge is not None
    before = challenge.end_points()[1]
    viewport, start = canvas.view.viewport(), canvas.point("G3")
    qtbot.mousePress(viewport, LEFT, NO_KEYS, start)
    qtbot.mouseMove(viewport, start + QPoint(30, 0))
    qtbot.mouseMove(viewport, start + QPoint(60, 0))
    assert challenge.end_points()[1] != before
    assert challenge.end_points()[1] == challenged.midpoint()
    qtbot.mouseRelease(viewport, LEFT, NO_KEYS, start + QPoint(60, 0))


def test_removing_the_challenged_link_removes_the_challenge_item(canvas: Canvas) -> None:
    """Without S1 → G3 the challenge has nothing to aim at; undo brings both items back."""
    link = Link(source="S1", target="G3", kind=LinkKind.SUPPORTED_BY)
    canvas.document.push(Disconnect(link), "Unlink")
    assert canvas.scene.link_item_for("CSn1", "G3", LinkKind.CHALLENGES, "S1") is None
    canvas.document.undo_stack.undo()
    challenge = canvas.scene.link_item_for("CSn1", "G3", LinkKind.CHALLENGES, "S1")
    challenged = canvas.scene.link_item_for("S1", "G3", LinkKind.SUPPORTED_BY)
    assert challenge is not None and challenge.challenged is challenged


def test_dragging_a_counter_goal_onto_a_goal_challenges_it(qtbot, canvas: Canvas) -> None:
    """From a counter goal's handle onto G3: one "Challenge" undo step that undo takes back."""
    steps = canvas.document.undo_stack.count()
    drag(qtbot, canvas, handle_of(canvas, "CG2"), canvas.point("G3"))
    assert ("CG2", "G3", LinkKind.CHALLENGES, None) in links_of(canvas.document.case)
    assert canvas.document.undo_stack.count() == steps + 1
    assert canvas.document.undo_stack.undoText() == "Challenge G3 with CG2"
    assert canvas.scene.link_item_for("CG2", "G3", LinkKind.CHALLENGES) is not None
    canvas.document.undo_stack.undo()
    assert ("CG2", "G3", LinkKind.CHALLENGES, None) not in links_of(canvas.document.case)
    assert canvas.scene.link_item_for("CG2", "G3", LinkKind.CHALLENGES) is None


def test_dropping_on_a_link_challenges_that_link(qtbot, canvas: Canvas) -> None:
    """A drop on the middle of S1 → G2 makes CG2 challenge that link (via S1), in one step."""
    link = canvas.scene.link_item_for("S1", "G2", LinkKind.SUPPORTED_BY)
    assert link is not None
    middle = link.midpoint()
    assert middle is not None
    steps = canvas.document.undo_stack.count()
    drag(qtbot, canvas, handle_of(canvas, "CG2"), canvas.view.mapFromScene(middle))
    assert ("CG2", "G2", LinkKind.CHALLENGES, "S1") in links_of(canvas.document.case)
    assert canvas.document.undo_stack.count() == steps + 1
    item = canvas.scene.link_item_for("CG2", "G2", LinkKind.CHALLENGES, "S1")
    assert item is not None and item.challenged is link


def test_shift_picks_the_other_kind(qtbot, canvas: Canvas) -> None:
    """Onto a strategy, a counter goal is supported by it (the model's `kind_for`); with
    Shift held at the drop it challenges it."""
    canvas.scene.link_mode = True
    drag(qtbot, canvas, canvas.point("CG1"), canvas.point("S1"))
    assert ("CG1", "S1", LinkKind.SUPPORTED_BY, None) in links_of(canvas.document.case)
    viewport, start, end = canvas.view.viewport(), canvas.point("CG2"), canvas.point("S1")
    shift = Qt.KeyboardModifier.ShiftModifier
    qtbot.mousePress(viewport, LEFT, NO_KEYS, start)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, LEFT, shift, end)
    assert ("CG2", "S1", LinkKind.CHALLENGES, None) in links_of(canvas.document.case)


@pytest.mark.parametrize("target", ["C1", "A1", "J1"])
def test_a_drag_from_a_counter_goal_to_a_contextual_element_gives_context(
    qtbot, canvas: Canvas, target: str
) -> None:
    """Dragging a counter goal onto a context, assumption or justification makes the link
    the model's `kind_for` and `Case.connect` make: InContextOf, previewed as such."""
    case = canvas.document.case
    expected = kind_for(case.node("CG2").type, case.node(target).type)
    assert expected is LinkKind.IN_CONTEXT_OF
    tool = canvas.scene.connect_tool
    start, end = handle_of(canvas, "CG2"), canvas.point(target)
    viewport = canvas.view.viewport()
    qtbot.mousePress(viewport, LEFT, NO_KEYS, start)
    qtbot.mouseMove(viewport, end)
    assert tool.preview.pen().color() == QColor(SELECTION_COLOUR)  # not a challenge's red
    qtbot.mouseRelease(viewport, LEFT, NO_KEYS, end)
    assert ("CG2", target, LinkKind.IN_CONTEXT_OF, None) in links_of(case)
    assert canvas.document.undo_stack.undoText() == f"Link CG2 to {target}"


def test_only_a_defeater_may_challenge_a_link(qtbot, canvas: Canvas) -> None:
    """A goal dropped on a link is refused with the rule, and nothing changes."""
    link = canvas.scene.link_item_for("S1", "G2", LinkKind.SUPPORTED_BY)
    assert link is not None and link.midpoint() is not None
    before, steps = links_of(canvas.document.case), canvas.document.undo_stack.count()
    canvas.scene.link_mode = True
    with qtbot.waitSignal(canvas.document.refused, timeout=1000) as refused:
        drag(qtbot, canvas, canvas.point("G1"), canvas.view.mapFromScene(link.midpoint()))
    assert "G1" in refused.args[0] and "only a counter claim" in refused.args[0]
    assert links_of(canvas.document.case) == before
    assert canvas.document.undo_stack.count() == steps


@pytest.mark.parametrize(
    ("source", "target", "other", "kind"),
    [
        (CG, NodeType.GOAL, False, LinkKind.CHALLENGES),
        (CG, NodeType.GOAL, True, LinkKind.CHALLENGES),
        (CG, NodeType.STRATEGY, False, LinkKind.SUPPORTED_BY),
        (CG, NodeType.STRATEGY, True, LinkKind.CHALLENGES),
        (CG, NodeType.CONTEXT, False, LinkKind.IN_CONTEXT_OF),
        (CG, NodeType.ASSUMPTION, False, LinkKind.IN_CONTEXT_OF),
        (CG, NodeType.JUSTIFICATION, True, LinkKind.CHALLENGES),
        (CG, CSN, False, LinkKind.SUPPORTED_BY),
        (CG, CG, True, LinkKind.CHALLENGES),
        (CSN, CG, False, LinkKind.CHALLENGES),
        (CSN, CG, True, LinkKind.CHALLENGES),
        (NodeType.GOAL, NodeType.SOLUTION, True, LinkKind.SUPPORTED_BY),
        (NodeType.GOAL, CG, False, None),
    ],
)
def test_kind_for(source: NodeType, target: NodeType, other: bool, kind: LinkKind) -> None:
    """The one rule for the kind two types make: structural first (a counter argument is
    built like an argument), a challenge where nothing else joins them; `other` (Shift on
    the canvas) swaps the two where both are allowed."""
    assert kind_for(source, target, other) is kind


@pytest.mark.parametrize("status", [status for status in Status if status is not Status.NONE])
def test_every_status_draws_on_every_shape(qtbot, status: Status) -> None:
    """Each status paints on each element type: its badge (none when quiet) in its colour,
    inside the item's bounds, and its label in the tooltip."""
    mark = STATUS_MARKS[status]
    image = QImage(500, 400, QImage.Format.Format_ARGB32)
    for node_type in NodeType:
        node = hazard_case().add_node(node_type, "A statement long enough to wrap in two")
        item = NodeItem(node, status)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.translate(250, 200)
        item.paint(painter, QStyleOptionGraphicsItem(), None)
        painter.end()
        # Along the pill's top, above its word: mostly the pill's colour, if it is drawn.
        x, y, width, _ = badge_box(item.geometry, mark.badge)
        row = [QPoint(round(250 + x + dx), round(200 + y + 2)) for dx in range(5, int(width) - 4)]
        coloured = [image.pixelColor(point) == QColor(mark.stroke) for point in row]
        badge_drawn = sum(coloured) > 0.6 * len(row)
        assert badge_drawn is (status not in QUIET), node_type
        assert item.rect().contains(QRectF(*badge_box(item.geometry, mark.badge, left=True)))
        assert f"Status: <i>{mark.label}</i>" in item.tool_tip()


def test_a_badge_keeps_off_an_arrowhead(canvas: Canvas) -> None:
    """An arrow arriving at the top right of a marked goal moves its badge to the top left."""
    g3 = canvas.scene.item_for("G3")
    assert g3 is not None
    g3.show_status(Status.WEAKENED)
    # Clear the space above G3 (J1 and the defeaters beside it) so the link comes in
    # straight: it would bend round a node in its way and arrive at the top centre.
    away = {i: Position(x=-2000 - 300 * n, y=-2000) for n, i in enumerate(("J1", "CSn1", "CG2"))}
    for side, on_left in ((1, True), (-1, False)):
        spot = Position(x=g3.x() + side * (g3.geometry.half_width + 150), y=g3.y() - 250)
        canvas.document.push(MoveNodes({"S1": spot, **away}), "Move S1")
        link = canvas.scene.link_item_for("S1", "G3", LinkKind.SUPPORTED_BY)
        assert link is not None and len(link.path_points()) == 2
        assert badge_on_left(g3.geometry, "WEAKENED", g3.arriving_heads()) is on_left


def test_a_refuted_defeaters_challenge_is_drawn_faded(canvas: Canvas) -> None:
    """Once CG1 is refuted (with evidence) its challenge line is painted faint, and at full
    strength again when the refutation is undone: measured as ink in the line's own box."""
    from gsn_studio.model import DefeaterStatus, Evidence
    from gsn_studio.model.changes import UpdateNode

    item = canvas.scene.link_item_for("CG1", "G2", LinkKind.CHALLENGES)
    assert item is not None and item.is_drawn

    def ink() -> int:
        box = item.sceneBoundingRect()
        image = QImage(int(box.width()) + 1, int(box.height()) + 1, QImage.Format.Format_RGB32)
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        option = QStyleOptionGraphicsItem()
        painter.translate(-box.left(), -box.top())
        item.paint(painter, option)
        painter.end()
        return sum(
            255 - QColor(image.pixel(x, y)).lightness()
            for x in range(image.width())
            for y in range(image.height())
        )

    full = ink()
    refuted = {
        "defeater_status": DefeaterStatus.REFUTED,
        "refutation": Evidence(reference="https://example.org/night-shift-study"),
    }
    canvas.document.push(UpdateNode("CG1", refuted), "Refute CG1")
    canvas.document.refresh_findings()
    assert ink() < 0.7 * full
    canvas.document.undo_stack.undo()
    canvas.document.refresh_findings()
    assert ink() == full
