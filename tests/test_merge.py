"""The three-way merge of cases (core, no git): by element, link, evidence and comment."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gsn_studio.analysis import check_case
from gsn_studio.analysis.merge import merge_cases
from gsn_studio.io.gsnx_read import parse_gsnx, read_gsnx
from gsn_studio.io.gsnx_write import save_gsnx, to_bytes
from gsn_studio.model import Case, Comment, Evidence, NodeType, Position, Verification
from gsn_studio.model.conflict_resolution import resolve
from gsn_studio.model.conflicts import ConflictOn

T0 = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)


def base_case() -> Case:
    case = Case(name="Pump")
    case.add_node(NodeType.GOAL, "The pump is safe", "G1", position=Position(x=0, y=0))
    case.add_node(NodeType.STRATEGY, "Argue over hazards", "S1")
    case.add_node(NodeType.GOAL, "Over-infusion is controlled", "G2")
    case.add_node(NodeType.GOAL, "Air in line is detected", "G3")
    case.add_node(
        NodeType.SOLUTION, "Test report", "Sn1", evidence=Evidence(reference="tests/r1.pdf")
    )
    case.add_node(NodeType.CONTEXT, "Hazard log HL-1", "C1")
    for source, target in (("G1", "S1"), ("S1", "G2"), ("S1", "G3"), ("G2", "Sn1"), ("G1", "C1")):
        case.connect(source, target)
    case.add_comment(Comment(id="c1", node="G2", author="ann", time=T0, text="Which dose limit?"))
    return case


def copy(case: Case) -> Case:
    return parse_gsnx(to_bytes(case))


def test_edits_to_different_elements_merge_without_conflict() -> None:
    """Ours edits G2's statement, theirs G3's: both edits are in the result, no conflict."""
    base = base_case()
    ours, theirs = copy(base), copy(base)
    ours.update_node("G2", statement="Over-infusion is prevented")
    theirs.update_node("G3", statement="Air in line is detected within 1 s")
    merged = merge_cases(base, ours, theirs)
    assert merged.conflicts == []
    assert merged.node("G2").statement == "Over-infusion is prevented"
    assert merged.node("G3").statement == "Air in line is detected within 1 s"


def test_same_field_edited_differently_is_a_recorded_conflict() -> None:
    """Both sides rewrite G2's statement: ours stays in place, the record keeps all three."""
    base = base_case()
    ours, theirs = copy(base), copy(base)
    ours.update_node("G2", statement="Over-infusion is prevented")
    theirs.update_node("G2", statement="Over-infusion is mitigated")
    merged = merge_cases(base, ours, theirs)
    [conflict] = merged.conflicts
    assert (conflict.on, conflict.subject, conflict.field) == (ConflictOn.NODE, "G2", "statement")
    assert (conflict.base, conflict.ours, conflict.theirs) == (
        "Over-infusion is controlled",
        "Over-infusion is prevented",
        "Over-infusion is mitigated",
    )
    assert merged.node("G2").statement == "Over-infusion is prevented"
    codes = [(f.code, f.node) for f in check_case(merged)]
    assert ("merge-conflict", "G2") in codes


def test_adds_on_both_sides_with_different_ids_are_both_kept() -> None:
    """Ours adds G4 under S1 and theirs G5: both nodes and both links are in the result."""
    base = base_case()
    ours, theirs = copy(base), copy(base)
    ours.add_node(NodeType.GOAL, "Occlusion is detected", "G4")
    ours.connect("S1", "G4")
    theirs.add_node(NodeType.GOAL, "Battery failure is safe", "G5")
    theirs.connect("S1", "G5")
    merged = merge_cases(base, ours, theirs)
    assert merged.conflicts == []
    assert merged.children("S1") == ["G2", "G3", "G4", "G5"]


def test_delete_against_unchanged_deletes_and_delete_against_edit_conflicts() -> None:
    """Theirs deletes Sn1 (untouched in ours): gone. Ours deletes G3, theirs edits it: kept
    with its links, and recorded as a conflict whose ours side is absent."""
    base = base_case()
    ours, theirs = copy(base), copy(base)
    theirs.remove_node("Sn1")
    ours.remove_node("G3")
    theirs.update_node("G3", statement="Air in line is detected within 1 s")
    merged = merge_cases(base, ours, theirs)
    assert "Sn1" not in merged
    assert merged.node("G3").statement == "Air in line is detected within 1 s"
    assert "G3" in merged.children("S1")
    [conflict] = merged.conflicts
    assert (conflict.subject, conflict.is_whole, conflict.ours) == ("G3", True, None)
    # Choosing ours (the deletion) removes G3 and its links in one change.
    resolve(merged, 0, conflict.ours).apply(merged)
    assert "G3" not in merged and merged.conflicts == []
    assert merged.children("S1") == ["G2"]


