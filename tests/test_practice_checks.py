"""The practice checks: operational claims, vague terms, degradation conditions and owners,
with claims that pass and claims that fail, through the one `assess` and the real `check`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gsn_studio.analysis import assess
from gsn_studio.analysis.claims import is_measurable
from gsn_studio.analysis.owners import by_owner
from gsn_studio.cli.main import main
from gsn_studio.io import load_case, save_case
from gsn_studio.io.gsn2x_read import parse_gsn2x
from gsn_studio.io.gsn2x_write import to_yaml
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.model import (
    Case,
    ConditionKind,
    DegradationCondition,
    Evidence,
    LinkKind,
    Measure,
    NodeType,
    PracticeSettings,
)

DAY = dt.date(2026, 6, 1)
EVIDENCE = Evidence(reference="report.pdf", date=dt.date(2026, 1, 1))


def loan_case(top: str, leaf: str, **practice: object) -> Case:
    """G1 (top) -> S1 -> G2 (leaf) <- Sn1, with the practice adopted."""
    case = Case(name="loans", practice=PracticeSettings(**practice))  # type: ignore[arg-type]
    case.add_node(NodeType.GOAL, top, "G1", owner="Dana")
    case.add_node(NodeType.STRATEGY, "Argue over each decision risk", "S1")
    case.add_node(NodeType.GOAL, leaf, "G2", owner="Ravi")
    case.add_node(NodeType.SOLUTION, "Quarterly fairness audit", "Sn1", evidence=EVIDENCE)
    case.connect("G1", "S1")
    case.connect("S1", "G2")
    case.connect("G2", "Sn1")
    return case


def codes(case: Case, require_owners: bool = False) -> list[tuple[str, str | None]]:
    findings = assess(case, DAY, require_owners=require_owners).findings
    return [(f.code, f.node) for f in findings]


@pytest.mark.parametrize(
    "statement",
    [
        "Approval rates across tracked protected groups keep disparate impact above 0.9",
        "Median decision time is at most 200 ms",
        "False rejection rate stays below 2 %",
        "No more than 3 complaints per quarter are upheld",
        "The model card is re-approved by 2026-09-30",
        "Zero decisions are made without a human in the loop",
    ],
)
def test_measurable_statements_pass(statement: str) -> None:
    """A threshold, bound, percentage, count or date makes a statement measurable."""
    assert is_measurable(statement)


@pytest.mark.parametrize(
    "statement",
    [
        "The loan model is fair",
        "Model version 2 is deployed responsibly",
        "The system is in scope of our ISO 42001 certification",
    ],
)
def test_aspirations_are_not_measurable(statement: str) -> None:
    """An aspiration (even with a version number or a standard's number in it) measures nothing."""
    assert not is_measurable(statement)


def test_an_aspiration_resting_on_evidence_is_not_operational() -> None:
    """A goal that evidence supports directly and names nothing measurable is reported, and the
    message says how to make it operational; the goal above it (not on evidence) is not."""
    case = loan_case("Loan decisions stay within tolerable risk", "Decisions are unbiased")
    found = assess(case, DAY).findings
    (finding,) = [f for f in found if f.code == "claim-not-operational"]
    assert finding.node == "G2"
    assert "threshold" in finding.message and "measure" in finding.message


def test_a_measured_claim_or_measured_evidence_is_operational() -> None:
    """A measurable statement, or a measure on the supporting evidence, passes."""
    case = loan_case("Risk is tolerable", "Disparate impact across groups stays above 0.9")
    assert ("claim-not-operational", "G2") not in codes(case)
    case = loan_case("Risk is tolerable", "Decisions are unbiased")
    measure = Measure(metric="disparate impact", comparison=">=", threshold=0.9, value=0.93)
    case.update_node("Sn1", evidence=EVIDENCE.model_copy(update={"measure": measure}))
    assert ("claim-not-operational", "G2") not in codes(case)


def test_a_vague_term_needs_a_definition_on_the_claim_or_above_it() -> None:
    """'fair' in a claim is reported until a context above it defines fairness."""
    case = loan_case("Loan decisions are fair", "Disparate impact stays above 0.9")
    assert ("vague-claim", "G1") in codes(case)
    message = next(f.message for f in assess(case, DAY).findings if f.code == "vague-claim")
    assert "'fair'" in message and "context or justification" in message
    case.add_node(NodeType.CONTEXT, "Fairness: disparate impact above 0.9 for tracked groups", "C1")
    case.connect("G1", "C1", LinkKind.IN_CONTEXT_OF)
    assert ("vague-claim", "G1") not in codes(case)
    case.update_node("G2", statement="Each decision is fair to the applicant")
    assert ("vague-claim", "G2") not in codes(case)  # defined above it, on G1


def test_the_case_sets_the_vocabulary_and_which_checks_apply() -> None:
    """A case's own vague words replace the defaults, and a check it leaves out is silent."""
    case = loan_case("Loan decisions are fair", "Decisions are unbiased", vague_terms=("unbiased",))
    assert ("vague-claim", "G2") in codes(case)
    assert ("vague-claim", "G1") not in codes(case)
    case.practice = PracticeSettings(checks=("vague-claim",))
    assert {code for code, _ in codes(case)} == {"vague-claim"}


def test_a_case_that_never_adopted_the_practice_is_checked_as_before() -> None:
    """Without practice settings no practice finding appears (existing cases keep their check)."""
    case = loan_case("Loan decisions are fair", "Decisions are unbiased")
    case.practice = None
    assert codes(case) == []


def test_top_and_load_bearing_claims_need_degradation_conditions() -> None:
    """The top claim and a load-bearing claim without conditions are reported; others are not."""
    case = loan_case("Risk stays below 1 % of decisions", "Disparate impact stays above 0.9")
    assert ("no-degradation-condition", "G1") in codes(case)
    assert ("no-degradation-condition", "G2") not in codes(case)
    case.update_node("G2", load_bearing=True)
    assert ("no-degradation-condition", "G2") in codes(case)
    shift = DegradationCondition(statement="Applicant mix shifts", review_days=90)
    case.update_node("G1", degradation=(shift,))
    case.update_node("G2", degradation=(shift,))
    assert not [c for c in codes(case) if c[0] == "no-degradation-condition"]


def test_a_condition_needs_a_working_detection() -> None:
    """A condition with no detection, or a monitor without measured evidence, is undetected;
    a monitored measure, a review interval or an open defeater each detects it."""
    case = loan_case("Risk stays below 1 % of decisions", "Disparate impact stays above 0.9")
    bare = DegradationCondition(statement="A new credit regulation applies")
    case.update_node("G1", degradation=(bare,))
    (finding,) = [f for f in assess(case, DAY).findings if f.code == "undetected-condition"]
    assert "nothing detects it" in finding.message and "review interval" in finding.message
    case.update_node("G1", degradation=(bare.model_copy(update={"monitor": "Sn1"}),))
    message = next(f.message for f in assess(case, DAY).findings if f.code.startswith("undet"))
    assert "Sn1 has no measured evidence" in message
    measure = Measure(metric="disparate impact", comparison=">=", threshold=0.9, value=0.95)
    case.update_node("Sn1", evidence=EVIDENCE.model_copy(update={"measure": measure}))
    assert ("undetected-condition", "G1") not in codes(case)
    case.add_node(NodeType.COUNTER_GOAL, "The regulation now covers our product", "CG1")
    case.update_node("G1", degradation=(bare.model_copy(update={"defeater": "CG1"}),))
    assert ("undetected-condition", "G1") not in codes(case)


def test_owners_are_required_on_request_or_by_the_case() -> None:
    """unowned-claim names the top claim and claims directly under a strategy, only when asked."""
    case = loan_case("Risk stays below 1 %", "Disparate impact stays above 0.9")
    case.update_node("G1", owner="")
    case.update_node("G2", owner="")
    assert not [c for c in codes(case) if c[0] == "unowned-claim"]
    owners = [c for c in codes(case, require_owners=True) if c[0] == "unowned-claim"]
    assert owners == [("unowned-claim", "G1"), ("unowned-claim", "G2")]
    case.practice = PracticeSettings(checks=("unowned-claim",))
    assert [c for c in codes(case) if c[0] == "unowned-claim"] == owners


def test_the_verdict_is_grouped_by_owner() -> None:
    """Each owner's claims come with their status; a claim that no longer holds is flagged."""
    case = loan_case("Risk stays below 1 %", "Disparate impact stays above 0.9")
    case.update_node("Sn1", evidence=EVIDENCE.model_copy(update={"valid_until": DAY}))
    assessment = assess(case, DAY + dt.timedelta(days=1))
    groups = by_owner(case, assessment.assurance)
    assert [(g.owner, [c.node for c in g.claims]) for g in groups] == [
        ("Dana", ["G1"]),
        ("Ravi", ["G2"]),
    ]
    assert [c.node for c in groups[1].not_holding] == ["G2"]


def test_conditions_and_settings_survive_both_file_formats() -> None:
    """Conditions, load-bearing marks and settings round-trip through .gsnx and gsn2x YAML."""
    case = loan_case("Risk stays below 1 %", "Fair", vague_terms=("fair", "unbiased"))
    condition = DegradationCondition(
        statement="Income distribution shifts",
        kind="distribution-shift",  # type: ignore[arg-type]
        monitor="Sn1",
        review_days=90,
        reviewed=dt.date(2026, 3, 1),
    )
    case.update_node("G2", load_bearing=True, degradation=(condition,))
    data = to_bytes(case)
    assert b'xmlns:practice="urn:gsn-studio:practice:1"' in data
    assert b"practice:degradationCondition" in data
    assert parse_gsnx(data) == case
    assert parse_gsn2x(to_yaml(case)) == case
    assert parse_gsnx(to_bytes(parse_gsn2x(to_yaml(case)))) == case


def test_a_bad_condition_in_a_file_is_one_line_with_its_line(tmp_path: Path) -> None:
    """A review interval that is not a number is refused with the file and line."""
    path = tmp_path / "bad.yaml"
    path.write_text("G1:\n  text: t\n  degradation:\n    - text: shift\n      reviewDays: -5\n")
    assert main(["check", str(path)]) == 2


def test_check_shows_the_practice_findings_and_fails_on_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` prints the same practice findings as assess, and --fail-on practice fails."""
    path = tmp_path / "loans.gsnx"
    save_case(loan_case("Loan decisions are fair", "Decisions are unbiased"), path)
    assert main(["check", str(path), "--as-of", "2026-06-01", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    found = {(f["code"], f["node"]) for f in report["findings"]}
    assert found == set(codes(load_case(path)))
    assert {("vague-claim", "G1"), ("claim-not-operational", "G2")} <= found
    assert main(["check", str(path), "--as-of", "2026-06-01", "--fail-on", "practice"]) == 1
    assert main(["check", str(path), "--as-of", "2026-06-01", "--fail-on", "expired"]) == 0


def test_check_practice_flag_applies_the_defaults_to_any_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--practice checks a case that has not adopted the practice; --require-owners adds owners."""
    case = loan_case("Loan decisions are fair", "Decisions are unbiased")
    case.practice = None
    case.update_node("G1", owner="")
    path = tmp_path / "loans.gsnx"
    save_case(case, path)
    assert main(["check", str(path), "--as-of", "2026-06-01"]) == 0
    assert main(["check", str(path), "--as-of", "2026-06-01", "--practice"]) == 1
    assert "vague-claim" in capsys.readouterr().out
    main(["check", str(path), "--as-of", "2026-06-01", "--require-owners"])
    assert "unowned-claim" in capsys.readouterr().out


def test_renaming_a_monitor_keeps_the_condition_pointing_at_it() -> None:
    """A condition's monitor and defeater follow a rename, and undoing the rename restores them."""
    case = loan_case("Risk stays below 1 %", "Disparate impact stays above 0.9")
    condition = DegradationCondition(statement="Shift", monitor="Sn1")
    case.update_node("G1", degradation=(condition,))
    case.rename_node("Sn1", "Sn7")
    assert case.node("G1").degradation[0].monitor == "Sn7"
    case.rename_node("Sn7", "Sn1")
    assert case.node("G1").degradation[0].monitor == "Sn1"


def test_a_bad_practice_attribute_in_a_gsnx_file_names_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A review interval that is not a number, or an unknown practice check, is one line with
    the file and line, exit status 2."""
    case = loan_case("Risk stays below 1 %", "Disparate impact stays above 0.9")
    case.update_node("G1", degradation=(DegradationCondition(statement="s", review_days=9),))
    good = to_bytes(case).decode()
    path = tmp_path / "bad.gsnx"
    path.write_text(good.replace('reviewDays="9"', 'reviewDays="nine"'))
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    line = good.splitlines().index(next(x for x in good.splitlines() if "reviewDays" in x)) + 1
    assert f"bad.gsnx:{line}:" in err and "nine" in err and err.count("\n") == 1
    path.write_text(good.replace("<practice:settings/>", '<practice:settings checks="magic"/>'))
    assert main(["check", str(path)]) == 2
    assert "unknown practice check 'magic'" in capsys.readouterr().err


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    conditions=st.lists(
        st.builds(
            DegradationCondition,
            statement=st.text(alphabet="abc xyz-", min_size=1, max_size=20).map(str.strip),
            kind=st.sampled_from(list(ConditionKind)),
            monitor=st.sampled_from(["", "Sn1", "Sn9"]),
            review_days=st.none() | st.integers(min_value=1, max_value=36_500),
            reviewed=st.none() | st.dates(min_value=dt.date(2000, 1, 1)),
            defeater=st.sampled_from(["", "CG1"]),
        ),
        max_size=3,
    ),
    load_bearing=st.booleans(),
    terms=st.none() | st.lists(st.sampled_from(["fair", "safe", "in scope of"]), max_size=2),
)
def test_any_practice_data_round_trips_in_both_formats(
    conditions: list[DegradationCondition], load_bearing: bool, terms: list[str] | None
) -> None:
    """Any conditions, load-bearing mark and settings survive .gsnx and gsn2x unchanged."""
    case = loan_case("Risk stays below 1 %", "Disparate impact stays above 0.9")
    if terms is not None:
        case.practice = PracticeSettings(vague_terms=tuple(terms))
    case.update_node("G2", load_bearing=load_bearing, degradation=tuple(conditions))
    assert parse_gsnx(to_bytes(case)) == case
    assert parse_gsn2x(to_yaml(case)) == case
