"""A new user's first hour in the editor (issue 11), continued: the first screen, Help, and
the small things (Valid until, the link handle, Save As)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES
from factories import hazard_case
from PySide6.QtCore import QDate, QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence, QPolygonF
from PySide6.QtWidgets import (
    QFileDialog,
    QStyleOptionViewItem,
    QToolBar,
)
from pytestqt.qtbot import QtBot

from gsn_studio.app.canvas.view import EMPTY_HINT, READABLE_ZOOM
from gsn_studio.app.main_window import MainWindow
from gsn_studio.app.panels.legend import legend_entries
from gsn_studio.app.panels.outline_model import STATUS_ROLE
from gsn_studio.app.panels.texts import mark_meaning, type_name
from gsn_studio.layout.tree import tree_layout
from gsn_studio.model import Case, Link, LinkKind, Node, NodeType
from gsn_studio.model.changes import UpdateNode
from gsn_studio.notation.geometry import diamond
from gsn_studio.notation.palette import STATUS_MARKS, Status


def open_sample(qtbot: QtBot, window: MainWindow, name: str = "loan-approval.gsnx") -> None:
    window.files.open(SAMPLES / name, ask=False)
    qtbot.waitUntil(lambda: not window.layout_runner.is_running(), timeout=20000)
    qtbot.wait(20)


# -- small ones -------------------------------------------------------------------------------


def test_ticking_valid_until_waits_for_a_date(qtbot: QtBot, window: MainWindow) -> None:
    """Ticking "Set" beside Valid until changes nothing (no date, no status, no undo step)
    until a date is picked in the calendar; picking one is one undo step."""
    open_sample(qtbot, window)
    solution = next(
        n for n in window.document.case.nodes if n.evidence and n.evidence.valid_until is None
    )
    window.selection.set([solution.id])
    field = window.properties.node_form.evidence.valid_until
    status_before = window.document.statuses.get(solution.id)
    qtbot.mouseClick(field.check, Qt.MouseButton.LeftButton)
    assert field.check.isChecked() and field.date_edit.isEnabled()
    assert field.date_edit.font().italic()  # offered, and drawn as not set yet
    window.document.refresh_findings()
    assert window.document.case.node(solution.id).evidence.valid_until is None
    assert window.document.statuses.get(solution.id) == status_before
    assert window.document.undo_stack.count() == 0

    chosen = QDate.currentDate().addYears(2)
    field.date_edit.calendarWidget().setSelectedDate(chosen)
    field.date_edit.calendarWidget().clicked.emit(chosen)
    assert window.document.case.node(solution.id).evidence.valid_until == chosen.toPython()
    assert window.document.undo_stack.count() == 1
    assert not field.date_edit.font().italic()

    qtbot.mouseClick(field.check, Qt.MouseButton.LeftButton)  # untick: cleared, a step
    assert window.document.case.node(solution.id).evidence.valid_until is None
    assert window.document.undo_stack.count() == 2
    qtbot.mouseClick(field.check, Qt.MouseButton.LeftButton)  # tick and untick again:
    qtbot.mouseClick(field.check, Qt.MouseButton.LeftButton)  # nothing was picked, no step
    assert window.document.undo_stack.count() == 2


def test_the_hover_handle_leaves_the_undeveloped_diamond_visible(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Hovering an undeveloped goal shows the link handle below its diamond, not on it; a
    developed goal keeps the handle at its bottom centre."""
    case = hazard_case()
    window.document.replace(case, None)
    window.document.place(tree_layout(case) or {})
    window.document.push(UpdateNode("G2", {"undeveloped": True}), "Mark G2 undeveloped")
    item = window.scene.item_for("G2")
    assert item is not None
    tool = window.scene.connect_tool
    tool.hover(item.scenePos())
    assert tool.handle.isVisible() and tool.handle_owner is item
    shape = QPolygonF([item.scenePos() + QPointF(x, y) for x, y in diamond(item.geometry)])
    handle = tool.handle.sceneBoundingRect()
    assert not shape.boundingRect().intersects(handle)
    assert handle.top() > shape.boundingRect().bottom()

    other = window.scene.item_for("G1")
    assert other is not None
    tool.hover(other.scenePos())
    assert tool.handle.pos() == other.scenePos() + QPointF(0, other.geometry.half_height)


