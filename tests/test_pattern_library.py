"""The pattern library in samples/patterns and `gsn-studio instantiate` over it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES

from gsn_studio.analysis.check import check_case
from gsn_studio.analysis.findings import Severity
from gsn_studio.cli.main import main
from gsn_studio.io import load_case, save_case
from gsn_studio.model import Case, Evidence, LinkKind, NodeType

PATTERNS = SAMPLES / "patterns"
DAY = dt.date(2026, 1, 1)


@pytest.mark.parametrize("name", ["fairness", "hazard-directed", "ml-component", "monitoring"])
def test_every_library_pattern_is_a_pattern_without_errors(name: str) -> None:
    """Each shipped pattern declares parameters, uses every one of them (in a statement or an
    evidence reference) and passes check without an error."""
    pattern = load_case(PATTERNS / f"{name}.gsnx")
    assert pattern.pattern is not None and pattern.pattern.parameters
    findings = check_case(pattern, as_of=DAY)
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    assert [f.message for f in findings if f.code == "unused-parameter"] == []


def _shape(case: Case, node_id: str) -> tuple[object, ...]:
    """A node's type and the shapes of its support and context, in order (not challenges)."""
    children = [
        link.target
        for link in case.ordered_links()
        if link.source == node_id
        and link.kind is not LinkKind.CHALLENGES
        and not case.node(link.target).is_counter
    ]
    return (case.node(node_id).type, tuple(_shape(case, child) for child in children))


def _pairs(first: Case, a: str, second: Case, b: str) -> list[tuple[str, str]]:
    """Matching elements of two equally shaped arguments, walked in the same order."""
    pairs = [(first.node(a).statement, second.node(b).statement)]
    mine = [t for t in first.children(a) if not first.node(t).is_counter]
    theirs = [t for t in second.children(b) if not second.node(t).is_counter]
    ordered_mine = [lk.target for lk in first.ordered_links() if lk.source == a]
    ordered_theirs = [lk.target for lk in second.ordered_links() if lk.source == b]
    mine = [t for t in ordered_mine if t in mine]
    theirs = [t for t in ordered_theirs if t in theirs]
    for x, y in zip(mine, theirs, strict=True):
        pairs += _pairs(first, x, second, y)
    return pairs


def test_fairness_pattern_reproduces_the_fairness_part_of_the_loan_sample(tmp_path: Path) -> None:
    """Instantiated with the loan values, the fairness pattern gives the loan case's fairness
    argument: the same goal structure, and statements of the same shape."""
    out = tmp_path / "fairness.gsnx"
    code = main(
        [
            "instantiate",
            str(PATTERNS / "fairness.gsnx"),
            "--values",
            str(PATTERNS / "loan-fairness.yaml"),
            "-o",
            str(out),
        ]
    )
    assert code == 0
    instance, loan = load_case(out), load_case(SAMPLES / "loan-approval.gsnx")
    assert _shape(instance, "G1") == _shape(loan, "G2")
    for mine, theirs in _pairs(instance, "G1", loan, "G2"):
        assert (
            mine == theirs
            or theirs.startswith(mine)
            or (":" in mine and mine.split(":")[0] == theirs.split(":")[0])
        ), (mine, theirs)
    assert instance.node("G1").statement == loan.node("G2").statement
    assert instance.node("Sn1").evidence == Evidence(reference="evidence/bias-audit-2025-q1.md")
    assert check_case(instance, as_of=DAY) == []


LIBRARY = [
    ("fairness", "loan-fairness.yaml"),
    ("hazard-directed", "pump-hazards.csv"),
    ("ml-component", "loan-ml-component.yaml"),
    ("monitoring", "loan-monitoring.yaml"),
]


@pytest.mark.parametrize(("name", "values"), LIBRARY)
def test_every_library_pattern_instantiates_into_a_case_that_checks_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, values: str
) -> None:
    """`instantiate` with the pattern's values file, then `check` of the instance written
    beside the sample evidence, exits 0 with no finding at all (no error, no warning)."""
    shutil.copytree(SAMPLES / "evidence", tmp_path / "evidence")
    out = tmp_path / f"{name}.gsnx"
    run = ["instantiate", str(PATTERNS / f"{name}.gsnx"), "--values", str(PATTERNS / values)]
    assert main([*run, "-o", str(out)]) == 0
    assert not any(node.uninstantiated for node in load_case(out).nodes)
    capsys.readouterr()
    assert main(["check", str(out), "--as-of", "2026-12-01"]) == 0
    assert "no findings" in capsys.readouterr().out


def test_instantiate_from_csv_unrolls_hazards_and_resolves_the_choice(tmp_path: Path) -> None:
    """A CSV of values (a row per list item, `choose` rows) gives one branch per hazard, each
    mitigated by the chosen design branch."""
    out = tmp_path / "pump.gsnx"
    args = ["instantiate", str(PATTERNS / "hazard-directed.gsnx")]
    assert main([*args, "--values", str(PATTERNS / "pump-hazards.csv"), "-o", str(out)]) == 0
    instance = load_case(out)
    hazards = [g for g in instance.children("S1") if instance.node(g).role.role == "G2"]  # type: ignore[union-attr]
    assert [instance.node(g).statement for g in hazards] == [
        "Hazard H1 over-infusion is mitigated to an acceptable level",
        "Hazard H2 air in line is mitigated to an acceptable level",
        "Hazard H3 free flow is mitigated to an acceptable level",
    ]
    for goal in hazards:
        (design,) = instance.children(goal)
        assert instance.node(design).statement.startswith("The design eliminates")


