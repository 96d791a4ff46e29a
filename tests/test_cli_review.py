"""Review from the command line, through real files: comment, comments, reply, merge-comments
and diff, with the JSON shapes the issue names."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES

from gsn_studio.cli import main
from gsn_studio.io import load_case, save_case
from gsn_studio.model.comment_edits import CommentFilter


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "tutorial.gsnx"
    shutil.copy(SAMPLES / "tutorial.gsnx", path)
    return path


def post(path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["comment", str(path), *args]) == 0
    return capsys.readouterr().out.strip()


def listing(path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:  # type: ignore[type-arg]
    assert main(["comments", str(path), "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_a_bot_posts_a_challenge_that_check_reports(
    case_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`comment` saves the comment in the file and prints its id; check reports it as open."""
    before = load_case(case_file)
    comment_id = post(
        case_file, capsys, "G2", "--author", "fairness-bot", "--kind", "undermine",
        "--text", "The spill test used 50 ml; the jug holds 1.7 l",
    )  # fmt: skip
    after = load_case(case_file)
    assert after.nodes == before.nodes and after.links == before.links
    (shown,) = listing(case_file, capsys)
    assert set(shown) >= {"id", "node", "author", "time", "kind", "status", "text", "replies"}
    assert (shown["id"], shown["node"], shown["kind"], shown["status"]) == (
        comment_id,
        "G2",
        "undermine",
        "open",
    )
    assert shown["time"].endswith("Z") and shown["replies"] == []
    main(["check", str(case_file), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert {"code": "open-challenge", "node": "G2"}.items() <= next(
        f for f in findings if f["code"] == "open-challenge"
    ).items()


def test_comment_on_a_link_and_refusals(
    case_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--link-from ties a comment to a link; a missing node or link exits 2 and saves nothing."""
    post(case_file, capsys, "G2", "--link-from", "S1", "--author", "R", "--kind", "undercut",
         "--text", "Does not follow")  # fmt: skip
    (shown,) = listing(case_file, capsys)
    assert shown["link"] == ["S1", "G2"]
    before = case_file.read_bytes()
    assert main(["comment", str(case_file), "G99", "--author", "R", "--text", "x"]) == 2
    assert "G99" in capsys.readouterr().err
    assert main(["comment", str(case_file), "G2", "--link-from", "G3", "--author", "R",
                 "--text", "x"]) == 2  # fmt: skip
    assert "no such link" in capsys.readouterr().err
    assert case_file.read_bytes() == before


def test_reply_and_status_filter(case_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A reply joins the thread; --status answered then lists only that comment."""
    first = post(case_file, capsys, "G2", "--author", "R", "--kind", "rebut", "--text", "No")
    post(case_file, capsys, "G3", "--author", "R", "--text", "Why?")
    assert main(["reply", str(case_file), first, "--author", "Ana", "--text", "See Sn1",
                 "--status", "answered"]) == 0  # fmt: skip
    capsys.readouterr()
    (answered,) = listing(case_file, capsys, "--status", "answered")
    assert answered["id"] == first
    assert [r["author"] for r in answered["replies"]] == ["Ana"]
    assert [c["node"] for c in listing(case_file, capsys, "--status", "open")] == ["G3"]


def test_merging_two_reviews_twice_gives_no_duplicates(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each reviewer's comments arrive once, however often the copies are merged."""
    other = tmp_path / "other.gsnx"
    shutil.copy(case_file, other)
    post(case_file, capsys, "G2", "--author", "Rita", "--text", "A")
    post(other, capsys, "G3", "--author", "Sam", "--text", "B")
    merged = tmp_path / "merged.gsnx"
    assert main(["merge-comments", str(case_file), str(other), "-o", str(merged)]) == 0
    assert main(["merge-comments", str(merged), str(other), "-o", str(merged)]) == 0
    assert main(["merge-comments", str(merged), str(case_file), "-o", str(merged)]) == 0
    capsys.readouterr()
    assert sorted(c["author"] for c in listing(merged, capsys)) == ["Rita", "Sam"]
    assert load_case(merged).nodes == load_case(case_file).nodes


def test_diff_json_shape(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """diff --format json gives added, removed, changed with fields, and links as triples."""
    case = load_case(case_file)
    case.update_node("G2", statement="Reworded")
    case.rename_node("G3", "G30")
    newer = tmp_path / "newer.gsnx"
    save_case(case, newer)
    assert main(["diff", str(case_file), str(newer), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["added"] == ["G30"] and result["removed"] == ["G3"]
    assert {"id": "G2", "fields": ["statement"]} in result["changed"]
    assert all(len(link) == 3 for link in result["links_added"] + result["links_removed"])
    assert {link[2] for link in result["links_added"]} <= {"supportedBy", "inContextOf"}
    assert main(["diff", str(case_file), str(case_file)]) == 0
    assert "the same argument" in capsys.readouterr().out


def test_listing_filters_as_the_review_panel_does(
    case_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`comments --node/--author` choose what the Review panel's filter (one core
    CommentFilter) chooses: the node's own comments and its links', any case of the name."""
    on_node = post(case_file, capsys, "G2", "--author", "Rita", "--text", "A")
    on_link = post(case_file, capsys, "G2", "--link-from", "S1", "--author", "rita",
                   "--text", "B")  # fmt: skip
    post(case_file, capsys, "G3", "--author", "Sam", "--text", "C")
    shown = [c["id"] for c in listing(case_file, capsys, "--node", "G2", "--author", "RITA")]
    assert shown == [on_node, on_link]
    case = load_case(case_file)
    chosen = CommentFilter(node="G2", author="RITA").select(case.comments)
    assert [c.id for c in chosen] == shown


def test_a_comment_without_words_or_author_is_refused(
    case_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A blank --text or --author exits 2 with one line naming the file, and saves nothing."""
    before = case_file.read_bytes()
    assert main(["comment", str(case_file), "G2", "--author", "R", "--text", "  "]) == 2
    assert main(["comment", str(case_file), "G2", "--author", " ", "--text", "x"]) == 2
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 2 and all(str(case_file) in line for line in errors)
    assert case_file.read_bytes() == before
