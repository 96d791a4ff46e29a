"""Review mode and comments in the editor, through the real window: the argument is
read-only while comments are added, answered and undone; bubbles on the canvas follow them;
`gsn-studio review FILE` starts that way."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLES
from factories import hazard_case
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
)
from pytestqt.qtbot import QtBot

from gsn_studio.app import settings
from gsn_studio.app.comment_dialog import CommentDialog
from gsn_studio.app.document import ChangeCommand, Document, ReadOnlyError
from gsn_studio.app.main_window import MainWindow
from gsn_studio.layout.tree import tree_layout
from gsn_studio.model import Comment, CommentKind, CommentStatus, LinkKind, NodeType, comment_edits
from gsn_studio.model.changes import UpdateNode
from gsn_studio.model.comment_edits import Target
from gsn_studio.model.review import now

LEFT = Qt.MouseButton.LeftButton
NO_KEYS = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    settings.set_verifier_name("Rita Reviewer")
    main = MainWindow()
    main.show()
    qtbot.waitExposed(main)
    case = hazard_case()
    main.document.replace(case, None)
    main.document.place(tree_layout(case) or {})
    yield main
    main.document.undo_stack.setClean()
    main.close()
    main.deleteLater()
    QApplication.clipboard().clear()


def answer_comment_dialog(qtbot: QtBot, text: str, kind: int = 0, target: int | None = None):
    """When the comment dialog opens, choose a kind (and target), type the text, press OK."""
    seen: list[CommentDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CommentDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog)
        if target is not None:
            dialog.target_box.setCurrentIndex(target)
        dialog.findChildren(QRadioButton)[kind].click()
        qtbot.keyClicks(dialog.findChild(QPlainTextEdit), text)
        dialog.ok.click()

    QTimer.singleShot(0, answer)
    return seen


def viewport_point(window: MainWindow, node_id: str) -> QPoint:
    item = window.scene.item_for(node_id)
    assert item is not None
    return window.view.mapFromScene(item.pos())


def test_review_mode_refuses_every_kind_of_edit(qtbot: QtBot, window: MainWindow) -> None:
    """In review mode adding (key G), deleting (Delete), dragging, editing text, pasting and
    pushing a change directly all leave the case as it was, and the status bar says why."""
    window.review.action.trigger()
    assert window.document.read_only
    before = window.document.case.model_copy(deep=True)
    view = window.view
    window.selection.set(["G2"])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_G)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    viewport = view.viewport()
    start = viewport_point(window, "G2")
    qtbot.mousePress(viewport, LEFT, NO_KEYS, start)
    qtbot.mouseMove(viewport, start + QPoint(40, 0))
    qtbot.mouseMove(viewport, start + QPoint(90, 30))
    qtbot.mouseRelease(viewport, LEFT, NO_KEYS, start + QPoint(90, 30))
    qtbot.mouseDClick(viewport, LEFT, NO_KEYS, start)
    assert not window.scene.editing
    window.act_copy.trigger()
    window.act_paste.trigger()
    refused = window.document.push(UpdateNode("G1", {"statement": "changed"}), "Edit")
    assert not refused
    assert window.document.case == before
    assert window.document.undo_stack.count() == 0
    assert window.scene.item_for("G2").pos() == QPointF(
        before.node("G2").position.x, before.node("G2").position.y
    )
    assert "read-only" in window.statusBar().currentMessage()


def test_review_mode_greys_out_editing_and_shows_a_banner(qtbot: QtBot, window: MainWindow):
    """Entering review mode disables the editing actions, makes the properties read-only and
    shows the banner and status label; leaving it restores all of them."""
    window.selection.set(["G1"])
    statement = window.properties.node_form.findChild(QPlainTextEdit)
    assert statement is not None and not statement.isReadOnly()
    window.review.action.trigger()
    editing = [*window.act_add.values(), window.act_delete, window.act_paste, window.act_layout]
    assert not any(action.isEnabled() for action in editing)
    assert statement.isReadOnly()
    assert window.review.banner.isVisible() and window.review.status_label.isVisible()
    assert window.review.status_label.text() == "Review mode: read-only, comments only"
    window.selection.set(["Sn1"])  # the panel shows another node: still read-only
    assert all(
        edit.isReadOnly()
        for edit in window.properties.findChildren(QLineEdit)
        if edit.isVisible() and not isinstance(edit.parent(), QInputDialog)
    )
    window.review.action.trigger()
    assert all(action.isEnabled() for action in editing)
    assert not statement.isReadOnly()
    assert not window.review.banner.isVisible()


def test_review_mode_accepts_comments_through_the_dialog_and_undoes_them(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Ctrl+M on a selected node in review mode opens the dialog; its comment (kind and
    text as chosen, signed with the stored name) is one undo step, and undo works."""
    window.review.action.trigger()
    window.selection.set(["G2"])
    answer_comment_dialog(qtbot, "Is H1 the only hazard of this kind?", kind=1)
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    [comment] = window.document.case.comments
    assert (comment.node, comment.via, comment.kind) == ("G2", None, CommentKind.REBUT)
    assert comment.author == "Rita Reviewer" and comment.status is CommentStatus.OPEN
    assert window.document.undo_stack.count() == 1
    assert window.act_undo.isEnabled()
    window.act_undo.trigger()
    assert window.document.case.comments == []
    window.act_redo.trigger()
    assert window.document.case.comments == [comment]


