"""`gsn-studio trace` (the matrix in md, csv, json and xlsx) and `gsn-studio accept` with
check's acceptance-stale: what changed is named, a change elsewhere leaves it alone, and
accepting again clears it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from gsn_studio.cli import main
from gsn_studio.io import load_case, save_case
from gsn_studio.model import Case, Evidence, NodeType
from gsn_studio.model.traces import Trace, TraceSet

HAZARDS = 'id,title,severity\nH1,Over-infusion,catastrophic\nH2,=HYPERLINK("x"),critical\n'


def small_case(folder: Path) -> Path:
    """G1 → {G2 → Sn1 (report.pdf, traces H1), G3 → Sn2}; H2 untraced."""
    (folder / "hazards.csv").write_text(HAZARDS)
    (folder / "report.pdf").write_bytes(b"%PDF report v1")
    (folder / "other.pdf").write_bytes(b"%PDF other v1")
    case = Case(trace_sets=(TraceSet(name="hazards", path="hazards.csv", complete=True),))
    case.add_node(NodeType.GOAL, "The pump is safe", node_id="G1")
    case.add_node(NodeType.GOAL, "Over-infusion is prevented", node_id="G2")
    case.add_node(NodeType.GOAL, "Alarms are heard", node_id="G3")
    case.add_node(
        NodeType.SOLUTION, "Dose test", node_id="Sn1", evidence=Evidence(reference="report.pdf")
    )
    case.add_node(
        NodeType.SOLUTION, "Alarm test", node_id="Sn2", evidence=Evidence(reference="other.pdf")
    )
    for parent, child in [("G1", "G2"), ("G1", "G3"), ("G2", "Sn1"), ("G3", "Sn2")]:
        case.connect(parent, child)
    case.update_node("G2", traces=(Trace(set="hazards", item="H1"),))
    path = folder / "case.gsnx"
    save_case(case, path)
    return path


def stale(path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    main(["check", str(path), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    return [f["message"] for f in report["findings"] if f["code"] == "acceptance-stale"]


def test_trace_matrix_in_markdown_has_one_row_per_item(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The md matrix lists every hazard with the elements tracing it, or uncovered."""
    path = small_case(tmp_path)
    assert main(["trace", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "| set | id | title | traced_by | status | details |"
    assert out[2].startswith("| hazards | H1 | Over-infusion | G2 (")
    assert out[2].endswith("| covered | severity: catastrophic |")
    assert out[3].startswith("| hazards | H2 |")
    assert "| uncovered |" in out[3]


def test_trace_matrix_csv_json_and_xlsx_agree_and_neutralise_formulas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """csv quotes a formula-like title, json lists elements with status, xlsx stores text."""
    from openpyxl import load_workbook

    path = small_case(tmp_path)
    main(["trace", str(path), "--format", "csv"])
    csv_text = capsys.readouterr().out
    assert '"\'=HYPERLINK(""x"")"' in csv_text
    main(["trace", str(path), "--format", "json"])
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["status"], [e["id"] for e in r["traced_by"]]) for r in rows] == [
        ("H1", "covered", ["G2"]),
        ("H2", "uncovered", []),
    ]
    assert main(["trace", str(path), "--format", "xlsx", "-o", str(tmp_path / "m.xlsx")]) == 0
    sheet = load_workbook(tmp_path / "m.xlsx").active
    assert [c.value for c in sheet[1]] == ["set", "id", "title", "traced_by", "status", "details"]
    assert sheet["C3"].value == '=HYPERLINK("x")'
    assert sheet["C3"].data_type == "s"


def test_xlsx_without_an_output_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """xlsx to a terminal is refused with exit 2 and a one-line message."""
    assert main(["trace", str(small_case(tmp_path)), "--format", "xlsx"]) == 2
    assert "--output" in capsys.readouterr().err


