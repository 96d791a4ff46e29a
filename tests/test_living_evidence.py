"""Living evidence: artifact drift, currency, measured thresholds, defeaters and the assurance
status that propagates up the argument with its reasons."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest

from gsn_studio.analysis import (
    ArtifactReader,
    HashState,
    Level,
    VerificationError,
    assess,
    verified_fields,
)
from gsn_studio.model import (
    Case,
    DefeaterStatus,
    Evidence,
    LinkKind,
    Measure,
    NodeType,
    Verification,
)

DAY = dt.date(2026, 6, 1)


def codes(case: Case, reader: ArtifactReader | None = None, **kw: object) -> set[tuple[str, str]]:
    assessment = assess(case, DAY, reader, **kw)  # type: ignore[arg-type]
    return {(f.code, f.node or "-") for f in assessment.findings}


def diamond() -> Case:
    """G1 → S1 → {G2, G3}, both supported by the one shared solution Sn1; G4 by Sn2."""
    case = Case()
    case.add_node(NodeType.GOAL, "top", node_id="G1")
    case.add_node(NodeType.STRATEGY, "split", node_id="S1")
    case.add_node(NodeType.GOAL, "left", node_id="G2")
    case.add_node(NodeType.GOAL, "right", node_id="G3")
    case.add_node(NodeType.GOAL, "other", node_id="G4")
    case.add_node(
        NodeType.SOLUTION,
        "shared",
        node_id="Sn1",
        evidence=Evidence(reference="audit.pdf", valid_until=dt.date(2026, 12, 31)),
    )
    case.add_node(
        NodeType.SOLUTION,
        "own",
        node_id="Sn2",
        evidence=Evidence(reference="https://example.org/r", valid_until=dt.date(2027, 6, 30)),
    )
    for parent, child in [
        ("G1", "S1"),
        ("S1", "G2"),
        ("S1", "G3"),
        ("S1", "G4"),
        ("G2", "Sn1"),
        ("G3", "Sn1"),
        ("G4", "Sn2"),
    ]:
        case.connect(parent, child)
    return case


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "audit.pdf").write_bytes(b"bias audit, version 1")
    return tmp_path


def verified_case(folder: Path) -> tuple[Case, ArtifactReader]:
    case = diamond()
    reader = ArtifactReader(folder)
    case.update_node("Sn1", **verified_fields(case.node("Sn1"), reader, "Ana", DAY))
    return case, reader


# -- artifacts ---------------------------------------------------------------------------


def test_verification_records_the_sha256_of_the_file(folder: Path) -> None:
    """Mark verified stores the day, the name and the file's SHA-256; the check then matches."""
    case, reader = verified_case(folder)
    evidence = case.node("Sn1").evidence
    assert evidence is not None and evidence.verified is not None
    assert evidence.verified.by == "Ana" and evidence.verified.on == DAY
    assert evidence.verified.sha256 == hashlib.sha256(b"bias audit, version 1").hexdigest()
    assessment = assess(case, DAY, reader)
    assert assessment.judgements["Sn1"].hash_state is HashState.MATCHES
    assert assessment.assurance["G1"].status is Level.SUPPORTED


def test_editing_the_artifact_gives_evidence_changed_and_weakens_the_top(folder: Path) -> None:
    """Once the file differs from what was verified, check says so and G1 is weakened, via S1."""
    case, reader = verified_case(folder)
    (folder / "audit.pdf").write_bytes(b"bias audit, quietly edited")
    assessment = assess(case, DAY, reader)
    assert ("evidence-changed", "Sn1") in {(f.code, f.node) for f in assessment.findings}
    top = assessment.assurance["G1"]
    assert top.status is Level.WEAKENED
    assert top.explain("G1") == [
        "G1 weakened: Sn1 audit.pdf changed since it was verified via S1 → G2"
    ]


def test_a_deleted_artifact_is_missing(folder: Path) -> None:
    """A verified file that is gone gives evidence-missing; an unverified one is not reported."""
    case, reader = verified_case(folder)
    (folder / "audit.pdf").unlink()
    assert ("evidence-missing", "Sn1") in codes(case, reader)
    fresh = diamond()
    assert not {c for c, _ in codes(fresh, reader)} & {"evidence-missing", "evidence-changed"}
    assert assess(fresh, DAY, reader).judgements["Sn1"].hash_state is HashState.NO_FILE


