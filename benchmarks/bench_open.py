"""Where opening a large case in the editor spends its time (issue 17 item 3): CPU and wall
time from `Files.open` until the window is painted and idle (links still to be bent round
nodes in idle batches are not waited for, as in bench_feel's open row), split into reading,
the canvas, the outline, the first findings, the collection after opening, the first paint
and the rest of the events; beside `load_case` alone, in the same process.

CPU time (user + system of this process) is the steady figure on a shared machine; each
figure is the best of RUNS opens, each in a fresh window with the caches of text measures
emptied, as in a fresh process.

Run: QT_QPA_PLATFORM=offscreen python benchmarks/bench_open.py [NODES] [RUNS]
"""

from __future__ import annotations

import functools
import gc
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# beside this script, which Python puts on sys.path
from bench_feel import cold_caches, make_case, settle, settled, timers_of


def timed_parts() -> dict[str, float]:
    """Wrap the steps of opening so that each adds its CPU time to the returned dict."""
    from gsn_studio.app import document, edit_actions  # noqa: PLC0415
    from gsn_studio.app.canvas.scene import CanvasScene  # noqa: PLC0415
    from gsn_studio.app.panels.outline import OutlinePanel  # noqa: PLC0415

    parts: dict[str, float] = {}

    def wrap(owner: Any, name: str, label: str) -> None:
        real: Callable[..., Any] = getattr(owner, name)

        @functools.wraps(real)
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return real(*args, **kwargs)
            finally:
                parts[label] = parts.get(label, 0.0) + time.process_time() - started

        setattr(owner, name, timed)

    wrap(document, "load_modular", "read the file")
    wrap(CanvasScene, "rebuild", "canvas items")
    wrap(CanvasScene, "_reconcile_links", "  of which links")
    wrap(OutlinePanel, "rebuild", "outline")
    wrap(document.Document, "refresh_findings", "findings")
    wrap(edit_actions, "freeze_long_lived", "collect and freeze")
    return parts


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["GSN_STUDIO_SETTINGS_DIR"] = tempfile.mkdtemp()
    numbers = [int(arg) for arg in sys.argv[1:] if arg.isdigit()]
    size = numbers[0] if numbers else 10000
    runs = numbers[1] if len(numbers) > 1 else 3
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from gsn_studio.app.main_window import MainWindow  # noqa: PLC0415
    from gsn_studio.io import load_case  # noqa: PLC0415

    path = make_case(size, Path(tempfile.mkdtemp()))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    parts = timed_parts()
    load = min(_cpu_of(lambda: load_case(path))[0] for _ in range(runs))
    best: dict[str, float] = {}
    for _ in range(runs):
        window = MainWindow()
        window.resize(1400, 900)
        window.show()
        settle(app, window)
        fresh_process()
        parts.clear()
        cold_caches()
        timers = timers_of(window, routing=False)  # found before the clock starts
        cpu, wall = _cpu_of(functools.partial(window.files.open, path, ask=False))
        paint, _ = _cpu_of(window.view.viewport().repaint)
        # Wall time stops when the window is idle; CPU also counts the search for timers the
        # open made, after that moment (a few ms).
        rest_started, rest_cpu = time.perf_counter(), time.process_time()
        rest_wall = settled(app, window, timers, routing=False) - rest_started
        rest = time.process_time() - rest_cpu
        figures = {
            "open to painted and idle (cpu)": cpu + paint + rest,
            "open to painted and idle (wall)": wall + rest_wall,
            **parts,
            "first paint": paint,
            "events until idle": rest,
        }
        for label, value in figures.items():
            best[label] = min(best.get(label, value), value)
        window.document.undo_stack.setClean()
        window.close()
        window.deleteLater()
    print(f"{path.stem}: best of {runs}, seconds")
    print(f"{'load_case alone (cpu)':<34} {load:6.2f}")
    for label, value in best.items():
        ratio = f"{value / load:5.1f} × load_case" if label.startswith("open") else ""
        print(f"{label:<34} {value:6.2f}  {ratio}")


def fresh_process() -> None:
    """Leave the collector as a fresh editor process has it when it opens its first case:
    the last run's windows collected, everything else frozen (the launcher freezes what is
    imported) and no case frozen yet."""
    from gsn_studio.app import memory  # noqa: PLC0415

    gc.unfreeze()
    gc.collect()
    gc.freeze()
    memory._Frozen.case = False  # what a new process starts with


def _cpu_of(act: Callable[[], object]) -> tuple[float, float]:
    """CPU seconds and wall seconds an action takes."""
    cpu, wall = time.process_time(), time.perf_counter()
    act()
    return time.process_time() - cpu, time.perf_counter() - wall


if __name__ == "__main__":
    main()
