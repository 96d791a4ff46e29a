"""`assess` of a large case does only the work its result needs (issue 17, item 1): each test
pins one shortcut, and that its result is what the plain way gives."""

from __future__ import annotations

import datetime as dt

import pytest
from generate import generate_case

from gsn_studio.analysis import check, structure
from gsn_studio.analysis.check import Settings, evaluate
from gsn_studio.model import Case, Link, LinkKind, Node, NodeType

DAY = dt.date(2026, 12, 2)


def _walked(case: Case, evaluation: check.Evaluation) -> set[str]:
    """What a walk over every link from the roots and counter arguments reaches."""
    assert evaluation.roots is not None
    starts = structure.reach_starts(case, evaluation.roots)
    return structure.reach(evaluation.links, starts)


def _orphaned(case: Case) -> Case:
    """The case with a strategy that hangs from nothing and a goal below it."""
    nodes = [*case.nodes, Node(id="S9000", type=NodeType.STRATEGY, statement="Loose")]
    nodes.append(Node(id="G9000", type=NodeType.GOAL, statement="Below nothing", undeveloped=True))
    links = [*case.links, Link(source="S9000", target="G9000", kind=LinkKind.SUPPORTED_BY)]
    return case.model_copy(update={"nodes": nodes, "links": links})


def _circular(case: Case) -> Case:
    """The case with a goal deep in the argument supporting one three levels above it."""
    deep = [node.id for node in case.nodes if node.type is NodeType.GOAL][-5]
    above = deep
    for _ in range(3):
        above = case.parents(above, LinkKind.SUPPORTED_BY)[0]
    link = Link(source=deep, target=above, kind=LinkKind.SUPPORTED_BY)
    return case.model_copy(update={"links": [*case.links, link]})


def _challenged(case: Case) -> Case:
    """The case with a counter goal challenging one of its goals."""
    goal = next(node.id for node in case.nodes[10:] if node.type is NodeType.GOAL)
    counter = Node(id="CG1", type=NodeType.COUNTER_GOAL, statement="It does not hold")
    link = Link(source="CG1", target=goal, kind=LinkKind.CHALLENGES)
    return case.model_copy(update={"nodes": [*case.nodes, counter], "links": [*case.links, link]})


@pytest.mark.parametrize("shape", [None, _orphaned, _circular, _challenged])
def test_a_sound_argument_is_all_reachable_without_a_walk(
    shape: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where every link is a legal one of the argument, none goes round in a circle and every
    node without a parent is a root, every node is reachable: `assess` says so without walking
    the links; elsewhere it walks them, and either way it finds what a walk finds."""
    case = generate_case(600, seed=3)
    if callable(shape):
        case = shape(case)
    walks: list[object] = []
    real_reach = structure.reach

    def counted(*args: object) -> set[str]:
        walks.append(args)
        return real_reach(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(structure, "reach", counted)
    evaluation = evaluate(case, Settings(DAY))
    monkeypatch.setattr(structure, "reach", real_reach)
    assert evaluation.reachable == _walked(case, evaluation)
    unreachable = [f.node for f in evaluation.assessment.findings if f.code == "unreachable"]
    expected = [
        node.id
        for node in case.nodes
        if node.id not in evaluation.reachable and node.type is not NodeType.COUNTER_GOAL
    ]
    assert unreachable == expected
    assert (walks == []) is (shape is None)
    if shape is _orphaned:
        assert unreachable == ["S9000", "G9000"]
    if shape is _circular:
        assert any(f.code == "cycle" for f in evaluation.assessment.findings)