@pytest.mark.parametrize("reference", ["../secret.txt", "{tmp}/secret.txt", "sub/../../secret.txt"])
def test_paths_leaving_the_case_folder_are_not_read(tmp_path: Path, reference: str) -> None:
    """A reference outside the case's folder (relative or absolute) is refused, named in a
    finding that says how to allow it, and verifying it is refused too."""
    inner = tmp_path / "case"
    inner.mkdir()
    (tmp_path / "secret.txt").write_text("private")
    reference = reference.format(tmp=tmp_path)
    case = diamond()
    case.update_node(
        "Sn1",
        evidence=Evidence(
            reference=reference, verified=Verification(on=DAY, by="x", sha256="0" * 64)
        ),
    )
    reader = ArtifactReader(inner)
    assessment = assess(case, DAY, reader)
    (finding,) = [f for f in assessment.findings if f.node == "Sn1"]
    assert finding.code == "evidence-not-read"
    assert "outside the case's folder" in finding.message and "allow" in finding.message
    with pytest.raises(VerificationError, match="outside"):
        verified_fields(case.node("Sn1"), reader, "x", DAY)
    allowed = assess(case, DAY, ArtifactReader(inner, allow_outside=True))
    assert allowed.judgements["Sn1"].hash_state is HashState.CHANGED  # read, and not 0000...


def test_a_symbolic_link_inside_the_folder_is_not_followed(folder: Path, tmp_path: Path) -> None:
    """A link in the case folder pointing elsewhere is a way out too, and is refused."""
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text("elsewhere")
    os.symlink(outside, folder / "link.pdf")
    case = diamond()
    case.update_node("Sn1", evidence=Evidence(reference="link.pdf"))
    (finding,) = [f for f in assess(case, DAY, ArtifactReader(folder)).findings if f.node == "Sn1"]
    assert finding.code == "evidence-not-read" and "symbolic link" in finding.message


def test_urls_are_never_fetched_and_verify_without_a_hash(folder: Path) -> None:
    """A URL gets a verification with a date and no hash, and no drift finding ever."""
    case = diamond()
    fields = verified_fields(case.node("Sn2"), ArtifactReader(folder), "Bo", DAY)
    assert fields["evidence"].verified == Verification(on=DAY, by="Bo", sha256="")
    case.update_node("Sn2", **fields)
    assert assess(case, DAY, ArtifactReader(folder)).judgements["Sn2"].hash_state is HashState.URL


# -- currency -----------------------------------------------------------------------------


def test_moving_the_as_of_date_past_expiry_weakens_both_sides_of_the_diamond() -> None:
    """Shared evidence that expires weakens G2 and G3, and counts once for G1."""
    case = diamond()
    before = assess(case, dt.date(2026, 12, 31))
    assert before.assurance["G1"].status is Level.SUPPORTED
    after = assess(case, dt.date(2027, 1, 1))
    assert after.assurance["G2"].status is Level.WEAKENED
    assert after.assurance["G3"].status is Level.WEAKENED
    assert after.assurance["G4"].status is Level.SUPPORTED
    reasons = after.assurance["G1"].reasons
    assert len(reasons) == 1 and reasons[0].cause == "Sn1"
    assert after.assurance["G1"].explain("G1") == [
        "G1 weakened: Sn1 expired on 2026-12-31 via S1 → G2"
    ]
    assert after.statuses(case) == {
        "G1": "weakened",
        "S1": "weakened",
        "G2": "weakened",
        "G3": "weakened",
        "G4": "supported",
    }


def test_expiring_soon_follows_the_window() -> None:
    """Evidence due in 30 days warns with the default window, not with a 10-day one."""
    case = diamond()
    day = dt.date(2026, 12, 1)
    assert ("expiring-soon", "Sn1") in {(f.code, f.node) for f in assess(case, day).findings}
    quiet = assess(case, day, soon_days=10)
    assert "expiring-soon" not in {f.code for f in quiet.findings}
    assert quiet.assurance["G1"].status is Level.SUPPORTED


def test_a_review_interval_counts_from_the_last_verification(folder: Path) -> None:
    """With 90 days' review, evidence verified on 1 June is due on 30 August."""
    case, reader = verified_case(folder)
    evidence = case.node("Sn1").evidence
    assert evidence is not None
    case.update_node(
        "Sn1", evidence=evidence.model_copy(update={"valid_until": None, "review_days": 90})
    )
    assert assess(case, dt.date(2026, 8, 30), reader).assurance["G1"].status is Level.SUPPORTED
    late = assess(case, dt.date(2026, 8, 31), reader)
    (finding,) = [f for f in late.findings if f.node == "Sn1"]
    assert finding.code == "expired-evidence" and "review was due on 2026-08-30" in finding.message


def test_sound_until_is_the_earliest_expiry_still_ahead() -> None:
    """The case stays sound until its first piece of evidence expires."""
    case = diamond()
    assert assess(case, DAY).sound_until() == dt.date(2026, 12, 31)
    assert assess(case, dt.date(2027, 1, 1)).sound_until() == dt.date(2027, 6, 30)


