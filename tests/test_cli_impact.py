"""`gsn-studio impact --since REV` over a real git history: the case, its evidence and its
trace sets at the revision against the working tree, as a merge-request comment and JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gsn_studio.cli import main
from tests.test_cli_traces import HAZARDS, small_case
from tests.test_portfolio import commit, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def repository(tmp_path: Path) -> Path:
    """The small case committed with G2 accepted, then one evidence file and one hazard row
    changed in the working tree."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    path = small_case(repo)
    assert main(["accept", str(path), "G2", "--by", "A. Assessor", "--on", "2026-11-02"]) == 0
    commit(repo, "case accepted", "2026-11-02")
    (repo / "report.pdf").write_bytes(b"%PDF report v2")
    (repo / "hazards.csv").write_text(HAZARDS.replace("catastrophic", "critical"))
    return path


def test_impact_reports_the_stale_acceptance_the_changed_hazard_and_the_evidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One evidence file and one hazard row changed: the Markdown comment names the stale
    acceptance and why, the changed hazard and who traces it, and the changed artifact."""
    path = repository(tmp_path)
    capsys.readouterr()
    status = main(["impact", str(path), "--since", "HEAD", "--as-of", "2026-11-10"])
    out = capsys.readouterr().out
    assert status == 0
    assert out.startswith("### GSN Studio: impact on case.gsnx since HEAD\n\n**Verdict:** ")
    assert (
        "#### Acceptances made stale\n\n- G2 accepted by A. Assessor on 2026-11-02 is "
        "stale: G2's traced items changed, Sn1's artifact changed\n" in out
    )
    assert "#### Traced items changed\n\n- H1 of hazards changed (severity), traced by G2\n" in out
    assert "#### Evidence changed\n\n- Sn1's artifact report.pdf changed (" in out


def test_impact_fails_on_chosen_kinds_and_json_has_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--fail-on stale exits 1; --fail-on defeated does not; JSON lists the same stale one."""
    path = repository(tmp_path)
    capsys.readouterr()
    assert main(["impact", str(path), "--since", "HEAD", "--fail-on", "stale"]) == 1
    capsys.readouterr()
    assert main(["impact", str(path), "--since", "HEAD", "--fail-on", "defeated"]) == 0
    capsys.readouterr()
    main(["impact", str(path), "--since", "HEAD", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert [m.split(" is stale")[0] for m in report["stale_acceptances"]] == [
        "G2 accepted by A. Assessor on 2026-11-02"
    ]
    assert report["changed_items"] == ["H1 of hazards changed (severity), traced by G2"]


def test_impact_with_an_unknown_revision_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A revision git does not know is exit 2 naming it, no traceback."""
    path = repository(tmp_path)
    capsys.readouterr()
    assert main(["impact", str(path), "--since", "nosuchrev"]) == 2
    err = capsys.readouterr().err
    assert "nosuchrev" in err and "Traceback" not in err


SAMPLES = Path(__file__).parent.parent / "samples"
PUMP_REPORT = """\
### GSN Studio: impact on infusion-pump.gsnx since HEAD

**Verdict:** weakened (unchanged)

#### Acceptances made stale

- G2 accepted by A. Assessor (notified body 0123) on 2026-11-23 is stale: G2's traced items \
changed, Sn7's artifact changed

#### Traced items changed

- H1 of hazards changed (severity), traced by G2

#### Evidence changed

- Sn7's artifact evidence/tests/TP-117-dose-limits.pdf changed (SHA1 → SHA2)
"""


def test_the_pump_sample_gives_the_documented_impact_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The infusion-pump sample in a repository, its Sn7 test report and hazard H1's row changed
    after the assessor accepted G2: the exact merge-request comment the README shows."""
    import hashlib

    repo = tmp_path / "pump"
    repo.mkdir()
    git(repo, "init", "-q")
    shutil.copy(SAMPLES / "infusion-pump.gsnx", repo)
    shutil.copytree(SAMPLES / "traces", repo / "traces")
    report = repo / "evidence" / "tests" / "TP-117-dose-limits.pdf"
    report.parent.mkdir(parents=True)
    report.write_bytes(b"TP-117 results: 42 of 42 passed")
    case = repo / "infusion-pump.gsnx"
    by = "A. Assessor (notified body 0123)"
    assert main(["accept", str(case), "G2", "--by", by, "--on", "2026-11-23"]) == 0
    commit(repo, "evidence in, G2 accepted", "2026-11-23")
    report.write_bytes(b"TP-117 results: 41 of 42 passed, case 17 repeated")
    log = repo / "traces" / "HL-300-hazard-log.csv"
    log.write_text(log.read_text().replace("opioid,catastrophic", "opioid,critical"))
    capsys.readouterr()
    status = main(
        ["impact", str(case), "--since", "HEAD", "--as-of", "2026-11-23", "--fail-on", "stale"]
    )
    before = hashlib.sha256(b"TP-117 results: 42 of 42 passed").hexdigest()[:12]
    after = hashlib.sha256(b"TP-117 results: 41 of 42 passed, case 17 repeated").hexdigest()[:12]
    assert capsys.readouterr().out == PUMP_REPORT.replace("SHA1", before).replace("SHA2", after)
    assert status == 1
