"""Issue 17: speed as the user feels it, each figure beside its baseline from the same run.

- The command line, as whole processes (start-up included): `check` of a small case against a
  bare interpreter start, `check` of a large case against that start plus an lxml parse of
  the same file.
- The editor at a large size: from simulated input (QTest key and mouse events) until the
  event loop is idle and every debounced refresh has run, so every panel and finding is
  current; opening a file until the window is painted and idle.

Run: QT_QPA_PLATFORM=offscreen python benchmarks/bench_feel.py [SIZE] [--editor-only]
(SIZE defaults to 10000)
Times are the best of a few runs: the machine is shared, and the minimum is the least noisy.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from gsn_studio.app.main_window import MainWindow

RUNS = 5
SHORT_TIMER_MS = 1000
"""Timers shorter than this are debounced refreshes; longer ones (autosave) are not waited for."""


def best_process_time(command: list[str], runs: int = RUNS) -> float:
    """The shortest wall time of a whole process, output discarded."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - started)
    return min(times)


def make_case(size: int, folder: Path) -> Path:
    from generate import generate_case  # noqa: PLC0415 (beside this script)

    from gsn_studio.io import save_case  # noqa: PLC0415
    from gsn_studio.layout import layout_case  # noqa: PLC0415
    from gsn_studio.model.changes import MoveNodes  # noqa: PLC0415

    case = generate_case(size)
    MoveNodes(layout_case(case)).apply(case)
    path = folder / f"case-{size}.gsnx"
    save_case(case, path)
    return path


Row = tuple[str, float, str, float, float]
"""What, how long, the baseline's name, the baseline, the target as a multiple of it."""


def command_line(big: Path) -> list[Row]:
    python = sys.executable
    small = Path(__file__).resolve().parent.parent / "samples" / "tutorial.gsnx"
    bare = best_process_time([python, "-c", "pass"])
    parse = best_process_time(
        [python, "-c", f"from lxml import etree; etree.parse({str(big)!r})"]
    )
    cli = [python, "-m", "gsn_studio"]
    rows = []
    for label, args in [
        ("check, 10-node tutorial", ["check", str(small)]),
        ("comments, 10-node tutorial", ["comments", str(small)]),
    ]:
        rows.append((label, best_process_time(cli + args), "bare start", bare, 0.25 / bare))
    for label, args in [
        (f"check, {big.stem}", ["check", str(big)]),
        (f"check --format json, {big.stem}", ["check", "--format", "json", str(big)]),
    ]:
        rows.append((label, best_process_time(cli + args), "start + lxml parse", parse, 3.0))
    return rows


def settle(app: QApplication, window: MainWindow) -> None:
    """Process events until nothing is pending and no debounced refresh is waiting."""
    from PySide6.QtCore import QTimer  # noqa: PLC0415

    timers = [*window.findChildren(QTimer), *window.document.findChildren(QTimer)]
    while True:
        app.processEvents()
        waiting = [t for t in timers if t.isActive() and t.interval() < SHORT_TIMER_MS]
        if not waiting:
            app.processEvents()
            return
        time.sleep(0.001)


def feel(app: QApplication, window: MainWindow, act: Callable[[], object]) -> float:
    """Milliseconds from the input until the window is idle with everything current."""
    settle(app, window)
    started = time.perf_counter()
    act()
    settle(app, window)
    return (time.perf_counter() - started) * 1000


def editor(big: Path, show: Callable[[Row], None]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QPoint, Qt  # noqa: PLC0415
    from PySide6.QtTest import QTest  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from gsn_studio.app.main_window import MainWindow  # noqa: PLC0415
    from gsn_studio.io import load_case  # noqa: PLC0415
    from gsn_studio.model import NodeType  # noqa: PLC0415

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    started = time.perf_counter()
    load_case(big)
    load_ms = (time.perf_counter() - started) * 1000

    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    started = time.perf_counter()
    window.files.open(big, ask=False)
    window.view.viewport().repaint()
    settle(app, window)
    open_ms = (time.perf_counter() - started) * 1000

    document, scene, view = window.document, window.scene, window.view
    goals = [n.id for n in document.case.nodes if n.type is NodeType.GOAL]
    target = goals[len(goals) // 2]
    none = Qt.KeyboardModifier.NoModifier

    def select(node_id: str) -> None:
        scene.clearSelection()
        item = scene.item_for(node_id)
        assert item is not None
        item.setSelected(True)
        view.centerOn(item)
        settle(app, window)

    def type_a_letter() -> None:
        field = window.properties.node_form.statement
        field.setFocus()
        QTest.keyClick(field, Qt.Key.Key_E, none)

    def nudge() -> None:
        view.setFocus()
        QTest.keyClick(view.viewport(), Qt.Key.Key_Right, none)

    def add() -> None:
        view.setFocus()
        QTest.keyClick(view.viewport(), Qt.Key.Key_G, none)

    def delete() -> None:
        view.setFocus()
        QTest.keyClick(view.viewport(), Qt.Key.Key_Delete, none)

    def undo() -> None:
        view.setFocus()
        QTest.keyClick(view.viewport(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    def click() -> None:
        item = scene.item_for(goals[len(goals) // 3])
        assert item is not None
        view.centerOn(item)
        at = view.mapFromScene(item.sceneBoundingRect().center())
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, none, QPoint(at))

    show(("open to painted and idle", open_ms, "load_case, no GUI", load_ms, 2000 / load_ms))
    steps: list[tuple[str, Callable[[], object], float]] = [
        ("select by click", click, 100),
        ("type a letter in Properties", type_a_letter, 100),
        ("nudge with an arrow key", nudge, 100),
        ("add a goal (G)", add, 100),
        ("undo (Ctrl+Z)", undo, 100),
        ("delete (Delete)", delete, 100),
        ("undo (Ctrl+Z)", undo, 100),
    ]
    for label, act, target_ms in steps:
        if not label.startswith("undo"):
            select(target)
        took = min(feel(app, window, act) for _ in range(1))
        if label.startswith("add"):
            QTest.keyClick(app.focusWidget(), Qt.Key.Key_Escape, none)
            settle(app, window)
        show((label, took, "frame (16 ms)", 16.0, target_ms / 16.0))
    window.document.undo_stack.setClean()
    window.close()


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:] if arg.isdigit()]
    size = sizes[0] if sizes else 10000
    os.environ["GSN_STUDIO_SETTINGS_DIR"] = tempfile.mkdtemp()
    folder = Path(tempfile.mkdtemp())
    big = make_case(size, folder)
    print(f"{'what':<40} {'took':>10}  {'baseline':<20} {'base':>9} {'ratio':>6} {'target':>7}")
    if "--editor-only" not in sys.argv:
        for label, took, base_label, base, target in command_line(big):
            print(
                f"{label:<40} {took:>8.3f} s  {base_label:<20} {base:>7.3f} s "
                f"{took / base:>6.1f} {target:>6.1f}x",
                flush=True,
            )

    def show(row: Row) -> None:
        label, took, base_label, base, target = row
        print(
            f"{label:<40} {took:>7.0f} ms  {base_label:<20} {base:>6.0f} ms "
            f"{took / base:>6.1f} {target:>6.1f}x",
            flush=True,
        )

    editor(big, show)


if __name__ == "__main__":
    main()