# -- measured evidence ----------------------------------------------------------------------


def test_a_measured_value_in_the_case_is_judged_against_its_threshold() -> None:
    """0.85 fails 'disparate impact >= 0.9'; 0.93 passes."""
    case = diamond()
    evidence = Evidence(measure=Measure.parse("disparate impact >= 0.9", value=0.85))
    case.update_node("Sn2", evidence=evidence)
    failing = assess(case, DAY)
    (finding,) = [f for f in failing.findings if f.node == "Sn2"]
    assert finding.code == "evidence-fails-threshold"
    assert "disparate impact is 0.85, which fails disparate impact >= 0.9" in finding.message
    assert failing.assurance["G4"].status is Level.WEAKENED
    case.update_node(
        "Sn2", evidence=Evidence(measure=Measure.parse("disparate impact >= 0.9", 0.93))
    )
    assert assess(case, DAY).assurance["G4"].status is Level.SUPPORTED


def test_changing_the_value_in_a_monitoring_csv_is_seen_by_the_next_check(folder: Path) -> None:
    """A CSV the solution references is read at each check: its last row decides, and its
    changing content is not drift."""
    data = folder / "fairness.csv"
    data.write_text("date,disparate_impact\n2026-05-01,0.95\n2026-05-15,0.93\n")
    case = diamond()
    measure = Measure.parse("disparate impact >= 0.9", key="disparate_impact")
    case.update_node("Sn2", evidence=Evidence(reference="fairness.csv", measure=measure))
    reader = ArtifactReader(folder)
    case.update_node("Sn2", **verified_fields(case.node("Sn2"), reader, "bot", DAY))
    assert assess(case, DAY, reader).judgements["Sn2"].measured == 0.93
    with data.open("a") as stream:
        stream.write("2026-06-01,0.81\n")
    after = assess(case, DAY, reader)
    assert after.judgements["Sn2"].state == "failing"
    codes_found = {f.code for f in after.findings if f.node == "Sn2"}
    assert codes_found == {"evidence-fails-threshold"}
    assert after.assurance["G1"].explain("G1")[0] == (
        "G1 weakened: Sn2 disparate impact 0.81 fails disparate impact >= 0.9 via S1 → G4"
    )


def test_a_json_file_gives_a_value_at_a_dotted_key(folder: Path) -> None:
    """JSON measurements are found by key, nested keys written with dots."""
    (folder / "m.json").write_text('{"fairness": {"di": 0.91}, "n": 1000}')
    case = diamond()
    measure = Measure.parse("di >= 0.9", key="fairness.di")
    case.update_node("Sn2", evidence=Evidence(reference="m.json", measure=measure))
    judgement = assess(case, DAY, ArtifactReader(folder)).judgements["Sn2"]
    assert (judgement.measured, judgement.passes) == (0.91, True)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "not valid JSON"),
        ('{"other": 1}', "no value for"),
        ('{"di": "n/a"}', "not a number"),
    ],
)
def test_an_unreadable_measurement_is_a_finding_not_a_crash(
    folder: Path, content: str, problem: str
) -> None:
    """Broken JSON, a missing key or a non-number each give evidence-unmeasured saying why."""
    (folder / "m.json").write_text(content)
    case = diamond()
    case.update_node(
        "Sn2", evidence=Evidence(reference="m.json", measure=Measure.parse("di >= 0.9"))
    )
    (finding,) = [f for f in assess(case, DAY, ArtifactReader(folder)).findings if f.node == "Sn2"]
    assert finding.code == "evidence-unmeasured" and problem in finding.message


# -- defeaters ------------------------------------------------------------------------------


def challenged(status: DefeaterStatus, refutation: Evidence | None = None) -> Case:
    case = diamond()
    case.add_node(
        NodeType.COUNTER_GOAL,
        "The audit sample excludes applicants over 70",
        node_id="CG1",
        defeater_status=status,
        refutation=refutation,
    )
    case.connect("CG1", "G3", LinkKind.CHALLENGES)
    return case


def test_an_open_defeater_weakens_what_it_challenges() -> None:
    """G3 is weakened by the open challenge, and G1 through it."""
    assessment = assess(challenged(DefeaterStatus.OPEN), DAY)
    assert assessment.assurance["G3"].status is Level.WEAKENED
    assert assessment.assurance["G1"].explain("G1") == [
        "G1 weakened: CG1 challenges G3 and is still open via S1 → G3"
    ]
    assert ("open-defeater", "CG1") in {(f.code, f.node) for f in assessment.findings}


