"""The Review panel in the real window: every comment listed and filtered, a click shows its
node, and the thread's reply and status buttons are single undo steps, in review mode and in
the normal editor alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import hazard_case
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gsn_studio.app import settings
from gsn_studio.app.main_window import MainWindow
from gsn_studio.app.panels.review_model import ON, REPLIES
from gsn_studio.app.panels.review_panel import KIND_CHOICES, STATUS_CHOICES
from gsn_studio.layout.tree import tree_layout
from gsn_studio.model import Case, Comment, CommentKind, CommentStatus, Reply
from gsn_studio.model.comment_edits import Target

T0 = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


def reviewed_case() -> Case:
    """The hazard case with four comments by two reviewers, one on a link and one on a
    node that is then deleted."""
    case = hazard_case()
    comments = [
        Comment(id="c1", node="G2", author="Alice", time=T0, text="Is H1 bounded?"),
        Comment(
            id="c2",
            node="Sn1",
            author="Bob",
            time=T0 + dt.timedelta(hours=1),
            kind=CommentKind.UNDERMINE,
            text="The report predates the redesign.\nPlease re-test.",
            replies=(Reply(author="Ann", time=T0 + dt.timedelta(hours=2), text="Planned"),),
        ),
        Comment(
            id="c3",
            node="G3",
            via="S1",
            author="Alice",
            time=T0 + dt.timedelta(hours=3),
            kind=CommentKind.UNDERCUT,
            status=CommentStatus.RESOLVED,
            text="Does the strategy cover H2?",
        ),
        Comment(id="c4", node="A1", author="Bob", time=T0, kind=CommentKind.REBUT, text="No"),
    ]
    for comment in comments:
        case.add_comment(comment)
    case.remove_node("A1")  # its comment stays, listed as on a deleted node
    return case


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    settings.set_verifier_name("Ann Analyst")
    main = MainWindow()
    main.show()
    qtbot.waitExposed(main)
    case = reviewed_case()
    main.document.replace(case, None)
    main.document.place(tree_layout(case) or {})
    main.docks["review"].show()
    main.docks["review"].raise_()
    yield main
    main.document.undo_stack.setClean()
    main.close()
    main.deleteLater()
    QApplication.clipboard().clear()


def listed(window: MainWindow, column: int = ON) -> list[str]:
    model = window.review_panel.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_every_comment_is_listed_with_deleted_nodes_marked(window: MainWindow) -> None:
    """All four comments show, in order, with link comments by both ends, reply counts, and
    the comment whose node was deleted marked so."""
    assert listed(window) == ["G2", "Sn1", "S1 → G3", "A1 (node deleted)"]
    assert listed(window, REPLIES) == ["", "1", "", ""]
    assert window.review_panel.summary.text() == "4 comments, 3 open"


def test_filters_by_status_kind_author_and_text(window: MainWindow) -> None:
    """Each filter narrows the list, and they combine; clearing them shows all again."""
    panel = window.review_panel
    labels = [label for label, _ in STATUS_CHOICES]
    panel.status_filter.setCurrentIndex(labels.index("Resolved"))
    assert listed(window) == ["S1 → G3"]
    panel.status_filter.setCurrentIndex(labels.index("Open"))
    assert listed(window) == ["G2", "Sn1", "A1 (node deleted)"]
    panel.kind_filter.setCurrentIndex([k for _, k in KIND_CHOICES].index(CommentKind.REBUT))
    assert listed(window) == ["A1 (node deleted)"]
    panel.clear_filters()
    panel.author_filter.setCurrentIndex(panel.author_filter.findText("Alice"))
    assert listed(window) == ["G2", "S1 → G3"]
    panel.author_filter.setCurrentIndex(0)
    panel.text_filter.setText("re-test")
    assert listed(window) == ["Sn1"]
    panel.text_filter.setText("planned")  # words of a reply count too
    assert listed(window) == ["Sn1"]
    assert "showing 1" in panel.summary.text()
    panel.clear_filters()
    assert len(listed(window)) == 4


def test_clicking_a_comment_selects_and_centres_its_node(qtbot: QtBot, window: MainWindow) -> None:
    """A click on a row selects the node it is on and scrolls the canvas to it, and the
    thread shows the comment with its replies."""
    panel = window.review_panel
    window.view.set_zoom(1.5)
    window.view.centerOn(-2000, -2000)
    rect = panel.view.visualRect(panel.model.index(1, 0))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.selection.ids == ["Sn1"]
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    middle = window.scene.item_for("Sn1").sceneBoundingRect().center()
    assert abs(centre.x() - middle.x()) < 2 and abs(centre.y() - middle.y()) < 2
    assert "The report predates the redesign" in panel.comment_thread.body.toPlainText()
    body = panel.comment_thread.body.toPlainText()
    assert "Ann" in body and "Planned" in body


def test_a_comment_on_a_deleted_node_can_still_be_read_and_settled(window: MainWindow) -> None:
    """Choosing the comment on a deleted node leaves the selection alone, shows its thread,
    and its status can still change."""
    panel = window.review_panel
    window.selection.set(["G1"])
    panel.select_comment("c4")
    assert window.selection.ids == ["G1"]
    assert "A1 (node deleted)" in panel.comment_thread.header.text()
    panel.comment_thread.status_buttons[CommentStatus.REJECTED].click()
    assert window.document.case.comment("c4").status is CommentStatus.REJECTED


def test_reply_and_status_change_are_undoable_steps(qtbot: QtBot, window: MainWindow) -> None:
    """Typing a reply and pressing Reply adds it, signed, as one undo step; pressing Answered
    with a reply typed records both as one step; undo takes each back in turn."""
    panel = window.review_panel
    panel.select_comment("c1")
    thread = panel.comment_thread
    assert not thread.reply_button.isEnabled()
    qtbot.keyClicks(thread.reply_edit, "Yes: by the pump's flow limit")
    thread.reply_button.click()
    comment = window.document.case.comment("c1")
    assert [(r.author, r.text) for r in comment.replies] == [
        ("Ann Analyst", "Yes: by the pump's flow limit")
    ]
    assert thread.reply_edit.toPlainText() == ""
    qtbot.keyClicks(thread.reply_edit, "See the new test")
    thread.status_buttons[CommentStatus.ANSWERED].click()
    comment = window.document.case.comment("c1")
    assert comment.status is CommentStatus.ANSWERED and len(comment.replies) == 2
    assert comment.updated is not None
    assert window.document.undo_stack.count() == 2
    assert listed(window, REPLIES)[0] == "2"
    window.act_undo.trigger()
    comment = window.document.case.comment("c1")
    assert comment.status is CommentStatus.OPEN and len(comment.replies) == 1
    window.act_undo.trigger()
    assert window.document.case.comment("c1").replies == ()
    window.act_redo.trigger()
    window.act_redo.trigger()
    assert window.document.case.comment("c1").status is CommentStatus.ANSWERED
    assert not thread.status_buttons[CommentStatus.ANSWERED].isEnabled()
    assert thread.status_buttons[CommentStatus.OPEN].isEnabled()


def test_reopen_and_delete_work_in_review_mode_too(window: MainWindow) -> None:
    """In review mode the reviewer reopens a resolved comment and deletes one; both undo."""
    window.review.action.trigger()
    panel = window.review_panel
    panel.select_comment("c3")
    panel.comment_thread.status_buttons[CommentStatus.OPEN].click()
    assert window.document.case.comment("c3").status is CommentStatus.OPEN
    panel.select_comment("c2")
    panel.comment_thread.delete_button.click()
    assert [c.id for c in window.document.case.comments] == ["c1", "c3", "c4"]
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert window.document.case.comments == reviewed_case().comments


def test_clicking_a_bubble_opens_its_comments(qtbot: QtBot, window: MainWindow) -> None:
    """A click on a node's bubble brings the Review panel forward, filtered to that node,
    with its open comment shown."""
    window.docks["problems"].raise_()
    badge = window.review.badges.badge_for("G2")
    assert badge is not None
    view = window.view
    view.centerOn(badge.scenePos())
    point = badge.deviceTransform(view.viewportTransform()).map(badge.boundingRect().center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point.toPoint())
    panel = window.review_panel
    assert panel.comment_thread.comment_id == "c1"
    assert listed(window) == ["G2"]
    assert not window.docks["review"].visibleRegion().isEmpty()


def test_a_node_id_as_filter_means_that_node_exactly(window: MainWindow) -> None:
    """Filtering by a node's id lists the comments on that node and its links only, not
    others that mention it; other words still match anywhere."""
    window.review.post(Target("G3"), CommentKind.QUESTION, "Argued as for G2?", "Alice")
    panel = window.review_panel
    panel.text_filter.setText("G2")
    assert listed(window) == ["G2"]
    panel.text_filter.setText("S1")
    assert listed(window) == ["S1 → G3"]
    panel.text_filter.setText("argued as")
    assert listed(window) == ["G3"]
