"""The editor's incremental assessment (`incremental.Assessor`) gives exactly what a whole
`assess` gives, after every edit of a random series made through the model's reversible
changes (text, decorators, evidence, add and delete leaves, links, moves, undo)."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import tempfile
from pathlib import Path
from typing import Any

import pytest
from generate import generate_case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from random_cases import DAY, random_case, random_evidence

from gsn_studio.analysis import structure
from gsn_studio.analysis.artifacts import ArtifactReader
from gsn_studio.analysis.check import Assessment, assess
from gsn_studio.analysis.incremental import Assessor
from gsn_studio.analysis.survey import survey
from gsn_studio.model import Case, Link, LinkKind, ModelError, Node, NodeType, Position
from gsn_studio.model.changes import (
    AddNode,
    Batch,
    Change,
    Connect,
    Disconnect,
    MoveNodes,
    RemoveNode,
    UpdateNode,
)


def picture(case: Case, assessment: Assessment) -> dict[str, object]:
    """Everything an assessment shows: findings in order, judgements, statuses, reasons."""
    return {
        "findings": assessment.findings,
        "judgements": list(assessment.judgements.items()),
        "refutations": list(assessment.refutations.items()),
        "assurance": [
            (node_id, a.status, a.explain(node_id), a.own)
            for node_id, a in assessment.assurance.items()
        ],
        "marks": assessment.marks(case),
        "tops": assessment.top_goals(case),
    }


def random_change(rng: random.Random, case: Case) -> Change | None:
    """One edit such as the editor makes, on a random node."""
    if not case.nodes:
        return AddNode(Node(id="G100", type=NodeType.GOAL))
    node = rng.choice(case.nodes)
    pick = rng.randrange(9)
    if pick == 0:
        return UpdateNode(node.id, {"statement": rng.choice(["", "Edited claim", node.id])})
    if pick == 1 and node.type in (NodeType.GOAL, NodeType.STRATEGY):
        return UpdateNode(node.id, {"undeveloped": not node.undeveloped})
    if pick == 2 and node.type is NodeType.SOLUTION:
        return UpdateNode(node.id, {"evidence": random_evidence(rng)})
    if pick == 3 and node.type in (NodeType.GOAL, NodeType.STRATEGY):
        child_type = NodeType.GOAL if node.type is NodeType.STRATEGY else NodeType.SOLUTION
        child_type = rng.choice([child_type, NodeType.CONTEXT])
        child = Node(id=case.next_id(child_type), type=child_type, statement="New")
        if child_type is NodeType.SOLUTION:
            child = child.model_copy(update={"evidence": random_evidence(rng)})
        kind = LinkKind.IN_CONTEXT_OF if child_type is NodeType.CONTEXT else LinkKind.SUPPORTED_BY
        return Batch((AddNode(child), Connect(Link(source=node.id, target=child.id, kind=kind))))
    if pick == 4:
        return RemoveNode(node.id)
    if pick == 5:
        return MoveNodes({node.id: Position(x=rng.random() * 100, y=1.0)})
    if pick == 6:
        other = rng.choice(case.nodes)
        return Connect(Link(source=node.id, target=other.id, kind=LinkKind.SUPPORTED_BY))
    if pick == 7 and case.links:
        return Disconnect(rng.choice(case.links))
    if pick == 8:
        return AddNode(Node(id=case.next_id(NodeType.GOAL), type=NodeType.GOAL), index=0)
    return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.integers(1, 30), st.booleans())
def test_incremental_assessment_equals_a_whole_one_after_every_edit(
    rng: random.Random, size: int, tidy: bool
) -> None:
    """After each edit and each undo, the Assessor's result equals a whole assess (tidy
    cases, with no odd links, take the paths that work from what an edit cut off)."""
    case = random_case(rng, size, tidy=tidy)
    assessor = Assessor()
    assessor.assess(case, DAY)
    undo: list[Change] = []
    for _ in range(12):
        if undo and rng.random() < 0.3:
            try:
                undo.pop().apply(case)
            except ModelError:  # a duplicate id of the random case stands in the way
                continue
        else:
            change = random_change(rng, case)
            if change is None:
                continue
            try:
                undo.append(change.apply(case))
            except ModelError:
                continue
        assert picture(case, assessor.assess(case, DAY)) == picture(case, assess(case, DAY))


def test_a_text_edit_is_not_a_whole_assessment() -> None:
    """A statement edit, a leaf added, deleted and undone are each assessed incrementally."""
    case = random_case(random.Random(3), 40, tidy=True)
    root = case.top_goals()[0]
    assessor = Assessor()
    assessor.assess(case, DAY)
    undo = UpdateNode(root, {"statement": "Changed"}).apply(case)
    assert picture(case, assessor.assess(case, DAY)) == picture(case, assess(case, DAY))
    assert not assessor.last_was_whole
    undo.apply(case)
    leaf = Node(id="Sn900", type=NodeType.SOLUTION, statement="New")
    added = Batch(
        (AddNode(leaf), Connect(Link(source=root, target="Sn900", kind=LinkKind.SUPPORTED_BY)))
    )
    back = added.apply(case)
    assert picture(case, assessor.assess(case, DAY)) == picture(case, assess(case, DAY))
    assert not assessor.last_was_whole
    back.apply(case)
    assert picture(case, assessor.assess(case, DAY)) == picture(case, assess(case, DAY))
    assert not assessor.last_was_whole


def test_another_day_is_a_whole_assessment() -> None:
    """Other settings than last time give a whole assessment, as of the new day."""
    case = random_case(random.Random(5), 20)
    assessor = Assessor()
    assessor.assess(case, DAY)
    later = DAY + dt.timedelta(days=400)
    assert picture(case, assessor.assess(case, later)) == picture(case, assess(case, later))
    assert assessor.last_was_whole


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_files_that_change_between_edits_are_judged_again(rng: random.Random) -> None:
    """Evidence files appearing, changing and going between edits: still a whole assess."""
    case = random_case(rng, 20, tidy=True)
    with tempfile.TemporaryDirectory() as folder:
        evidence = Path(folder) / "evidence"
        evidence.mkdir()
        reader = ArtifactReader(Path(folder))
        assessor = Assessor()
        assessor.assess(case, DAY, reader)
        for step in range(10):
            if rng.random() < 0.5:
                target = evidence / f"e{rng.randrange(5)}.pdf"
                if target.exists() and rng.random() < 0.5:
                    target.unlink()
                else:
                    target.write_text("x" * (step + 1))
            change = random_change(rng, case)
            if change is not None:
                with contextlib.suppress(ModelError):  # an edit the model refuses
                    change.apply(case)
            got = picture(case, assessor.assess(case, DAY, reader))
            assert got == picture(case, assess(case, DAY, reader))


def test_the_same_trace_sets_in_a_new_mapping_keep_it_incremental() -> None:
    """The editor's set cache hands out a new dict of the same sets each time: no whole pass."""
    case = random_case(random.Random(8), 30, tidy=True)
    assessor = Assessor()
    assessor.assess(case, DAY, trace_sets={})
    UpdateNode(case.nodes[0].id, {"statement": "Changed"}).apply(case)
    assert picture(case, assessor.assess(case, DAY, trace_sets={})) == picture(
        case, assess(case, DAY, trace_sets={})
    )
    assert not assessor.last_was_whole


