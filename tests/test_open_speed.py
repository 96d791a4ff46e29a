"""Opening a large case in the editor does each piece of work once (issue 17 item 3): what is
made faster here still draws the same diagram as before."""

from __future__ import annotations

import gc
import random
import re
import weakref
from pathlib import Path
from typing import Any

import pytest
from factories import hazard_case
from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gsn_studio.app import memory
from gsn_studio.app.canvas import link_item, node_item
from gsn_studio.app.canvas import view as canvas_view
from gsn_studio.app.canvas.node_item import NodeItem
from gsn_studio.app.main_window import MainWindow
from gsn_studio.app.panels import outline_tree
from gsn_studio.app.panels.dashboard import DashboardPanel
from gsn_studio.io import save_case
from gsn_studio.layout.tree import tree_layout
from gsn_studio.model import Case, Link, LinkKind, Node, NodeType, Position
from gsn_studio.model.changes import MoveNodes
from gsn_studio.notation import routes
from gsn_studio.notation.geometry import TEXT_SIZE, WRAP_WIDTH, Outline
from gsn_studio.notation.metrics import text_width
from gsn_studio.notation.routes import End
from gsn_studio.notation.wrap import wrap_text


def _count_routes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The ends of each link routed from now on, in order (the real router still routes)."""
    routed: list[tuple[str, str]] = []
    real_route = link_item.route

    def counting(source: End, target: End, *rest: Any) -> tuple[tuple[float, float], ...]:
        routed.append((source.node_id, target.node_id))
        return real_route(source, target, *rest)

    monkeypatch.setattr(link_item, "route", counting)
    return routed


def _placed_case(folder: Path) -> Path:
    case = hazard_case()
    MoveNodes(tree_layout(case)).apply(case)
    path = folder / "placed.gsnx"
    save_case(case, path)
    return path


def test_opening_routes_each_link_once(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each link of an opened case is routed once (after its item is in the scene, where it
    sees the nodes in its way), not once more before, which cost a quarter of opening."""
    routed = _count_routes(monkeypatch)
    path = _placed_case(tmp_path)
    window.files.open(path, ask=False)
    links = window.scene.link_items()
    assert links and all(link.is_drawn for link in links)
    assert sorted(routed) == sorted((lk.source.node_id, lk.target.node_id) for lk in links)


def _greedy(text: str, width: float, size: float) -> list[str]:
    """The plain definition of wrapping words that each fit a line: add the next word to the
    line while the whole line still fits, measured afresh."""
    out = []
    for paragraph in text.split("\n"):
        line, gap = "", ""
        for word, space in re.findall(r"(\S+)(\s*)", paragraph):
            if line and text_width(line + gap + word, size) <= width:
                line += gap + word
            else:
                if line:
                    out.append(line)
                line = word
            gap = space
        out.append(line)
    return out


def test_wrapping_with_cached_word_widths_equals_measuring_each_line_afresh() -> None:
    """Wrapping that measures each word once gives exactly the lines of measuring every
    candidate line whole, accented and wide text alike, at every node width and a few
    fractional ones."""
    rng = random.Random(17)
    words = [
        "the", "pump", "stops", "within", "two", "seconds", "occlusion", "é́té", "過剰",
        "W", "iiii", "MMMM", "hazard-3", "a/b", "x_y", "Ωmega",
    ]  # fmt: skip
    for _ in range(400):
        text = "".join(
            rng.choice(words) + rng.choice([" ", " ", "  ", "\n", "\t "]) for _ in range(40)
        )
        for width in [*(WRAP_WIDTH[node_type] for node_type in NodeType), 75.5, 100.25, 133.7]:
            assert wrap_text(text, width, TEXT_SIZE) == _greedy(text, width, TEXT_SIZE)


