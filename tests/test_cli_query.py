"""`gsn-studio query` through the real command line: ids one a line, JSON, saved views, a case
of modules, and bad queries refused in one line with the column and exit status 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import RunCli

from gsn_studio.io import load_case, save_case
from gsn_studio.model.views import SavedView

SAMPLES = Path(__file__).parent.parent / "samples"
LOAN = SAMPLES / "loan-approval.gsnx"


def test_prints_matching_ids_one_a_line(run_cli: RunCli) -> None:
    """The issue's example prints the solutions that are not current, in the case's order."""
    code, out, err = run_cli(
        "query",
        str(LOAN),
        "type=solution and state!=current and owner~model",
        "--as-of",
        "2026-12-01",
    )
    assert code == 0, err
    assert out.split() == ["Sn4", "Sn5"]


def test_json_gives_id_type_statement_and_status(run_cli: RunCli) -> None:
    """--format json lists each match with its type, statement and canvas status word."""
    code, out, _ = run_cli(
        "query", str(LOAN), "state=expired", "--format", "json", "--as-of", "2026-12-01"
    )
    report = json.loads(out)
    assert code == 0
    assert report["count"] == len(report["matches"]) == 2
    first = report["matches"][0]
    assert first["id"] == "Sn1" and first["type"] == "Solution" and first["status"] == "expired"
    assert first["statement"].startswith("Independent bias audit")


def test_a_bad_query_names_the_column_with_exit_status_2(
    run_cli: RunCli,
) -> None:
    """An unfinished condition is refused as query:1:COLUMN with a caret, and no traceback."""
    code, out, err = run_cli("query", str(LOAN), "type=solution and state!=")
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert lines[0] == "query:1:26: expected a value after '!=', not the end of the query"
    assert lines[2].index("^") == 2 + 25
    assert "Traceback" not in err


def test_an_unknown_field_suggests_the_nearest(run_cli: RunCli) -> None:
    """A misspelt field says which one was meant and lists them all."""
    code, _, err = run_cli("query", str(LOAN), "ownr=alice")
    assert code == 2
    assert err.startswith("query:1:1: unknown field 'ownr' (did you mean 'owner'?); fields: ")


def test_a_saved_view_runs_by_name(tmp_path: Path, run_cli: RunCli) -> None:
    """--view NAME runs the query saved in the case; an unknown name lists the saved ones."""
    case = load_case(LOAN)
    case.views = (SavedView(name="Fairness", query="under G2 and type=solution"),)
    path = tmp_path / "loan.gsnx"
    save_case(case, path)
    code, out, _ = run_cli("query", str(path), "--view", "Fairness")
    assert code == 0 and out.split() == ["Sn1", "Sn2", "Sn3"]
    code, _, err = run_cli("query", str(path), "--view", "Accuracy")
    assert code == 2 and "no saved view 'Accuracy' (saved views: 'Fairness')" in err


def test_a_case_of_modules_names_each_match_with_its_module(
    tmp_path: Path, run_cli: RunCli
) -> None:
    """Given one module's file, every module is searched and matches print as MODULE:ID."""
    folder = tmp_path / "modular"
    shutil.copytree(SAMPLES / "modular-loan", folder)
    code, out, _ = run_cli("query", str(folder / "top.gsnx"), "module=fairness and type=strategy")
    assert code == 0
    assert out.split() and all(line.startswith("fairness:S") for line in out.split())
    code, out, _ = run_cli("query", str(folder / "top.gsnx"), "id=G1 and module=top")
    assert out.split() == ["top:G1"]


def test_the_docs_show_what_the_command_prints(run_cli: RunCli) -> None:
    """The error examples in docs/query.md are the command's own output, caret included."""
    docs = (Path(__file__).parent.parent / "docs" / "query.md").read_text()
    for query in ("type=solution and state!=", "ownr=alice"):
        _, _, err = run_cli("query", str(LOAN), query)
        lines = err.splitlines() if "!=" in query else err.splitlines()[:1]
        assert "\n".join(lines) in docs