def test_reinstantiating_over_the_output_keeps_evidence_added_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run again with more items over its own output, instantiate updates the instance and
    keeps evidence attached to instantiated solutions."""
    values = tmp_path / "v.yaml"
    values.write_text(
        "parameters:\n  system: the pump\n  metrics: [occlusion alarms <= 3]\n  cadence: weekly\n"
        "  response: a field safety notice\n  measurements: alarms.csv\n",
        encoding="utf-8",
    )
    out = tmp_path / "monitoring.gsnx"
    run = ["instantiate", str(PATTERNS / "monitoring.gsnx"), "--values", str(values), "-o"]
    assert main([*run, str(out)]) == 0
    instance = load_case(out)
    (solution,) = [n for n in instance.nodes if n.role is not None and n.role.role == "Sn1"]
    kept = Evidence(reference="alarms-2026.csv", date=dt.date(2026, 1, 5))
    instance.update_node(solution.id, evidence=kept)
    save_case(instance, out)
    values.write_text(
        values.read_text(encoding="utf-8").replace(
            "[occlusion alarms <= 3]", "[occlusion alarms <= 3, battery faults <= 1]"
        ),
        encoding="utf-8",
    )
    assert main([*run, str(out)]) == 0
    assert "updated" in capsys.readouterr().out
    updated = load_case(out)
    solutions = {n.statement: n for n in updated.of_type(NodeType.SOLUTION)}
    assert solutions["Weekly measurement of occlusion alarms <= 3"].evidence == kept
    assert "Weekly measurement of battery faults <= 1" in solutions


def test_instantiate_refuses_to_overwrite_a_case_that_is_not_an_instance(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An existing OUT that is not an instance is left alone, with a one-line message."""
    out = tmp_path / "loan.gsnx"
    out.write_bytes((SAMPLES / "loan-approval.gsnx").read_bytes())
    before = out.read_bytes()
    code = main(
        [
            "instantiate",
            str(PATTERNS / "fairness.gsnx"),
            "--values",
            str(PATTERNS / "loan-fairness.yaml"),
            "-o",
            str(out),
        ]
    )
    assert code == 2
    assert "not an instance" in capsys.readouterr().err
    assert out.read_bytes() == before


def test_bad_values_are_refused_in_one_line_with_exit_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A value for an undeclared parameter names it, in one line, exit status 2."""
    values = tmp_path / "v.yaml"
    values.write_text("parameters:\n  sytem: x\n", encoding="utf-8")
    out = tmp_path / "o.gsnx"
    code = main(
        ["instantiate", str(PATTERNS / "fairness.gsnx"), "--values", str(values), "-o", str(out)]
    )
    error = capsys.readouterr().err
    assert code == 2 and "no parameter 'sytem'" in error and error.count("\n") == 1
    assert not out.exists()


def test_monitoring_pattern_gives_measured_evidence_that_check_judges(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Metrics given as measured claims become each branch's measure, read from the
    monitoring file: a value over its threshold fails `check`."""
    (tmp_path / "monitoring.csv").write_text(
        "date,false negative rate,latency p95\n2026-10-01,0.04,700\n2026-11-01,0.03,900\n",
        encoding="utf-8",
    )
    values = tmp_path / "values.yaml"
    values.write_text(
        "parameters:\n  system: the triage model\n"
        "  metrics: [false negative rate <= 0.05, latency p95 <= 800]\n"
        "  measurements: monitoring.csv\n  cadence: monthly\n  response: a rollback\n",
        encoding="utf-8",
    )
    out = tmp_path / "triage.gsnx"
    run = ["instantiate", str(PATTERNS / "monitoring.gsnx"), "--values", str(values), "-o"]
    assert main([*run, str(out)]) == 0
    measures = {
        n.evidence.measure.rule: n.evidence.reference
        for n in load_case(out).of_type(NodeType.SOLUTION)
        if n.evidence is not None and n.evidence.measure is not None
    }
    assert measures == {
        "false negative rate <= 0.05": "monitoring.csv",
        "latency p95 <= 800": "monitoring.csv",
    }
    assert main(["check", str(out), "--as-of", "2026-12-01"]) == 1
    assert "latency p95 is 900 in monitoring.csv" in capsys.readouterr().out


def test_too_few_items_for_at_least_n_fail_in_one_line_naming_the_minimum(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`instantiate` over a link "at least 2" with one item exits 2 with one line that names
    the link, its list and the minimum, and writes nothing."""
    from gsn_studio.model.patterns import (
        Multiplicity,
        MultiplicityKind,
        Parameter,
        ParameterType,
        PatternInfo,
    )

    pattern = Case(name="Barriers")
    pattern.pattern = PatternInfo(parameters=(Parameter(name="barriers", type=ParameterType.LIST),))
    pattern.add_node(NodeType.GOAL, "The hazard is prevented by independent barriers")
    pattern.add_node(NodeType.GOAL, "{barriers} prevents the hazard", undeveloped=True)
    pattern.connect("G1", "G2")
    at_least = Multiplicity(kind=MultiplicityKind.AT_LEAST, count=2)
    pattern.links[0] = pattern.links[0].model_copy(update={"multiplicity": at_least})
    save_case(pattern, tmp_path / "barriers.gsnx")
    values = tmp_path / "values.csv"
    values.write_text("parameter,value\nbarriers,Interlock\n", encoding="utf-8")
    out = tmp_path / "out.gsnx"
    code = main(
        ["instantiate", str(tmp_path / "barriers.gsnx"), "--values", str(values), "-o", str(out)]
    )
    error = capsys.readouterr().err
    assert code == 2 and error.count("\n") == 1
    assert "G1 → G2 takes at least 2 {barriers}: 1 given" in error
    assert not out.exists()
