"""Reversible changes: applying the inverse gives the case back, for any series of edits."""

from __future__ import annotations

import contextlib
import datetime as dt

from factories import hazard_case
from hypothesis import given, settings
from hypothesis import strategies as st

from gsn_studio.app import editing
from gsn_studio.model import (
    Case,
    Comment,
    CommentStatus,
    DefeaterStatus,
    Evidence,
    Link,
    LinkKind,
    ModelError,
    Node,
    NodeType,
    Position,
)
from gsn_studio.model.changes import (
    AddComment,
    AddNode,
    Batch,
    Change,
    Connect,
    Disconnect,
    MoveNodes,
    RemoveComment,
    RemoveNode,
    RenameNode,
    SetCaseFields,
    UpdateComment,
    UpdateNode,
)


def test_batch_that_fails_undoes_what_it_did() -> None:
    """A batch stops at the first refused change and leaves the case as it was."""
    case = hazard_case()
    before = case.model_copy(deep=True)
    bad = Batch(
        (RemoveNode("Sn2"), Connect(Link(source="C1", target="G1", kind=LinkKind.SUPPORTED_BY)))
    )
    with contextlib.suppress(ModelError):
        bad.apply(case)
    assert case == before


def test_add_child_links_and_places() -> None:
    """Adding a child links it with the kind GSN requires and puts it below or beside."""
    case = hazard_case()
    case.update_node("G3", position=Position(x=100, y=100))
    change, new_id = editing.add_child(case, "G3", NodeType.SOLUTION)
    change.apply(case)
    assert Link(source="G3", target=new_id, kind=LinkKind.SUPPORTED_BY) in case.links
    assert case.node(new_id).position.y > 100
    change, context_id = editing.add_child(case, "G3", NodeType.CONTEXT)
    change.apply(case)
    assert Link(source="G3", target=context_id, kind=LinkKind.IN_CONTEXT_OF) in case.links
    assert case.node(context_id).position.y == 100


def test_paste_renumbers_clashing_ids() -> None:
    """Pasting nodes whose ids exist gives them new ids and keeps the links between them."""
    case = hazard_case()
    payload = editing.copy_payload(case, ["G2", "Sn1", "A1"])
    change, ids = editing.paste(case, payload)
    change.apply(case)
    assert len(ids) == 3 and not set(ids) & {"G2", "Sn1", "A1"}
    new_goal, new_solution, new_assumption = ids
    assert Link(source=new_goal, target=new_solution, kind=LinkKind.SUPPORTED_BY) in case.links
    assert Link(source=new_goal, target=new_assumption, kind=LinkKind.IN_CONTEXT_OF) in case.links


def test_paste_into_another_case_keeps_ids() -> None:
    """Into an empty case, pasted nodes keep their ids."""
    payload = editing.copy_payload(hazard_case(), ["G2", "Sn1"])
    target = Case()
    change, ids = editing.paste(target, payload)
    change.apply(target)
    assert ids == ["G2", "Sn1"]


node_ids = st.sampled_from(["G1", "G2", "G3", "S1", "Sn1", "Sn2", "C1", "A1", "J1", "G9"])


