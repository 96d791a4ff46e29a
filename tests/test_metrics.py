"""Metrics of a case (`analysis.metrics`, `gsn-studio metrics`): counts by type and status,
holes, fan-in, depth, open defeaters and challenges, evidence falling due, and the change
since a git revision read from a real repository."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from gsn_studio.analysis import ArtifactReader, assess
from gsn_studio.analysis.metrics import FanIn, change, metrics
from gsn_studio.cli import main
from gsn_studio.io import load_case, save_case
from gsn_studio.model import (
    Case,
    Comment,
    CommentKind,
    CommentStatus,
    Evidence,
    LinkKind,
    NodeType,
)

SAMPLES = Path(__file__).parent.parent / "samples"
AS_OF = dt.date(2026, 6, 1)
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def built_case(finished: bool = True) -> Case:
    """G1 → S1 → {G2, G3, G4, G5}; Sn1 is shared by G2 and G3, G4 is marked undeveloped.
    Finished: G5 rests on Sn3 (expired) and Sn4 (names no evidence), and CG1 challenges Sn2.
    Unfinished (the earlier version): G5 is marked undeveloped, no Sn3, Sn4 or CG1."""
    case = Case(name="Built")
    case.add_node(NodeType.GOAL, "The system is safe", node_id="G1")
    case.add_node(NodeType.CONTEXT, "Ward use", node_id="C1")
    case.add_node(NodeType.STRATEGY, "Over hazards", node_id="S1")
    for number in range(2, 6):
        case.add_node(NodeType.GOAL, f"Hazard H{number} handled", node_id=f"G{number}")
    case.update_node("G4", undeveloped=True)
    due = {"Sn1": dt.date(2026, 6, 21), "Sn2": dt.date(2026, 7, 31), "Sn3": dt.date(2026, 5, 31)}
    for node_id, valid_until in due.items():
        if node_id == "Sn3" and not finished:
            continue
        case.add_node(
            NodeType.SOLUTION,
            f"Report {node_id}",
            node_id=node_id,
            evidence=Evidence(reference=f"https://example.org/{node_id}", valid_until=valid_until),
        )
    links = [("G1", "C1"), ("G1", "S1"), *(("S1", f"G{n}") for n in range(2, 6))]
    links += [("G2", "Sn1"), ("G3", "Sn1"), ("G3", "Sn2")]
    for parent, child in links:
        case.connect(parent, child)
    if finished:
        case.add_node(NodeType.SOLUTION, "Field data", node_id="Sn4")
        case.connect("G5", "Sn3")
        case.connect("G5", "Sn4")
        case.add_node(NodeType.COUNTER_GOAL, "The H3 analysis missed a mode", node_id="CG1")
        case.connect("CG1", "Sn2", LinkKind.CHALLENGES)
    else:
        case.update_node("G5", undeveloped=True)
    when = dt.datetime(2026, 5, 20, 9, tzinfo=dt.UTC)
    for number, (node, kind, status) in enumerate(
        [
            ("G2", CommentKind.REBUT, CommentStatus.OPEN),
            ("G3", CommentKind.QUESTION, CommentStatus.OPEN),
            ("G3", CommentKind.UNDERMINE, CommentStatus.RESOLVED),
        ]
    ):
        comment = Comment(
            id=f"c{number}", node=node, author="Rita", time=when, kind=kind, status=status,
            text="Why?",
        )  # fmt: skip
        case.add_comment(comment)
    return case


def test_metrics_of_a_built_case_count_what_was_built() -> None:
    """Each figure of the built case is the number worked out by hand from its structure."""
    case = built_case()
    found = metrics(case, assess(case, AS_OF))
    assert found.verdict == "weakened"
    assert found.elements == 12
    assert found.by_type == {
        "Goal": 5, "Strategy": 1, "Solution": 4, "Context": 1, "Assumption": 0,
        "Justification": 0, "CounterGoal": 1, "CounterSolution": 0,
    }  # fmt: skip
    # G2 rests on Sn1, which is only expiring: supported. G3 rests on Sn2, challenged by the
    # open CG1; G5 on the expired Sn3: both weakened, and so are S1 and G1.
    assert found.claims == {"supported": 1, "undeveloped": 1, "weakened": 4, "defeated": 0}
    assert {k: v for k, v in found.evidence.items() if v} == {
        "current": 1, "expiring": 1, "expired": 1, "undeveloped": 1,
    }  # fmt: skip
    assert found.defeaters == {"open": 1, "refuted": 0, "accepted": 0}
    assert found.undeveloped_goals == ("G4",)  # G5's hole is Sn4, not G5 itself
    assert found.undeveloped_share == pytest.approx(0.2)
    # Ends: Sn1..Sn4 at level 4 (G1 → S1 → G → Sn), G4 at level 3: mean 19 / 5.
    assert (found.depth_max, found.depth_mean) == (4, pytest.approx(3.8))
    assert found.fan_in == (
        FanIn("Sn1", direct=2, transitive=3),  # G2 and G3, and G1 above them
        FanIn("Sn2", 1, 2),
        FanIn("Sn3", 1, 2),
        FanIn("Sn4", 1, 2),
    )
    assert found.open_defeaters == ("CG1",)
    assert found.open_challenges == ("c0",)  # the resolved undermine no longer counts
    assert found.open_questions == 1
    assert found.overdue == ("Sn3",)
    assert found.due_within == {30: ("Sn1",), 90: ("Sn1", "Sn2")}


def test_metrics_of_the_loan_sample_match_what_check_reports() -> None:
    """The loan sample on 2026-11-23: check's 19 goals, G19 the one hole, Sn1 and Sn5 expired,
    CG1 open; Sn1 carries the most claims (four goals cite it directly)."""
    path = SAMPLES / "loan-approval.gsnx"
    case = load_case(path)
    found = metrics(case, assess(case, dt.date(2026, 11, 23), ArtifactReader.for_case_file(path)))
    assert (found.elements, found.goals, found.undeveloped_goals) == (43, 19, ("G19",))
    assert found.overdue == ("Sn1", "Sn5")
    assert found.open_defeaters == ("CG1",)
    assert found.evidence["expired"] == 2 and found.evidence["changed"] == 1
    assert found.fan_in[0] == FanIn("Sn1", 4, 6)
    assert sum(found.claims.values()) == found.by_type["Goal"] + found.by_type["Strategy"]


def test_a_modular_case_has_figures_per_module_that_add_up() -> None:
    """The modular loan case: one row per module; their elements add up to the whole case's
    and the one undeveloped goal is oversight's."""
    from gsn_studio.analysis.modules import assess_modular
    from gsn_studio.io.modular import load_modular

    modular = load_modular([SAMPLES / "modular-loan" / "top.gsnx"])
    whole = assess_modular(modular, dt.date(2026, 11, 23))
    found = metrics(whole.complete.case, whole.assessment, whole)
    assert [m.id for m in found.modules] == [
        "top", "fairness", "accuracy", "oversight", "scoring-platform",
    ]  # fmt: skip
    assert sum(m.elements for m in found.modules) == found.elements == 44
    assert {m.id: m.undeveloped_goals for m in found.modules if m.undeveloped_goals} == {
        "oversight": 1
    }
    assert {m.id: m.verdict for m in found.modules}["scoring-platform"] == "supported"