def test_save_as_proposes_the_users_folders_never_the_programs(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from the checkout, Save As proposes the documents folder for a new case and for an
    opened sample; once the user saved elsewhere, it proposes that folder."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.chdir(SAMPLES.parent)
    proposed: list[Path] = []

    def cancel(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        proposed.append(Path(suggested))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", cancel)
    window.act_save_as.trigger()
    assert proposed[-1] == home / "Documents" / "case.gsnx"

    open_sample(qtbot, window)
    window.act_save_as.trigger()
    assert proposed[-1] == home / "Documents" / "loan-approval.gsnx"
    assert not proposed[-1].is_relative_to(SAMPLES.parent)

    mine = tmp_path / "work" / "mine.gsnx"
    mine.parent.mkdir()
    assert window.files._save_to(mine)
    window.files.new()
    window.act_save_as.trigger()
    assert proposed[-1] == mine.parent / "case.gsnx"


# -- the first screen ---------------------------------------------------------------------------


def test_the_loan_sample_opens_readable_with_its_top_goal_in_view(
    qtbot: QtBot, window: MainWindow
) -> None:
    """At 1400x900 the sample opens at a readable zoom (not fitted down to tiny text), with
    the top goal wholly in view; Fit to Window may still zoom further out, as an overview."""
    window.resize(1400, 900)
    open_sample(qtbot, window)
    qtbot.wait(50)
    assert window.view.zoom >= READABLE_ZOOM
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    top_goal = window.scene.item_for("G1")
    assert top_goal is not None
    assert visible.contains(top_goal.sceneBoundingRect())
    window.act_fit.trigger()
    assert window.view.zoom < READABLE_ZOOM  # the whole case does not fit readably


def _deep_case(levels: int) -> Case:
    nodes, links = [], []
    parent = None
    for level in range(levels):
        kind = NodeType.GOAL if level % 2 == 0 else NodeType.STRATEGY
        node_id = f"{'G' if kind is NodeType.GOAL else 'S'}{level + 1}"
        nodes.append(Node(id=node_id, type=kind, statement=f"Claim number {level} holds"))
        if parent is not None:
            links.append(Link(source=parent, target=node_id, kind=LinkKind.SUPPORTED_BY))
        parent = node_id
    case = Case(name="Deep", nodes=nodes, links=links)
    for node_id, position in tree_layout(case).items():
        case.node(node_id).position = position
    return case


def _shown_text(window: MainWindow, node_id: str) -> str:
    """The text the outline draws on the row of a node, beside its badge."""
    outline = window.outline
    [row] = outline.model.tree.by_id[node_id]
    index = outline.model.index_of(row)
    view = outline.view
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(index)
    option.widget = view
    outline._delegate.initStyleOption(option, index)
    option.decorationSize = view.iconSize()
    status = index.data(STATUS_ROLE)
    assert status, f"{node_id} has no badge"
    text, _right = outline._delegate.shown_text(option, STATUS_MARKS[Status(status)].badge)
    return text


@pytest.mark.parametrize("levels", [6, 40])
def test_outline_rows_show_id_and_statement_start_at_any_depth(
    qtbot: QtBot, window: MainWindow, levels: int
) -> None:
    """In the outline at its first width, every row, the deepest included, shows its id and
    the start of its statement beside its badge, not a few letters."""
    window.resize(1400, 900)
    window.document.replace(_deep_case(levels), None)
    window.outline.rebuild()
    qtbot.wait(10)
    for node in window.document.case.nodes:
        assert _shown_text(window, node.id).startswith(f"{node.id}  Claim numb"), node.id


# -- help -------------------------------------------------------------------------------------


def _page_text(page: object) -> str:
    browser = page.browser  # type: ignore[attr-defined]
    return browser.toPlainText()


def test_help_quick_start_covers_the_first_steps_and_matches_the_readme(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Help > Quick Start (F1) opens a page with each first step, from making a goal to
    exporting; the README's quick start names the same steps."""
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    page = window.help.pages["Quick Start"]
    assert page.isVisible()
    text = _page_text(page)
    readme = (SAMPLES.parent / "README.md").read_text()
    for title in (
        "Make a goal",
        "Add support",
        "Link",
        "Mark undeveloped",
        "Set evidence dates",
        "Check",
        "Export",
    ):
        assert f"{title}." in text
        assert f"**{title}.**" in readme
    page.close()


def test_help_notation_shows_every_shape_status_and_link(window: MainWindow) -> None:
    """Help > Notation names every element type, every status badge and each link, with a
    picture of each taken from the canvas's own drawing code."""
    page = window.help.show_notation()
    text = _page_text(page)
    for node_type in NodeType:
        assert type_name(node_type) in text
    for status, mark in STATUS_MARKS.items():
        assert mark.badge in text  # the one word, even for the quiet status drawn without it
        assert mark_meaning(status) in text
    for link in ("Supported by", "In context of", "Challenges", "Diamond"):
        assert link in text
    html_text = page.browser.toHtml()
    assert html_text.count("<img") == len([p for p, _ in legend_entries() if p is not None])
    page.close()


def test_help_keyboard_shortcuts_lists_every_action_key(window: MainWindow) -> None:
    """Help > Keyboard Shortcuts lists each action that has a key, with its key, as the
    window's actions have them (so the page follows any change)."""
    page = window.help.show_shortcuts()
    text = _page_text(page)
    native = QKeySequence.SequenceFormat.NativeText
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            if action.text() and not key.isEmpty():
                assert key.toString(native) in text, action.text()
    for needle in ("Find", "Undo", "Goal", "Quick Start", "Review Mode", "Pan"):
        assert needle in text
    page.close()


def test_palette_tooltips_name_their_key(window: MainWindow) -> None:
    """Each palette button's tooltip names the key that adds that element."""
    toolbar = window.findChild(QToolBar, "elementsToolbar")
    for node_type, key in (
        (NodeType.GOAL, "G"),
        (NodeType.SOLUTION, "N"),
        (NodeType.JUSTIFICATION, "J"),
    ):
        button = toolbar.widgetForAction(window.act_add[node_type])
        assert f"({key})" in button.toolTip()


def test_an_empty_canvas_says_how_to_begin(qtbot: QtBot, window: MainWindow) -> None:
    """A new, empty case shows a hint in the middle of the canvas (press G...); it goes when
    the first node arrives and comes back when the last one goes."""

    def hint_pixels() -> int:
        image = window.view.viewport().grab().toImage()
        middle = image.copy(
            image.width() // 4, image.height() // 4, image.width() // 2, image.height() // 2
        )
        return sum(
            1
            for x in range(0, middle.width(), 2)
            for y in range(0, middle.height(), 2)
            if middle.pixelColor(x, y).lightness() < 200
        )

    assert window.view.shows_empty_hint
    assert "Press G" in EMPTY_HINT
    assert hint_pixels() > 20
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_G)
    window.scene.cancel_edit()
    qtbot.wait(20)
    assert not window.view.shows_empty_hint
    window.act_undo.trigger()
    qtbot.wait(20)
    assert window.view.shows_empty_hint
    assert hint_pixels() > 20