def test_undo_is_held_back_from_edits_made_before_review_mode(
    qtbot: QtBot, window: MainWindow
) -> None:
    """An edit made before review mode cannot be undone in it; a comment made in it can, and
    leaving review mode gives the earlier edit's undo back."""
    window.document.push(UpdateNode("G1", {"statement": "Edited before review"}), "Edit G1")
    window.review.action.trigger()
    assert not window.act_undo.isEnabled()
    window.review.post(Target("G1"), CommentKind.QUESTION, "Why?", "Rita Reviewer")
    assert window.act_undo.isEnabled()
    window.act_undo.trigger()
    assert window.document.case.comments == []
    assert not window.act_undo.isEnabled()
    assert window.act_redo.isEnabled()
    window.review.action.trigger()
    assert window.act_undo.isEnabled()
    window.act_undo.trigger()
    assert window.document.case.node("G1").statement == "The system is acceptably safe"


def test_a_comment_on_a_link_from_the_canvas_menu(qtbot: QtBot, window: MainWindow) -> None:
    """The canvas menu over a link offers a comment on that link, stored with both ends."""
    link = window.scene.link_item_for("S1", "G2", LinkKind.SUPPORTED_BY)
    assert link is not None
    menu = QMenu()
    window.review.fill_context_menu(menu, None, link)
    [action] = [a for a in menu.actions() if a.text().startswith("Comment on the Link")]
    answer_comment_dialog(qtbot, "Does S1 really cover G2?", kind=3)
    action.trigger()
    [comment] = window.document.case.comments
    assert (comment.via, comment.node, comment.kind) == ("S1", "G2", CommentKind.UNDERCUT)
    badge = window.review.badges.link_badge_for("S1", "G2")
    assert badge is not None and badge.count == 1
    assert "1 open review comment" in link.tool_tip()


def test_the_dialog_can_aim_at_one_of_the_nodes_links(qtbot: QtBot, window: MainWindow) -> None:
    """The dialog's target list holds the node and each of its links; picking a link there
    comments on the link."""
    window.selection.set(["G3"])
    seen = answer_comment_dialog(qtbot, "Weak link", kind=2, target=1)
    window.review.add_action.trigger()
    labels = [seen[0].target_box.itemText(i) for i in range(seen[0].target_box.count())]
    assert labels[0].startswith("G3: Hazard H2") and "the link S1 → G3" in labels
    [comment] = window.document.case.comments
    assert {comment.node, comment.via} == {"G3", "S1"}