def test_change_is_now_minus_before_for_every_figure() -> None:
    """A figure only one side has counts as zero on the other."""
    assert change({"a": 3, "b": 1.5}, {"a": 5, "c": 2}) == {"a": -2, "b": 1.5, "c": -2}


def test_cli_text_names_the_figures_and_their_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Text output: one line per figure with the ids behind it."""
    path = tmp_path / "built.gsnx"
    save_case(built_case(), path)
    assert main(["metrics", str(path), "--on", "2026-06-01"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{path}: metrics as of 2026-06-01, verdict weakened\n")
    lines = {line.strip().split("  ")[0]: " ".join(line.split()) for line in out.splitlines()}
    assert lines["undeveloped goals"] == "undeveloped goals 1 of 5 goals G4"
    assert lines["undeveloped share"] == "undeveloped share 20.0%"
    assert lines["depth, mean over the ends"] == "depth, mean over the ends 3.80"
    assert lines["Sn1"] == "Sn1 3 goals 2 directly"
    assert lines["open challenges (review)"] == "open challenges (review) 1 c0"
    assert lines["evidence due within 90 days"] == "evidence due within 90 days 2 Sn1, Sn2"


def test_cli_json_has_the_documented_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON: the keys docs/metrics.md lists, with the same numbers as the core."""
    path = tmp_path / "built.gsnx"
    save_case(built_case(), path)
    assert main(["metrics", str(path), "--as-of", "2026-06-01", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert list(report) == [
        "case", "as_of", "verdict", "elements", "by_type", "claims", "evidence", "defeaters",
        "goals", "undeveloped_goals", "undeveloped_share", "depth", "fan_in", "open_defeaters",
        "open_challenges", "open_questions", "due", "modules",
    ]  # fmt: skip
    assert report["depth"] == {"max": 4, "mean": 3.8}
    assert report["fan_in"][0] == {"id": "Sn1", "direct": 2, "transitive": 3}
    assert report["due"] == {
        "overdue": ["Sn3"], "within_30_days": ["Sn1"], "within_90_days": ["Sn1", "Sn2"],
    }  # fmt: skip
    documented = (Path(__file__).parent.parent / "docs" / "metrics.md").read_text()
    for key in report:
        assert f"`{key}`" in documented


def test_cli_markdown_escapes_what_the_case_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Markdown: a table of figures; a case file name with Markdown in it is shown literally."""
    path = tmp_path / "[x](http:evil)*.gsnx"
    save_case(built_case(), path)
    assert main(["metrics", str(path), "--on", "2026-06-01", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(r"### Metrics of \[x\](http:evil)\*.gsnx as of 2026-06-01")
    assert "| **undeveloped goals** | 1 of 5 goals | G4 |" in out
    assert "| &emsp;Sn1 | 3 goals | 2 directly |" in out


# -- --since, in a real repository ------------------------------------------------------------


def git(repo: Path, *args: str, day: str = "2026-05-01") -> None:
    env = {
        **os.environ,
        "HOME": str(repo.parent),
        "GIT_CONFIG_GLOBAL": str(repo.parent / "gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_DATE": f"{day}T12:00:00+00:00",
        "GIT_COMMITTER_DATE": f"{day}T12:00:00+00:00",
    }
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=t@example.org", *args],
        cwd=repo, check=True, capture_output=True, env=env,
    )  # fmt: skip


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The unfinished case committed on 2026-05-01, the finished one on 2026-05-20."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    path = repo / "case.gsnx"
    for finished, day in ((False, "2026-05-01"), (True, "2026-05-20")):
        save_case(built_case(finished), path)
        git(repo, "add", "-A", day=day)
        git(repo, "commit", "-q", "-m", f"finished={finished}", day=day)
    return path


@needs_git
def test_since_reads_the_revision_and_prints_the_change(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Against HEAD~1 (judged on its own day, 2026-05-01): three elements more, the holes G5
    and the strategy above filled, but four claims weakened; Sn1 came within 30 days."""
    assert main(["metrics", str(repository), "--on", "2026-06-01", "--since", "HEAD~1",
                 "--format", "json"]) == 0  # fmt: skip
    since = json.loads(capsys.readouterr().out)["since"]
    assert (since["revision"], since["day"], since["verdict"]) == (
        "HEAD~1", "2026-05-01", "undeveloped",
    )  # fmt: skip
    assert since["figures"]["claims.undeveloped"] == 4  # G4, G5, S1, G1
    moved = since["change"]
    assert (moved["elements"], moved["by_type.Solution"], moved["by_type.CounterGoal"]) == (3, 2, 1)
    assert (moved["claims.supported"], moved["claims.undeveloped"], moved["claims.weakened"]) == (
        -1, -3, 4,
    )  # fmt: skip
    assert (moved["undeveloped_goals"], moved["undeveloped_share"]) == (-1, -0.2)
    assert (moved["due.within_30_days"], moved["due.within_90_days"]) == (1, 1)
    assert moved["open_defeaters"] == 1

    assert main(["metrics", str(repository), "--on", "2026-06-01", "--since", "HEAD~1"]) == 0
    out = capsys.readouterr().out
    assert "change since HEAD~1 (2026-05-01, undeveloped)" in out.splitlines()[0]
    weakened = next(line for line in out.splitlines() if line.strip().startswith("weakened"))
    assert weakened.split() == ["weakened", "4", "+4"]
    share = next(line for line in out.splitlines() if line.startswith("undeveloped share"))
    assert share.split()[-2:] == ["-20.0", "pp"]

    assert main(["metrics", str(repository), "--on", "2026-06-01", "--since", "HEAD~1",
                 "--format", "md"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "| figure | value | since HEAD\\~1 | ids |" in out
    assert "| &emsp;weakened | 4 | +4 |  |" in out
    assert "| **evidence overdue** | 1 | +1 | Sn3 |" in out


@needs_git
def test_since_with_a_bad_revision_or_outside_git_is_one_line_exit_2(
    repository: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An unknown revision, a case outside any repository: one line naming it, exit 2."""
    capsys.readouterr()
    assert main(["metrics", str(repository), "--since", "nosuchrev"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nosuchrev" in err and "Traceback" not in err
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    loose = outside / "case.gsnx"
    save_case(built_case(), loose)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # no repository above counts
    assert main(["metrics", str(loose), "--since", "HEAD"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not in a git repository" in err


@needs_git
def test_status_history_reads_at_most_the_last_commits(repository: Path) -> None:
    """The chart's history: claims by status per commit, oldest first, capped to the last N."""
    from gsn_studio.cli.metrics import status_history

    points = status_history(repository, limit=1)
    assert [(p.day.isoformat(), p.subject) for p in points] == [("2026-05-20", "finished=True")]
    assert points[0].claims == {"supported": 1, "undeveloped": 2, "weakened": 3, "defeated": 0}
    assert len(status_history(repository)) == 2
