"""Figures of part of an argument say where that part sits."""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLES

from gsn_studio import __version__
from gsn_studio.cli import main


def test_a_subtree_figure_names_its_parent_in_the_caption(tmp_path: Path) -> None:
    """`export --root G2` captions the figure, once, with the case and the node G2 hangs
    under, S1, beside the date and version every caption carries."""
    out = tmp_path / "g2.svg"
    assert (
        main(["export", str(SAMPLES / "loan-approval.gsnx"), "--root", "G2", "-o", str(out)]) == 0
    )
    svg = out.read_text(encoding="utf-8")
    assert svg.count('class="gsn-caption"') == 1
    assert " · G2 and what supports it; it sits under S1 · as of " in svg
    assert f"GSN Studio {__version__}" in svg


def test_a_whole_figure_caption_names_no_place(tmp_path: Path) -> None:
    """The whole argument's caption names the case, without saying where anything sits."""
    out = tmp_path / "all.svg"
    assert main(["export", str(SAMPLES / "loan-approval.gsnx"), "-o", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    assert svg.count('class="gsn-caption"') == 1 and "it sits" not in svg
