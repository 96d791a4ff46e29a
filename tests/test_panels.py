"""The dock panels, driven through their real widgets: properties, outline, problems,
as-of date, search and legend."""

from __future__ import annotations

import datetime as dt
import importlib.util
import itertools
import time
from pathlib import Path

import pytest
import shiboken6
from factories import hazard_case
from PySide6.QtCore import QDate, QPoint, Qt, QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget

from gsn_studio.analysis import check_case
from gsn_studio.app.document import Document
from gsn_studio.app.panels import (
    AsOfControl,
    DashboardPanel,
    LegendPanel,
    OutlinePanel,
    ProblemsPanel,
    PropertiesPanel,
    SearchBox,
)
from gsn_studio.app.panels.outline_delegate import arrow_rect
from gsn_studio.app.panels.outline_model import BRANCH_ROLE, DEPTH_ROLE, NODE_ID_ROLE, OPEN
from gsn_studio.app.panels.outline_tree import UNCONNECTED, build_tree
from gsn_studio.app.selection import Selection
from gsn_studio.io import load_case
from gsn_studio.model import Case, Link, LinkKind, Node, NodeType
from gsn_studio.model.changes import (
    AddNode,
    Batch,
    Connect,
    Disconnect,
    RenameNode,
    UpdateNode,
)

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
BENCHMARKS = REPO / "benchmarks"
LEFT = Qt.MouseButton.LeftButton
NO_KEYS = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def document() -> Document:
    document = Document()
    document.replace(hazard_case(), Path("/cases/hazards.gsnx"))
    return document


@pytest.fixture
def selection() -> Selection:
    return Selection()


def shown(qtbot, widget: QWidget, width: int = 300, height: int = 600) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# -- properties --------------------------------------------------------------------------


@pytest.fixture
def properties(qtbot, document: Document, selection: Selection) -> PropertiesPanel:
    panel = PropertiesPanel(document, selection)
    shown(qtbot, panel)
    return panel


def test_typing_a_statement_is_one_undo_step_and_undo_restores_the_field(
    qtbot, document: Document, selection: Selection, properties: PropertiesPanel
) -> None:
    """Typing a phrase in the statement is one undo step; undo puts the field back."""
    selection.set(["G2"])
    editor = properties.node_form.statement
    before = editor.toPlainText()
    steps = document.undo_stack.count()
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " by the interlock")

    assert document.case.node("G2").statement == before + " by the interlock"
    assert document.undo_stack.count() == steps + 1
    assert document.undo_stack.undoText() == "Edit statement of G2"
    document.undo_stack.undo()
    assert document.case.node("G2").statement == before
    assert editor.toPlainText() == before


def test_two_separate_bouts_of_typing_are_two_undo_steps(
    qtbot, document: Document, selection: Selection, properties: PropertiesPanel
) -> None:
    """Leaving the statement and coming back starts a new undo step."""
    selection.set(["G2"])
    editor = properties.node_form.statement
    steps = document.undo_stack.count()
    editor.setFocus()
    qtbot.keyClicks(editor, "First ")
    properties.node_form.tags.setFocus()
    editor.setFocus()
    qtbot.keyClicks(editor, "then ")
    assert document.undo_stack.count() == steps + 2
    assert document.case.node("G2").statement.startswith("First then ")


def test_showing_a_node_never_edits_it_even_with_unusual_spaces(
    qtbot, document: Document, selection: Selection, properties: PropertiesPanel
) -> None:
    """Selecting a node pushes nothing, and typing keeps its non-breaking spaces."""
    document.case.update_node("G2", statement="Hazard\u00a0H1 is mitigated")
    steps = document.undo_stack.count()
    selection.set(["G2"])
    selection.set(["G3"])
    selection.set(["G2"])
    assert document.undo_stack.count() == steps
    editor = properties.node_form.statement
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, ".")
    assert document.case.node("G2").statement == "Hazard\u00a0H1 is mitigated."


def test_typing_keeps_the_cursor_where_the_user_types(
    qtbot, selection: Selection, properties: PropertiesPanel
) -> None:
    """A refresh caused by the user's own typing does not reset the text or move the cursor."""
    selection.set(["G2"])
    editor = properties.node_form.description
    editor.setFocus()
    qtbot.keyClicks(editor, "abc")
    qtbot.keyClick(editor, Qt.Key.Key_Left)
    qtbot.keyClicks(editor, "X")
    assert editor.toPlainText() == "abXc"
    assert editor.textCursor().position() == 3


