"""Issue 17 item 3, step by step: the CPU and wall time of each editor step at a large size,
from simulated input until the window is idle with every panel current (bench_feel's
harness), best of several rounds. CPU is the figure to compare on a shared machine; with
`--against DIR` an earlier source tree (`git archive main gsn_studio benchmarks | tar -x -C
DIR`) runs the same rounds in a second process right after, for a before and after.

Run: QT_QPA_PLATFORM=offscreen python benchmarks/bench_edit_steps.py [SIZE] [--rounds N]
[--against DIR]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _option(name: str, default: str) -> str:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def measure(case_path: Path, rounds: int) -> dict[str, list[tuple[float, float]]]:
    """Each step's (CPU ms, wall ms) in every round; every round ends by undoing its edits."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import bench_feel  # noqa: PLC0415 (beside this script)
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from gsn_studio.app.main_window import MainWindow  # noqa: PLC0415

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    window.files.open(case_path, ask=False)
    bench_feel.settle(app, window)  # links bent round nodes first, as bench_feel does
    inputs = bench_feel.Inputs(app, window)
    target = inputs.goals[len(inputs.goals) // 2]
    steps = bench_feel.edit_steps(inputs)
    times: dict[str, list[tuple[float, float]]] = {}
    for _ in range(rounds):
        for label, act in steps:
            if not label.startswith("undo"):
                inputs.select(target)
            inputs.prepare(label)  # before the clock, as bench_feel does
            timers = bench_feel.timers_of(window)  # found before the clock starts
            cpu, wall = time.process_time(), time.perf_counter()
            act()
            idle, idle_cpu = bench_feel.settled_times(app, window, timers)
            took = ((idle_cpu - cpu) * 1000, (idle - wall) * 1000)
            times.setdefault(label, []).append(took)
            if label.startswith("add"):
                inputs.key("Key_Escape")  # leave the new goal's text editor
                bench_feel.settle(app, window)
        while window.document.undo_stack.canUndo():  # the typing and the nudge too
            window.document.undo_stack.undo()
        bench_feel.settle(app, window)
    window.document.undo_stack.setClean()
    window.close()
    return times


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:] if arg.isdigit()]
    size = sizes[0] if sizes else 10000
    rounds = int(_option("--rounds", "5"))
    os.environ["GSN_STUDIO_SETTINGS_DIR"] = tempfile.mkdtemp()
    case_path = Path(_option("--case", ""))
    if not case_path.is_file():
        import bench_feel  # noqa: PLC0415

        case_path = bench_feel.make_case(size, Path(tempfile.mkdtemp()))
    import gsn_studio  # noqa: PLC0415

    label = _option("--label", "now")
    print(f"gsn_studio from {Path(gsn_studio.__file__).parent.parent}")
    print(f"{'step (' + label + ')':<34} {'cpu best':>9} {'wall best':>10}  cpu each round")
    for step, runs in measure(case_path, rounds).items():
        cpu, wall = min(r[0] for r in runs), min(r[1] for r in runs)
        each = " ".join(f"{r[0]:.0f}" for r in runs)
        print(f"{step:<34} {cpu:>6.0f} ms {wall:>7.0f} ms  {each}", flush=True)
    if "--against" in sys.argv:
        earlier = Path(_option("--against", "")).resolve()
        script = earlier / "benchmarks" / Path(__file__).name
        if not script.exists():  # an older tree without this script: run ours on its package
            script = Path(__file__)
        # The earlier tree first on sys.path, ahead of the editable install's finder, which a
        # PYTHONPATH would not be: that run measured this tree again.
        first = f"import runpy, sys; sys.path[:0] = [{str(earlier)!r}, {str(script.parent)!r}]; "
        first += f"sys.argv[0] = {str(script)!r}; runpy.run_path(sys.argv[0], run_name='__main__')"
        subprocess.run(  # noqa: PLW1510 (its output is the report)
            [
                sys.executable,
                "-c",
                first,
                str(size),
                "--rounds",
                str(rounds),
                "--case",
                str(case_path),
                "--label",
                f"before, {earlier.name}",
            ],
        )


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    main()