def test_deleting_a_node_with_children_finds_what_it_cut_off_from_them_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Deleting an inner goal (and undoing it) works out what became unreachable from the
    nodes below it, not by reaching again from the roots over the whole argument."""
    case = generate_case(300)
    links = survey(case)
    root = case.top_goals()[0]
    inner = next(
        node.id
        for node in case.nodes
        if node.id != root
        and node.type is NodeType.GOAL
        and links.below.get(node.id)
        and links.above.get(node.id)
    )
    assessor = Assessor()
    assessor.assess(case, DAY)
    whole_reaches: list[int] = []
    original = structure.reach_starts

    def counting(*args: Any) -> Any:
        whole_reaches.append(1)
        return original(*args)

    monkeypatch.setattr(structure, "reach_starts", counting)
    undo = RemoveNode(inner).apply(case)
    mine = assessor.assess(case, DAY)
    assert not assessor.last_was_whole and whole_reaches == []
    assert any(finding.code == "unreachable" for finding in mine.findings)
    assert picture(case, mine) == picture(case, assess(case, DAY))
    whole_reaches.clear()
    undo.apply(case)
    mine = assessor.assess(case, DAY)
    assert not assessor.last_was_whole and whole_reaches == []
    assert picture(case, mine) == picture(case, assess(case, DAY))


class _CountingOrder(dict[str, float]):
    """A node order that counts its look-ups."""

    looked_up = 0

    def __getitem__(self, key: str) -> float:
        type(self).looked_up += 1
        return super().__getitem__(key)


def test_undoing_a_delete_puts_the_node_back_among_the_marks_without_sorting_them_all() -> None:
    """An undone delete puts its nodes' marks and judgements back in node order by looking
    up the order of a few neighbours, not of every mark in the case."""
    case = generate_case(3000)
    links = survey(case)
    inner = next(
        node.id
        for node in case.nodes[len(case.nodes) // 2 :]
        if node.type is NodeType.GOAL and links.below.get(node.id) and links.above.get(node.id)
    )
    assessor = Assessor()
    assessor.assess(case, DAY).marks(case)
    undo = RemoveNode(inner).apply(case)
    assessor.assess(case, DAY).marks(case)
    last = assessor._last
    assert last is not None
    last.order = _CountingOrder(last.order)
    _CountingOrder.looked_up = 0
    undo.apply(case)
    mine = assessor.assess(case, DAY)
    assert not assessor.last_was_whole
    assert _CountingOrder.looked_up < 300
    assert picture(case, mine) == picture(case, assess(case, DAY))