def test_renaming_keeps_links_and_a_clash_is_refused_with_the_old_id_restored(
    qtbot, document: Document, selection: Selection, properties: PropertiesPanel
) -> None:
    """A new id renames the node with its links; an id already in use is refused and put back."""
    selection.set(["G1"])
    id_edit = properties.node_form.id_edit
    id_edit.setFocus()
    id_edit.selectAll()
    qtbot.keyClicks(id_edit, "G1a")
    qtbot.keyClick(id_edit, Qt.Key.Key_Return)

    assert "G1a" in document.case and "G1" not in document.case
    assert document.case.children("G1a") == ["C1", "S1"]
    assert document.undo_stack.undoText() == "Rename G1 to G1a"
    assert selection.ids == ["G1a"]

    id_edit.selectAll()
    qtbot.keyClicks(id_edit, "S1")
    with qtbot.waitSignal(document.refused) as refused:
        qtbot.keyClick(id_edit, Qt.Key.Key_Return)
    assert "already exists" in refused.args[0]
    assert id_edit.text() == "G1a"
    assert "G1a" in document.case


def test_an_unfinished_id_is_not_overwritten_by_another_edit_to_the_node(
    qtbot, document: Document, selection: Selection, properties: PropertiesPanel
) -> None:
    """Text typed in the id field survives a refresh caused by an edit made elsewhere."""
    selection.set(["G2"])
    id_edit = properties.node_form.id_edit
    id_edit.setFocus()
    id_edit.selectAll()
    qtbot.keyClicks(id_edit, "G2-h")
    document.push(UpdateNode("G2", {"statement": "Edited on the canvas"}), "Edit statement")
    assert id_edit.text() == "G2-h"
    assert properties.node_form.statement.toPlainText() == "Edited on the canvas"
    qtbot.keyClick(id_edit, Qt.Key.Key_Return)
    assert "G2-h" in document.case


def test_undeveloped_checkbox_only_for_goals_and_strategies_and_toggling_changes_the_model(
    qtbot, document: Document, selection: Selection, properties: PropertiesPanel
) -> None:
    """The undeveloped box shows for goals and strategies only; a click marks the model."""
    box = properties.node_form.undeveloped
    for node_id, expected in [("G3", True), ("S1", True), ("Sn1", False), ("C1", False)]:
        selection.set([node_id])
        assert box.isVisibleTo(properties) is expected, node_id
    assert properties.node_form.owner.isVisibleTo(properties) is False  # C1 has no owner

    selection.set(["G3"])
    on_the_box = QPoint(6, box.height() // 2)
    qtbot.mouseClick(box, LEFT, NO_KEYS, on_the_box)
    assert document.case.node("G3").undeveloped is True
    qtbot.mouseClick(box, LEFT, NO_KEYS, on_the_box)
    assert document.case.node("G3").undeveloped is False


def test_valid_until_is_set_changed_and_cleared_through_its_checkbox_and_date(
    qtbot, document: Document, selection: Selection, properties: PropertiesPanel
) -> None:
    """Checking "Set" offers a date, picking one sets valid-until, unchecking clears it."""
    selection.set(["Sn2"])
    valid_until = properties.node_form.evidence.valid_until
    assert document.case.node("Sn2").evidence.valid_until is None
    assert not valid_until.date_edit.isEnabled()

    qtbot.mouseClick(valid_until.check, LEFT)
    assert document.case.node("Sn2").evidence.valid_until is None
    valid_until.date_edit.setDate(QDate(2031, 5, 4))
    evidence = document.case.node("Sn2").evidence
    assert evidence.valid_until == dt.date(2031, 5, 4)
    assert evidence.reference == "https://example.org/h2"
    assert evidence.date == dt.date(2025, 3, 1)

    qtbot.mouseClick(valid_until.check, LEFT)
    assert document.case.node("Sn2").evidence.valid_until is None
    assert valid_until.date_edit.text() == "Not set"
    document.undo_stack.undo()
    assert document.case.node("Sn2").evidence.valid_until == dt.date(2031, 5, 4)
    assert valid_until.check.isChecked()


def test_evidence_open_resolves_a_relative_path_against_the_case_folder(
    qtbot, tmp_path: Path, monkeypatch, document: Document, properties: PropertiesPanel
) -> None:
    """Open hands the desktop a file next to the case, and explains when there is none."""
    selection = properties.selection
    opened: list[QUrl] = []
    monkeypatch.setattr(
        "gsn_studio.app.panels.evidence_form.QDesktopServices.openUrl",
        lambda url: opened.append(url) or True,
    )
    selection.set(["Sn1"])
    form = properties.node_form.evidence
    qtbot.mouseClick(form.open_button, LEFT)
    assert opened == [] and "There is no file" in form.open_problem.text()

    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "h1.pdf").write_bytes(b"%PDF")
    document.path = tmp_path / "hazards.gsnx"
    qtbot.mouseClick(form.open_button, LEFT)
    assert [url.toLocalFile() for url in opened] == [str(tmp_path / "evidence" / "h1.pdf")]
    assert form.open_problem.isHidden()


