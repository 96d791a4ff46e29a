"""Review without a GUI: comments in the model, open challenges as findings, merging two
reviewers' copies, and the diff of two versions of a case."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import hazard_case

from gsn_studio.analysis import check_case
from gsn_studio.analysis.diff import diff_cases
from gsn_studio.model import (
    Comment,
    CommentKind,
    CommentStatus,
    Evidence,
    LinkKind,
    ModelError,
    Position,
    Reply,
    comment_edits,
)
from gsn_studio.model.changes import AddComment, UpdateComment
from gsn_studio.model.comment_edits import merge_comments

T0 = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


def comment(
    comment_id: str = "c1",
    node: str = "G2",
    kind: CommentKind = CommentKind.REBUT,
    **fields: object,
) -> Comment:
    values: dict[str, object] = {
        "id": comment_id,
        "node": node,
        "author": "Rita Reviewer",
        "time": T0,
        "kind": kind,
        "text": "H1 is not mitigated for night shifts",
    }
    values.update(fields)
    return Comment.model_validate(values)


def test_a_comment_is_tied_to_an_existing_node_or_link() -> None:
    """Comments on a node or on an existing link are accepted; on nothing, refused."""
    case = hazard_case()
    case.add_comment(comment())
    case.add_comment(comment("c2", node="G2", via="S1", kind=CommentKind.UNDERCUT))
    assert case.comments[1].describe_target() == "the link S1 → G2"
    with pytest.raises(ModelError, match="does not exist"):
        case.add_comment(comment("c3", node="G99"))
    with pytest.raises(ModelError, match="no such link"):
        case.add_comment(comment("c4", node="G2", via="G3"))
    with pytest.raises(ModelError, match="already"):
        case.add_comment(comment())


def test_comment_times_need_a_zone_and_are_kept_in_utc() -> None:
    """A naive time is refused; an offset time is stored as the same instant in UTC."""
    with pytest.raises(ValueError, match="time zone"):
        comment(time=dt.datetime(2026, 11, 20, 9, 0))
    local = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert comment(time=local).time == T0


def test_renaming_a_node_carries_its_comments() -> None:
    """A comment follows its node, and a link comment its link, through a rename."""
    case = hazard_case()
    case.add_comment(comment())
    case.add_comment(comment("c2", node="G2", via="S1"))
    case.rename_node("G2", "G20")
    case.rename_node("S1", "S10")
    assert [(c.node, c.via) for c in case.comments] == [("G20", None), ("G20", "S10")]


def test_comment_changes_undo_and_redo() -> None:
    """Adding a comment and then resolving it are each undone by their inverse."""
    case = hazard_case()
    undo_add = AddComment(comment()).apply(case)
    resolved = case.comments[0].model_copy(update={"status": CommentStatus.RESOLVED})
    undo_resolve = UpdateComment(resolved).apply(case)
    assert case.comments[0].status is CommentStatus.RESOLVED
    undo_resolve.apply(case)
    assert case.comments[0].status is CommentStatus.OPEN
    undo_add.apply(case)
    assert case.comments == []


def test_open_challenges_are_findings_and_questions_are_not() -> None:
    """An open rebut is an open-challenge finding; a question or a resolved rebut is not."""
    case = hazard_case()
    case.add_comment(comment())
    case.add_comment(comment("c2", kind=CommentKind.QUESTION))
    case.add_comment(comment("c3", kind=CommentKind.UNDERMINE, status=CommentStatus.RESOLVED))
    found = [f for f in check_case(case, dt.date(2026, 6, 1)) if f.code == "open-challenge"]
    assert [(f.node, f.severity.value) for f in found] == [("G2", "warning")]
    assert "Rita Reviewer challenges G2 (rebut, c1): H1 is not mitigated" in found[0].message


# -- merging ---------------------------------------------------------------------------------


def test_merge_brings_new_comments_once_and_joins_reply_threads() -> None:
    """Comments only the other copy has are added; shared ones get both threads, once each."""
    base, other = hazard_case(), hazard_case()
    shared = comment()
    base.add_comment(shared)
    answer = Reply(author="Ana", time=T0 + dt.timedelta(hours=1), text="See Sn1")
    other.add_comment(shared.model_copy(update={"replies": (answer,)}))
    other.add_comment(comment("c2", kind=CommentKind.QUESTION, text="Who owns G3?"))
    argument_before = base.model_copy(deep=True)

    added, updated, warnings = merge_comments(base, other)
    assert (added, updated, warnings) == (1, 1, [])
    assert [c.id for c in base.comments] == ["c1", "c2"]
    assert base.comments[0].replies == (answer,)
    assert base.nodes == argument_before.nodes and base.links == argument_before.links

    assert merge_comments(base, other) == (0, 0, [])  # merging again changes nothing


def test_merge_keeps_the_status_of_the_later_change() -> None:
    """If one reviewer resolved a comment after it was made, the merged copy is resolved."""
    base, other = hazard_case(), hazard_case()
    base.add_comment(comment())
    other.add_comment(comment(status=CommentStatus.RESOLVED, updated=T0 + dt.timedelta(days=1)))
    merge_comments(base, other)
    assert base.comments[0].status is CommentStatus.RESOLVED
    reopened = hazard_case()
    reopened.add_comment(comment())
    merge_comments(other, reopened)
    assert other.comments[0].status is CommentStatus.RESOLVED  # the older copy does not win


# -- diff ------------------------------------------------------------------------------------


def test_diff_lists_added_removed_and_reworded_nodes_with_their_fields() -> None:
    """A re-worded goal is 'changed' with the field named; a new solution is 'added'."""
    old = hazard_case()
    new = hazard_case()
    new.update_node("G2", statement="Hazard H1 is eliminated", owner="")
    new.update_node("Sn1", evidence=Evidence(reference="evidence/h1-v2.pdf"))
    new.add_node(new.node("Sn2").type, "Extra test", node_id="Sn3")
    new.connect("G3", "Sn3")
    new.remove_node("A1")
    result = diff_cases(old, new).as_dict()
    assert result["added"] == ["Sn3"]
    assert result["removed"] == ["A1"]
    assert result["changed"] == [
        {"id": "G2", "fields": ["statement"]},
        {"id": "Sn1", "fields": ["evidence"]},
    ]
    assert result["links_added"] == [["G3", "Sn3", "supportedBy"]]
    assert result["links_removed"] == [["G2", "A1", "inContextOf"]]


def test_diff_of_a_relinked_node_shows_the_link_moves() -> None:
    """Moving Sn2 from G3 to G2 removes one supportedBy link and adds another."""
    old, new = hazard_case(), hazard_case()
    new.disconnect(next(x for x in new.links if (x.source, x.target) == ("G3", "Sn2")))
    new.connect("G2", "Sn2", LinkKind.SUPPORTED_BY)
    result = diff_cases(old, new)
    assert result.links_added == [("G2", "Sn2", "supportedBy")]
    assert result.links_removed == [("G3", "Sn2", "supportedBy")]
    assert not result.added and not result.removed and not result.changed


def test_diff_names_a_likely_rename() -> None:
    """A renamed node is removed and added by id, and reported as a likely rename."""
    old, new = hazard_case(), hazard_case()
    new.rename_node("G3", "G30")
    result = diff_cases(old, new)
    assert (result.added, result.removed, result.renamed) == (["G30"], ["G3"], [("G3", "G30")])


def test_positions_are_not_a_change_unless_asked() -> None:
    """Moving a node changes nothing by default, and is a 'position' change with layout."""
    old, new = hazard_case(), hazard_case()
    new.update_node("G1", position=Position(x=10, y=20))
    assert diff_cases(old, new).is_empty()
    assert diff_cases(old, new, layout=True).changed == [("G1", ["position"])]


def test_a_reply_that_settles_is_one_reversible_change() -> None:
    """The core reply with a status adds the reply and settles the comment in one change,
    whose inverse gives the comment back as it was (what the CLI and the editor both use)."""
    case = hazard_case()
    case.add_comment(comment())
    change, words = comment_edits.reply(
        case.comment("c1"), "Ana", "See Sn1", CommentStatus.ANSWERED
    )
    undo = change.apply(case)
    settled = case.comment("c1")
    assert settled.status is CommentStatus.ANSWERED and settled.updated is not None
    assert [r.author for r in settled.replies] == ["Ana"] and "G2" in words
    undo.apply(case)
    assert case.comment("c1") == comment()
    with pytest.raises(ModelError, match="author"):
        comment_edits.reply(settled, " ", "x")
