"""Figures filtered by a query: `export --query/--view` draws the rest faint, `--matches-only`
keeps the matches and the path above them; bad queries are refused before anything is written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gsn_studio.cli import main
from gsn_studio.io import load_case, save_case
from gsn_studio.model.views import SavedView

LOAN = Path(__file__).parent.parent / "samples" / "loan-approval.gsnx"


def dimmed_and_drawn(svg: str) -> tuple[set[str], set[str]]:
    """The node ids drawn faint and all node ids drawn."""
    dimmed = set(re.findall(r'<g class="gsn-dimmed" opacity="[\d.]+"><g id="([^"]+)"', svg))
    drawn = set(re.findall(r'<g id="([^"]+)" class="gsn-node', svg))
    return dimmed, drawn


def export(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    out = tmp_path / "figure.svg"
    code = main(["export", *args, "-o", str(out), "--as-of", "2026-12-01"])
    err = capsys.readouterr().err
    return code, out.read_text() if code == 0 else err


def test_query_draws_everything_else_faint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every node is drawn; all but the matches sit in a faint group, and the caption says so."""
    code, svg = export(tmp_path, capsys, str(LOAN), "--query", "under G2 and type=solution")
    assert code == 0
    dimmed, drawn = dimmed_and_drawn(svg)
    assert drawn == {node.id for node in load_case(LOAN).nodes}
    assert drawn - dimmed == {"Sn1", "Sn2", "Sn3"}
    assert "query under G2 and type=solution highlighted" in svg


def test_matches_only_keeps_the_path_to_the_top(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--matches-only draws the matches bright and only the goals and strategies above them."""
    code, svg = export(tmp_path, capsys, str(LOAN), "--query", "id=Sn5", "--matches-only")
    assert code == 0
    dimmed, drawn = dimmed_and_drawn(svg)
    assert drawn == {"G1", "S1", "G9", "S3", "G11", "Sn5"}
    assert drawn - dimmed == {"Sn5"}


def test_a_saved_view_exports_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--view NAME filters by the view's query and names the view in the caption."""
    case = load_case(LOAN)
    case.views = (SavedView(name="Fairness", query="under G2 and type=solution"),)
    path = tmp_path / "loan.gsnx"
    save_case(case, path)
    code, svg = export(tmp_path, capsys, str(path), "--view", "Fairness")
    assert code == 0
    dimmed, drawn = dimmed_and_drawn(svg)
    assert drawn - dimmed == {"Sn1", "Sn2", "Sn3"}
    assert "view Fairness (under G2 and type=solution) highlighted" in svg


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--query", "type=goal or"], "query:1:13: expected a condition"),
        (["--query", "under G99"], "query:1:7: there is no node 'G99'"),
        (["--view", "Nope"], "there is no saved view 'Nope'"),
        (["--matches-only"], "--matches-only needs --query or --view"),
    ],
)
def test_bad_filters_are_refused_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    """A bad query, an unknown view or a lone --matches-only exit 2 with one clear message."""
    code, err = export(tmp_path, capsys, str(LOAN), *args)
    assert code == 2
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "figure.svg").exists()