def test_only_web_addresses_and_files_are_handed_to_the_desktop() -> None:
    """A reference with another URL scheme is not opened: a case file must not launch handlers."""
    from gsn_studio.app.panels.evidence_form import resolve_reference

    url, problem = resolve_reference("https://example.org/h2", None)
    assert url is not None and url.toString() == "https://example.org/h2" and not problem
    url, problem = resolve_reference("ms-msdt:/id PCWDiagnostic", Path("/cases/a.gsnx"))
    assert url is None and "not ms-msdt" in problem
    url, problem = resolve_reference("evidence/h1.pdf", None)
    assert url is None and "Save the case first" in problem


def test_the_node_findings_explain_its_marks(
    document: Document, selection: Selection, properties: PropertiesPanel
) -> None:
    """The properties panel lists the findings about the selected node, with their messages."""
    link = Link(source="G3", target="Sn2", kind=LinkKind.SUPPORTED_BY)
    document.push(Disconnect(link), "Disconnect G3 from Sn2")
    document.refresh_findings()
    selection.set(["G3"])
    messages = properties.node_form.findings.messages()
    assert any("no supporting argument" in message for message in messages)


def test_case_fields_without_a_selection_and_a_count_for_several(
    qtbot, document: Document, selection: Selection, properties: PropertiesPanel
) -> None:
    """With nothing selected the case's name is edited; with several, the panel says how many."""
    name = properties.case_form.name
    assert properties.pages.currentWidget() is properties.case_form
    assert name.text() == "Hazards"
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, "Ward hazards")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert document.case.name == "Ward hazards"
    assert document.undo_stack.undoText() == "Rename case"

    selection.set(["G1", "G2", "S1"])
    assert properties.pages.currentWidget() is properties.several
    assert properties.several.text() == "3 nodes selected"


# -- outline -----------------------------------------------------------------------------


@pytest.fixture
def outline(qtbot, document: Document, selection: Selection) -> OutlinePanel:
    panel = OutlinePanel(document, selection)
    shown(qtbot, panel)
    return panel


def row_texts(panel: OutlinePanel) -> list[tuple[int, str]]:
    """(depth, text) of every row, top to bottom."""
    rows = []
    for row in panel.model.tree.rows:
        depth, parent = 0, panel.model.tree.parent_of(row)
        while parent is not None:
            depth, parent = depth + 1, panel.model.tree.parent_of(parent)
        rows.append((depth, panel.model.data(panel.model.index_of(row))))
    return rows


def test_the_outline_shows_the_argument_as_a_tree_under_its_top_goal(
    outline: OutlinePanel,
) -> None:
    """G1 is the root; support comes in sibling order before context, context in italics."""
    assert row_texts(outline) == [
        (0, "G1  The system is acceptably safe"),
        (1, "S1  Argue over each identified hazard"),
        (2, "G2  Hazard H1 is mitigated"),
        (3, "Sn1  H1 test report"),
        (3, "A1  Staff are trained"),
        (2, "G3  Hazard H2 is mitigated"),
        (3, "Sn2  H2 analysis"),
        (2, "J1  Hazard list reviewed by the board"),
        (1, "C1  Operating context: ward use only"),
    ]
    a1 = outline.model.index_of(outline.model.tree.by_id["A1"][0])
    assert a1.data(Qt.ItemDataRole.FontRole).italic()
    g2 = outline.model.index_of(outline.model.tree.by_id["G2"][0])
    assert g2.data(BRANCH_ROLE) == OPEN and not outline.is_folded("G2")


