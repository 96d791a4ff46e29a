"""Issue 7's table: GSN Studio at scale, each figure beside a baseline measured in the same run.

Run: QT_QPA_PLATFORM=offscreen python benchmarks/bench_scale.py [SIZES...]  (default 1000 10000)
     add --dot-baseline to also time Graphviz dot alone on the same graph (minutes at 10,000).

Each size runs in a fresh process, so peak memory belongs to that size alone. Cases are
generated (near-trees with contexts, shared evidence and cross-links: benchmarks/generate.py).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

FRAME_MS = 16.0
"""One frame at 60 Hz: the budget for an edit, and for a repaint while scrolling."""

TARGETS = {
    "open_s": 2.0,
    "check_s": 0.5,
    "edit_ms": 16.0,
    "layout_s": 5.0,
    "svg_s": 5.0,
    "peak_mb": 500.0,
}


def seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure(size: int, dot_baseline: bool) -> dict[str, float | None]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["GSN_STUDIO_SETTINGS_DIR"] = tempfile.mkdtemp()
    from generate import generate_case  # noqa: PLC0415 (beside this script)
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from gsn_studio.analysis import ArtifactReader, assess  # noqa: PLC0415
    from gsn_studio.export.figure import ExportOptions, make_svg  # noqa: PLC0415
    from gsn_studio.io import load_case, save_case  # noqa: PLC0415
    from gsn_studio.io.gsnx_write import to_bytes  # noqa: PLC0415
    from gsn_studio.io.safe_xml import parse_xml  # noqa: PLC0415
    from gsn_studio.layout import layout_case  # noqa: PLC0415
    from gsn_studio.layout.dot import dot_layout  # noqa: PLC0415

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    baseline_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    case = generate_case(size)
    layout = seconds(lambda: layout_case(case))
    positions = layout_case(case)
    for node_id, position in positions.items():
        case.update_node(node_id, position=position)
    dot_alone = None
    if dot_baseline:
        dot_alone = seconds(lambda: dot_layout(case))

    folder = Path(tempfile.mkdtemp())
    path = folder / "case.gsnx"
    save_case(case, path)
    data = path.read_bytes()
    lxml = seconds(lambda: parse_xml(data, path))
    load = seconds(lambda: load_case(path))
    loaded = load_case(path)
    reader = ArtifactReader(folder)
    check = seconds(lambda: assess(loaded, dt.date(2026, 11, 23), reader))
    svg = seconds(lambda: make_svg(loaded, ExportOptions(legend=True)))
    gsnx = seconds(lambda: to_bytes(loaded))

    editor = measure_editor(app, path)
    return {
        "nodes": len(loaded.nodes),
        "open_s": editor["open_s"],
        "load_s": load,
        "check_s": check,
        "lxml_s": lxml,
        "edit_ms": editor["edit_ms"],
        "refresh_ms": editor["refresh_ms"],
        "layout_s": layout,
        "dot_s": dot_alone,
        "svg_s": svg,
        "gsnx_s": gsnx,
        "repaint_out_ms": editor["repaint_out_ms"],
        "repaint_100_ms": editor["repaint_100_ms"],
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "baseline_mb": baseline_mb,
    }


def measure_editor(app: QApplication, path: Path) -> dict[str, float]:
    """Opening the laid-out file in a real window, one edit, a findings refresh, repaints."""
    from gsn_studio.app.main_window import MainWindow  # noqa: PLC0415 (needs the QApplication)
    from gsn_studio.model.changes import UpdateNode  # noqa: PLC0415

    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    started = time.perf_counter()
    window.files.open(path, ask=False)
    app.processEvents()
    window.view.viewport().repaint()
    opened = time.perf_counter() - started

    document = window.document
    document._findings_timer.stop()
    goal = next(n for n in reversed(document.case.nodes) if n.type.value == "Goal")
    edit = seconds(lambda: document.push(UpdateNode(goal.id, {"statement": "Edited"}), "t"))
    edit += seconds(app.processEvents)
    refresh = seconds(document.refresh_findings)
    window.view.fit_all()
    app.processEvents()
    zoomed_out = min(seconds(window.view.viewport().repaint) for _ in range(3))
    window.view.set_zoom(1.0)
    app.processEvents()
    at_100 = min(seconds(window.view.viewport().repaint) for _ in range(3))
    document.undo_stack.setClean()
    window.close()
    return {
        "open_s": opened,
        "edit_ms": edit * 1000,
        "refresh_ms": refresh * 1000,
        "repaint_out_ms": zoomed_out * 1000,
        "repaint_100_ms": at_100 * 1000,
    }


def table(r: dict[str, float | None]) -> list[tuple[str, str, str, str, str]]:
    def ratio(value: float | None, base: float | None) -> str:
        if not value or not base:
            return ""
        share = value / base
        return f"{share:.2f}x" if share < 0.1 else f"{share:.1f}x"

    def f(value: float | None, unit: str) -> str:
        if value is None:
            return "not run"
        return f"{value:.2f} {unit}" if unit == "s" else f"{value:.0f} {unit}"

    def target(key: str, unit: str) -> str:
        return f"< {TARGETS[key]:g} {unit}"

    return [
        ("open in the editor, laid out", f(r["open_s"], "s"), target("open_s", "s"),
         f"load alone {f(r['load_s'], 's')}", ratio(r["open_s"], r["load_s"])),
        ("check (findings and status)", f(r["check_s"], "s"), target("check_s", "s"),
         f"lxml parse alone {f(r['lxml_s'], 's')}", ratio(r["check_s"], r["lxml_s"])),
        ("one edit, on screen", f(r["edit_ms"], "ms"), target("edit_ms", "ms"),
         f"one frame {FRAME_MS:g} ms", ratio(r["edit_ms"], FRAME_MS)),
        ("findings refresh after edits", f(r["refresh_ms"], "ms"), "debounced",
         f"one frame {FRAME_MS:g} ms", ratio(r["refresh_ms"], FRAME_MS)),
        ("auto-layout", f(r["layout_s"], "s"), target("layout_s", "s"),
         f"dot alone {f(r['dot_s'], 's')}", ratio(r["layout_s"], r["dot_s"])),
        ("SVG export", f(r["svg_s"], "s"), target("svg_s", "s"),
         f"writing .gsnx {f(r['gsnx_s'], 's')}", ratio(r["svg_s"], r["gsnx_s"])),
        ("repaint, whole case in view", f(r["repaint_out_ms"], "ms"), "smooth",
         f"one frame {FRAME_MS:g} ms", ratio(r["repaint_out_ms"], FRAME_MS)),
        ("repaint at 100 %", f(r["repaint_100_ms"], "ms"), "smooth",
         f"one frame {FRAME_MS:g} ms", ratio(r["repaint_100_ms"], FRAME_MS)),
        ("peak memory", f(r["peak_mb"], "MB"), target("peak_mb", "MB"),
         f"Python and Qt alone {f(r['baseline_mb'], 'MB')}", ratio(r["peak_mb"], r["baseline_mb"])),
    ]  # fmt: skip


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--one"]:
        print(json.dumps(measure(int(args[1]), "--dot-baseline" in args)))
        return
    dot = "--dot-baseline" in args
    sizes = [int(a) for a in args if a.isdigit()] or [1000, 10000]
    for size in sizes:
        command = [sys.executable, __file__, "--one", str(size)] + (["--dot-baseline"] * dot)
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        result = json.loads(output.strip().splitlines()[-1])
        print(f"\n{result['nodes']:,} nodes")
        print(
            f"| {'measure':<31} | {'GSN Studio':>10} | {'target':>10} | {'baseline':<30} | ratio |"
        )
        print(f"|{'-' * 33}|{'-' * 12}|{'-' * 12}|{'-' * 32}|-------|")
        for name, value, target, baseline, ratio in table(result):
            print(f"| {name:<31} | {value:>10} | {target:>10} | {baseline:<30} | {ratio:>5} |")


if __name__ == "__main__":
    main()
