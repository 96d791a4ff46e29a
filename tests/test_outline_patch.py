"""The outline patches the rows an add, a delete or an undo touches instead of rebuilding,
and a patched tree always equals a fresh build."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from factories import hazard_case
from generate import generate_case
from PySide6.QtCore import QModelIndex, Qt

from gsn_studio.app.document import Document
from gsn_studio.app.editing import add_child, add_node, delete, edit_statement
from gsn_studio.app.panels import OutlinePanel
from gsn_studio.app.panels.outline_model import (
    BRANCH_ROLE,
    DEPTH_ROLE,
    NODE_ID_ROLE,
    STATUS_ROLE,
    OutlineModel,
)
from gsn_studio.app.panels.outline_patch import plan_insert
from gsn_studio.app.panels.outline_tree import Key
from gsn_studio.app.selection import Selection
from gsn_studio.model import (
    Case,
    Link,
    LinkKind,
    ModelError,
    Node,
    NodeType,
    Position,
    kind_for,
    link_violation,
)
from gsn_studio.model.changes import Connect

Shape = list[tuple[object, ...]]


def shape(model: OutlineModel) -> Shape:
    """Every row the view shows, top to bottom, through the Qt model's own interface: depth,
    fold arrow, id, text, badge and italics (the model is flat: no row has rows under it)."""
    rows: Shape = []
    for number in range(model.rowCount()):
        index = model.index(number, 0)
        assert model.parent(index) == QModelIndex() and not model.hasChildren(index)
        font = index.data(Qt.ItemDataRole.FontRole)
        rows.append(
            (
                index.data(DEPTH_ROLE),
                index.data(BRANCH_ROLE),
                index.data(NODE_ID_ROLE),
                index.data(Qt.ItemDataRole.DisplayRole),
                index.data(STATUS_ROLE),
                bool(font and font.italic()),
            )
        )
    return rows


def fresh_shape(document: Document, folded: set[Key] | None = None) -> Shape:
    """What a freshly built outline shows, with these rows folded (none: every row open)."""
    model = OutlineModel(document)
    model.collapsed = set(folded or ())
    model.rebuild()
    return shape(model)


@pytest.fixture
def outline(qtbot) -> OutlinePanel:
    document = Document()
    document.replace(hazard_case(), Path("/cases/hazards.gsnx"))
    panel = OutlinePanel(document, Selection())
    qtbot.addWidget(panel)
    panel.resize(300, 600)
    panel.show()
    return panel


def random_edit(rng: random.Random, document: Document) -> None:
    case = document.case
    ids = [node.id for node in case.nodes]
    step = rng.choice(["add", "child", "child", "delete", "connect", "edit", "undo", "redo"])
    node_type = rng.choice(list(NodeType))
    if step == "add":
        document.push(add_node(case, node_type, Position(x=0, y=0))[0], "Add")
    elif step == "child" and ids:
        try:
            change, _ = add_child(case, rng.choice(ids), node_type)
        except ModelError:
            return
        document.push(change, "Add child")
    elif step == "delete" and ids:
        document.push(delete(case, [rng.choice(ids)]), "Delete")
    elif step == "connect" and len(ids) > 1:
        source, target = case.node(rng.choice(ids)), case.node(rng.choice(ids))
        kind = kind_for(source.type, target.type)
        if kind is None or link_violation(kind, source.id, source.type, target.id, target.type):
            return
        if any(link.source == source.id and link.target == target.id for link in case.links):
            return
        document.push(Connect(Link(source=source.id, target=target.id, kind=kind)), "Connect")
    elif step == "edit" and ids:
        document.push(edit_statement(case, rng.choice(ids), f"text {rng.random():.3f}"), "Edit")
    elif step == "undo" and document.can_undo():
        document.undo_stack.undo()
    elif step == "redo" and document.can_redo():
        document.undo_stack.redo()


@pytest.mark.parametrize("seed", range(6))
def test_after_random_edits_the_patched_outline_equals_a_fresh_rebuild(
    outline: OutlinePanel, seed: int
) -> None:
    """Adds, deletes, links, text edits, undos and redos leave the outline's rows, nesting,
    texts and status badges exactly as a full rebuild of the same case would show them."""
    rng = random.Random(seed)
    document = outline.document
    for _ in range(60):
        random_edit(rng, document)
        if outline._timer.isActive():  # a rebuild waiting: run it as its timer would
            outline.rebuild()
        if rng.random() < 0.3:  # and fold or open a row, as the user may in between
            live = [row for rows in outline.model.tree.by_id.values() for row in rows]
            row = rng.choice(live) if live else None
            if row is not None and row.children:
                outline.set_folded(row, not outline.model.is_folded(row))
        document.refresh_findings()
        folded = outline.model.collapsed
        assert shape(outline.model) == fresh_shape(document, folded)
        model = outline.model
        assert [model.position(row) for row in model.shown] == list(range(len(model.shown)))
        assert all(model.position(row) is None for row in model.tree.rows if row not in model.shown)
    assert outline.patches > 0


def test_adding_undoing_and_redoing_a_child_on_a_large_case_patches_without_a_rebuild(
    qtbot,
) -> None:
    """Adding a node under a goal of a 2,000-node case, deleting it, and undoing and redoing
    each only insert or remove its row: the tree is never rebuilt whole."""
    document = Document()
    document.replace(generate_case(2000), Path("/cases/big.gsnx"))
    outline = OutlinePanel(document, Selection())
    qtbot.addWidget(outline)
    rebuilds = outline.rebuilds
    parent = next(n.id for n in document.case.nodes if n.type is NodeType.GOAL and n.id != "G1")

    change, new_id = add_child(document.case, parent, NodeType.SOLUTION)
    document.push(change, "Add child")
    [row] = outline.model.tree.by_id[new_id]
    assert outline.model.tree.parent_of(row) is outline.model.tree.by_id[parent][0]
    document.undo_stack.undo()
    assert new_id not in outline.model.tree.by_id
    document.undo_stack.redo()
    document.push(delete(document.case, [new_id]), "Delete")
    document.undo_stack.undo()

    assert not outline._timer.isActive()
    assert outline.rebuilds == rebuilds
    assert outline.patches == 5
    assert shape(outline.model) == fresh_shape(document)


def test_the_outline_model_answers_qobject_parent_without_an_index(outline: OutlinePanel) -> None:
    """model.parent() is QObject's parent, as Qt's overload has it; parent(index) a row's."""
    model = outline.model
    model.setParent(outline)
    assert model.parent() is outline
    assert model.parent(model.index(1, 0)) == QModelIndex()


