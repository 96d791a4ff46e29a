"""Folding without Qt: which nodes a fold hides, the file keeps it, figures follow it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from factories import hazard_case
from lxml import etree

from gsn_studio.analysis.levels import worst_mark
from gsn_studio.cli.main import main
from gsn_studio.io import load_case, save_case
from gsn_studio.model import Case, Evidence
from gsn_studio.model.diagram_view import (
    FoldNodes,
    fold_markers,
    folds_at_depth,
    folds_hiding,
    hanging,
    hidden_by_folds,
    path_to,
)

SVG = "{http://www.w3.org/2000/svg}"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def folded_case() -> Case:
    case = hazard_case()
    case.update_node(
        "Sn1",
        evidence=Evidence(
            reference="evidence/h1.pdf", date=dt.date(2019, 1, 1), valid_until=dt.date(2020, 1, 1)
        ),
    )
    FoldNodes({"S1": True}).apply(case)
    return case


def test_fold_hides_support_but_keeps_own_context() -> None:
    """Folding S1 hides its support and what hangs below it; S1's justification stays."""
    case = folded_case()
    hidden = hidden_by_folds(case)
    assert hidden == {"G2", "G3", "A1", "Sn1", "Sn2"}
    table = hanging(case)
    markers = fold_markers(case, {"S1"}, hidden, table)
    assert {k: sorted(v) for k, v in markers.items()} == {"S1": sorted(hidden)}


def test_node_shared_with_an_unfolded_branch_stays_visible() -> None:
    """A node that an unfolded branch also reaches is not hidden by another branch's fold."""
    case = hazard_case()
    case.connect("G3", "Sn1")
    FoldNodes({"G2": True}).apply(case)
    assert hidden_by_folds(case) == set()  # Sn1 is also G3's; A1 is G2's context
    FoldNodes({"G3": True}).apply(case)
    assert hidden_by_folds(case) == {"Sn1", "Sn2"}


def test_fold_undo_and_reveal() -> None:
    """A fold's inverse unfolds; revealing a hidden node names the folds above it."""
    case = hazard_case()
    inverse = FoldNodes({"G1": True, "S1": True}).apply(case)
    hidden = hidden_by_folds(case)
    assert folds_hiding(case, "Sn2", hidden) == {"G1", "S1"}
    inverse.apply(case)
    assert not any(node.folded for node in case.nodes)
    assert path_to(case, "Sn2") == ["G1", "S1", "G3", "Sn2"]


def test_folds_at_depth() -> None:
    """Depth 1 folds the nodes one SupportedBy step below the top that have support."""
    assert folds_at_depth(hazard_case(), 1) == {"S1"}
    assert folds_at_depth(hazard_case(), 2) == {"G2", "G3"}


def test_worst_mark_ranks_evidence_words_by_the_level_they_stand_for() -> None:
    """Expired evidence is worse than supported, a level's own word wins a tie."""
    assert worst_mark(["supported", "expired"]) == "expired"
    assert worst_mark(["expired", "weakened", "undeveloped"]) == "weakened"
    assert worst_mark(["weakened", "accepted"]) == "accepted"
    assert worst_mark([]) == ""


def test_folds_survive_save_and_reopen(tmp_path: Path) -> None:
    """The fold is written as a Diagram Fold element and read back; old files fold nothing."""
    path = tmp_path / "case.gsnx"
    save_case(folded_case(), path)
    diagram = etree.parse(str(path)).getroot().find("{*}Diagram")
    assert [e.get("ref") for e in diagram.iterfind("{*}Fold")] == ["S1"]
    again = load_case(path)
    assert [node.id for node in again.nodes if node.folded] == ["S1"]
    assert not any(node.folded for node in load_case(SAMPLES / "loan-approval.gsnx").nodes)


def test_diff_ignores_folds() -> None:
    """Folding is not a change to the argument: comparing versions does not report it."""
    from gsn_studio.analysis.diff import diff_cases

    folded = hazard_case()
    FoldNodes({"S1": True, "G2": True}).apply(folded)
    assert diff_cases(hazard_case(), folded) == diff_cases(hazard_case(), hazard_case())


def _export(tmp_path: Path, case: Case, *args: str) -> etree._Element:
    source, out = tmp_path / "case.gsnx", tmp_path / "figure.svg"
    save_case(case, source)
    assert main(["export", str(source), "-o", str(out), "--as-of", "2026-12-01", *args]) == 0
    return etree.parse(str(out)).getroot()


def node_ids(root: etree._Element) -> set[str]:
    return {g.get("id") for g in root.iter(f"{SVG}g") if g.get("id")}


def test_export_draws_the_marker_and_omits_folded_nodes(tmp_path: Path) -> None:
    """The SVG of a folded case leaves out the folded nodes and marks S1 "+5 WEAKENED"."""
    root = _export(tmp_path, folded_case())
    assert node_ids(root) == {"G1", "C1", "S1", "J1"}
    marker = root.find(f".//{SVG}g[@class='gsn-fold']")
    assert marker.get("data-node") == "S1"
    assert marker.get("data-folded") == "5"
    assert "".join(marker.find(f"{SVG}text").itertext()) == "+5 WEAKENED"
    assert marker.find(f"{SVG}rect").get("stroke") == "#d84315"  # weakened's colour


def test_export_unfold_shows_everything(tmp_path: Path) -> None:
    """--unfold ignores the diagram's folds."""
    root = _export(tmp_path, folded_case(), "--unfold")
    assert len(node_ids(root)) == 9
    assert root.find(f".//{SVG}g[@class='gsn-fold']") is None


def test_export_depth_folds_deeper_nodes(tmp_path: Path) -> None:
    """--depth 2 (without --root: from the top) folds G2 and G3 with a marker each."""
    root = _export(tmp_path, hazard_case(), "--depth", "2")
    assert node_ids(root) == {"G1", "C1", "S1", "J1", "G2", "G3", "A1"}
    markers = {m.get("data-node"): m.get("data-folded") for m in root.iter(f"{SVG}g")
               if m.get("class") == "gsn-fold"}  # fmt: skip
    assert markers == {"G2": "1", "G3": "1"}
    caption = "".join(root.find(f".//{SVG}text[@class='gsn-caption']").itertext())
    assert "2 levels down" in caption


def test_export_root_caption_names_the_parent(tmp_path: Path) -> None:
    """A figure of a subtree says where it hangs: its parent's id in the caption."""
    root = _export(tmp_path, hazard_case(), "--root", "G2")
    caption = "".join(root.find(f".//{SVG}text[@class='gsn-caption']").itertext())
    assert "it sits under S1" in caption


def test_folds_survive_gsn2x_and_sacm(tmp_path: Path) -> None:
    """Folds are kept beside positions in gsn2x YAML and in the SACM overlay too."""
    for name in ("case.yaml", "case.sacm"):
        path = tmp_path / name
        save_case(folded_case(), path)
        assert [node.id for node in load_case(path).nodes if node.folded] == ["S1"], name
