"""`portfolio` and `history` through the real command line, over the sample portfolio and over
temporary git repositories built by the test."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from gsn_studio.cli.main import main
from gsn_studio.io import load_case, save_case
from gsn_studio.model import Evidence

SAMPLES = Path(__file__).parent.parent / "samples" / "portfolio"
AS_OF = "2026-12-01"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, day: str = "2026-06-01") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{day}T12:00:00+00:00",
        "GIT_COMMITTER_DATE": f"{day}T12:00:00+00:00",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
    }
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        env=env,
    )


def commit(repo: Path, message: str, day: str) -> None:
    git(repo, "add", "-A", day=day)
    git(repo, "commit", "-q", "-m", message, day=day)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of the sample portfolio, committed on 2026-06-01."""
    folder = tmp_path / "cases"
    shutil.copytree(SAMPLES, folder)
    git(folder, "init", "-q", "-b", "main")
    commit(folder, "Portfolio as approved", "2026-06-01")
    return folder


def test_the_portfolio_table_has_one_row_per_sample_case(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The text table names each system, its top claim's owner, verdict and dates."""
    assert main(["portfolio", str(SAMPLES), "--as-of", AS_OF]) == 0
    out = capsys.readouterr().out
    header, *rows = out.split("\n\n")[0].splitlines()
    assert header.split()[:3] == ["Case", "Owner", "Verdict"]
    assert len(rows) == 4
    cv = next(row for row in rows if row.startswith("CV screening ranker"))
    assert "Head of Talent Acquisition" in cv and "weakened" in cv and "(overdue)" in cv
    assert "monitored by Sn1" in out and "reviewed every 30 days" in out


def test_the_markdown_and_json_forms_carry_the_same_rows(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Markdown is a table of the same rows; JSON has every field, conditions included."""
    main(["portfolio", str(SAMPLES), "--as-of", AS_OF, "--format", "md"])
    md = capsys.readouterr().out
    assert md.startswith("| Case | Owner | Verdict | Sound until | Next due |")
    assert "| CV screening ranker | Head of Talent Acquisition | weakened |" in md
    main(["portfolio", str(SAMPLES), "--as-of", AS_OF, "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    rows = {row["name"]: row for row in report["cases"]}
    pricing = rows["Insurance pricing agent"]
    assert pricing["verdict"] == "supported"
    assert pricing["sound_until"] == "2026-12-20" and pricing["next_due"] == "2026-12-14"
    assert pricing["degradation_conditions"][1] == {
        "claim": "G1",
        "condition": "The regulator's fair-value rules change",
        "detection": "reviewed every 365 days",
    }


def test_the_html_page_links_each_row_to_its_figure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The page links every case to an SVG figure written beside it by the figure export."""
    page = tmp_path / "board" / "index.html"
    assert (
        main(["portfolio", str(SAMPLES), "--as-of", AS_OF, "--format", "html", "-o", str(page)])
        == 0
    )
    text = page.read_text()
    assert text.count('<a href="figures/') == 4
    assert 'href="figures/cv-screening.svg"' in text
    assert (page.parent / "figures" / "cv-screening.svg").read_text().startswith("<?xml")


def test_fail_on_flags_a_system_whose_argument_stopped_standing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--fail-on weakened exits 1 for the sample portfolio, --fail-on defeated exits 0."""
    assert main(["portfolio", str(SAMPLES), "--as-of", AS_OF, "--fail-on", "weakened"]) == 1
    assert main(["portfolio", str(SAMPLES), "--as-of", AS_OF, "--fail-on", "defeated"]) == 0
    assert main(["portfolio", str(SAMPLES), "--fail-on", "broken"]) == 2
    assert "--fail-on takes verdicts" in capsys.readouterr().err


def test_an_unreadable_case_is_a_row_and_exit_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken file does not hide the others: it is a row saying why, and the exit is 2."""
    shutil.copy(SAMPLES / "pricing-agent.gsnx", tmp_path)
    (tmp_path / "broken.gsnx").write_text("<not a case")
    assert main(["portfolio", str(tmp_path), "--as-of", AS_OF]) == 2
    out = capsys.readouterr().out
    assert "unreadable" in out and "broken.gsnx" in out and "Insurance pricing agent" in out


def test_since_reports_what_changed_in_a_test_repository(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A claim whose evidence was replaced by a failing measure shows up as changed since the
    revision, with the verdict change and the node that changed."""
    case = load_case(repo / "pricing-agent.gsnx")
    evidence = case.node("Sn1").evidence
    assert evidence is not None and evidence.measure is not None
    failing = evidence.measure.model_copy(update={"value": 4.2})
    case.update_node("Sn1", evidence=evidence.model_copy(update={"measure": failing}))
    save_case(case, repo / "pricing-agent.gsnx")
    commit(repo, "November monitoring: gap 4.2 %", "2026-11-15")
    assert (
        main(["portfolio", str(repo), "--as-of", AS_OF, "--since", "HEAD~1", "--format", "json"])
        == 0
    )
    rows = {row["name"]: row for row in json.loads(capsys.readouterr().out)["cases"]}
    changes = rows["Insurance pricing agent"]["changes"]
    assert "verdict supported -> weakened" in changes
    assert "changed Sn1 (evidence)" in changes
    assert rows["Loan approval (LAM 4.2)"]["changes"] == ["no change"]


def test_since_outside_git_or_with_an_unknown_revision_is_one_line(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--since names the problem in one line with exit status 2."""
    assert main(["portfolio", str(repo), "--since", "nonsense-rev"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nonsense-rev" in err


def test_history_shows_when_evidence_expired_in_a_committed_revision(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A revision committed after the evidence's end date turns the verdict weakened, and the
    history says when and why."""
    path = repo / "benefits-triage.gsnx"
    case = load_case(path)
    evidence = case.node("Sn1").evidence
    assert isinstance(evidence, Evidence)
    case.update_node(
        "Sn1", evidence=evidence.model_copy(update={"valid_until": dt.date(2026, 8, 31)})
    )
    save_case(case, path)
    commit(repo, "Shorter validity agreed with audit", "2026-07-01")
    case.update_node("G2", statement=case.node("G2").statement + " (all regions)")
    save_case(case, path)
    commit(repo, "Cover all regions", "2026-09-15")
    assert main(["history", str(path), "--as-of", "2026-10-01"]) == 0
    out = capsys.readouterr().out
    assert "2026-09-01 " in out  # the day after the evidence expired, not the next commit
    assert "verdict (G1): supported -> weakened  (Sn1 fell due (no commit))" in out
    assert "Sn1 expired on 2026-08-31" in out
    assert "G2: supported -> weakened" in out
    main(["history", str(path), "--as-of", "2026-10-01", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert [r["statuses"]["verdict"] for r in report["revisions"]] == [
        "supported", "supported", "weakened", "weakened", "weakened",
    ]  # fmt: skip


def test_history_draws_a_timeline_band_per_goal(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The SVG has the verdict band and one band per goal, coloured with the status colours."""
    out = tmp_path / "timeline.svg"
    path = repo / "cv-screening.gsnx"
    assert main(["history", str(path), "--as-of", AS_OF, "--format", "svg", "-o", str(out)]) == 0
    svg = out.read_text()
    assert "Verdict (top claim)" in svg
    for goal in ("G1", "G2", "G3"):
        assert f"<title>{goal} " in svg
    assert "#e3f2e1" in svg  # supported, from the notation palette
    assert "G2 weakened from 2026-06-01" in svg  # one stretch up to now


def test_a_case_not_in_git_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """history of a file outside any repository is one line and exit status 2."""
    env_dir = tmp_path / "outside"
    env_dir.mkdir()
    target = env_dir / "pricing-agent.gsnx"
    shutil.copy(SAMPLES / "pricing-agent.gsnx", target)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert main(["history", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not in a git repository" in err


def test_since_reports_a_case_removed_since_the_revision(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A case the revision held and the folder no longer does is a row of its own."""
    (repo / "pricing-agent.gsnx").unlink()
    commit(repo, "Pricing agent retired", "2026-11-20")
    status = main(
        ["portfolio", str(repo), "--as-of", AS_OF, "--since", "HEAD~1", "--format", "json"]
    )
    rows = {row["path"]: row for row in json.loads(capsys.readouterr().out)["cases"]}
    assert rows["pricing-agent.gsnx"]["verdict"] == "removed"
    assert rows["pricing-agent.gsnx"]["changes"] == ["removed since HEAD~1"]
    assert status == 0
    assert main(["portfolio", str(repo), "--since", "HEAD~1", "--fail-on", "removed"]) == 1


def test_the_html_page_escapes_what_cases_say(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A case name or condition with markup is shown as text, never run as HTML."""
    case = load_case(SAMPLES / "pricing-agent.gsnx")
    case.name = "<script>alert(1)</script>"
    (tmp_path / "cases").mkdir()
    save_case(case, tmp_path / "cases" / "evil.gsnx")
    page = tmp_path / "index.html"
    main(["portfolio", str(tmp_path / "cases"), "--format", "html", "-o", str(page)])
    text = page.read_text()
    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
