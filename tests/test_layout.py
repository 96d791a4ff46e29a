"""Automatic layout with dot: top-down, contexts beside their node, siblings in order."""

from __future__ import annotations

import pytest
from factories import hazard_case
from generate import generate_case

from gsn_studio.layout import LayoutCancelled, layout_case
from gsn_studio.layout.dot import parse_plain, to_dot
from gsn_studio.model import Case, Link, LinkKind, NodeType
from gsn_studio.notation.geometry import geometry_of

ENGINES = pytest.mark.parametrize("engine", ["dot", "tree"])


@ENGINES
def test_every_node_gets_a_position_top_down(engine: str) -> None:
    """Parents sit above the nodes that support them."""
    case = hazard_case()
    positions = layout_case(case, engine=engine)
    assert set(positions) == {node.id for node in case.nodes}
    assert positions["G1"].y < positions["S1"].y < positions["G2"].y < positions["Sn1"].y


@ENGINES
def test_contexts_sit_beside_their_node(engine: str) -> None:
    """A context sits level with the node it belongs to, tops aligned (never above it), to
    its right."""
    case = hazard_case()
    positions = layout_case(case, engine=engine)
    for node_id, context_id in (("G1", "C1"), ("S1", "J1"), ("G2", "A1")):
        node, context = case.node(node_id), case.node(context_id)
        node_top = positions[node_id].y - geometry_of(node).half_height
        context_top = positions[context_id].y - geometry_of(context).half_height
        assert abs(node_top - context_top) < 0.1
        assert positions[context_id].x > positions[node_id].x


@ENGINES
def test_several_contexts_go_both_sides(engine: str) -> None:
    """A second context goes to the left, so the node stays above its children."""
    case = hazard_case()
    case.add_node(NodeType.CONTEXT, "Second context")
    case.connect("G1", "C2")
    positions = layout_case(case, engine=engine)
    assert positions["C2"].x < positions["G1"].x < positions["C1"].x


@ENGINES
def test_sibling_order_is_kept(engine: str) -> None:
    """Children appear left to right in the order of the links."""
    positions = layout_case(hazard_case(), engine=engine)
    assert positions["G2"].x < positions["G3"].x


def assert_no_overlap(case: Case, engine: str) -> None:
    positions = layout_case(case, engine=engine)
    boxes = []
    for node in case.nodes:
        g, p = geometry_of(node), positions[node.id]
        boxes.append(
            (p.x - g.half_width, p.y - g.half_height, p.x + g.half_width, p.y + g.half_height)
        )
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


@ENGINES
def test_nodes_do_not_overlap(engine: str) -> None:
    """No two laid-out nodes' boxes intersect."""
    assert_no_overlap(hazard_case(), engine)


def dialectic() -> Case:
    """The hazard argument, G2 challenged by a counter argument and S1 → G2 by evidence."""
    case = hazard_case()
    case.add_node(NodeType.COUNTER_GOAL, "Day shifts only")
    case.add_node(NodeType.COUNTER_SOLUTION, "Night incident log")
    case.add_node(NodeType.COUNTER_SOLUTION, "Audit of the hazard list")
    case.connect("CG1", "G2", LinkKind.CHALLENGES)
    case.connect("CG1", "CSn1")
    case.connect("CSn2", "G2", via="S1")
    return case


@ENGINES
def test_a_defeater_hangs_beside_what_it_challenges(engine: str) -> None:
    """A counter goal sits just below and right of the goal it challenges, after its
    evidence and before the next branch; its own argument goes below it."""
    case = dialectic()
    positions = layout_case(case, engine=engine)
    g2, cg1, sn1, g3 = (positions[i] for i in ("G2", "CG1", "Sn1", "G3"))
    assert g2.y < cg1.y < positions["CSn1"].y
    assert sn1.x < cg1.x < g3.x


@ENGINES
def test_a_defeater_of_a_link_sits_beside_the_link_end(engine: str) -> None:
    """Evidence against S1 → G2 goes on G2's rank, between G2 and G3."""
    positions = layout_case(dialectic(), engine=engine)
    g2, csn2, g3 = (positions[i] for i in ("G2", "CSn2", "G3"))
    assert g2.x < csn2.x < g3.x
    assert positions["S1"].y < csn2.y < positions["Sn1"].y


@ENGINES
def test_defeaters_do_not_overlap_the_argument(engine: str) -> None:
    """With defeaters placed, still no two nodes' boxes intersect."""
    assert_no_overlap(dialectic(), engine)


def test_a_supported_defeater_stays_in_its_counter_argument() -> None:
    """A counter claim supported by another stays below it, whatever it challenges."""
    case = dialectic()
    case.connect("CSn1", "G3", LinkKind.CHALLENGES)
    positions = layout_case(case)
    assert positions["CSn1"].y > positions["CG1"].y
    assert '"G3" -> "CSn1"' not in to_dot(case)


def test_cancel_stops_a_running_layout() -> None:
    """A caller that asks to stop while dot runs gets LayoutCancelled and dot is killed."""
    case = generate_case(3000)
    calls = []

    def cancel_on_second_look() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(LayoutCancelled):
        layout_case(case, cancelled=cancel_on_second_look, engine="dot")
    assert len(calls) == 2


def test_empty_case_and_odd_ids() -> None:
    """An empty case lays out to nothing; ids with backslashes survive quoting."""
    assert layout_case(Case()) == {}
    case = Case()
    case.add_node(NodeType.GOAL, "x", node_id="G\\1")
    assert set(layout_case(case)) == {"G\\1"}
    assert '"G\\\\1"' in to_dot(case)


def test_plain_output_is_flipped_to_y_down() -> None:
    """dot's y axis points up; ours points down, in points."""
    plain = "graph 1 2 3\nnode a 1 3 1 1 a solid box black lightgrey\nstop\n"
    position = parse_plain(plain)["a"]
    assert (position.x, position.y) == (72, 0)


@pytest.mark.slow  # large generated cases
def test_tree_layout_handles_large_shared_and_cyclic_cases() -> None:
    """10,000 generated nodes all get positions; a cycle with no way in is still placed."""
    case = generate_case(10_000)
    positions = layout_case(case)  # auto picks the tree layout at this size
    assert set(positions) == {node.id for node in case.nodes}
    loop = Case()
    loop.add_node(NodeType.GOAL, "a", node_id="G1")
    loop.add_node(NodeType.GOAL, "b", node_id="G2")
    loop.connect("G1", "G2")
    loop.links.append(Link(source="G2", target="G1", kind=LinkKind.SUPPORTED_BY))
    assert set(layout_case(loop, engine="tree")) == {"G1", "G2"}


def test_tree_layout_can_be_cancelled() -> None:
    """The tree layout also stops when asked."""
    with pytest.raises(LayoutCancelled):
        layout_case(generate_case(5000), cancelled=lambda: True, engine="tree")
