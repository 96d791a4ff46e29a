"""Adding a node finds free ground among the nodes near its row, which the canvas's index of
items names (and the nodes a fold hides), instead of measuring every node of the case."""

from __future__ import annotations

from typing import Any

import pytest
from generate import generate_case
from pytestqt.qtbot import QtBot

from gsn_studio.app import editing
from gsn_studio.app.main_window import MainWindow
from gsn_studio.layout import layout_case
from gsn_studio.model import LinkKind, NodeType, Position
from gsn_studio.model.changes import AddNode, Change, MoveNodes
from gsn_studio.notation.geometry import Geometry


def _spot(change: Change) -> Position | None:
    assert isinstance(change, AddNode)
    return change.node.position


@pytest.fixture
def laid_out(window: MainWindow, qtbot: QtBot) -> MainWindow:
    """The window showing a laid-out generated case of about 300 nodes."""
    case = generate_case(300)
    MoveNodes(layout_case(case)).apply(case)
    window.document.replace(case, None)
    qtbot.waitUntil(lambda: not window.document.findings_pending, timeout=5000)
    return window


def test_adding_a_node_measures_only_the_nodes_near_its_row(
    laid_out: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adding a free goal measures a few nodes, not the 300, and lands where a search over
    every node would put it."""
    window = laid_out
    case = window.document.case
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    wanted = Position(x=centre.x(), y=centre.y())
    everywhere, _ = editing.add_node(case, NodeType.GOAL, wanted)
    measured: list[str] = []
    measure = editing.geometry_of

    def counting(node: Any) -> Geometry:
        measured.append(node.id)
        return measure(node)

    monkeypatch.setattr(editing, "geometry_of", counting)
    window.selection.set([])
    window.edit_actions.add_element(NodeType.GOAL)
    added = case.node(window.selection.current or "")
    assert added.position == _spot(everywhere)
    assert 0 < len(measured) < len(case.nodes) // 4


def test_a_new_node_keeps_clear_of_nodes_a_fold_hides(laid_out: MainWindow) -> None:
    """A node hidden by a fold still holds its ground: a node added on its spot moves aside,
    so unfolding shows no overlap."""
    window = laid_out
    case = window.document.case
    parent = next(
        n.id for n in case.nodes if case.children(n.id, LinkKind.SUPPORTED_BY) and n.position
    )
    hidden_child = case.children(parent, LinkKind.SUPPORTED_BY)[0]
    window.scene.folding.set_folded([parent], True)
    assert hidden_child in window.scene.folding.hidden
    spot = case.node(hidden_child).position
    assert spot is not None
    near = window.scene.node_ids_near_row
    placed = _spot(editing.add_node(case, NodeType.GOAL, spot, near)[0])
    assert placed == _spot(editing.add_node(case, NodeType.GOAL, spot)[0])
    assert placed != spot
