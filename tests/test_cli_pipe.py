"""A command whose reader stops early (`| head`) ends quietly, as git and grep do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gsn_studio.io import save_case
from gsn_studio.model import Case, NodeType


@pytest.mark.slow  # a process writing 1,500 findings
def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    """`check --format json` of a big case into a pipe closed after a few bytes: exit 141,
    nothing on stderr."""
    case = Case(name="Many goals")
    top = case.add_node(NodeType.GOAL, "The system is acceptably safe " * 4)
    for _ in range(1500):
        child = case.add_node(NodeType.GOAL, "A long enough claim about one hazard " * 4)
        case.connect(top.id, child.id)
    path = tmp_path / "many.gsnx"
    save_case(case, path)
    # A process: a reader closing a real pipe early (SIGPIPE, exit 141) needs one.
    process = subprocess.Popen(
        [sys.executable, "-m", "gsn_studio", "check", str(path), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(10)
    process.stdout.close()  # the reader goes away long before 1,500 findings are written
    error = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141
    assert error == ""