def test_unconnected_nodes_are_listed_last_and_shared_nodes_under_each_parent(
    qtbot, outline: OutlinePanel, document: Document
) -> None:
    """A node no root reaches sits under "Not connected"; shared evidence shows twice."""
    link = Link(source="G3", target="Sn1", kind=LinkKind.SUPPORTED_BY)
    loose = Node(id="G9", type=NodeType.GOAL, statement="Loose")
    strategy = Node(id="S9", type=NodeType.STRATEGY, statement="Orphan strategy")
    document.push(Batch((AddNode(loose), AddNode(strategy), Connect(link))), "Add")
    qtbot.waitUntil(lambda: "G9" in outline.model.tree.by_id)

    assert len(outline.model.tree.by_id["Sn1"]) == 2
    texts = row_texts(outline)
    assert texts[-2:] == [(0, f"{UNCONNECTED} (1)"), (1, "S9  Orphan strategy")]
    assert (0, "G9  Loose") in texts


def test_a_circular_argument_is_shown_without_expanding_forever() -> None:
    """A node met again on its own path is listed with a note and not expanded."""
    case = Case(
        nodes=[
            Node(id="G1", type=NodeType.GOAL, statement="Top"),
            Node(id="G2", type=NodeType.GOAL, statement="Middle"),
            Node(id="G3", type=NodeType.GOAL, statement="Bottom"),
        ],
        links=[
            Link(source="G1", target="G2", kind=LinkKind.SUPPORTED_BY),
            Link(source="G2", target="G3", kind=LinkKind.SUPPORTED_BY),
            Link(source="G3", target="G2", kind=LinkKind.SUPPORTED_BY),
        ],
    )
    tree = build_tree(case)
    assert [(r.node_id, r.note) for r in tree.rows] == [
        ("G1", ""),
        ("G2", ""),
        ("G3", ""),
        ("G2", "circular: already above"),
    ]


def listed(panel: OutlinePanel) -> list[str | None]:
    """The node id of every row the outline's view shows, top to bottom."""
    model = panel.model
    return [model.index(number, 0).data(NODE_ID_ROLE) for number in range(model.rowCount())]


def click_arrow(qtbot, panel: OutlinePanel, node_id: str) -> None:
    """Click the fold arrow drawn before a node's row."""
    model, view = panel.model, panel.view
    index = model.index_of(model.tree.by_id[node_id][0])
    rect = arrow_rect(view.visualRect(index), index.data(DEPTH_ROLE), view.indentation())
    qtbot.mouseClick(view.viewport(), LEFT, NO_KEYS, rect.center())


def test_the_arrow_and_the_left_and_right_keys_fold_and_open_a_row(
    qtbot, outline: OutlinePanel, selection: Selection
) -> None:
    """A click on a row's arrow folds it (its rows leave the view) and opens it again, selecting
    nothing; Left folds the current row, then goes to its parent; Right opens, then goes down."""
    everything = listed(outline)
    click_arrow(qtbot, outline, "G2")
    assert outline.is_folded("G2") and "Sn1" not in listed(outline) and "A1" not in listed(outline)
    assert listed(outline) == [n for n in everything if n not in ("Sn1", "A1")]
    assert selection.ids == []
    click_arrow(qtbot, outline, "G2")
    assert listed(outline) == everything and not outline.is_folded("G2")

    outline.view.setFocus()
    outline.view.setCurrentIndex(outline.model.index_of(outline.model.tree.by_id["G3"][0]))
    qtbot.keyClick(outline.view, Qt.Key.Key_Left)
    assert outline.is_folded("G3") and "Sn2" not in listed(outline)
    qtbot.keyClick(outline.view, Qt.Key.Key_Left)
    assert selection.ids == ["S1"]
    for _ in range(4):  # G2, its Sn1 and A1, then G3
        qtbot.keyClick(outline.view, Qt.Key.Key_Down)
    assert selection.ids == ["G3"]
    qtbot.keyClick(outline.view, Qt.Key.Key_Right)
    assert not outline.is_folded("G3") and listed(outline) == everything
    qtbot.keyClick(outline.view, Qt.Key.Key_Right)
    assert selection.ids == ["Sn2"]


