"""Traces from elements to items of external sets (CSV, JSON, ReqIF): reading the sets, the
.gsnx round trip, and check's trace-uncovered, trace-dangling and trace-target-changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gsn_studio.analysis import assess
from gsn_studio.cli import main
from gsn_studio.io import CaseFileError, load_case, save_case
from gsn_studio.io.trace_sets import load_trace_sets, read_set
from gsn_studio.model import Case, NodeType
from gsn_studio.model.traces import Trace, TraceSet

DATA = Path(__file__).parent / "data" / "traces"
HAZARDS_CSV = "id,title,severity\nH1,Over-infusion,catastrophic\nH2,Air embolism,critical\n"
CLAUSES_JSON = [
    {"id": "UL4600-8.2.1", "title": "Hazards are identified", "mandatory": True},
    {"id": "UL4600-8.2.2", "title": "Hazards are mitigated", "mandatory": True},
]
FORMATS = {
    "csv": ("hazards", "hazards.csv", "H1", "H2"),
    "json": ("clauses", "clauses.json", "UL4600-8.2.1", "UL4600-8.2.2"),
    "reqif": ("requirements", "requirements.reqif", "SR1", "SR2"),
}


def write_sets(folder: Path) -> None:
    (folder / "hazards.csv").write_text(HAZARDS_CSV, encoding="utf-8")
    (folder / "clauses.json").write_text(json.dumps(CLAUSES_JSON), encoding="utf-8")
    shutil.copy(DATA / "requirements.reqif", folder / "requirements.reqif")


def traced_case(folder: Path, kind: str, complete: bool = False, seen: str = "") -> Path:
    """G1 traces the first item of one set (of the given file kind); its second is untraced."""
    write_sets(folder)
    name, file, first, _ = FORMATS[kind]
    case = Case(trace_sets=(TraceSet(name=name, path=file, complete=complete),))
    case.add_node(NodeType.GOAL, "The pump is acceptably safe", node_id="G1")
    case.update_node("G1", traces=(Trace(set=name, item=first, seen=seen),))
    path = folder / "case.gsnx"
    save_case(case, path)
    return path


def codes(path: Path) -> dict[str, list[str]]:
    case = load_case(path)
    found: dict[str, list[str]] = {}
    for finding in assess(case, trace_sets=load_trace_sets(case, path)).findings:
        found.setdefault(finding.code, []).append(f"{finding.severity}: {finding.message}")
    return found


@pytest.mark.parametrize("kind", FORMATS)
def test_each_set_format_gives_ids_titles_and_fields(tmp_path: Path, kind: str) -> None:
    """CSV, JSON and ReqIF sets each read into items with their id, title and other columns."""
    write_sets(tmp_path)
    name, file, first, second = FORMATS[kind]
    items = read_set(TraceSet(name=name, path=file), tmp_path)
    assert [item.id for item in items] == [first, second]
    assert items[0].title in (
        "Over-infusion", "Hazards are identified",
        "The pump stops within 2 s of detecting free flow",
    )  # fmt: skip
    assert items[0].field({"csv": "severity", "json": "mandatory", "reqif": "Safety class"}[kind])


@pytest.mark.parametrize("kind", FORMATS)
def test_an_untraced_item_is_a_warning_and_an_error_in_a_complete_set(
    tmp_path: Path, kind: str
) -> None:
    """The item no element traces is trace-uncovered: a warning, an error when the set is
    marked complete."""
    _, _, _, second = FORMATS[kind]
    open_set = codes(traced_case(tmp_path, kind))
    assert len(open_set["trace-uncovered"]) == 1
    assert open_set["trace-uncovered"][0].startswith(f"warning: {second} of ")
    complete = codes(traced_case(tmp_path, kind, complete=True))
    assert complete["trace-uncovered"][0].startswith(f"error: {second} of ")


@pytest.mark.parametrize("kind", FORMATS)
def test_a_trace_to_an_id_the_set_lacks_is_dangling(tmp_path: Path, kind: str) -> None:
    """An element tracing an id its set does not have is trace-dangling, naming both."""
    path = traced_case(tmp_path, kind)
    case = load_case(path)
    name = FORMATS[kind][0]
    case.update_node("G1", traces=(Trace(set=name, item="X99"),))
    save_case(case, path)
    assert codes(path)["trace-dangling"] == [
        f"error: G1 traces X99, which {name} ({FORMATS[kind][1]}) does not have"
    ]


@pytest.mark.parametrize("kind", FORMATS)
def test_a_changed_item_row_is_reported_against_the_hash_the_trace_saw(
    tmp_path: Path, kind: str
) -> None:
    """A trace keeps the row hash it saw: unchanged, nothing; row edited, trace-target-changed."""
    write_sets(tmp_path)
    name, file, first, _ = FORMATS[kind]
    row = next(i for i in read_set(TraceSet(name=name, path=file), tmp_path) if i.id == first)
    path = traced_case(tmp_path, kind, seen=row.row_hash)
    assert "trace-target-changed" not in codes(path)
    target = tmp_path / file
    old = {"csv": "Over-infusion", "json": "Hazards are identified",
           "reqif": "The pump stops within 2 s"}[kind]  # fmt: skip
    target.write_text(target.read_text().replace(old, old + " (revised)"))
    assert codes(path)["trace-target-changed"] == [
        f"warning: G1 traces {first} of {name}, which changed since it was last verified or "
        "accepted"
    ]


def test_traces_and_sets_survive_a_gsnx_round_trip_and_plain_files_stay_unchanged(
    tmp_path: Path,
) -> None:
    """Sets, traces (with seen hashes) are written in their own namespace and read back; a case
    without them has no trace namespace at all."""
    path = traced_case(tmp_path, "csv", complete=True, seen="0123456789abcdef")
    text = path.read_text()
    assert 'xmlns:trace="urn:gsn-studio:traces:1"' in text
    assert '<trace:set name="hazards" path="hazards.csv" complete="true"/>' in text
    case = load_case(path)
    assert case.trace_sets == (TraceSet(name="hazards", path="hazards.csv", complete=True),)
    assert case.node("G1").traces == (Trace(set="hazards", item="H1", seen="0123456789abcdef"),)
    assert case.node("G1").foreign_xml == ()
    plain = Case()
    plain.add_node(NodeType.GOAL, "g", node_id="G1")
    save_case(plain, tmp_path / "plain.gsnx")
    assert "traces" not in (tmp_path / "plain.gsnx").read_text()


def test_an_unreadable_set_is_a_finding_with_file_and_line(tmp_path: Path) -> None:
    """A broken set file is one error finding naming the file and line, never a crash."""
    path = traced_case(tmp_path, "csv")
    (tmp_path / "hazards.csv").write_text("id,title\nH1,a,b,c\n")
    assert codes(path)["trace-set-unreadable"] == [
        f"error: trace set hazards: {tmp_path / 'hazards.csv'}:2: 4 cells in a row under 2 "
        "column names"
    ]


def test_a_set_outside_the_case_folder_is_not_read(tmp_path: Path) -> None:
    """A set path that climbs out of the case's folder is refused, as evidence files are."""
    write_sets(tmp_path)
    with pytest.raises(CaseFileError, match="outside the case's folder"):
        read_set(TraceSet(name="h", path="../../etc/passwd.csv"), tmp_path)


