"""Saved views in .gsnx: written in their own namespace, read back equal, and refused in one
line (with the line number) when two share a name."""

from __future__ import annotations

from pathlib import Path

import pytest

from gsn_studio.analysis.merge import merge_cases
from gsn_studio.io import CaseFileError, load_case, save_case
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.model import Case, NodeType
from gsn_studio.model.views import SavedView, with_view, without_view


def test_views_round_trip_through_gsnx(tmp_path: Path) -> None:
    """A case's saved views survive save and load, in order, quotes and '<' included."""
    case = Case(name="c")
    case.add_node(NodeType.GOAL, "Top", node_id="G1")
    case.views = (
        SavedView(name="Alice's expired", query='owner=alice and text~"a < b"'),
        SavedView(name="Holes", query="status=undeveloped"),
    )
    path = tmp_path / "c.gsnx"
    save_case(case, path)
    assert b'xmlns:view="urn:gsn-studio:views:1"' in path.read_bytes()
    again = load_case(path)
    assert again.views == case.views
    assert again == case
    assert again.foreign_xml == ()


def test_a_case_without_views_is_written_as_before() -> None:
    """No views, no namespace declaration: older files stay byte for byte the same."""
    case = Case(name="c")
    assert b"views" not in to_bytes(case)


def test_two_views_of_one_name_are_refused_with_the_line(tmp_path: Path) -> None:
    """A file naming a view twice is refused as FILE:LINE: problem."""
    case = Case(name="c")
    case.views = (SavedView(name="A", query="type=goal"),)
    path = tmp_path / "c.gsnx"
    save_case(case, path)
    text = path.read_text().replace(
        "</view:view>", '</view:view>\n  <view:view name="A">type=solution</view:view>'
    )
    path.write_text(text)
    with pytest.raises(CaseFileError) as raised:
        load_case(path)
    assert "saved view 'A' is named twice" in str(raised.value)
    assert f"{path}:" in str(raised.value)


def test_with_view_replaces_by_name_and_the_model_refuses_duplicates() -> None:
    """Saving under an existing name replaces that view in place; duplicates cannot be set."""
    views = with_view((), SavedView(name="A", query="type=goal"))
    views = with_view(views, SavedView(name="B", query="type=solution"))
    views = with_view(views, SavedView(name="A", query="type=context"))
    assert [(v.name, v.query) for v in views] == [("A", "type=context"), ("B", "type=solution")]
    assert [v.name for v in without_view(views, "A")] == ["B"]
    case = Case()
    with pytest.raises(ValueError, match="two saved views named 'A'"):
        case.views = (views[0], views[0])


def test_a_view_saved_on_one_side_survives_a_merge() -> None:
    """git's merge driver keeps a view one side saved while the other edited the argument."""
    base = Case(name="c")
    base.add_node(NodeType.GOAL, "Top", node_id="G1")
    ours = base.model_copy(deep=True)
    ours.update_node("G1", statement="Top, reworded")
    theirs = base.model_copy(deep=True)
    theirs.views = (SavedView(name="Goals", query="type=goal"),)
    merged = merge_cases(base, ours, theirs)
    assert merged.conflicts == []
    assert merged.views == theirs.views
    assert merged.node("G1").statement == "Top, reworded"