def test_the_name_is_asked_once_when_none_is_stored(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no stored name, the first comment asks for it and keeps it for the next."""
    settings.set_verifier_name("")
    asked: list[str] = []

    def ask(*_args: object) -> tuple[str, bool]:
        asked.append("once")
        return "Nora New", True

    monkeypatch.setattr(QInputDialog, "getText", ask)
    window.selection.set(["G1"])
    for text in ("first", "second"):
        answer_comment_dialog(qtbot, text)
        window.review.add_action.trigger()
    assert asked == ["once"]
    assert [c.author for c in window.document.case.comments] == ["Nora New", "Nora New"]


def test_badges_follow_adding_and_resolving(qtbot: QtBot, window: MainWindow) -> None:
    """A node's bubble shows its open comments: 1, then 2, then 1 after one is resolved,
    none after both are; undo brings the count back. The tooltip says the same."""
    review, badges = window.review, window.review.badges
    assert badges.badge_for("G2") is None
    review.post(Target("G2"), CommentKind.QUESTION, "First", "Rita")
    review.post(Target("G2"), CommentKind.UNDERMINE, "Second", "Rita")
    badge = badges.badge_for("G2")
    assert badge is not None and badge.count == 2 and badge.isVisible()
    assert "2 open review comments" in window.scene.item_for("G2").tool_tip()
    thread = window.review_panel.comment_thread
    first, second = window.document.case.comments
    thread.show_comment(first.id)
    thread.status_buttons[CommentStatus.RESOLVED].click()
    assert badges.badge_for("G2").count == 1
    thread.show_comment(second.id)
    thread.status_buttons[CommentStatus.REJECTED].click()
    assert badges.badge_for("G2") is None
    assert "open review comment" not in window.scene.item_for("G2").tool_tip()
    window.act_undo.trigger()
    assert badges.badge_for("G2").count == 1


def test_a_bubble_keeps_its_screen_size_and_follows_its_node(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The bubble ignores the zoom (legible on a whole case seen small) and moves with its
    node; it survives the node being deleted and the deletion undone."""
    window.review.post(Target("Sn1"), CommentKind.QUESTION, "Which version?", "Rita")
    badge = window.review.badges.badge_for("Sn1")
    view = window.view
    view.set_zoom(0.2)
    small = view.mapFromScene(badge.sceneBoundingRect()).boundingRect()
    device = badge.deviceTransform(view.viewportTransform()).mapRect(badge.boundingRect())
    assert device.height() >= 16 > small.height()
    window.selection.set(["Sn1"])
    window.act_delete.trigger()
    assert window.review.badges.badge_for("Sn1") is None
    window.act_undo.trigger()
    restored = window.review.badges.badge_for("Sn1")
    assert restored is not None and restored.parentItem() is window.scene.item_for("Sn1")


def test_a_new_case_or_a_rebuild_keeps_bubbles_right(qtbot: QtBot, window: MainWindow) -> None:
    """Opening another case drops the old bubbles, of nodes and links, and the new case's
    comments get bubbles of their own."""
    window.review.post(Target("G1"), CommentKind.QUESTION, "Scope?", "Rita")
    window.review.post(Target("G2", "S1"), CommentKind.UNDERCUT, "Covered?", "Rita")
    other = hazard_case()
    window.document.replace(other, None)
    badges = window.review.badges
    assert badges.badge_for("G1") is None and badges.link_badge_for("S1", "G2") is None
    assert window.review_panel.model.rowCount() == 0
    window.review.post(Target("G2", "S1"), CommentKind.UNDERCUT, "Again?", "Rita")
    badge = badges.link_badge_for("G2", "S1")
    assert badge is not None and badge.count == 1 and badge.scene() is window.scene
    window.selection.set(["G2"])
    window.act_delete.trigger()  # the link goes with the node, and so does its bubble
    assert badges.link_badge_for("S1", "G2") is None and badge.scene() is None
    window.act_undo.trigger()
    assert badges.link_badge_for("S1", "G2").count == 1


def test_a_link_bubble_stays_at_the_middle_of_its_link(qtbot: QtBot, window: MainWindow) -> None:
    """A link's bubble is drawn above the nodes and moves with the link's middle while one
    end is dragged."""
    window.review.post(Target("G2", "S1"), CommentKind.UNDERCUT, "Covered?", "Rita")
    link = window.scene.link_item_for("S1", "G2", LinkKind.SUPPORTED_BY)
    badge = window.review.badges.link_badge_for("S1", "G2")
    assert badge.zValue() > max(item.zValue() for item in window.scene.node_items())
    viewport = window.view.viewport()
    start, before = viewport_point(window, "G2"), link.midpoint()
    qtbot.mousePress(viewport, LEFT, NO_KEYS, start)
    qtbot.mouseMove(viewport, start + QPoint(60, 20))
    qtbot.mouseMove(viewport, start + QPoint(120, 40))
    assert link.midpoint() != before
    assert badge.pos() == link.midpoint()  # during the drag, before the model knows
    qtbot.mouseRelease(viewport, LEFT, NO_KEYS, start + QPoint(120, 40))
    assert badge.pos() == link.midpoint()


def test_gsn_studio_review_starts_the_editor_in_review_mode(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`gsn-studio review FILE` asks for the editor in review mode, and the window it builds
    has the file open, read-only; `review --help` stays with the command line."""
    from gsn_studio.app.main import start_editor
    from gsn_studio.launcher import editor_request, main

    path = str(SAMPLES / "tutorial.gsnx")
    assert editor_request(["review", path]) == ([path], True)
    assert editor_request([path]) == ([path], False)
    assert editor_request(["edit", path]) == ([path], False)
    assert editor_request(["review", "--help"]) is None
    assert editor_request(["check", path]) is None
    assert main(["review"]) == 2

    windows = start_editor([path], review=True)
    window = windows[0]
    try:
        assert window.document.path == Path(path)
        assert window.document.read_only and window.review.action.isChecked()
        assert not window.act_add[NodeType.GOAL].isEnabled()
    finally:
        window.document.undo_stack.setClean()
        window.layout_runner.cancel()
        window.layout_runner.wait()
        window.close()
        window.deleteLater()


def test_mark_verified_is_refused_in_review_mode(qtbot: QtBot, window: MainWindow) -> None:
    """In review mode Edit > Mark Verified is disabled and the properties' Mark Verified
    button records nothing, saying why, before it would ask for a name."""
    window.selection.set(["Sn1"])
    assert window.act_mark_verified.isEnabled()
    window.review.action.trigger()
    assert not window.act_mark_verified.isEnabled()
    [button] = [
        b
        for b in window.properties.findChildren(QPushButton)
        if b.text() == "Mark Verified" and b.isVisible()
    ]
    before = window.document.case.model_copy(deep=True)
    button.click()
    assert window.document.case == before
    assert "read-only" in window.statusBar().currentMessage()


def test_a_link_comment_in_a_file_without_positions_shows_once_laid_out(
    window: MainWindow,
) -> None:
    """A case read without positions gets its link bubbles when the layout places the nodes:
    the bubble made before there was a line to sit on must not stay hidden."""
    case = hazard_case()
    for node in case.nodes:
        case.update_node(node.id, position=None)
    case.add_comment(Comment(id="c1", node="G2", via="S1", author="R", time=now(), text="Why?"))
    window.document.replace(case, None)
    badge = window.review.badges.link_badge_for("S1", "G2")
    assert badge is not None and not badge.isVisible()  # no line yet to sit on
    window.document.place(tree_layout(case) or {})
    assert badge.isVisible()
    link = window.scene.link_item_for("S1", "G2", LinkKind.SUPPORTED_BY)
    assert link is not None and link.midpoint() is not None
    assert (badge.pos() - link.midpoint()).manhattanLength() < 1


def test_the_read_only_rule_is_checked_where_changes_are_applied(qtbot: QtBot) -> None:
    """In review mode every way an argument change reaches the model (push, amend_last, an
    undo command run directly) is refused with the rule and changes nothing; a comment, and
    the first layout of an opened file, still go through."""
    document = Document()
    document.replace(hazard_case(), None)
    document.set_read_only(True)
    before = document.case.model_copy(deep=True)
    edit = UpdateNode("G1", {"statement": "Changed"})
    with qtbot.waitSignal(document.refused, timeout=1000) as refused:
        assert not document.push(edit, "Edit")
    assert "review mode" in refused.args[0]
    assert not document.amend_last(edit, merge_id=7)
    with pytest.raises(ReadOnlyError):
        ChangeCommand(document, edit, "Edit").redo()
    assert document.case == before and document.undo_stack.count() == 0
    change, words = comment_edits.add_comment(
        document.case, Target("G1"), "Rita", CommentKind.QUESTION, "Why?"
    )
    assert document.push(change, words) and len(document.case.comments) == 1
    document.place({"G1": tree_layout(document.case)["G1"]})
    assert document.case.node("G1").position is not None


def test_the_review_panel_answers_qt_thread_with_its_qthread(window: MainWindow) -> None:
    """The comment thread widget does not hide QObject.thread(): the panel names its QThread."""
    app = QApplication.instance()
    assert app is not None
    assert window.review_panel.thread() is app.thread()
    assert window.review_panel.comment_thread.comment_id is None
