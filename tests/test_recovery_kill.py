"""The real editor, killed with SIGKILL after an edit, gives the edit back at the next start."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gsn_studio.app import recovery
from gsn_studio.io import load_case, save_case
from gsn_studio.model import Case, NodeType

# `python -m gsn_studio FILE`, except for two things a test needs: a short autosave interval,
# and an edit made through the document once the window shows FILE.
EDITOR = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from gsn_studio.app import autosave
from gsn_studio.launcher import main

autosave.AUTOSAVE_INTERVAL_MS = 200
app = QApplication([sys.argv[0]])

def edit():
    from gsn_studio.app.main_window import MainWindow
    from gsn_studio.model.changes import UpdateNode

    [window] = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
    window.document.push(UpdateNode("G1", {"statement": "Edited, then killed"}), "Edit G1")

QTimer.singleShot(0, edit)  # the first thing the event loop does, once FILE is open
sys.exit(main([sys.argv[1]]))
"""

# `python -m gsn_studio` again, answering Restore and reporting what the window then shows.
RESTART = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from gsn_studio.launcher import main

app = QApplication([sys.argv[0]])

def restore():
    from gsn_studio.app.main_window import MainWindow
    from gsn_studio.app.recovery_dialog import RecoveryDialog

    [dialog] = [w for w in app.topLevelWidgets() if isinstance(w, RecoveryDialog)]
    table = dialog.table
    offered = [table.topLevelItem(row).text(0) for row in range(table.topLevelItemCount())]
    dialog.restore_button.click()
    [window] = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
    document = window.document
    print(json.dumps({
        "offered": offered,
        "statement": document.case.node("G1").statement,
        "modified": document.is_modified(),
        "path": str(document.path),
    }))
    document.undo_stack.setClean()  # close without asking
    window.close()

QTimer.singleShot(0, restore)  # the dialog is open once the event loop runs
sys.exit(main([]))
"""


@pytest.mark.slow  # two editor processes
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_an_editor_killed_after_an_edit_offers_it_back_at_the_next_start(
    tmp_path: Path, isolated_settings: Path
) -> None:
    """Edit in a real editor process, wait for its autosave, SIGKILL it: the file on disk is
    untouched, and the editor started again offers the edit back; restored, it is unsaved and
    has the file's name; a clean exit then leaves no recovery file."""
    settings_dir = isolated_settings  # the child processes inherit it from the environment
    case = Case(name="Pump")
    case.add_node(NodeType.GOAL, "The pump is safe")
    path = tmp_path / "pump.gsnx"
    save_case(case, path)
    before = path.read_bytes()
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    log = tmp_path / "editor.log"
    with log.open("w") as output:
        # A process: an editor killed with SIGKILL, then started again.
        editor = subprocess.Popen(
            [sys.executable, "-c", EDITOR, str(path)], env=environment, stderr=output
        )
    try:
        sidecars = settings_dir / "recovery"
        deadline = time.monotonic() + 30
        while not list(sidecars.glob("*.json")) and time.monotonic() < deadline:
            assert editor.poll() is None, log.read_text()
            time.sleep(0.05)
        assert list(sidecars.glob("*.json")), f"no recovery file: {log.read_text()}"
        assert recovery.left_behind(sidecars) == []  # its editor is still running
    finally:
        editor.send_signal(signal.SIGKILL)
        editor.wait(timeout=30)
    assert editor.returncode == -signal.SIGKILL
    assert path.read_bytes() == before

    restart = subprocess.run(
        [sys.executable, "-c", RESTART],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert restart.returncode == 0, restart.stderr
    seen = json.loads(restart.stdout.splitlines()[-1])
    assert seen == {
        "offered": ["pump.gsnx"],
        "statement": "Edited, then killed",
        "modified": True,
        "path": str(path.resolve()),
    }
    assert load_case(path).node("G1").statement == "The pump is safe"
    assert list(sidecars.iterdir()) == []  # restored, then closed: nothing left to recover