def test_same_id_added_on_both_sides_with_different_content_conflicts() -> None:
    """Both add G4 with different statements: one G4, a conflict without a base version."""
    base = base_case()
    ours, theirs = copy(base), copy(base)
    ours.add_node(NodeType.GOAL, "Occlusion is detected", "G4")
    theirs.add_node(NodeType.GOAL, "Battery failure is safe", "G4")
    merged = merge_cases(base, ours, theirs)
    assert [node.id for node in merged.nodes].count("G4") == 1
    [conflict] = merged.conflicts
    assert (conflict.subject, conflict.field, conflict.added) == ("G4", "statement", True)


def test_evidence_merges_part_by_part_and_positions_never_conflict() -> None:
    """Ours records a verification of Sn1, theirs moves its reference and both move G1: both
    evidence changes are kept and G1 takes a side's position without a conflict."""
    base = base_case()
    ours, theirs = copy(base), copy(base)
    verified = Verification(on=dt.date(2026, 11, 2), by="bob")
    ours.update_node("Sn1", evidence=Evidence(reference="tests/r1.pdf", verified=verified))
    theirs.update_node("Sn1", evidence=Evidence(reference="tests/r2.pdf"))
    ours.update_node("G1", position=Position(x=10, y=0))
    theirs.update_node("G1", position=Position(x=-10, y=5))
    merged = merge_cases(base, ours, theirs)
    assert merged.conflicts == []
    assert merged.node("Sn1").evidence == Evidence(reference="tests/r2.pdf", verified=verified)
    assert merged.node("G1").position in (Position(x=10, y=0), Position(x=-10, y=5))


def test_comment_threads_from_both_sides_combine() -> None:
    """Replies added to one comment on each side are both kept, and new comments too."""
    from gsn_studio.model import Reply

    base = base_case()
    ours, theirs = copy(base), copy(base)
    mine = Reply(author="al", time=T0 + dt.timedelta(hours=1), text="5 ml/h")
    other = Reply(author="bo", time=T0 + dt.timedelta(hours=2), text="See HL-1")
    ours.replace_comment(ours.comment("c1").model_copy(update={"replies": (mine,)}))
    theirs.replace_comment(theirs.comment("c1").model_copy(update={"replies": (other,)}))
    theirs.add_comment(Comment(id="c2", node="G3", author="bo", time=T0, text="Sensor?"))
    merged = merge_cases(base, ours, theirs)
    assert merged.conflicts == []
    assert merged.comment("c1").replies == (mine, other)
    assert merged.comment("c2").text == "Sensor?"


def test_conflicts_round_trip_through_a_gsnx_file(tmp_path: Path) -> None:
    """A merged case with conflicts saves schema-valid and reads back with the same records."""
    base = base_case()
    ours, theirs = copy(base), copy(base)
    ours.update_node("G2", statement="Over-infusion is prevented", tags=("dose",))
    theirs.update_node("G2", statement="Over-infusion is mitigated", tags=("rate", "dose"))
    ours.remove_node("G3")
    theirs.update_node("G3", description="Ultrasonic sensor")
    ours.add_node(NodeType.GOAL, "Occlusion is detected", "G4")
    theirs.add_node(NodeType.GOAL, "Occlusion is alarmed", "G4")
    merged = merge_cases(base, ours, theirs)
    assert len(merged.conflicts) == 4
    path = tmp_path / "merged.gsnx"
    save_gsnx(merged, path)
    assert read_gsnx(path) == merged
    assert b"merge:conflict" in path.read_bytes()