def test_deleting_a_node_with_children_and_undoing_it_patches_the_rows(
    outline: OutlinePanel,
) -> None:
    """Deleting any node that has children moves the children nothing else leads to up to
    the top (goals as roots, the rest among the unconnected), and undo and redo put them
    back, by patching rows, never by a rebuild, each time equal to a fresh build."""
    document = outline.document
    parents = [n.id for n in document.case.nodes if document.case.children(n.id)]
    assert len(parents) > 3
    rebuilds = outline.rebuilds
    for parent in parents:
        document.push(delete(document.case, [parent]), f"Delete {parent}")
        for step in (document.undo_stack.undo, document.undo_stack.redo, None):
            assert not outline._timer.isActive()
            document.refresh_findings()
            assert shape(outline.model) == fresh_shape(document)
            if step:
                step()
        document.undo_stack.undo()
        assert shape(outline.model) == fresh_shape(document)
    assert outline.rebuilds == rebuilds


def test_a_patch_knows_whether_a_row_was_cut_short_without_reading_every_row(
    outline: OutlinePanel,
) -> None:
    """The tree counts the rows a cycle cut short as it is built, and a patch asks that count
    (reading every row's note cost milliseconds per edit at 10,000 rows): with such a row an
    edit rebuilds, and the outline still equals a fresh build."""
    document = outline.document
    assert outline.model.tree.noted == 0
    cycle = Case(
        nodes=[Node(id=i, type=NodeType.GOAL, statement=i) for i in ("G1", "G2", "G3")],
        links=[
            Link(source="G1", target="G2", kind=LinkKind.SUPPORTED_BY),
            Link(source="G2", target="G3", kind=LinkKind.SUPPORTED_BY),
            Link(source="G3", target="G2", kind=LinkKind.SUPPORTED_BY),
        ],
    )
    document.replace(cycle, None)  # as read from a file: the editor makes no cycle itself
    assert outline.model.tree.noted == 1
    rebuilds = outline.rebuilds
    change, _ = add_child(document.case, "G1", NodeType.SOLUTION)
    document.push(change, "Add child")
    assert outline._timer.isActive()  # not patched: a rebuild follows
    outline.rebuild()
    assert outline.rebuilds == rebuilds + 1 and shape(outline.model) == fresh_shape(document)


def test_a_patch_numbers_no_row_afresh(outline: OutlinePanel, monkeypatch) -> None:
    """Deleting a node and undoing it note how the rows after it moved, rather than numbering
    every shown row again (milliseconds at 10,000 rows); each row's place stays right."""
    document, model = outline.document, outline.model
    numbered: list[int] = []
    original = OutlineModel._note_positions
    monkeypatch.setattr(
        OutlineModel, "_note_positions", lambda self: numbered.append(1) or original(self)
    )
    for node_id in ("Sn1", "G3", "S1"):
        document.push(delete(document.case, [node_id]), f"Delete {node_id}")
        document.undo_stack.undo()
    assert numbered == [] and outline.patches == 6
    assert [model.position(row) for row in model.shown] == list(range(len(model.shown)))


def test_placing_a_new_nodes_row_does_not_go_through_every_node(qtbot) -> None:
    """Finding where an added node's row goes checks its id is not used twice from the
    case's index, without listing the ids of all nodes (milliseconds at 10,000)."""
    document = Document()
    document.replace(generate_case(2000), Path("/cases/big.gsnx"))
    outline = OutlinePanel(document, Selection())
    qtbot.addWidget(outline)
    case = document.case
    parent = next(n.id for n in case.nodes if n.type is NodeType.GOAL and n.id != "G1")
    change, new_id = add_child(case, parent, NodeType.SOLUTION)
    change.apply(case)  # the model only: the outline has not seen the add
    walks: list[int] = []

    class CountingNodes(list):
        def __iter__(self):
            walks.append(1)
            return super().__iter__()

    case.__dict__["nodes"] = CountingNodes(case.nodes)
    slots = plan_insert(outline.model.tree, case, new_id)
    assert slots and walks == []