def test_opening_pauses_automatic_collections_and_collects_once(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a case opens no automatic garbage collection walks the objects being built (on
    10,000 nodes each walk grows with what is built so far); one collection runs at the end,
    when an earlier case was frozen, and automatic collections are back on afterwards."""
    monkeypatch.setattr(memory._Frozen, "case", True)
    path = _placed_case(tmp_path)
    collections: list[int] = []
    building = [False]  # from the document's reset until `opened` has been handled
    window.document.reset.connect(lambda: building.__setitem__(0, True))
    window.files.opened.connect(lambda: building.__setitem__(0, False))  # after the window's

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and building[0]:
            collections.append(info["generation"])

    threshold = gc.get_threshold()
    gc.set_threshold(1)  # without the pause, every few allocations would start one
    gc.callbacks.append(record)
    try:
        assert window.files.open(path, ask=False)
    finally:
        gc.callbacks.remove(record)
        gc.set_threshold(*threshold)
    assert collections == [2]
    assert gc.isenabled()


def test_opening_builds_the_routing_index_at_once_not_box_by_box(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The canvas indexes the node boxes of an opened case in one build (sorted once), not by
    inserting each box into sorted lists, and finds the same index as inserting them would."""
    inserted: list[str] = []
    real_insert = routes._insert

    def counting(keys: list[float], ids: list[str], key: float, node_id: str) -> None:
        inserted.append(node_id)
        real_insert(keys, ids, key, node_id)

    monkeypatch.setattr(routes, "_insert", counting)
    window.files.open(_placed_case(tmp_path), ask=False)
    assert inserted == []
    built = window.scene.obstacles
    one_by_one = routes.GridIndex({})
    for node_id, box in built.boxes.items():
        one_by_one.place(node_id, box)
    assert len(built.boxes) == len(window.document.case.nodes)
    assert vars(built) == vars(one_by_one)


def test_link_shapes_are_made_when_a_link_is_first_painted(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """Opening works out every link's path and bounds but makes no Qt line or arrowhead for
    it; painting a view zoomed onto one node makes them for the links in view only, with the
    arrowhead's tip where the path ends."""
    window.files.open(_placed_case(tmp_path), ask=False)
    links = [link for link in window.scene.link_items() if link.is_drawn]
    assert links and all(link._drawing is None for link in links)
    view = window.view
    view.resetTransform()
    view.scale(3.0, 3.0)
    view.centerOn(links[0].sceneBoundingRect().center())
    view.viewport().grab()
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    painted = [link for link in links if link._drawing is not None]
    assert links[0] in painted
    assert all(link.sceneBoundingRect().intersects(shown) for link in painted)
    assert len(painted) < len(links)
    for link in painted:
        head = link.head()
        assert head is not None
        assert (head[0].x(), head[0].y()) == link.path_points()[-1]


def test_showing_an_opened_case_measures_the_area_of_its_nodes_once(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fitting an opened case to the window (and then its top goal, when the whole is too
    small to read) measures the area every node covers once, not once per step."""
    window.files.open(_placed_case(tmp_path), ask=False)
    scene = window.scene
    measured: list[QRectF] = []
    real = scene.items_bounding_rect

    def counting() -> QRectF:
        measured.append(real())
        return measured[-1]

    monkeypatch.setattr(scene, "items_bounding_rect", counting)
    window.resize(300, 200)  # too small to read the whole case: the top goal leads
    window.edit_actions.show_opened_case()
    assert len(measured) == 1
    assert window.view.zoom == pytest.approx(canvas_view.READABLE_ZOOM)


def test_nodes_of_one_shape_share_their_bounds_whatever_their_text(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two nodes whose texts differ but take the same room ("ab", "ba") work out the area
    they may draw in once; a node of another size works out its own."""
    from gsn_studio.app.canvas import node_item
    from gsn_studio.model import Node

    measured: list[float] = []
    real = node_item._measure_bounds

    def counting(geometry: Any) -> QRectF:
        measured.append(geometry.width)
        return real(geometry)

    monkeypatch.setattr(node_item, "_measure_bounds", counting)
    monkeypatch.setattr(node_item, "_BOUNDS", {})
    long_text = "a text long enough to wrap onto a second line and a third line"
    texts = [("G1", "ab cd"), ("G2", "ba dc"), ("G3", long_text)]
    items = [
        node_item.NodeItem(Node(id=node_id, type=NodeType.GOAL, statement=text))
        for node_id, text in texts
    ]
    assert len(measured) == 2
    assert items[0].rect() == items[1].rect() != items[2].rect()


def test_opening_looks_for_comment_bubbles_only_on_commented_items(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The items of an opened case are all new, without bubbles: the bubbles are made for
    the node and the link that carry open comments, and no other item is looked at."""
    import datetime as dt

    from gsn_studio.app.canvas.comment_badge import CommentBadges
    from gsn_studio.model import Comment
    from gsn_studio.model.changes import AddComment

    case = hazard_case()
    MoveNodes(tree_layout(case)).apply(case)
    when = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for number, (node, via) in enumerate([("G2", None), ("G2", "S1")]):
        comment = Comment(id=f"c{number}", node=node, via=via, author="r", time=when, text="?")
        AddComment(comment).apply(case)
    path = tmp_path / "commented.gsnx"
    save_case(case, path)
    looked: list[str] = []
    real_node, real_link = CommentBadges._show_node, CommentBadges._show_link

    def node_spy(self: CommentBadges, item: Any, count: int) -> Any:
        looked.append(item.node_id)
        return real_node(self, item, count)

    def link_spy(self: CommentBadges, link: Any, ends: tuple[str, str], count: int) -> Any:
        looked.append("-".join(ends))
        return real_link(self, link, ends, count)

    monkeypatch.setattr(CommentBadges, "_show_node", node_spy)
    monkeypatch.setattr(CommentBadges, "_show_link", link_spy)
    assert window.files.open(path, ask=False)
    assert sorted(looked) == ["G2", "G2-S1"]
    badges = window.review.badges
    assert badges.badge_for("G2") is not None and badges.badge_for("G2").count == 1
    link_badge = badges.link_badge_for("S1", "G2")
    assert link_badge is not None and link_badge.count == 1 and link_badge.isVisible()
    assert badges.badge_for("G1") is None


def test_opening_a_case_without_folds_looks_at_no_link_to_hide_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Items made afresh all show: with nothing folded no link is asked whether a fold hides
    it; with a fold, the links below it are hidden on opening as before."""
    from gsn_studio.app.canvas import folding
    from gsn_studio.model.changes import UpdateNode

    asked: list[str] = []
    real = folding.link_folded

    def counting(kind: Any, source: str, folded: Any) -> bool:
        asked.append(source)
        return real(kind, source, folded)

    monkeypatch.setattr(folding, "link_folded", counting)
    assert window.files.open(_placed_case(tmp_path), ask=False)
    assert asked == []
    case = hazard_case()
    MoveNodes(tree_layout(case)).apply(case)
    UpdateNode("S1", {"folded": True}).apply(case)
    path = tmp_path / "folded.gsnx"
    save_case(case, path)
    assert window.files.open(path, ask=False)
    below = [link for link in window.scene.link_items() if link.source.node_id == "S1"]
    hidden = {link.target.node_id for link in below if not link.isVisible()}
    assert asked and hidden == {"G2", "G3"}  # its support; its justification still shows


def _end(item: NodeItem) -> End:
    return End(item.node_id, item.x(), item.y(), item.geometry, item.node.undeveloped)


def _open_as_large(
    window: MainWindow, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> list[link_item.LinkItem]:
    """Open the placed hazard case as the editor opens one too large to bend its links at
    once (the batch router held back), and return its link items."""
    monkeypatch.setattr(routes, "DETOUR_LIMIT", 3)
    window.files.open(_placed_case(folder), ask=False)
    window.scene.batch_router.clear()  # the idle batches would route every link
    return window.scene.link_items()


def test_opening_a_large_case_routes_no_link_until_it_is_painted(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a case too large to bend links at once, opening routes no link (its bounds come
    from its ends' centres); painting a view zoomed onto one node routes the links in view
    only, each path straight and within the bounds the item was given, and the whole view
    looks pixel for pixel as after placing every link with its exact bounds."""
    routed = _count_routes(monkeypatch)
    links = _open_as_large(window, tmp_path, monkeypatch)
    assert links and routed == []
    view = window.view
    view.resetTransform()
    view.scale(3.0, 3.0)
    view.centerOn(links[0].sceneBoundingRect().center())
    view.viewport().grab()
    assert 0 < len(routed) < len(links)
    for link in links:
        if (link.source.node_id, link.target.node_id) in routed:
            points = link.path_points()
            assert points == routes.route(_end(link.source), _end(link.target))
            bounds = link.sceneBoundingRect()
            assert all(bounds.contains(x, y) for x, y in points)
    view.resetTransform()
    view.centerOn(window.scene.items_bounding_rect().center())
    lazy = view.viewport().grab().toImage()
    for link in links:
        link.update_geometry(detour=False)
    window.scene.update()
    assert view.viewport().grab().toImage() == lazy


def test_opening_makes_no_outline_path_for_a_node_not_yet_painted(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A node's Qt outline path is looked up when it is first painted, not on opening (a
    10,000-node case shows a few hundred nodes at a readable zoom)."""
    asked: list[str] = []
    real_path = node_item.outline_path

    def counting(outline: Outline) -> QPainterPath:
        asked.append(outline.kind)
        return real_path(outline)

    monkeypatch.setattr(node_item, "outline_path", counting)
    window.files.open(_placed_case(tmp_path), ask=False)
    assert asked == []
    nodes = window.scene.node_items()
    view = window.view
    view.resetTransform()
    view.scale(3.0, 3.0)
    view.centerOn(nodes[0].sceneBoundingRect().center())
    view.viewport().grab()
    assert 0 < len(asked) < len(nodes)


def test_building_the_outline_asks_the_link_rule_once_per_kind_and_pair_of_types(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The outline's tree asks whether a link is legal once per kind and pair of node types
    (a handful), not once per link (12,000 at 10,000 nodes), and still leaves out illegal
    links."""
    goals = [Node(id=f"G{i}", type=NodeType.GOAL, statement="") for i in range(30)]
    solutions = [Node(id=f"Sn{i}", type=NodeType.SOLUTION, statement="") for i in range(30)]
    links = [Link(source="G0", target=f"G{i}", kind=LinkKind.SUPPORTED_BY) for i in range(1, 30)]
    links += [Link(source=f"G{i}", target=f"Sn{i}", kind=LinkKind.SUPPORTED_BY) for i in range(30)]
    # Illegal: a solution supports nothing; the goal it points at stays under G0 only.
    links += [
        Link(source=f"Sn{i}", target=f"G{i + 1}", kind=LinkKind.SUPPORTED_BY) for i in range(29)
    ]
    case = Case(nodes=goals + solutions, links=links)
    asked: list[tuple[str, str]] = []
    real = outline_tree.link_violation

    def counting(kind: LinkKind, source: str, source_type: NodeType, *rest: Any) -> str | None:
        asked.append((kind, source_type))
        return real(kind, source, source_type, *rest)

    monkeypatch.setattr(outline_tree, "link_violation", counting)
    tree = outline_tree.build_tree(case)
    assert len(asked) == 3  # goal-goal, goal-solution, solution-goal
    assert [row.node_id for row in tree.top] == ["G0"]
    assert all(not row.children for row in tree.rows if row.node_id.startswith("Sn"))
    assert [len(tree.by_id[f"G{i}"]) for i in range(1, 30)] == [1] * 29


def test_the_first_case_a_process_opens_is_frozen_without_a_collection(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first open in a process collects only before the case is read (no case to walk
    yet: the walk was 0.2 s at 10,000 nodes; the garbage already there is not frozen with
    it) and freezes the case without a collection; the next open collects once, and the
    first case is freed."""
    monkeypatch.setattr(memory._Frozen, "case", False)
    path = _placed_case(tmp_path)
    empty = window.document.case
    collections: list[tuple[int, bool]] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append((info["generation"], window.document.case is empty))

    gc.callbacks.append(record)
    try:
        assert window.files.open(path, ask=False)
        first = weakref.ref(window.document.case)
        assert collections == [(2, True)]  # before reading, none after
        case = window.document.case
        assert all(tracked is not case for tracked in gc.get_objects())  # frozen
        del case
        assert window.files.open(path, ask=False)
    finally:
        gc.callbacks.remove(record)
    assert collections == [(2, True), (2, False)]
    assert first() is None


def test_node_geometry_takes_its_text_width_from_the_wrapping(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Working out a node's size measures its id, not each wrapped line again (the wrapping
    knows their widths), and finds the width measuring every line would."""
    from gsn_studio.notation import geometry

    geometry._geometry.cache_clear()
    measured: list[str] = []
    real = geometry.text_width

    def counting(text: str, size: float, bold: bool = False) -> float:
        measured.append(text)
        return real(text, size, bold)

    monkeypatch.setattr(geometry, "text_width", counting)
    statements = [
        "The pump stops delivery within two seconds of detecting an occlusion, always",
        "short",
        "",
        "a\tspaced  text with a " + "verylongwordthatmustbesplitacrosslines" * 3,
        "word " * 400,
    ]
    for number, statement in enumerate(statements):
        for node_type in (NodeType.GOAL, NodeType.SOLUTION, NodeType.ASSUMPTION):
            measured.clear()
            node = Node(id=f"G{number}", type=node_type, statement=statement)
            found = geometry.geometry_of(node)
            assert measured == [node.id]
            lines = [real(line, TEXT_SIZE) for line in found.lines]
            widest = max(
                geometry.MIN_TEXT_WIDTH, real(node.id, geometry.ID_SIZE, bold=True), *lines
            )
            assert found.text_width == widest * geometry.TEXT_SLACK


def test_items_made_on_opening_keep_only_their_own_data_on_themselves(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link or node item made on opening a large case sets on itself only what is its own
    (its ends, its node, its place); what every item starts with (no comments, no marks, no
    challenges, no hit outline) is shared by its class: 12,000 links set twenty values each
    and made a Qt path each, about 50 ms. Items still start so."""
    links = _open_as_large(window, tmp_path, monkeypatch)
    own_link = {"source", "target", "kind", "key", "_drawing", "_routed_yet", "_centres"}
    assert links and all(set(vars(link)) <= own_link | {"violation"} for link in links)
    own_node = {"node", "node_id", "geometry", "status", "links"}
    nodes = window.scene.node_items()
    assert all(set(vars(item)) <= own_node for item in nodes)
    for link in links:
        assert (link.open_comments, link.follower, link.highlight, link.compare_note) == (
            0,
            None,
            None,
            "",
        )
        assert (link.pattern_link, link.acps, link.choice_label) == (None, [], "")
        assert link.challenged is None and not link.challengers and link._hit_outline.isEmpty()
    for item in nodes:
        assert (item.open_comments, item.compare_note, item.acps, item._path) == (0, "", [], None)


def test_placing_an_opened_cases_links_asks_once_and_repaints_no_node(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Building the canvas of a large case asks the routing index once whether links are bent
    at once, not through Qt once per link, and repaints no node for a link arriving at it
    (every node is new: its first paint shows the arrowheads at it); the links are placed as
    before, and a link placed at a node already painted repaints it."""
    _open_as_large(window, tmp_path, monkeypatch)
    asked: list[object] = []
    real_at_once = link_item.detours_at_once

    def at_once_spy(obstacles: Any) -> bool:
        asked.append(obstacles)
        return real_at_once(obstacles)

    repainted: list[str] = []
    real_update = NodeItem.update

    def update_spy(self: NodeItem, *rect: Any) -> None:
        repainted.append(self.node_id)
        real_update(self, *rect)

    monkeypatch.setattr(link_item, "detours_at_once", at_once_spy)
    monkeypatch.setattr(NodeItem, "update", update_spy)
    scene = window.scene
    scene.rebuild()
    links = scene.link_items()
    assert links and asked == [] and repainted == []
    assert all(not link._routed_yet for link in links)
    for link in links:
        (sx, sy), (tx, ty) = (link.source.x(), link.source.y()), (link.target.x(), link.target.y())
        bounds = link.sceneBoundingRect()
        assert bounds.contains(sx, sy) and bounds.contains(tx, ty)
    view = window.view
    view.resetTransform()
    view.scale(3.0, 3.0)
    view.centerOn(links[0].target.sceneBoundingRect().center())
    view.viewport().grab()
    painted = [link for link in links if link.target.painted]
    unpainted = [link for link in links if not link.target.painted]
    assert painted and unpainted
    for link in (painted[0], unpainted[0]):
        link.place_new()
    assert repainted == [painted[0].target.node_id]


def test_opening_repaints_no_node_before_its_first_paint(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a case asks no node item to repaint, its status included (the findings come
    after the items; each item's first paint shows the status it has then); a node already
    painted is repainted when its status changes, and shows the new one."""
    from gsn_studio.notation.palette import Status

    repainted: list[str] = []
    real_update = NodeItem.update

    def update_spy(self: NodeItem, *rect: Any) -> None:
        repainted.append(self.node_id)
        real_update(self, *rect)

    monkeypatch.setattr(NodeItem, "update", update_spy)
    assert window.files.open(_placed_case(tmp_path), ask=False)
    statuses = window.document.statuses
    nodes = window.scene.node_items()
    assert any(status is not Status.NONE for status in statuses.values())
    assert all(item.status is statuses.get(item.node_id, Status.NONE) for item in nodes)
    assert repainted == []
    window.view.viewport().grab()
    shown = next(item for item in nodes if item.painted)
    hidden = next((item for item in nodes if not item.painted), None)
    for item in (shown, hidden):
        if item is not None:
            item.show_status(Status.DEFEATED if item.status is not Status.DEFEATED else Status.NONE)
    assert repainted == [shown.node_id]


class _CountingPattern:
    """A stand-in for the wrapping's word pattern that counts the paragraphs it matches."""

    def __init__(self, real: re.Pattern[str]) -> None:
        self.real, self.matched = real, 0

    def finditer(self, text: str) -> Any:
        self.matched += 1
        return self.real.finditer(text)


def test_wrapping_words_one_space_apart_splits_at_the_spaces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A paragraph of words one space apart (nearly every statement) is split at its spaces
    rather than matched word by word with its spacing (10,000 nodes wrap 100,000 words on
    opening), and gives the lines of measuring each line afresh, with words too wide for a
    line, past the lines a node shows, and blank; a tab, a double space or a huge paragraph
    is still matched."""
    from gsn_studio.notation import wrap

    rng = random.Random(3)
    words = ["the", "pump", "stops", "occlusion", "é́té", "過剰", "W", "x"]
    wide = ["a" * 40, "b/c_" * 18, "d" * 70]  # split across lines, by the word path's rule
    texts = [
        "\n".join(
            " ".join(rng.choice(words + wide * many) for _ in range(rng.randrange(0, 30)))
            for _ in range(rng.randrange(1, 4))
        )
        for many in (0, 1)
        for _ in range(150)
    ]
    widths = (WRAP_WIDTH[NodeType.GOAL], WRAP_WIDTH[NodeType.SOLUTION], 75.5)
    monkeypatch.setattr(wrap, "SPACED_LIMIT", 0)  # every paragraph matched word by word
    matched = [[wrap_text(text, width, TEXT_SIZE) for width in widths] for text in texts]
    monkeypatch.setattr(wrap, "SPACED_LIMIT", 4096)
    pattern = _CountingPattern(wrap._BREAKABLE)
    monkeypatch.setattr(wrap, "_BREAKABLE", pattern)
    for text, lines in zip(texts, matched, strict=True):
        assert [wrap_text(text, width, TEXT_SIZE) for width in widths] == lines
        if not any(word in text for word in wide):
            assert lines == [_greedy(text, width, TEXT_SIZE) for width in widths]
    many = wrap_text("word " * 800 + "end", 190, TEXT_SIZE)
    assert len(many) == wrap.MAX_LINES and many[-1].endswith("…")
    assert pattern.matched == 0
    others = ("two  spaces", "a\ttab", " leading", "trailing ", "word " * 2000 + "end")
    for text in others:
        assert wrap_text(text, 190, TEXT_SIZE)
    assert pattern.matched == len(others)


def test_building_the_routing_index_at_once_finds_cells_without_a_generator_per_box(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The routing index built at once (opening) finds each box's grid cells in its own loop,
    not through the per-box generator that placing one box uses, and ends as placing each
    box would leave it, boxes across cell edges and of equal tops included."""
    rng = random.Random(5)
    boxes: dict[str, routes.Rect] = {}
    for number in range(400):
        x, y = rng.uniform(-2000, 9000), rng.uniform(-900, 3000)
        width, height = rng.choice([120.0, 300.0, 600.0]), rng.choice([60.0, 250.0])
        boxes[f"N{number}"] = (x, y, x + width, y + height)
    boxes["twin"] = boxes["N1"]
    one_by_one = routes.GridIndex({})
    for node_id, box in boxes.items():
        one_by_one.place(node_id, box)
    asked: list[routes.Rect] = []
    real = routes.GridIndex._cells

    def counting(self: routes.GridIndex, rect: routes.Rect) -> Any:
        asked.append(rect)
        return real(self, rect)

    monkeypatch.setattr(routes.GridIndex, "_cells", counting)
    built = routes.GridIndex(boxes)
    assert asked == []
    assert vars(built) == vars(one_by_one)


def test_the_routing_index_of_an_opened_case_reads_boxes_from_the_model(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening puts each node's box in the routing index from where its model places it (the
    new item stands there), without asking each item's position of Qt; the boxes are those
    of the items, unplaced nodes at the origin included."""
    from gsn_studio.app.canvas import scene as canvas_scene

    asked: list[str] = []
    real = canvas_scene.box_of

    def counting(item: NodeItem) -> routes.Rect:
        asked.append(item.node_id)
        return real(item)

    monkeypatch.setattr(canvas_scene, "box_of", counting)
    case = hazard_case()
    MoveNodes(tree_layout(case)).apply(case)
    case.nodes[-1] = case.nodes[-1].model_copy(update={"position": None})
    window.document.replace(case, None)
    assert asked == []
    items = window.scene.node_items()
    assert window.scene.obstacles.boxes == {item.node_id: real(item) for item in items}
    assert (window.scene.item_for(case.nodes[-1].id) or items[0]).pos().isNull()


def test_building_the_canvas_hands_qt_ready_values(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Making the items of an opened case gives each one pen made once (not a pen style Qt
    turns into a new pen for each of 23,000 items) and a link's bounds as four numbers (not a
    rectangle made for each link), with the same result; a case with no pattern marks visits
    no item for them."""
    from PySide6.QtGui import QPen

    from gsn_studio.app.canvas import pattern_paint

    pens: list[object] = []
    rects: list[tuple[object, ...]] = []
    labelled: list[int] = []
    real_set_pen, real_set_rect = NodeItem.setPen, link_item.LinkItem.setRect
    real_labels = pattern_paint.choice_labels

    def pen_spy(self: Any, pen: Any) -> None:
        pens.append(pen)
        real_set_pen(self, pen)

    def rect_spy(self: Any, *rect: Any) -> None:
        rects.append(rect)
        real_set_rect(self, *rect)

    def labels_spy(links: Any) -> Any:
        labelled.append(1)
        return real_labels(links)

    monkeypatch.setattr(NodeItem, "setPen", pen_spy)
    monkeypatch.setattr(link_item.LinkItem, "setPen", pen_spy)
    monkeypatch.setattr(link_item.LinkItem, "setRect", rect_spy)
    monkeypatch.setattr(pattern_paint, "choice_labels", labels_spy)
    links = _open_as_large(window, tmp_path, monkeypatch)
    assert pens and all(isinstance(pen, QPen) for pen in pens)
    assert len({id(pen) for pen in pens}) <= 2  # one for the nodes, one for the links
    items = [*window.scene.node_items(), *links]
    assert all(item.pen().style() is Qt.PenStyle.NoPen for item in items)
    assert len(rects) == len(links) and all(len(rect) == 4 for rect in rects)
    assert labelled == []
    for link in links:
        (sx, sy), (tx, ty) = link._centres
        margin = link_item.ARROW_HALF_WIDTH + 2.0
        left, top = min(sx, tx) - margin, min(sy, ty) - margin
        assert link.rect() == QRectF(
            left, top, abs(tx - sx) + 2 * margin, abs(ty - sy) + 2 * margin
        )


def test_wrapping_a_statement_of_one_paragraph_does_not_look_for_more(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A statement without a line break (most of them) is wrapped as its one paragraph, not
    through the generator that finds paragraphs one at a time; one with breaks still is, and
    both give their lines as before."""
    from gsn_studio.notation import wrap

    found: list[str] = []
    real = wrap._paragraphs

    def counting(text: str) -> Any:
        found.append(text)
        return real(text)

    monkeypatch.setattr(wrap, "_paragraphs", counting)
    one = "The pump stops delivery within two seconds of detecting an occlusion"
    assert wrap_text(one, 190, TEXT_SIZE) == _greedy(one, 190, TEXT_SIZE)
    assert wrap_text("", 190, TEXT_SIZE) == [""]
    assert found == []
    assert wrap_text("First\n\nThird", 500, TEXT_SIZE) == ["First", "", "Third"]
    assert found == ["First\n\nThird"]


class _CountingSearch:
    """A stand-in for the markup hint pattern that counts the statements it searches."""

    def __init__(self, real: re.Pattern[str]) -> None:
        self.real, self.searched = real, 0

    def search(self, text: str) -> Any:
        self.searched += 1
        return self.real.search(text)


def test_a_statement_without_markup_characters_is_not_searched_for_markup(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Sizing a node whose statement holds none of the characters markup needs (most of
    10,000 on opening) does not search it with the markup pattern; one that holds them
    still is searched; and whether a statement may hold markup is what the search says, for
    every mix of those characters."""
    from gsn_studio.notation import rich_text

    real = rich_text._MARKUP_HINT
    pattern = _CountingSearch(real)
    monkeypatch.setattr(rich_text, "_MARKUP_HINT", pattern)
    plain = "The pump stops delivery within two seconds of detecting an occlusion."
    assert rich_text.display_text(plain) == plain
    assert not rich_text.has_markup(plain)
    assert pattern.searched == 0
    assert rich_text.display_text("The *pump* stops") == "The pump stops"
    assert pattern.searched == 1
    rng = random.Random(9)
    pieces = ["a", " ", "\n", "-", "- ", "*", "_", "[", "]", "http", "://", "s", "\t"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12)))
        assert rich_text._hinted(text) == (real.search(text) is not None)


def test_opening_finds_the_top_goals_once(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a case searches for its top goals once (the assessment's pass over the links):
    leading the view to the top goal and the dashboard's verdict take what it found."""
    searched: list[int] = []
    real = Case.top_goals

    def counting(case: Case, *args: Any) -> list[str]:
        searched.append(len(case.nodes))
        return real(case, *args)

    monkeypatch.setattr(Case, "top_goals", counting)
    window.findChild(DashboardPanel).set_in_view(True)  # the verdict is worked out
    path = _placed_case(tmp_path)
    fitted: list[QRectF | None] = []
    monkeypatch.setattr(window.view, "fit_readable", fitted.append)
    window.files.open(path, ask=False)
    qtbot.waitUntil(lambda: bool(fitted))  # the view was led to the case's top goal
    lead = window.scene.item_for("G1")
    assert lead is not None and fitted == [lead.sceneBoundingRect()]
    assert window.findChild(DashboardPanel).verdict.top == "G1"
    assert len(searched) == 1


class _PaintCounter(QObject):
    """Counts the paint events a widget receives."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def test_opening_paints_the_canvas_once_fitted(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """An opened case's canvas is first painted as fitted to the case, not once before the fit
    and once more after it (a wasted paint of a whole view of a large case)."""
    path = _placed_case(tmp_path)
    window.resize(300, 200)  # the fit changes the view: a paint before it shows another one
    qtbot.waitUntil(lambda: window.view.viewport().width() < 300)
    QApplication.processEvents()
    counter = _PaintCounter()
    viewport = window.view.viewport()
    viewport.installEventFilter(counter)
    fitted: list[float] = []
    window.view.zoom_changed.connect(fitted.append)
    window.files.open(path, ask=False)
    qtbot.waitUntil(lambda: bool(fitted) and counter.paints > 0)
    for _ in range(5):
        QApplication.processEvents()
    viewport.removeEventFilter(counter)
    assert window.view.zoom == pytest.approx(canvas_view.READABLE_ZOOM)
    assert counter.paints == 1


def test_fitting_an_opened_case_takes_the_area_measured_while_populating(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fitting a newly opened case asks no node item for its bounds again: the area the
    scene measured when it was built is kept until an edit or a fold may change it."""
    window.files.open(_placed_case(tmp_path), ask=False)
    asked: list[object] = []
    real = NodeItem.sceneBoundingRect

    def counting(item: NodeItem) -> QRectF:
        asked.append(item)
        return real(item)

    monkeypatch.setattr(NodeItem, "sceneBoundingRect", counting)
    window.edit_actions.show_opened_case()
    top = window.document.case.top_goals()[0]
    assert asked == [window.scene.item_for(top)]  # only the lead's outline


def test_the_kept_area_of_the_nodes_follows_moves_and_folds(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """After a node moves far away, or a branch is folded away, the area fitted to is the
    nodes' area measured anew, not the one kept from opening."""
    window.files.open(_placed_case(tmp_path), ask=False)
    scene = window.scene
    opened = scene.items_bounding_rect()
    far = window.document.case.nodes[-1].id
    window.document.push(MoveNodes({far: Position(x=9000.0, y=7000.0)}), "Move")
    moved = scene.items_bounding_rect()
    assert moved.right() > 9000.0 and moved.bottom() > 7000.0
    assert moved == _measured(scene)
    top = window.document.case.top_goals()[0]
    scene.folding.toggle(top)
    folded = scene.items_bounding_rect()
    assert folded == _measured(scene) and folded.width() < opened.width()


def _measured(scene: Any) -> QRectF:
    """The nodes' area as Qt bounds their shown items."""
    rect = QRectF()
    for item in scene.node_items():
        if item.isVisible():
            rect = rect.united(item.sceneBoundingRect())
    return rect