def edits() -> st.SearchStrategy[Change]:
    return st.one_of(
        st.builds(RemoveNode, node_ids),
        st.builds(lambda i, t: UpdateNode(i, {"statement": t}), node_ids, st.text(max_size=8)),
        st.builds(
            lambda i, x: MoveNodes({i: Position(x=x, y=x)}),
            node_ids,
            st.floats(-1000, 1000, allow_nan=False),
        ),
        st.builds(RenameNode, node_ids, st.sampled_from(["X1", "G7", "Sn9", "G2"])),
        st.builds(
            lambda a, b: Connect(Link(source=a, target=b, kind=LinkKind.SUPPORTED_BY)),
            node_ids,
            node_ids,
        ),
        st.builds(
            lambda a, b: Disconnect(Link(source=a, target=b, kind=LinkKind.SUPPORTED_BY)),
            node_ids,
            node_ids,
        ),
        st.builds(lambda n: SetCaseFields({"name": n}), st.text(max_size=5)),
        st.builds(
            lambda node_id, parent: Batch(
                (
                    AddNode(Node(id=node_id, type=NodeType.GOAL, statement="new")),
                    Connect(Link(source=parent, target=node_id, kind=LinkKind.SUPPORTED_BY)),
                )
            ),
            st.sampled_from(["G20", "G21"]),
            node_ids,
        ),
        # Living evidence and review: challenges, defeater status, evidence, comments.
        st.builds(
            lambda target, via: Batch(
                (
                    AddNode(Node(id="CG1", type=NodeType.COUNTER_GOAL, statement="but")),
                    Connect(Link(source="CG1", target=target, kind=LinkKind.CHALLENGES, via=via)),
                )
            ),
            node_ids,
            st.none() | node_ids,
        ),
        st.builds(
            lambda status: UpdateNode("CG1", {"defeater_status": status}),
            st.sampled_from(list(DefeaterStatus)),
        ),
        st.builds(
            lambda days: UpdateNode(
                "Sn1", {"evidence": Evidence(reference="r.pdf", review_days=days)}
            ),
            st.integers(1, 400),
        ),
        st.builds(
            lambda comment_id, node_id: AddComment(
                Comment(id=comment_id, node=node_id, author="r", time=_T0, text="why?")
            ),
            st.sampled_from(["c1", "c2"]),
            node_ids,
        ),
        st.builds(
            lambda comment_id, status: UpdateComment(
                Comment(id=comment_id, node="G1", author="r", time=_T0, text="why?", status=status)
            ),
            st.sampled_from(["c1", "c2"]),
            st.sampled_from(list(CommentStatus)),
        ),
        st.builds(RemoveComment, st.sampled_from(["c1", "c2"])),
    )


_T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


@settings(max_examples=300, deadline=None)
@given(st.lists(edits(), max_size=25))
def test_undo_all_then_redo_all(series: list[Change]) -> None:
    """Random edits undone in reverse give the original; redone, they give the final case."""
    case = hazard_case()
    original = case.model_copy(deep=True)
    inverses: list[Change] = []
    for change in series:
        with contextlib.suppress(ModelError, ValueError):
            inverses.append(change.apply(case))
    final = case.model_copy(deep=True)
    redos: list[Change] = []
    for inverse in reversed(inverses):
        redos.append(inverse.apply(case))
    assert case == original
    for redo in reversed(redos):
        redo.apply(case)
    assert case == final


def test_new_child_never_overlaps_a_node() -> None:
    """A child added beside busy siblings and contexts is pushed clear of every node."""
    from gsn_studio.layout import layout_case
    from gsn_studio.notation.geometry import geometry_of

    case = hazard_case()
    for node_id, position in layout_case(case).items():
        case.update_node(node_id, position=position)
    for _ in range(3):
        change, new_id = editing.add_child(case, "G1", NodeType.STRATEGY)
        change.apply(case)
        new = case.node(new_id)
        mine = geometry_of(new)
        for other in case.nodes:
            if other.id == new_id:
                continue
            theirs = geometry_of(other)
            apart_x = abs(other.position.x - new.position.x) >= mine.half_width + theirs.half_width
            apart_y = (
                abs(other.position.y - new.position.y) >= mine.half_height + theirs.half_height
            )
            assert apart_x or apart_y, (new_id, other.id)


def test_moving_many_nodes_at_once_gives_back_every_old_position() -> None:
    """MoveNodes of every node (an auto-layout) moves each, leaves the rest of each node as it
    was, and its inverse puts every old position back, None included."""
    from gsn_studio.model import Case, Node, NodeType, Position
    from gsn_studio.model.changes import MoveNodes

    case = Case(
        nodes=[
            Node(id="G1", type=NodeType.GOAL, statement="Top", position=Position(x=1, y=2)),
            Node(id="Sn1", type=NodeType.SOLUTION, statement="Evidence"),
        ]
    )
    before = case.model_copy(deep=True)
    undo = MoveNodes({"G1": Position(x=10, y=20), "Sn1": Position(x=30, y=40)}).apply(case)
    assert case.node("G1").position == Position(x=10, y=20)
    assert case.node("Sn1").position == Position(x=30, y=40)
    assert case.node("G1").statement == "Top" and case.index()["Sn1"] is case.nodes[1]
    undo.apply(case)
    assert case == before
