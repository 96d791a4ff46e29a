"""`gsn-studio merge-driver`, installed in a temporary git repository and run by real
`git merge`s; git never sees the user's own configuration."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from test_merge import base_case

from gsn_studio.cli import main
from gsn_studio.io.gsnx_format import schema
from gsn_studio.io.gsnx_read import read_gsnx
from gsn_studio.io.gsnx_write import save_gsnx
from gsn_studio.model import NodeType


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new repository with the driver installed and a base case committed on main."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    folder = tmp_path / "repo"
    folder.mkdir()
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.name", "Tess Ter")
    git(folder, "config", "user.email", "tess@example.org")
    git(folder, "config", "commit.gpgsign", "false")
    assert main(["merge-driver", "--install", str(folder)]) == 0
    save_gsnx(base_case(), folder / "pump.gsnx")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "base")
    return folder


def git(folder: Path, *arguments: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(folder), *arguments], capture_output=True, text=True, check=check
    )


def edit(folder: Path, message: str, **statements: str) -> None:
    path = folder / "pump.gsnx"
    case = read_gsnx(path)
    for node_id, statement in statements.items():
        if node_id in case:
            case.update_node(node_id, statement=statement)
        else:
            case.add_node(NodeType.GOAL, statement, node_id)
            case.connect("S1", node_id)
    save_gsnx(case, path)
    git(folder, "commit", "-qam", message)


def branch_edits(folder: Path, ours: dict[str, str], theirs: dict[str, str]) -> None:
    git(folder, "checkout", "-qb", "theirs")
    edit(folder, "their edit", **theirs)
    git(folder, "checkout", "-q", "main")
    edit(folder, "our edit", **ours)


def test_install_writes_attributes_and_local_config_once(repo: Path) -> None:
    """A second --install changes nothing: one attributes line, one driver in .git/config."""
    assert main(["merge-driver", "--install", str(repo)]) == 0
    lines = (repo / ".gitattributes").read_text().splitlines()
    assert lines.count("*.gsnx merge=gsn-studio") == 1
    drivers = git(repo, "config", "--local", "--get-all", "merge.gsn-studio.driver").stdout
    assert drivers.count("merge-driver %O %A %B %P") == 1
    assert not (Path.home() / ".gitconfig").exists()  # nothing global was written


def test_git_merge_of_edits_to_different_elements_is_clean(repo: Path) -> None:
    """Edits to two statements and a node added on each branch merge with no conflict, into
    a file that validates and has each id once."""
    branch_edits(
        repo,
        ours={"G2": "Over-infusion is prevented", "G4": "Occlusion is detected"},
        theirs={"G3": "Air in line is detected within 1 s", "G5": "Battery failure is safe"},
    )
    done = git(repo, "merge", "-q", "--no-edit", "theirs", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    merged = read_gsnx(repo / "pump.gsnx")
    assert merged.node("G2").statement == "Over-infusion is prevented"
    assert merged.node("G3").statement == "Air in line is detected within 1 s"
    assert merged.children("S1") == ["G2", "G3", "G4", "G5"]
    assert merged.conflicts == []
    ids = [node.id for node in merged.nodes]
    assert len(ids) == len(set(ids))
    from lxml import etree

    assert schema().validate(etree.parse(str(repo / "pump.gsnx")))
    assert git(repo, "status", "--porcelain").stdout == ""


def test_git_merge_of_one_statement_edited_twice_records_the_conflict(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both branches rewrite G2: git reports a conflict, the file holds no text markers but a
    recorded conflict with both versions and the base, and check names G2's statement."""
    branch_edits(
        repo,
        ours={"G2": "Over-infusion is prevented"},
        theirs={"G2": "Over-infusion is mitigated"},
    )
    done = git(repo, "merge", "--no-edit", "theirs", check=False)
    assert done.returncode == 1
    assert "CONFLICT" in done.stdout
    assert "G2 statement was changed in ours and in theirs" in done.stderr + done.stdout
    assert git(repo, "diff", "--name-only", "--diff-filter=U").stdout.split() == ["pump.gsnx"]
    text = (repo / "pump.gsnx").read_text()
    assert "<<<<<<<" not in text
    merged = read_gsnx(repo / "pump.gsnx")
    [conflict] = merged.conflicts
    assert (conflict.subject, conflict.field) == ("G2", "statement")
    assert (conflict.base, conflict.ours, conflict.theirs) == (
        "Over-infusion is controlled",
        "Over-infusion is prevented",
        "Over-infusion is mitigated",
    )
    capsys.readouterr()
    assert main(["check", str(repo / "pump.gsnx"), "--fail-on", "merge-conflict"]) == 1
    report = capsys.readouterr().out
    assert "merge-conflict" in report and "G2 statement" in report


