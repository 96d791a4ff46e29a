"""A process whose first case is opened after a panel and document were let go does not crash
when the layout that opening starts ends (the collection at the next freeze had freed them
inside the layout's signal: a segmentation fault)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent


@pytest.mark.slow
def test_a_first_open_after_a_panel_was_let_go_lays_out_without_crashing() -> None:
    """The two tests that crashed together (a Properties panel on its own document, then a
    window opening a sample that needs a layout) pass in one process."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")  # settings: conftest's own folder
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"{TESTS}/test_evidence_panel.py::test_mark_verified_records_the_file_hash_as_one_undo_step",
            f"{TESTS}/test_first_screen.py::test_ticking_valid_until_waits_for_a_date",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "2 passed" in run.stdout