def test_selecting_a_node_hidden_in_a_folded_row_opens_the_rows_above_it(
    qtbot, outline: OutlinePanel, selection: Selection
) -> None:
    """A node selected elsewhere (on the canvas) whose row a fold hides is shown: the folds
    above it open, as a tree view's scrolling to a row does."""
    click_arrow(qtbot, outline, "G2")
    click_arrow(qtbot, outline, "S1")
    assert "Sn1" not in listed(outline)
    selection.set(["Sn1"], source=None)
    assert not outline.is_folded("G2") and not outline.is_folded("S1")
    selected = outline.view.selectionModel().selectedRows()
    assert [index.data(NODE_ID_ROLE) for index in selected] == ["Sn1"]


def test_selection_follows_clicks_in_the_outline_and_the_outline_follows_the_selection(
    qtbot, outline: OutlinePanel, selection: Selection
) -> None:
    """Clicking a row selects its node; a selection made elsewhere selects its rows."""
    row = outline.model.tree.by_id["S1"][0]
    rect = outline.view.visualRect(outline.model.index_of(row))
    qtbot.mouseClick(outline.view.viewport(), LEFT, NO_KEYS, rect.center())
    assert selection.ids == ["S1"]

    selection.set(["Sn2"], source=None)
    selected = outline.view.selectionModel().selectedRows()
    assert [index.data(Qt.ItemDataRole.UserRole) for index in selected] == ["Sn2"]
    assert outline.view.currentIndex() == selected[0]


def test_double_click_and_enter_activate_a_node(qtbot, outline: OutlinePanel) -> None:
    """Double-clicking a row or pressing Enter on it asks to show that node."""
    index = outline.model.index_of(outline.model.tree.by_id["G3"][0])
    rect = outline.view.visualRect(index)
    with qtbot.waitSignal(outline.activated) as activated:
        # A real double-click starts with a click: QTest's double-click alone does not.
        qtbot.mouseClick(outline.view.viewport(), LEFT, NO_KEYS, rect.center())
        qtbot.mouseDClick(outline.view.viewport(), LEFT, NO_KEYS, rect.center())
    assert activated.args == ["G3"]

    outline.view.setCurrentIndex(outline.model.index_of(outline.model.tree.by_id["C1"][0]))
    with qtbot.waitSignal(outline.activated) as activated:
        qtbot.keyClick(outline.view, Qt.Key.Key_Return)
    assert activated.args == ["C1"]


def test_folded_rows_and_the_selection_survive_a_rebuild(
    qtbot, outline: OutlinePanel, document: Document, selection: Selection
) -> None:
    """After an edit rebuilds the tree, rows the user folded stay folded and the selection stays."""
    click_arrow(qtbot, outline, "G2")
    selection.set(["Sn2"])
    document.push(RenameNode("G3", "G3a"), "Rename G3 to G3a")
    qtbot.waitUntil(lambda: "G3a" in outline.model.tree.by_id)

    assert outline.is_folded("G2") and listed(outline)[2:4] == ["G2", "G3a"]
    selected = outline.view.selectionModel().selectedRows()
    assert [index.data(Qt.ItemDataRole.UserRole) for index in selected] == ["Sn2"]


def test_a_status_is_marked_by_a_word_not_colour_alone(
    outline: OutlinePanel, document: Document
) -> None:
    """An expired solution's row carries the status for the badge and names it for readers."""
    document.set_as_of(dt.date(2027, 6, 1))
    index = outline.model.index_of(outline.model.tree.by_id["Sn1"][0])
    assert index.data(Qt.ItemDataRole.UserRole + 1) == "expired"
    label = "Expired: evidence past its valid-until or review date"
    assert label in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.AccessibleTextRole).endswith(label)


@pytest.mark.slow  # 10,000 nodes
def test_outline_rebuild_of_10000_nodes_is_measured(qtbot, selection: Selection) -> None:
    """Rebuilding the outline of a generated 10,000-node case is timed and printed."""
    generate_case = _benchmark_generator()
    document = Document()
    case = generate_case(10_000)
    started = time.perf_counter()
    document.replace(case, None)
    load_ms = (time.perf_counter() - started) * 1000
    panel = OutlinePanel(document, selection)
    shown(qtbot, panel, height=700)
    timings = []
    for _ in range(3):
        panel.rebuild()
        timings.append(panel.last_rebuild_ms)
    selection.set(["G500"])
    rebuilds = ", ".join(f"{t:.0f}" for t in timings)
    print(
        f"\noutline of {len(case.nodes)} nodes, {len(panel.model.tree.rows)} rows: rebuild "
        f"{rebuilds} ms (document load with findings {load_ms:.0f} ms)"
    )
    assert len(panel.model.tree.rows) >= len(case.nodes)


