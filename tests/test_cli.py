"""The command line: exit statuses, text and JSON reports, conversion, clean errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import RunCli
from factories import hazard_case

from gsn_studio.cli import main
from gsn_studio.io import load_case, save_case
from gsn_studio.io.gsnx_format import NAMESPACE


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real command in a child process, as a user or CI would."""
    return subprocess.run(
        [sys.executable, "-m", "gsn_studio", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def sound(tmp_path: Path) -> Path:
    path = tmp_path / "sound.gsnx"
    save_case(hazard_case(), path)
    return path


@pytest.fixture
def holed(tmp_path: Path) -> Path:
    case = hazard_case()
    case.remove_node("Sn2")
    case.update_node("G3", undeveloped=True)
    path = tmp_path / "holed.gsnx"
    save_case(case, path)
    return path


def test_check_sound_case_exits_zero(sound: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No findings: exit 0 and a summary saying so."""
    assert main(["check", str(sound), "--as-of", "2026-06-01"]) == 0
    assert "no findings" in capsys.readouterr().out


def test_check_text_report_lines(holed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Findings: exit 1, one line per finding with id, code and message, a summary, then the
    top goal's status with its reasons."""
    assert main(["check", str(holed), "--as-of", "2027-02-01"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 6
    assert "G3" in lines[0] and "undeveloped-goal:" in lines[0]
    assert "Sn1" in lines[1] and "expired-evidence:" in lines[1]
    assert "1 undeveloped, 1 expired evidence as of 2027-02-01" in lines[2]
    assert lines[3].endswith("G1 weakened")
    assert lines[4].endswith("G1 weakened: Sn1 expired on 2027-01-10 via S1 → G2")
    assert lines[5].endswith("G1 also undeveloped: G3 is marked undeveloped via S1")


def test_check_json_has_the_documented_shape(
    holed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON output has exactly the keys and types the issue fixes."""
    assert main(["check", str(holed), "--as-of", "2027-02-01", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["file"] == str(holed)
    assert report["as_of"] == "2027-02-01"
    assert report["summary"] == {
        "nodes": 8,
        "goals": 3,
        "undeveloped_goals": 1,
        "expired_evidence": 1,
        "errors": 1,
        "warnings": 1,
        "unreferenced_evidence": 0,
    }
    assert report["findings"][0] == {
        "code": "undeveloped-goal",
        "severity": "warning",
        "node": "G3",
        "message": "G3 is marked undeveloped: its support is still to be provided",
    }


def test_real_command_exit_codes(sound: Path, holed: Path, tmp_path: Path) -> None:
    """The installed entry point gives 0, 1 and 2 as documented, without tracebacks."""
    # A process: the smoke test of `check` as a shell or CI sees it (exit status of a process).
    assert run_process("check", str(sound), "--as-of", "2026-06-01").returncode == 0
    assert run_process("check", str(holed)).returncode == 1
    missing = run_process("check", str(tmp_path / "missing.gsnx"))
    assert missing.returncode == 2
    assert missing.stderr.strip() == (
        f"gsn-studio: {tmp_path / 'missing.gsnx'}: cannot read the file: No such file or directory"
    )


BAD_XML = {
    "truncated.gsnx": b'<?xml version="1.0"?>\n<AssuranceCasePackage xmlns="'
    + NAMESPACE.encode()
    + b'" formatVersion="1.0"><ArgumentPackage>',
    "wrong-root.gsnx": b"<html><body/></html>",
    "schema.gsnx": (
        f'<AssuranceCasePackage xmlns="{NAMESPACE}" formatVersion="1.0">\n'
        "<ArgumentPackage>\n<Goal id='G1'/>\n</ArgumentPackage></AssuranceCasePackage>"
    ).encode(),
    "xxe.gsnx": (
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f'<AssuranceCasePackage xmlns="{NAMESPACE}" formatVersion="1.0">&x;</AssuranceCasePackage>'
    ).encode(),
    "bomb.gsnx": (
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY a{i} "{("&a;" if i == 0 else f"&a{i - 1};") * 10}">' for i in range(8))
        + "]><r>&a7;</r>"
    ).encode(),
    "empty.gsnx": b"",
    "not-mapping.yaml": b"- G1\n- G2\n",
    "unknown-type.yaml": b"G1:\n  text: Top\n  supportedBy: [X1]\nX1:\n  text: What am I?\n",
    "broken.yaml": b"G1:\n  text: [unclosed\n",
    "latin1.yaml": "G1:\n  text: Sécurité\n".encode("latin-1"),
}


@pytest.mark.parametrize("name", sorted(BAD_XML))
def test_unreadable_input_exits_2_with_one_clear_line(
    name: str, tmp_path: Path, run_cli: RunCli
) -> None:
    """Each kind of bad file gives exit 2 and one stderr line naming the file, no traceback."""
    path = tmp_path / name
    path.write_bytes(BAD_XML[name])
    result = run_cli("check", str(path))
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"gsn-studio: {path}")
    assert "Traceback" not in result.stderr
    assert "root:" not in lines[0]  # never leaks /etc/passwd


FINDING_YAML = {
    "duplicate-id": b"G1:\n  text: Top\n  supportedBy: [Sn1]\nSn1:\n  text: A\nSn1:\n  text: B\n",
    "cycle": b"G1:\n  text: Top\n  supportedBy: [G2]\nG2:\n  text: Mid\n  supportedBy: [G3]\n"
    b"G3:\n  text: Low\n  supportedBy: [G2]\n",
    "dangling-link": b"G1:\n  text: Top\n  supportedBy: [Sn9]\n",
}


@pytest.mark.parametrize("code", sorted(FINDING_YAML))
def test_structural_problems_are_findings(code: str, tmp_path: Path, run_cli: RunCli) -> None:
    """Duplicate ids, cycles and links to missing nodes are findings (exit 1), not crashes."""
    path = tmp_path / f"{code}.yaml"
    path.write_bytes(FINDING_YAML[code])
    result = run_cli("check", str(path), "--format", "json")
    assert result.returncode == 1, result.stderr
    assert code in [finding["code"] for finding in json.loads(result.stdout)["findings"]]


def test_bad_as_of_is_a_usage_error(sound: Path, run_cli: RunCli) -> None:
    """A malformed date is refused with exit 2 and says what form it wants."""
    result = run_cli("check", str(sound), "--as-of", "23/11/2026")
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr


def test_convert_both_ways_loses_nothing(sound: Path, tmp_path: Path) -> None:
    """gsnx -> yaml -> gsnx gives back the same case and the same bytes."""
    yaml_path, back = tmp_path / "case.yaml", tmp_path / "back.gsnx"
    assert main(["convert", str(sound), str(yaml_path)]) == 0
    assert main(["convert", str(yaml_path), str(back)]) == 0
    assert load_case(back) == load_case(sound)
    assert back.read_bytes() == sound.read_bytes()


def test_convert_refuses_unknown_output_type(
    sound: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    """An output extension that is no case format is refused before anything is written."""
    result = run_cli("convert", str(sound), str(tmp_path / "case.docx"))
    assert result.returncode == 2
    assert "unknown file type .docx" in result.stderr
    assert not (tmp_path / "case.docx").exists()
