"""Assurance claim points: gsn2x `acp` keys, .gsnx, and their effect on assurance status."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gsn_studio.analysis.check import assess
from gsn_studio.analysis.levels import Level
from gsn_studio.io.gsn2x_read import read_gsn2x
from gsn_studio.io.gsn2x_write import to_yaml
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.model import Case, Evidence, NodeType
from gsn_studio.model.patterns import AssuranceClaimPoint

DAY = dt.date(2026, 1, 1)
GOOD = Evidence(reference="https://example.org/report", date=dt.date(2025, 12, 1))


def stepped_case(confidence_undeveloped: bool) -> Case:
    """G1 → G2 → S2 → G3 → Sn1, fully supported, and a confidence argument G9 (about the
    step S2 → G3) that is developed or not."""
    case = Case(name="ACP")
    for node_id, node_type in [
        ("G1", NodeType.GOAL),
        ("G2", NodeType.GOAL),
        ("S2", NodeType.STRATEGY),
        ("G3", NodeType.GOAL),
        ("G9", NodeType.GOAL),
    ]:
        case.add_node(node_type, f"claim {node_id}", node_id=node_id)
    case.add_node(NodeType.SOLUTION, "report", node_id="Sn1", evidence=GOOD)
    case.add_node(NodeType.SOLUTION, "sampling study", node_id="Sn9", evidence=GOOD)
    for source, target in [("G1", "G2"), ("G2", "S2"), ("S2", "G3"), ("G3", "Sn1")]:
        case.connect(source, target)
    if confidence_undeveloped:
        case.update_node("G9", undeveloped=True)
    else:
        case.connect("G9", "Sn9")
    case.acps = [AssuranceClaimPoint(name="ACP1", node="S2", to="G3", confidence="G9")]
    return case


def test_gsn2x_confidence_example_reads_acps_and_writes_the_same_bytes(corpus: Path) -> None:
    """gsn2x's acp keys become ACPs on links and elements, and write back unchanged."""
    path = corpus / "gsn2x" / "examples" / "confidence.gsn.yaml"
    case = read_gsn2x(path)
    places = [(acp.name, acp.describe_place()) for acp in case.acps]
    assert ("ACP1", "G1 → S1") in places and ("ACP6", "C1") in places
    assert ("ACP3", "G3 → Sn2a") in places and ("ACP3", "G3 → Sn2b") in places
    assert all("acp" not in node.extras for node in case.nodes)
    assert to_yaml(case) == path.read_bytes()


def test_acps_from_gsn2x_without_confidence_arguments_weaken_what_they_sit_on(
    corpus: Path,
) -> None:
    """An ACP with no confidence argument yet leaves the step it sits on weakened."""
    case = read_gsn2x(corpus / "gsn2x" / "examples" / "confidence.gsn.yaml")
    found = assess(case, as_of=DAY)
    assert "G2 weakened: confidence ACP2 on G2 → Sn1 has no confidence argument" in (
        found.assurance["G2"].explain("G2")
    )


def test_an_undeveloped_confidence_argument_weakens_the_claim_above_its_acp() -> None:
    """An ACP on S2 → G3 whose confidence argument is undeveloped weakens S2 and what it
    supports, and says why."""
    found = assess(stepped_case(confidence_undeveloped=True), as_of=DAY)
    assert found.assurance["G2"].status is Level.WEAKENED
    assert "G2 weakened: confidence ACP1 on S2 → G3 is undeveloped via S2" in (
        found.assurance["G2"].explain("G2")
    )
    assert found.assurance["G3"].status is Level.SUPPORTED


def test_a_sound_confidence_argument_leaves_the_status_alone() -> None:
    """With its confidence argument supported, an ACP changes nothing."""
    found = assess(stepped_case(confidence_undeveloped=False), as_of=DAY)
    assert found.assurance["G1"].status is Level.SUPPORTED
    assert found.findings == []


def test_a_defeated_confidence_argument_weakens_too() -> None:
    """A confidence argument defeated by an accepted counter claim weakens the step."""
    case = stepped_case(confidence_undeveloped=False)
    case.add_node(
        NodeType.COUNTER_GOAL,
        "the sampling was biased",
        node_id="CG1",
        defeater_status="accepted",
    )
    case.connect("CG1", "G9")
    found = assess(case, as_of=DAY)
    assert found.assurance["G9"].status is Level.DEFEATED
    assert "S2 weakened: confidence ACP1 on S2 → G3 is defeated" in (
        found.assurance["S2"].explain("S2")
    )


def test_acps_round_trip_through_gsnx_and_a_dangling_one_is_reported() -> None:
    """ACPs with their confidence arguments survive .gsnx; one on a missing link is an error."""
    case = stepped_case(confidence_undeveloped=True)
    assert parse_gsnx(to_bytes(case)) == case
    case.acps.append(AssuranceClaimPoint(name="ACP2", node="G1", to="Sn1"))
    codes = {f.code: f.message for f in assess(case, as_of=DAY).findings}
    assert codes["acp-dangling"] == "ACP2 on G1 → Sn1: there is no link G1 → Sn1"


def test_a_module_as_confidence_argument_counts_in_the_whole_modular_case() -> None:
    """An ACP naming a module as its confidence argument is judged by that module's top goal
    once the modules are put together."""
    from gsn_studio.model import ModularCase, Module

    top = stepped_case(confidence_undeveloped=False)
    top.remove_node("G9")
    top.remove_node("Sn9")
    top.acps = [AssuranceClaimPoint(name="ACP1", node="S2", to="G3", module="trust")]
    trust = Case(name="trust")
    trust.add_node(NodeType.GOAL, "The test set is representative", node_id="T1", undeveloped=True)
    modular = ModularCase(
        modules=[
            Module(id="top", path="top.gsnx", case=top),
            Module(id="trust", path="trust.gsnx", case=trust),
        ]
    )
    complete = modular.complete().case
    (acp,) = complete.acps
    assert acp.confidence == "T1"
    found = assess(complete, as_of=DAY)
    assert "G2 weakened: confidence ACP1 on S2 → G3 is undeveloped via S2" in (
        found.assurance["G2"].explain("G2")
    )