def test_unreadable_input_leaves_ours_untouched_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken THEIRS: exit 2, one line naming the file and the problem, OURS unchanged."""
    base, ours, theirs = (tmp_path / name for name in ("base", "ours", "theirs"))
    save_gsnx(base_case(), base)
    save_gsnx(base_case(), ours)
    theirs.write_text("<AssuranceCasePackage><oops")
    before = ours.read_bytes()
    status = main(["merge-driver", str(base), str(ours), str(theirs), "cases/pump.gsnx"])
    assert status == 2
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 1
    assert errors[0].startswith("gsn-studio merge-driver: cases/pump.gsnx (theirs):")
    assert ours.read_bytes() == before


def test_gsn2x_yaml_merges_when_clean_and_is_left_alone_on_conflict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """gsn2x YAML (named by PATH) merges by element; a conflict, which YAML cannot hold,
    leaves OURS as it was with exit 1 and the conflict named."""
    from gsn_studio.io.gsn2x_read import read_gsn2x
    from gsn_studio.io.gsn2x_write import save_gsn2x

    base, ours, theirs = (tmp_path / f"{name}.tmp" for name in ("base", "ours", "theirs"))
    for file in (base, ours, theirs):
        save_gsn2x(base_case(), file)
    mine, other = base_case(), base_case()
    mine.update_node("G2", statement="Over-infusion is prevented")
    other.update_node("G3", statement="Air in line is detected within 1 s")
    save_gsn2x(mine, ours)
    save_gsn2x(other, theirs)
    assert main(["merge-driver", str(base), str(ours), str(theirs), "pump.yaml"]) == 0
    merged = read_gsn2x(ours)
    assert merged.node("G2").statement == "Over-infusion is prevented"
    assert merged.node("G3").statement == "Air in line is detected within 1 s"

    other.update_node("G2", statement="Over-infusion is mitigated")
    save_gsn2x(other, theirs)
    save_gsn2x(mine, ours)
    before = ours.read_bytes()
    capsys.readouterr()
    assert main(["merge-driver", str(base), str(ours), str(theirs), "pump.yaml"]) == 1
    assert ours.read_bytes() == before
    assert "G2 statement was changed in ours and in theirs" in capsys.readouterr().err


def test_converting_a_case_with_open_conflicts_to_yaml_is_refused(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`convert` to gsn2x YAML, which cannot keep conflicts, refuses instead of dropping them."""
    branch_edits(
        repo,
        ours={"G2": "Over-infusion is prevented"},
        theirs={"G2": "Over-infusion is mitigated"},
    )
    git(repo, "merge", "--no-edit", "theirs", check=False)
    capsys.readouterr()
    assert main(["convert", str(repo / "pump.gsnx"), str(repo / "pump.yaml")]) == 2
    assert "1 merge conflict(s) are unresolved" in capsys.readouterr().err
    assert not (repo / "pump.yaml").exists()


def test_a_file_added_on_both_branches_merges_from_an_empty_base(tmp_path: Path) -> None:
    """git passes an empty BASE for a file both branches added: elements both added alike
    merge, and one added differently is a conflict without a base version."""
    base, ours, theirs = (tmp_path / name for name in ("base", "ours", "theirs"))
    base.write_bytes(b"")
    mine, other = base_case(), base_case()
    other.update_node("G2", statement="Over-infusion is mitigated")
    save_gsnx(mine, ours)
    save_gsnx(other, theirs)
    assert main(["merge-driver", str(base), str(ours), str(theirs), "pump.gsnx"]) == 1
    [conflict] = read_gsnx(ours).conflicts
    assert (conflict.subject, conflict.field, conflict.added) == ("G2", "statement", True)


def test_install_outside_a_repository_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--install in a folder that is not in a git repository says so and changes nothing."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    assert main(["merge-driver", "--install", str(tmp_path)]) == 2
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 1 and "not a git repository" in errors[0]
    assert not (tmp_path / ".gitattributes").exists()
