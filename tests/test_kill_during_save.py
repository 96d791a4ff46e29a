"""Killing the process in the middle of a save never leaves a broken case file: after every
kill the file is the old complete version or the new one."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from factories import hazard_case

from gsn_studio.io import load_case, save_case
from gsn_studio.io.gsnx_write import to_bytes

KILLS = 25

SAVER = """
import os, sys, time
sys.path.insert(0, {benchmarks!r})
from generate import generate_case
from gsn_studio.io import save_case

# A slow disk: the temporary file stays open long enough that most kills land mid-save,
# where a non-atomic write would leave half a file.
real_fsync = os.fsync
def slow_fsync(descriptor):
    time.sleep(0.05)
    real_fsync(descriptor)
os.fsync = slow_fsync

path = {path!r}
versions = [generate_case(1000), generate_case(1000)]
versions[1].name = "second version"
print("ready", flush=True)
while True:
    for case in versions:
        save_case(case, path)
"""


@pytest.mark.slow  # 25 saving processes, each killed
def test_a_case_file_survives_being_killed_mid_save_again_and_again(tmp_path: Path) -> None:
    """SIGKILL at random moments during a loop of saves: the file always loads, as one of the
    two versions written, and the next save removes what killed saves left (temporary files,
    the lock)."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from generate import generate_case

    first, second = generate_case(1000), generate_case(1000)
    second.name = "second version"
    expected = {to_bytes(first), to_bytes(second)}
    path = tmp_path / "case.gsnx"
    save_case(first, path)
    script = SAVER.format(
        benchmarks=str(Path(__file__).parent.parent / "benchmarks"), path=str(path)
    )
    chance = random.Random(20261123)
    mid_save = 0
    for _ in range(KILLS):
        # A process: only a process can be killed in the middle of a save.
        child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        # Kill only once a save has begun (a loaded machine may be slow to get there), then
        # at a random moment: during that save, or a later one.
        started = time.monotonic()
        while not any(tmp_path.glob(".case.gsnx.*")) and time.monotonic() - started < 10:
            time.sleep(0.002)
        time.sleep(chance.uniform(0.0, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        assert path.read_bytes() in expected
        load_case(path)
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        # A kill between creating and renaming the temporary file leaves it beside the case:
        # harmless, as it never has the case's name, and gone at the next save.
        assert all(name.startswith(".case.gsnx.") for name in leftovers)
        mid_save += bool(leftovers)
    assert mid_save, "no kill landed inside a save: the test proved nothing"
    save_case(first, path)
    assert [p.name for p in tmp_path.iterdir()] == ["case.gsnx"]


def test_a_save_removes_temporaries_left_by_an_old_killed_save(tmp_path: Path) -> None:
    """Leftovers older than any save can take go at the next save; a fresh one, which may
    belong to a save still running elsewhere, and other files stay."""
    path = tmp_path / "case.gsnx"
    old = tmp_path / ".case.gsnx.abc123.tmp"
    fresh = tmp_path / ".case.gsnx.def456.tmp"
    other = tmp_path / ".other.gsnx.abc123.tmp"
    for leftover in (old, fresh, other):
        leftover.write_bytes(b"<half a case")
    long_ago = time.time() - 3600
    os.utime(old, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))
    save_case(hazard_case(), path)
    assert not old.exists()
    assert fresh.exists() and other.exists()
