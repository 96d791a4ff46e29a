"""What a new user meets at the command line: mistyped commands, empty cases and files that
are not what their name says, each answered in one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import RunCli

from gsn_studio.cli import main as cli_main
from gsn_studio.io import CaseFileError, load_case, save_case
from gsn_studio.launcher import editor_request, main
from gsn_studio.model import Case, NodeType


def run_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a child process without a display, as a terminal user has it."""
    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    environment["QT_QPA_PLATFORM"] = "xcb"  # a real platform: Qt aborts if it ever starts
    return subprocess.run(
        [sys.executable, "-m", "gsn_studio", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=cwd,
        env=environment,
    )


def test_mistyped_command_is_refused_with_the_nearest_names(tmp_path: Path) -> None:
    """`gsn-studio chek case.gsnx` says "unknown command 'chek'" and suggests check, on stderr
    with exit 2, without starting Qt (which would abort without a display)."""
    # A process: the launcher's smoke test, where starting Qt by mistake would abort it.
    result = run_process("chek", "case.gsnx", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "unknown command 'chek'" in result.stderr
    assert "check" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_command_this_version_lacks_is_an_unknown_command(
    tmp_path: Path, run_cli: RunCli
) -> None:
    """A bare word that is no command and no file lists the commands there are, exit 2."""
    result = run_cli("publish", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown command 'publish'" in result.stderr
    assert "export" in result.stderr  # the list of commands, when nothing is close


def test_help_word_prints_the_help(tmp_path: Path, run_cli: RunCli) -> None:
    """`gsn-studio help` and `gsn-studio help export` print the help, as `--help` does."""
    general = run_cli("help", cwd=tmp_path)
    assert general.returncode == 0 and "check" in general.stdout and "export" in general.stdout
    export = run_cli("help", "export", cwd=tmp_path)
    assert export.returncode == 0 and "--no-caption" in export.stdout


def test_unknown_command_never_imports_qt(capsys: pytest.CaptureFixture[str]) -> None:
    """In process too, the launcher answers an unknown command without importing the editor."""
    before = {name for name in sys.modules if name.startswith("gsn_studio.app")}
    assert main(["exprot", "x.gsnx", "-o", "x.svg"]) == 2
    assert "did you mean export" in capsys.readouterr().err
    after = {name for name in sys.modules if name.startswith("gsn_studio.app")}
    assert after == before


def test_file_names_still_open_the_editor(tmp_path: Path) -> None:
    """An existing file, and a new file named with a case extension, go to the editor."""
    existing = tmp_path / "notes"
    existing.write_text("x", encoding="utf-8")
    new = str(tmp_path / "new-case.gsnx")
    assert editor_request([str(existing)]) == ([str(existing)], False)
    assert editor_request([new]) == ([new], False)
    assert editor_request(["plan.yaml"]) == (["plan.yaml"], False)
    assert editor_request([]) == ([], False)
    assert editor_request(["chek", new]) is None


def test_case_without_goals_says_it_has_no_goal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A case of nodes but no goal is told it has no goal, not that every goal supports
    another."""
    case = Case(name="No goals")
    case.add_node(NodeType.SOLUTION, "A test report")
    case.add_node(NodeType.CONTEXT, "Ward use")
    path = tmp_path / "nogoal.gsnx"
    save_case(case, path)
    assert cli_main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "no-root: the case has no goal" in out
    assert "every goal supports another" not in out


def test_yaml_that_is_not_a_mapping_quotes_a_short_excerpt(
    tmp_path: Path, run_cli: RunCli
) -> None:
    """A .yaml file holding one long scalar (an XML file renamed) is refused with at most a
    short excerpt of it, on one line."""
    path = tmp_path / "case.yaml"
    path.write_text("<?xml version='1.0'?>" + "<node>text</node>" * 20_000, encoding="utf-8")
    with pytest.raises(CaseFileError) as caught:
        load_case(path)
    message = str(caught.value)
    assert len(message) < len(str(path)) + 200, message
    assert "<?xml" in message and "…" in message
    result = run_cli("check", str(path))
    assert result.returncode == 2
    assert len(result.stderr) < 400 and len(result.stderr.splitlines()) == 1


def test_editor_without_a_display_says_so(tmp_path: Path) -> None:
    """Asked for the editor on Linux with no display and no Qt platform chosen, gsn-studio says
    there is no display and how to use the command line, exit 2, instead of Qt aborting."""
    # A process: whether a display is there is read from the environment the program starts in.
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "gsn_studio", str(tmp_path / "new.gsnx")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=environment,
    )
    assert result.returncode == 2, result.stderr
    assert "no display" in result.stderr and "gsn-studio check" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