def _benchmark_generator():
    """benchmarks/generate.py's generate_case; benchmarks/ is a folder of scripts, not a package."""
    spec = importlib.util.spec_from_file_location("generate", BENCHMARKS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate_case


# -- problems ----------------------------------------------------------------------------


def test_the_problems_panel_lists_exactly_the_check_findings_and_a_click_shows_the_node(
    qtbot, document: Document
) -> None:
    """The rows are check_case's findings, in order; clicking one asks to show its node."""
    document.set_as_of(dt.date(2027, 6, 1))
    panel = ProblemsPanel(document)
    shown(qtbot, panel, width=500)
    assert panel.model.shown == check_case(document.case, dt.date(2027, 6, 1))
    assert panel.model.shown, "the hazard case has expired evidence by then"
    assert panel.summary.text() == "1 error, 0 warnings as of 2027-06-01"

    index = panel.model.index(0, 1)
    rect = panel.view.visualRect(index)
    with qtbot.waitSignal(panel.activated) as activated:
        qtbot.mouseClick(panel.view.viewport(), LEFT, NO_KEYS, rect.center())
    assert activated.args == ["Sn1"]
    assert "expired" in panel.details.text()


def test_the_problems_filter_narrows_the_rows_by_text_and_severity(
    qtbot, document: Document
) -> None:
    """Typing in the filter or choosing a severity shows only matching findings."""
    document.case.update_node("G3", undeveloped=True)
    document.case.remove_node("Sn2")
    document.set_as_of(dt.date(2027, 6, 1))
    panel = ProblemsPanel(document)
    shown(qtbot, panel)
    assert {f.code for f in panel.model.shown} == {"undeveloped-goal", "expired-evidence"}

    qtbot.keyClicks(panel.filter_edit, "g3")
    assert [f.node for f in panel.model.shown] == ["G3"]
    assert panel.summary.text().endswith("(showing 1)")
    panel.filter_edit.clear()
    panel.severity.setCurrentIndex(1)  # errors
    assert [f.code for f in panel.model.shown] == ["expired-evidence"]


# -- as of -------------------------------------------------------------------------------


def test_the_as_of_date_changes_which_evidence_has_expired(qtbot, document: Document) -> None:
    """A day after valid-until makes evidence expire in the findings; Today goes back."""
    control = AsOfControl(document)
    shown(qtbot, control, height=40)
    assert control.date_edit.date().toPython() == dt.date.today()
    assert not control.today_button.isEnabled()

    control.date_edit.setDate(QDate(2027, 1, 11))
    assert document.as_of == dt.date(2027, 1, 11)
    expired = [f.node for f in document.findings if f.code == "expired-evidence"]
    assert expired == ["Sn1"]

    qtbot.mouseClick(control.today_button, LEFT)
    assert document.as_of == dt.date.today()
    assert control.date_edit.date().toPython() == dt.date.today()
    assert not [f for f in document.findings if f.code == "expired-evidence"]


# -- search ------------------------------------------------------------------------------


def test_search_finds_by_id_and_by_text_and_wraps_around(
    qtbot, document: Document, selection: Selection
) -> None:
    """Enter selects an exact id first, then the next node whose text matches, wrapping."""
    box = SearchBox(document, selection)
    shown(qtbot, box, height=30)
    qtbot.keyClicks(box, "sn2")
    with qtbot.waitSignal(box.activated) as activated:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert activated.args == ["Sn2"] and selection.ids == ["Sn2"]

    box.clear()
    qtbot.keyClicks(box, "HAZARD")
    found = []
    for _ in range(5):
        qtbot.keyClick(box, Qt.Key.Key_Return)
        found.append(selection.current)
    # Nothing after Sn2 mentions hazards, so it wraps: S1, J1, G2, G3 in node order, then S1.
    assert found == ["S1", "J1", "G2", "G3", "S1"]


def test_search_without_a_match_tints_the_field_and_says_so(
    qtbot, document: Document, selection: Selection
) -> None:
    """No match: the field turns red and not_found carries the text; typing clears the tint."""
    box = SearchBox(document, selection)
    shown(qtbot, box, height=30)
    qtbot.keyClicks(box, "unicorn")
    with qtbot.waitSignal(box.not_found) as not_found:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert not_found.args == ["unicorn"]
    assert box.is_tinted()
    assert selection.ids == []
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    assert not box.is_tinted()


# -- what the user sees --------------------------------------------------------------------


def test_each_panel_renders_the_loan_approval_sample(qtbot, selection: Selection) -> None:
    """Every panel paints a real case at dock width, nothing cut off and Sn1's findings shown
    (docs/panels_screenshot.py saves the same pictures for a look)."""
    document = Document()
    path = SAMPLES / "loan-approval.gsnx"
    document.replace(load_case(path), path)
    properties = PropertiesPanel(document, selection)
    panels: dict[str, tuple[QWidget, int]] = {
        "properties": (properties, 560),
        "outline": (OutlinePanel(document, selection), 700),
        "problems": (ProblemsPanel(document), 320),
        "as-of": (AsOfControl(document), 40),
        "search": (SearchBox(document, selection), 30),
        "legend": (LegendPanel(), 560),
    }
    for widget, height in panels.values():
        shown(qtbot, widget, height=height)
    selection.set(["Sn1"])
    qtbot.wait(50)  # let the layouts settle, as the event loop does for a user
    for name, (widget, _height) in panels.items():
        assert not widget.grab().toImage().isNull(), name
    assert properties.node_form.findings.messages()  # Sn1's evidence has expired
    assert properties.pages.width() <= properties.width(), "nothing is cut off at 300 px"


def test_closed_panels_stop_listening_to_the_document_and_selection(
    qtbot, document: Document, selection: Selection
) -> None:
    """After the panels are deleted, edits and selection changes reach no dead widget."""
    panels = [
        PropertiesPanel(document, selection),
        OutlinePanel(document, selection),
        ProblemsPanel(document),
        AsOfControl(document),
        SearchBox(document, selection),
        DashboardPanel(document),
    ]
    for panel in panels:
        panel.deleteLater()
    qtbot.wait(10)
    assert not any(shiboken6.isValid(panel) for panel in panels)
    selection.set(["G2"])
    document.push(UpdateNode("G2", {"statement": "Still fine"}), "Edit statement of G2")
    document.set_as_of(dt.date(2027, 6, 1))
    document.replace(hazard_case(), None)
    assert document.case.node("G2").statement == "Hazard H1 is mitigated"


def test_selecting_a_deep_node_scrolls_the_outline_sideways_to_its_text(
    qtbot, selection: Selection
) -> None:
    """A node selected elsewhere that sits 80 levels deep shows its row's text, highlighted,
    not a blank stretch of indentation: the outline scrolls sideways to it, and back."""
    ids = [f"G{number}" for number in range(1, 81)]
    case = Case(
        nodes=[Node(id=i, type=NodeType.GOAL, statement=f"Claim {i}") for i in ids],
        links=[
            Link(source=a, target=b, kind=LinkKind.SUPPORTED_BY) for a, b in itertools.pairwise(ids)
        ],
    )
    document = Document()
    document.replace(case, None)
    panel = OutlinePanel(document, selection)
    panel.resize(300, 400)
    shown(qtbot, panel)
    view, bar = panel.view, panel.view.horizontalScrollBar()
    selection.set(["G80"], source=None)
    start = (panel.model.depth(panel.model.tree.by_id["G80"][0]) + 1) * view.indentation()
    assert 0 <= start - bar.value() < view.viewport().width() // 2
    selection.set(["G1"], source=None)
    assert bar.value() == 0


def test_the_problems_summary_after_an_edit_reads_the_findings_not_every_node(
    qtbot, document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summary line after each edit counts errors and warnings from the findings alone:
    no walk over the case's nodes (milliseconds at 10,000 nodes), the same words as before."""
    document.set_as_of(dt.date(2027, 6, 1))
    panel = ProblemsPanel(document)
    shown(qtbot, panel, width=500)
    walked: list[int] = []
    original = Case.of_type
    monkeypatch.setattr(
        Case, "of_type", lambda self, node_type: walked.append(1) or original(self, node_type)
    )
    document.push(UpdateNode("G2", {"statement": "Hazard H1 is handled"}), "Edit")
    document.refresh_findings()
    assert panel.summary.text() == "1 error, 0 warnings as of 2027-06-01"
    assert walked == []