def test_a_reqif_with_a_dtd_is_refused_before_the_library_reads_it(tmp_path: Path) -> None:
    """ReqIF goes through the safe parser first: a DTD (entity expansion) is refused."""
    (tmp_path / "r.reqif").write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><REQ-IF>&a;</REQ-IF>'
    )
    with pytest.raises(CaseFileError, match=r"DTD|entit"):
        read_set(TraceSet(name="r", path="r.reqif"), tmp_path)


def test_check_on_the_command_line_reports_trace_findings_and_fails_on_uncovered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check --fail-on uncovered` exits 1 for an untraced hazard and lists it."""
    path = traced_case(tmp_path, "csv", complete=True)
    status = main(["check", str(path), "--fail-on", "uncovered"])
    out = capsys.readouterr().out
    assert status == 1
    assert "H2 of hazards (Air embolism) is traced by no element" in out


def test_gsn2x_keeps_sets_traces_and_acceptances_under_its_own_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A case converted to gsn2x writes traceSets, trace (grouped by set) and accepted, and
    reading it back gives the same case; check on the YAML finds the same trace findings."""
    path = traced_case(tmp_path, "csv", complete=True, seen="0123456789abcdef")
    assert main(["accept", str(path), "G1", "--by", "A. Assessor", "--on", "2026-11-02"]) == 0
    yaml_path = tmp_path / "case.yaml"
    assert main(["convert", str(path), str(yaml_path)]) == 0
    text = yaml_path.read_text()
    assert "traceSets:" in text and "trace:" in text and "accepted:" in text
    assert load_case(yaml_path) == load_case(path)
    assert codes(yaml_path)["trace-uncovered"] == codes(path)["trace-uncovered"]


def test_a_gsn2x_trace_that_is_not_a_mapping_is_refused_with_its_line(tmp_path: Path) -> None:
    """`trace: H1` (no set named) is a one-line error naming the file and line."""
    path = tmp_path / "c.yaml"
    path.write_text("G1:\n  text: g\n  trace: H1\n")
    with pytest.raises(CaseFileError, match=r"c\.yaml:3: G1: trace is a mapping of set name"):
        load_case(path)


def test_a_trace_to_a_set_the_case_does_not_name_is_dangling(tmp_path: Path) -> None:
    """Tracing `hazard` when the case names only `hazards` is trace-dangling, naming the set."""
    path = traced_case(tmp_path, "csv")
    case = load_case(path)
    case.update_node("G1", traces=(Trace(set="hazard", item="H1"),))
    save_case(case, path)
    assert codes(path)["trace-dangling"] == [
        "error: G1 traces H1 of set hazard, which the case does not name"
    ]