def test_an_accepted_defeater_defeats_its_target_and_everything_that_needs_it() -> None:
    """An accepted defeater on G3 defeats G3, S1 and G1, but not G2 beside it."""
    assessment = assess(challenged(DefeaterStatus.ACCEPTED), DAY)
    for node_id in ("G3", "S1", "G1"):
        assert assessment.assurance[node_id].status is Level.DEFEATED
    assert assessment.assurance["G2"].status is Level.SUPPORTED
    assert assessment.worst(challenged(DefeaterStatus.ACCEPTED)) is Level.DEFEATED
    assert ("defeated", "G3") in {(f.code, f.node) for f in assessment.findings}


def test_a_refuted_defeater_holds_only_while_its_refutation_does() -> None:
    """Refuted with current evidence: no effect. Once that evidence expires: weakened again."""
    refutation = Evidence(reference="retest.pdf", valid_until=dt.date(2026, 9, 1))
    case = challenged(DefeaterStatus.REFUTED, refutation)
    assert assess(case, DAY).assurance["G1"].status is Level.SUPPORTED
    later = assess(case, dt.date(2026, 10, 1))
    assert later.assurance["G3"].status is Level.WEAKENED
    assert "refutation-lapsed" in {f.code for f in later.findings}
    bare = assess(challenged(DefeaterStatus.REFUTED), DAY)
    assert bare.assurance["G3"].status is Level.WEAKENED
    assert "refutation-missing" in {f.code for f in bare.findings}


def test_a_defeated_defeater_no_longer_counts() -> None:
    """An accepted counter-defeater against CG1 takes CG1's defeat of G3 away."""
    case = challenged(DefeaterStatus.ACCEPTED)
    case.add_node(
        NodeType.COUNTER_SOLUTION,
        "Over-70s were sampled in wave 2",
        node_id="CSn1",
        defeater_status=DefeaterStatus.ACCEPTED,
    )
    case.connect("CSn1", "CG1", LinkKind.CHALLENGES)
    assessment = assess(case, DAY)
    assert assessment.assurance["G3"].status is Level.SUPPORTED
    assert (
        assessment.marks(case)["CG1"] == "accepted" and assessment.marks(case)["CSn1"] == "accepted"
    )


def test_an_accepted_challenge_to_a_link_defeats_the_parent() -> None:
    """Challenging the inference S1 → G3 takes G3's support away from S1, not G3 itself."""
    case = diamond()
    case.add_node(
        NodeType.COUNTER_GOAL, "G3 does not bear on S1", node_id="CG1",
        defeater_status=DefeaterStatus.ACCEPTED,
    )  # fmt: skip
    case.connect("CG1", "G3", via="S1")
    assessment = assess(case, DAY)
    assert assessment.assurance["G3"].status is Level.SUPPORTED
    assert assessment.assurance["S1"].status is Level.DEFEATED
    assert assessment.assurance["G1"].explain("G1") == [
        "G1 defeated: CG1 is accepted against the link S1 → G3 via S1"
    ]


def test_a_challenge_to_a_removed_link_is_reported_dangling() -> None:
    """Once the challenged link is gone the challenge names a link that is not there."""
    case = diamond()
    case.add_node(NodeType.COUNTER_GOAL, "no", node_id="CG1")
    link = case.connect("CG1", "G3", via="S1")
    case.disconnect(next(x for x in case.links if (x.source, x.target) == ("S1", "G3")))
    assert ("dangling-link", "CG1") in codes(case)
    assert link in case.links


# -- holes and marks ------------------------------------------------------------------------


def test_a_hole_marks_itself_undeveloped_and_its_ancestors_incomplete() -> None:
    """The goal without support is 'undeveloped'; those above it are marked 'incomplete'."""
    case = diamond()
    case.add_node(NodeType.GOAL, "more", node_id="G5")
    case.connect("S1", "G5")
    assessment = assess(case, DAY)
    marks = assessment.marks(case)
    assert (marks["G5"], marks["S1"], marks["G1"], marks["G2"]) == (
        "undeveloped",
        "incomplete",
        "incomplete",
        "supported",
    )
    assert assessment.statuses(case)["G1"] == "undeveloped"


def test_weakened_outranks_a_hole_and_both_reasons_are_given() -> None:
    """With a hole and expired evidence below, G1 is weakened and also names the hole."""
    case = diamond()
    case.add_node(NodeType.GOAL, "more", node_id="G5", undeveloped=True)
    case.connect("S1", "G5")
    lines = assess(case, dt.date(2027, 1, 1)).assurance["G1"].explain("G1")
    assert lines == [
        "G1 weakened: Sn1 expired on 2026-12-31 via S1 → G2",
        "G1 also undeveloped: G5 is marked undeveloped via S1",
    ]