def test_an_acceptance_goes_stale_naming_the_changed_artifact_and_clears_on_reaccept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """accept G2; a change under G3 leaves it alone; Sn1's report edited makes it stale with
    the reason; accepting again clears it."""
    path = small_case(tmp_path)
    assert main(["accept", str(path), "G2", "--by", "A. Assessor", "--on", "2026-11-02"]) == 0
    capsys.readouterr()
    accepted = load_case(path).node("G2").acceptance
    assert accepted is not None and accepted.by == "A. Assessor"
    assert accepted.on == dt.date(2026, 11, 2)
    assert stale(path, capsys) == []
    (tmp_path / "other.pdf").write_bytes(b"%PDF other v2")  # under G3, not G2
    case = load_case(path)
    case.update_node("G3", statement="Alarms are heard in a noisy ward")
    save_case(case, path)
    assert stale(path, capsys) == []
    (tmp_path / "report.pdf").write_bytes(b"%PDF report v2")
    assert stale(path, capsys) == [
        "G2 accepted by A. Assessor on 2026-11-02 is stale: Sn1's artifact changed"
    ]
    main(["accept", str(path), "G2", "--by", "A. Assessor", "--on", "2026-11-03"])
    capsys.readouterr()
    assert stale(path, capsys) == []


def test_a_changed_hazard_row_makes_the_acceptance_stale_and_accepting_records_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Accepting records the traced row's hash; editing that hazard row makes the acceptance
    stale ("traced items changed") and the trace target changed."""
    path = small_case(tmp_path)
    main(["accept", str(path), "G1", "--by", "A. Assessor", "--on", "2026-11-02"])
    capsys.readouterr()
    assert load_case(path).node("G2").traces[0].seen != ""
    (tmp_path / "hazards.csv").write_text(HAZARDS.replace("catastrophic", "critical"))
    assert stale(path, capsys) == [
        "G1 accepted by A. Assessor on 2026-11-02 is stale: G2's traced items changed"
    ]
    main(["check", str(path), "--fail-on", "traces"])
    assert "G2 traces H1 of hazards, which changed" in capsys.readouterr().out


def test_accept_names_a_missing_node_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown node, or a blank name, is exit 2 and the file is left as it was."""
    path = small_case(tmp_path)
    before = path.read_bytes()
    assert main(["accept", str(path), "G9", "--by", "A. Assessor"]) == 2
    assert "there is no node G9" in capsys.readouterr().err
    assert main(["accept", str(path), "G2", "--by", "   "]) == 2
    assert capsys.readouterr().err.endswith("an acceptance needs the assessor's name\n")
    assert path.read_bytes() == before


def test_verify_records_the_rows_of_the_items_a_solution_traces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A solution tracing a changed hazard row is trace-target-changed until `verify` records
    the row as it is now."""
    path = small_case(tmp_path)
    case = load_case(path)
    case.update_node("Sn1", traces=(Trace(set="hazards", item="H1", seen="0000000000000000"),))
    save_case(case, path)
    main(["check", str(path), "--format", "json"])
    codes = [f["code"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert "trace-target-changed" in codes
    assert main(["verify", str(path), "Sn1", "--by", "V. Erifier"]) == 0
    capsys.readouterr()
    main(["check", str(path), "--format", "json"])
    codes = [f["code"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert "trace-target-changed" not in codes


def test_a_new_defeater_against_an_accepted_element_makes_the_acceptance_stale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A counter claim challenging Sn1 under accepted G2 is a change the acceptance names."""
    path = small_case(tmp_path)
    main(["accept", str(path), "G2", "--by", "A. Assessor", "--on", "2026-11-02"])
    capsys.readouterr()
    case = load_case(path)
    case.add_node(NodeType.COUNTER_GOAL, "The dose test used the old firmware", node_id="CG1")
    case.connect("CG1", "Sn1")
    save_case(case, path)
    assert stale(path, capsys) == [
        "G2 accepted by A. Assessor on 2026-11-02 is stale: Sn1's challenges changed"
    ]
