"""A new node's free spot, found in one sweep over its row: the first place at or right of the
wanted one where it overlaps nothing, wherever the others are. (The former node-by-node
search took quadratic time on a long row, and could stop on an overlap by a rounding error.)"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gsn_studio.app.editing import GAP_X, _free_spot
from gsn_studio.model import Case, Node, NodeType, Position
from gsn_studio.notation.geometry import geometry_of


def overlaps(case: Case, node_type: NodeType, x: float, y: float) -> bool:
    """Whether a new node at (x, y) would come closer to another than the gaps allow."""
    box = geometry_of(Node(id=case.next_id(node_type), type=node_type))
    return any(
        abs(n.position.x - x) < geometry_of(n).half_width + box.half_width + GAP_X / 2 - 1e-6
        and abs(n.position.y - y) < geometry_of(n).half_height + box.half_height + GAP_X / 4
        for n in case.nodes
        if n.position is not None
    )


spots = st.tuples(st.integers(-20, 20), st.integers(-3, 3), st.sampled_from(list(NodeType)))


@settings(max_examples=200, deadline=None)
@given(st.lists(spots, max_size=25), st.integers(-20, 20), st.sampled_from(list(NodeType)))
def test_one_sweep_finds_the_same_free_spot(
    others: list[tuple[int, int, NodeType]], start: int, new_type: NodeType
) -> None:
    """Nodes crowded in and around the row: the spot is free, and no free spot lies between."""
    case = Case(
        nodes=[
            Node(
                id=f"N{i}",
                type=t,
                statement="word " * (i % 7),
                position=Position(x=x * 40, y=y * 50),
            )
            for i, (x, y, t) in enumerate(others)
        ]
    )
    wanted = Position(x=start * 40, y=0)
    found = _free_spot(case, new_type, wanted).x
    assert found >= wanted.x
    assert not overlaps(case, new_type, found, 0)
    assert all(overlaps(case, new_type, x, 0) for x in range(int(wanted.x), int(found) - 1))