def test_resolving_a_field_conflict_is_one_change_that_undo_reverses() -> None:
    """Picking theirs sets the statement and drops the record; its inverse brings both back."""
    base = base_case()
    ours, theirs = copy(base), copy(base)
    ours.update_node("G2", statement="Over-infusion is prevented")
    theirs.update_node("G2", statement="Over-infusion is mitigated")
    merged = merge_cases(base, ours, theirs)
    before = merged.model_copy(deep=True)
    undo = resolve(merged, 0, merged.conflicts[0].theirs).apply(merged)
    assert merged.node("G2").statement == "Over-infusion is mitigated"
    assert merged.conflicts == []
    undo.apply(merged)
    assert merged == before


def test_a_conflict_whose_element_has_gone_is_cleared_by_any_choice() -> None:
    """A field conflict on a node deleted since (say, by hand) is dropped, not refused."""
    base = base_case()
    ours, theirs = copy(base), copy(base)
    ours.update_node("G2", statement="Over-infusion is prevented")
    theirs.update_node("G2", statement="Over-infusion is mitigated")
    merged = merge_cases(base, ours, theirs)
    merged.remove_node("G2")
    resolve(merged, 0, merged.conflicts[0].theirs).apply(merged)
    assert merged.conflicts == []


def test_a_node_kept_against_a_deletion_keeps_what_was_deleted_below_it(tmp_path: Path) -> None:
    """Theirs deletes G2 with its solution Sn1, ours rewrites G2: G2 and Sn1 stay linked;
    choosing the deletion removes both, choosing ours keeps both; the record survives a save."""
    base = base_case()
    ours, theirs = copy(base), copy(base)
    theirs.remove_node("Sn1")
    theirs.remove_node("G2")
    ours.update_node("G2", statement="Over-infusion is prevented")
    merged = merge_cases(base, ours, theirs)
    assert merged.children("G2") == ["Sn1"]
    [conflict] = merged.conflicts
    assert (conflict.subject, conflict.along, conflict.theirs) == ("G2", ("Sn1",), None)
    assert "G2 (with Sn1 below it) was deleted in theirs" in conflict.problem()
    path = tmp_path / "merged.gsnx"
    save_gsnx(merged, path)
    assert read_gsnx(path).conflicts == [conflict]
    deleted = merged.model_copy(deep=True)
    resolve(deleted, 0, None).apply(deleted)
    assert "G2" not in deleted and "Sn1" not in deleted
    resolve(merged, 0, conflict.ours).apply(merged)
    assert merged.children("G2") == ["Sn1"] and merged.conflicts == []


def test_one_id_added_as_two_types_is_one_conflict_on_the_whole_element() -> None:
    """Ours adds G4 as a goal under S1, theirs as a strategy: one whole-element conflict;
    taking theirs makes G4 a strategy and drops the link a strategy may not have."""
    base = base_case()
    ours, theirs = copy(base), copy(base)
    ours.add_node(NodeType.GOAL, "Occlusion is detected", "G4")
    ours.connect("S1", "G4")
    theirs.add_node(NodeType.STRATEGY, "Argue over occlusion sensors", "G4")
    theirs.connect("G3", "G4")
    merged = merge_cases(base, ours, theirs)
    [conflict] = merged.conflicts
    assert (conflict.subject, conflict.is_whole, conflict.added) == ("G4", True, True)
    assert merged.node("G4").type is NodeType.GOAL
    resolve(merged, 0, conflict.theirs).apply(merged)
    assert merged.node("G4").type is NodeType.STRATEGY
    assert merged.node("G4").statement == "Argue over occlusion sensors"
    assert "G4" not in merged.children("S1") and merged.children("G3") == ["G4"]


def test_a_damaged_conflict_record_is_refused_with_its_line(tmp_path: Path) -> None:
    """A merge:conflict with an unknown `on` is a one-line FILE:LINE error, not a crash."""
    import pytest

    from gsn_studio.io import CaseFileError

    base = base_case()
    ours, theirs = copy(base), copy(base)
    ours.update_node("G2", statement="Over-infusion is prevented")
    theirs.update_node("G2", statement="Over-infusion is mitigated")
    text = to_bytes(merge_cases(base, ours, theirs)).decode()
    path = tmp_path / "damaged.gsnx"
    path.write_text(text.replace('on="node"', 'on="banana"'))
    line = text[: text.index('on="node"')].count("\n") + 1
    with pytest.raises(CaseFileError) as caught:
        read_gsnx(path)
    assert str(caught.value).startswith(f"{path}:{line}: merge conflict on G2")
