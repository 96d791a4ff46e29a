"""The command line for living evidence: verify, the evidence register, check's status and
why, and --fail-on for pipelines."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from gsn_studio.cli import main
from gsn_studio.io import load_case, save_case
from gsn_studio.model import Case, Evidence, Measure, NodeType

AS_OF = "2026-06-01"


def evidence_case(folder: Path) -> Path:
    """G1 → {G2 ← Sn1 (a local report), G3 ← Sn2 (a monitored CSV)}."""
    (folder / "report.pdf").write_bytes(b"%PDF-1.4 validation report")
    (folder / "fairness.csv").write_text("date,di\n2026-05-01,0.94\n")
    case = Case()
    case.add_node(NodeType.GOAL, "The model is fair", node_id="G1")
    case.add_node(NodeType.GOAL, "Validated", node_id="G2")
    case.add_node(NodeType.GOAL, "Monitored", node_id="G3")
    case.add_node(
        NodeType.SOLUTION,
        "Validation report",
        node_id="Sn1",
        evidence=Evidence(reference="report.pdf", review_days=90),
    )
    case.add_node(
        NodeType.SOLUTION,
        "Fairness monitor",
        node_id="Sn2",
        evidence=Evidence(
            reference="fairness.csv",
            valid_until=dt.date(2026, 6, 20),
            measure=Measure.parse("disparate impact >= 0.9", key="di"),
        ),
    )
    for parent, child in [("G1", "G2"), ("G1", "G3"), ("G2", "Sn1"), ("G3", "Sn2")]:
        case.connect(parent, child)
    path = folder / "case.gsnx"
    save_case(case, path)
    return path


def check_json(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict:  # type: ignore[type-arg]
    main(["check", str(path), "--as-of", AS_OF, "--format", "json", *extra])
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_verify_records_the_hash_and_check_then_sees_an_edit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """verify writes the verification into the file; editing the report turns it 'changed'."""
    path = evidence_case(tmp_path)
    assert main(["verify", str(path), "Sn1", "--by", "Ana", "--on", AS_OF]) == 0
    out = capsys.readouterr().out
    assert "Sn1: verified report.pdf on 2026-06-01 by Ana, sha256" in out
    verified = load_case(path).node("Sn1").evidence
    assert verified is not None and verified.verified is not None
    assert verified.verified.by == "Ana" and len(verified.verified.sha256) == 64
    assert check_json(path, capsys)["status"]["G1"] == "supported"
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4 validation report, edited")
    report = check_json(path, capsys)
    assert ("evidence-changed", "Sn1") in {(f["code"], f["node"]) for f in report["findings"]}
    assert report["status"] == {"G1": "weakened", "G2": "weakened", "G3": "supported"}
    assert report["why"]["G1"] == [
        "G1 weakened: Sn1 report.pdf changed since it was verified via G2"
    ]


def test_verify_refuses_without_saving_anything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown node or a missing file exits 2 with one line, and the file is unchanged."""
    path = evidence_case(tmp_path)
    before = path.read_bytes()
    (tmp_path / "report.pdf").unlink()
    assert main(["verify", str(path), "Sn2", "Sn1"]) == 2
    assert "Sn1: cannot verify report.pdf" in capsys.readouterr().err
    assert main(["verify", str(path), "G9"]) == 2
    assert "there is no node G9" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_fail_on_chooses_what_fails_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Expiring evidence fails only when asked; a changed artifact fails --fail-on changed."""
    path = evidence_case(tmp_path)
    main(["verify", str(path), "Sn1", "--on", AS_OF])
    capsys.readouterr()
    base = ["check", str(path), "--as-of", AS_OF]
    assert main([*base, "--fail-on", "expired,changed"]) == 0
    assert main([*base, "--fail-on", "expiring"]) == 1  # Sn2 is due on 2026-06-20
    assert main([*base, "--fail-on", "expiring", "--soon", "7"]) == 0
    (tmp_path / "report.pdf").write_bytes(b"edited")
    assert main([*base, "--fail-on", "expired,changed"]) == 1
    capsys.readouterr()
    assert main([*base, "--fail-on", "expird"]) == 2
    assert "unknown name expird" in capsys.readouterr().err


def test_failing_measure_in_the_csv_fails_the_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A monitoring job appending a low value makes check fail on 'failing'."""
    path = evidence_case(tmp_path)
    base = ["check", str(path), "--as-of", AS_OF, "--fail-on", "failing"]
    assert main(base) == 0
    with (tmp_path / "fairness.csv").open("a") as stream:
        stream.write("2026-05-31,0.82\n")
    assert main(base) == 1
    out = capsys.readouterr().out
    assert "disparate impact is 0.82 in fairness.csv, which fails disparate impact >= 0.9" in out


def test_evidence_register_as_csv_has_every_solution_soonest_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One CSV row per solution with reference, due date, verifier, hash state and value."""
    path = evidence_case(tmp_path)
    main(["verify", str(path), "Sn1", "--by", "Ana", "--on", "2026-05-01"])
    capsys.readouterr()
    assert main(["evidence", str(path), "--as-of", AS_OF, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["id"] for row in rows] == ["Sn2", "Sn1"]  # due 06-20, then 07-30
    sn2, sn1 = rows
    assert (sn1["due"], sn1["verified_by"], sn1["hash"], sn1["status"]) == (
        "2026-07-30",
        "Ana",
        "matches",
        "current",
    )
    assert (sn2["measure"], sn2["measured"], sn2["status"]) == (
        "disparate impact >= 0.9",
        "0.94",
        "expiring",
    )


def test_evidence_register_as_markdown_is_a_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Markdown register is a header, a rule and one escaped row per solution."""
    path = evidence_case(tmp_path)
    case = load_case(path)
    case.update_node("Sn1", statement="Report | with a pipe\nand a line break")
    save_case(case, path)
    assert main(["evidence", str(path), "--as-of", AS_OF, "--format", "md"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("| id | statement | reference | due |")
    assert set(lines[1]) == {"|", "-"}
    assert len(lines) == 4
    assert "Report \\| with a pipe and a line break" in lines[3]


def test_the_readme_shows_what_check_really_prints(capsys: pytest.CaptureFixture[str]) -> None:
    """The check example in the README is the real output on the loan sample, line for line."""
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    command = "$ gsn-studio check samples/loan-approval.gsnx --as-of 2026-11-23\n"
    shown = readme.split(command, 1)[1].split("```", 1)[0].splitlines()
    samples = Path(__file__).parent.parent / "samples"
    main(["check", str(samples / "loan-approval.gsnx"), "--as-of", "2026-11-23"])
    printed = capsys.readouterr().out.replace(str(samples), "samples").splitlines()
    assert printed == shown
