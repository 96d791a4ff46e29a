"""Takes docs/metrics-dashboard.png: the Dashboard's metrics and status chart for the loan
sample, given a made-up git history in a scratch repository (the argument developed over a
year and a half: evidence added commit by commit, then the review's challenges and Sn1
expiring on 2025-11-30).

Run: QT_QPA_PLATFORM=offscreen python docs/metrics_screenshot.py [OUT.png]
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # first_screen sits beside this script

from first_screen import HERE, settle

from gsn_studio.io import load_case, save_case
from gsn_studio.model import NodeType

SAMPLE = HERE.parent / "samples" / "loan-approval.gsnx"
START = dt.date(2025, 3, 3)
COMMITS = 16


def git(repo: Path, *args: str, day: dt.date) -> None:
    stamp = f"{day.isoformat()}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    done = subprocess.run(
        ["git", "-c", "user.name=Demo", "-c", "user.email=demo@example.org", *args],
        cwd=repo, capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    if done.returncode:
        raise SystemExit(f"git {args[0]}: {done.stdout}{done.stderr}")


def history(folder: Path) -> Path:
    """The sample committed 16 times, every four weeks: the solutions arrive a few at a time
    (a goal without its evidence is a hole), the last commit is the sample as shipped."""
    home = folder / "home"
    home.mkdir()
    os.environ["HOME"] = str(home)
    os.environ["GIT_CONFIG_GLOBAL"] = str(home / "gitconfig")
    repo = folder / "loan"
    shutil.copytree(SAMPLE.parent / "evidence", repo / "evidence")
    git(repo, "init", "-q", "-b", "main", day=START)
    path = repo / "loan-approval.gsnx"
    full = load_case(SAMPLE)
    solutions = [node.id for node in full.nodes if node.type is NodeType.SOLUTION]
    for number in range(COMMITS):
        case = full.model_copy(deep=True)
        case.description = f"Revision {number + 1}"  # every commit changes the file
        present = round(len(solutions) * min(1.0, (number + 2) / (COMMITS - 4)))
        for node_id in solutions[present:]:
            case.remove_node(node_id)
        if number < COMMITS // 2:  # the challenges came with the review, half way through
            for node in [n for n in case.nodes if n.is_counter]:
                case.remove_node(node.id)
        save_case(case, path)
        day = START + dt.timedelta(weeks=4 * number)
        git(repo, "add", "-A", day=day)
        git(repo, "commit", "-q", "-m", f"Argument, {present} solutions", day=day)
    return path


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "metrics-dashboard.png"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["GSN_STUDIO_SETTINGS_DIR"] = tempfile.mkdtemp()
    scratch = Path(tempfile.mkdtemp(prefix="gsn-metrics-demo-"))
    path = history(scratch)

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from gsn_studio.app.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    window.open_paths([path])
    while window.layout_runner.is_running():
        app.processEvents()
    window.document.set_as_of(dt.date(2026, 11, 23))
    dock = window.docks["dashboard"]
    dock.raise_()
    window.resizeDocks([dock], [330], Qt.Orientation.Vertical)
    chart = window.dashboard.metrics_box.chart
    while len(chart.history) < COMMITS:
        app.processEvents()
    settle(300)
    dock.grab().save(str(out))
    print(f"wrote {out}")
    window.document.undo_stack.setClean()
    window.close()
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
