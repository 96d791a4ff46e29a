"""Figures of part of an argument say where that part sits."""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLES

from gsn_studio.cli import main


def test_a_subtree_figure_names_its_parent_in_the_caption(tmp_path: Path) -> None:
    """`export --root G2` captions the figure with the node G2 hangs under, S1."""
    out = tmp_path / "g2.svg"
    assert (
        main(["export", str(SAMPLES / "loan-approval.gsnx"), "--root", "G2", "-o", str(out)]) == 0
    )
    svg = out.read_text(encoding="utf-8")
    assert 'class="gsn-caption"' in svg
    assert "G2 and what supports it; it sits under S1 in " in svg


def test_a_whole_figure_has_no_caption(tmp_path: Path) -> None:
    """The whole argument needs no caption to say where it sits."""
    out = tmp_path / "all.svg"
    assert main(["export", str(SAMPLES / "loan-approval.gsnx"), "-o", str(out)]) == 0
    assert "gsn-caption" not in out.read_text(encoding="utf-8")
