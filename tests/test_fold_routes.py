"""Links are routed among the nodes that are shown: a node folded away is no obstacle, on the
canvas or in a figure."""

from __future__ import annotations

import re

from pytestqt.qtbot import QtBot

from gsn_studio.app.main_window import MainWindow
from gsn_studio.export.figure import ExportOptions, make_svg
from gsn_studio.model import Case, NodeType, Position
from gsn_studio.model.changes import MoveNodes


def blocked_case() -> Case:
    """G1 over G2 with G4 (under G3, which folds) standing on the straight line between them."""
    case = Case(name="Folds")
    for statement in ("Top", "Below", "Beside", "In the way"):
        case.add_node(NodeType.GOAL, statement)
    case.connect("G1", "G2")
    case.connect("G3", "G4")
    MoveNodes(
        {
            "G1": Position(x=0, y=0),
            "G2": Position(x=0, y=600),
            "G3": Position(x=500, y=0),
            "G4": Position(x=0, y=300),
        }
    ).apply(case)
    return case


def link_points(window: MainWindow, source: str, target: str) -> tuple[tuple[float, float], ...]:
    for link in window.scene.link_items():
        if (link.source.node_id, link.target.node_id) == (source, target):
            return link.path_points()
    raise AssertionError(f"no link {source} -> {target}")


def test_canvas_link_runs_straight_past_a_folded_away_node(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Folding G3 hides G4 and G1 -> G2 is re-routed straight through where G4 stood; undoing
    the fold bends it round G4 again."""
    window.document.replace(blocked_case(), None)
    assert len(link_points(window, "G1", "G2")) > 2  # G4 shown: the link bends round it
    assert window.scene.folding.set_folded(["G3"], True)
    assert not window.scene.item_for("G4").isVisible()
    assert len(link_points(window, "G1", "G2")) == 2
    window.document.undo_stack.undo()
    assert len(link_points(window, "G1", "G2")) > 2


def test_canvas_opens_a_folded_case_with_straight_links(qtbot: QtBot, window: MainWindow) -> None:
    """A case opened with G3 already folded draws G1 -> G2 straight, and moving G2 keeps it so."""
    case = blocked_case()
    case.update_node("G3", folded=True)
    window.document.replace(case, None)
    assert len(link_points(window, "G1", "G2")) == 2
    window.document.push(MoveNodes({"G2": Position(x=0, y=650)}), "Move G2")
    assert len(link_points(window, "G1", "G2")) == 2


def figure_points(svg: str, source: str, target: str) -> list[str]:
    found = re.search(rf'data-source="{source}" data-target="{target}" d="M([^"]*)"', svg)
    assert found is not None, f"no link {source} -> {target} in the figure"
    return found.group(1).split(" L")


def test_figure_link_runs_straight_past_a_folded_away_node() -> None:
    """In an exported figure, G1 -> G2 is straight while G4 is folded away, bent when unfolded."""
    case = blocked_case()
    case.update_node("G3", folded=True)
    folded = make_svg(case, ExportOptions(highlights=False))
    assert 'data-node="G4"' not in folded
    assert len(figure_points(folded, "G1", "G2")) == 2
    unfolded = make_svg(case, ExportOptions(highlights=False, unfold=True))
    assert len(figure_points(unfolded, "G1", "G2")) > 2


def test_canvas_link_runs_straight_past_a_node_outside_the_focus(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Focusing on G1's subtree hides G3 and G4, so G1 -> G2 runs straight; leaving the focus
    bends it round G4 again."""
    window.document.replace(blocked_case(), None)
    window.scene.folding.set_focus({"G1", "G2"})
    assert len(link_points(window, "G1", "G2")) == 2
    window.scene.folding.set_focus(None)
    assert len(link_points(window, "G1", "G2")) > 2
