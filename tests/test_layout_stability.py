"""Laying out again keeps the drawing: after one more leaf, few other nodes move (no more than
Graphviz dot moves on the same case), ranks stay where nothing needs them lower, and a hole
pulled open by hand still closes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS, SAMPLES
from generate import generate_case

from gsn_studio.io import load_case
from gsn_studio.layout import layout_case
from gsn_studio.layout.partial import moved_count
from gsn_studio.layout.tree import NODE_GAP
from gsn_studio.model import Case, LinkKind, NodeType, Position
from gsn_studio.notation.geometry import geometry_of


def laid_out(case: Case, engine: str = "tree") -> Case:
    for node_id, position in layout_case(case, engine=engine).items():
        case.node(node_id).position = position
    return case


def one_more_leaf(case: Case) -> Case:
    """The case with one more solution under the goal in the middle of the node list (as the
    layout benchmark adds it), placed nowhere yet."""
    goals = [node.id for node in case.nodes if node.type is NodeType.GOAL]
    leaf = case.add_node(NodeType.SOLUTION, "One more piece of evidence", node_id="Sn-added")
    case.connect(goals[len(goals) // 2], leaf.id, LinkKind.SUPPORTED_BY)
    return case


def moved_by_one_more_leaf(case: Case, engine: str) -> int:
    laid_out(case, engine)
    before = {node.id: node.position for node in case.nodes if node.position is not None}
    return moved_count(layout_case(one_more_leaf(case), engine=engine), before)


def files_with_goals() -> list[Path]:
    found = sorted(SAMPLES.glob("*.gsnx"))
    if CORPUS.is_dir():
        for path in sorted((CORPUS / "gsn2x").rglob("*.yaml")):
            try:
                case = load_case(path)
            except Exception:
                continue
            if len(case.nodes) >= 6 and any(n.type is NodeType.GOAL for n in case.nodes):
                found.append(path)
    return found


FILES = files_with_goals()


def test_one_more_leaf_moves_fewer_nodes_than_dot_moves_over_all_files() -> None:
    """Laid out again after one more leaf, the samples and corpus cases together move fewer
    nodes than dot's layouts of them do, and none more than three nodes more than dot (dot
    keeps no memory: on some tiny case it happens to have room where we recentre)."""
    ours = {path.name: moved_by_one_more_leaf(load_case(path), "tree") for path in FILES}
    dots = {path.name: moved_by_one_more_leaf(load_case(path), "dot") for path in FILES}
    assert sum(ours.values()) < sum(dots.values()), (ours, dots)
    assert all(ours[name] <= dots[name] + 3 for name in ours), (ours, dots)


def test_one_more_leaf_moves_fewer_nodes_than_dot_on_the_corpus_example() -> None:
    """On gsn2x's example, where a new leaf once pushed sibling subtrees and every lower rank
    (13 nodes moved, dot 9), only the subtree that must make room moves."""
    path = CORPUS / "gsn2x" / "examples" / "example.gsn.yaml"
    if not path.exists():
        pytest.skip("no shared corpus")
    assert moved_by_one_more_leaf(load_case(path), "tree") <= 7


def test_a_tall_new_leaf_leaves_the_ranks_below_where_they_stood() -> None:
    """A new leaf taller than its rank's other nodes, with nothing under it, does not push
    the lower ranks down."""
    case = laid_out(load_case(SAMPLES / "loan-approval.gsnx"))
    before = {node.id: node.position for node in case.nodes if node.position is not None}
    tall = case.add_node(NodeType.SOLUTION, "A long report title " * 12, node_id="Sn-tall")
    case.connect("G7", tall.id)  # G7's solution Sn2 sits one rank above the deepest
    after = layout_case(case)
    lowest = max(before.values(), key=lambda p: p.y).y
    deepest = [i for i, p in before.items() if p.y == lowest]
    assert all(after[i].y == before[i].y for i in deepest)
    g, at = geometry_of(case.node("Sn-tall")), after["Sn-tall"]
    for node in case.nodes:  # and it overlaps nothing
        if node.id != "Sn-tall":
            o, there = geometry_of(node), after[node.id]
            apart_x = abs(there.x - at.x) >= o.half_width + g.half_width
            apart_y = abs(there.y - at.y) >= o.half_height + g.half_height
            assert apart_x or apart_y, node.id


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.gsnx")), ids=lambda p: p.name)
def test_laying_out_again_with_nothing_changed_moves_nothing(path: Path) -> None:
    """Ctrl+L twice in a row: the second moves no node."""
    case = laid_out(load_case(path))
    before = {node.id: node.position for node in case.nodes if node.position is not None}
    assert moved_count(layout_case(case), before) == 0


def test_a_wrapped_fan_out_keeps_its_rows_after_one_more_leaf() -> None:
    """In a generated 1,000-node case (wide rows wrapped), one more leaf moves a handful of
    nodes: no subtree flips into another row."""
    assert moved_by_one_more_leaf(generate_case(1000), "tree") <= 10


def test_a_subtree_dragged_far_aside_comes_back_beside_its_siblings() -> None:
    """Keeping places never keeps a hole pulled open by hand: a subtree dragged far right
    is laid out back next to its siblings."""
    case = laid_out(load_case(SAMPLES / "loan-approval.gsnx"))
    neighbour = case.node("G13").position
    assert neighbour is not None
    for node_id in ("G16", "G17", "G18", "G19", "Sn9", "Sn10", "CG2"):
        at = case.node(node_id).position
        assert at is not None
        case.node(node_id).position = Position(x=at.x + 3000, y=at.y)
    after = layout_case(case)
    g13, g16 = geometry_of(case.node("G13")), geometry_of(case.node("G16"))
    gap = after["G16"].x - g16.half_width - (after["G13"].x + g13.half_width)
    assert gap < 600  # G13's subtree is wider than G13 itself; 3,000 is far beyond it
    assert gap > NODE_GAP
