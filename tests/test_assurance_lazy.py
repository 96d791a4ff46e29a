"""Reasons worked out on demand for one node equal those the whole-argument propagation built
for every node, on random arguments with shared support, contexts, defeaters and cycles."""

from __future__ import annotations

import assurance_oracle
from hypothesis import given, settings
from hypothesis import strategies as st

from gsn_studio.analysis.assurance import propagate
from gsn_studio.analysis.defeaters import Effect
from gsn_studio.analysis.levels import Level
from gsn_studio.model import Case, Link, LinkKind, Node, NodeType

TYPES = (NodeType.GOAL, NodeType.GOAL, NodeType.STRATEGY, NodeType.SOLUTION, NodeType.CONTEXT)


@st.composite
def arguments(draw: st.DrawFn) -> tuple[Case, list[Effect]]:
    count = draw(st.integers(2, 14))
    types = [NodeType.GOAL] + [draw(st.sampled_from(TYPES)) for _ in range(count - 1)]
    nodes = [
        Node(
            id=f"N{i}",
            type=node_type,
            undeveloped=node_type in (NodeType.GOAL, NodeType.STRATEGY) and draw(st.booleans()),
        )
        for i, node_type in enumerate(types)
    ]
    drawn = st.tuples(st.integers(0, count - 1), st.integers(0, count - 1), st.booleans())
    # Mostly downward links (a DAG with shared children), some upward ones close cycles.
    pairs = [
        (a, b) if a < b or upward else (b, a)
        for a, b, upward in draw(st.lists(drawn, min_size=count, max_size=3 * count))
        if a != b or upward
    ]
    links = [
        Link(
            source=f"N{a}",
            target=f"N{b}",
            kind=LinkKind.IN_CONTEXT_OF if types[b] is NodeType.CONTEXT else LinkKind.SUPPORTED_BY,
        )
        for a, b in pairs
    ]
    effects = [
        Effect(f"N{target}", draw(st.sampled_from(list(Level))), f"CG{n}", f"CG{n} challenges")
        for n, target in enumerate(draw(st.lists(st.integers(0, count - 1), max_size=3)))
    ]
    return Case(nodes=nodes, links=links), effects


@settings(max_examples=300, deadline=None)
@given(arguments())
def test_lazy_reasons_equal_the_full_propagation(argument: tuple[Case, list[Effect]]) -> None:
    """Every node's status and explained reasons (order and paths included) are unchanged."""
    case, effects = argument
    lazy = propagate(case, {}, effects)
    full = assurance_oracle.propagate(case, {}, effects)
    assert lazy.keys() == full.keys()
    for node_id, expected in full.items():
        assert lazy[node_id].status is expected.status
        assert lazy[node_id].explain(node_id) == expected.explain(node_id)
