"""Editor speed on generated, laid-out cases (issue 3 targets): time to a usable window for
1,000 and 10,000 nodes, one edit (text, move, add, delete) at 10,000 nodes, auto-layout of
1,000 nodes. Baseline: loading the same file without the GUI.

Run: QT_QPA_PLATFORM=offscreen python benchmarks/bench_editor.py [SIZES...]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generate import generate_case  # beside this script, which Python puts on sys.path
from PySide6.QtWidgets import QApplication

from gsn_studio.app import editing
from gsn_studio.app.main_window import MainWindow
from gsn_studio.io import load_case, save_case
from gsn_studio.layout import layout_case
from gsn_studio.model import NodeType, Position
from gsn_studio.model.changes import MoveNodes, UpdateNode


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    QApplication.processEvents()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["GSN_STUDIO_SETTINGS_DIR"] = tempfile.mkdtemp()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    sizes = [int(arg) for arg in sys.argv[1:]] or [1000, 10000]
    print(
        f"{'nodes':>6} {'load s':>7} {'open s':>7} {'x load':>7} {'text ms':>8} "
        f"{'move ms':>8} {'add ms':>7} {'delete ms':>9} {'findings ms':>11}"
    )
    for size in sizes:
        measure(app, size)
    small = generate_case(1000)
    started = time.perf_counter()
    layout_case(small)
    took = time.perf_counter() - started
    print(f"\nauto-layout of {len(small.nodes)} nodes: {took:.2f} s (dot)")


def measure(app: QApplication, size: int) -> None:
    case = generate_case(size)
    for node_id, position in layout_case(case).items():
        case.update_node(node_id, position=position)
    path = Path(tempfile.mkdtemp()) / "case.gsnx"
    save_case(case, path)
    started = time.perf_counter()
    load_case(path)
    load = time.perf_counter() - started

    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    started = time.perf_counter()
    window.files.open(path, ask=False)
    app.processEvents()
    window.view.viewport().repaint()
    opened = time.perf_counter() - started

    document = window.document
    goals = [n for n in document.case.nodes if n.type is NodeType.GOAL]
    node = goals[len(goals) // 2]
    position = node.position or Position(x=0, y=0)
    document._findings_timer.stop()
    text = timed(lambda: document.push(UpdateNode(node.id, {"statement": "Edited"}), "t"))
    move = timed(
        lambda: document.push(MoveNodes({node.id: Position(x=position.x + 40, y=position.y)}), "m")
    )
    change, _ = editing.add_child(document.case, node.id, NodeType.CONTEXT)
    add = timed(lambda: document.push(change, "a"))
    delete = timed(lambda: document.push(editing.delete(document.case, [node.id]), "d"))
    findings = timed(document.refresh_findings)
    print(
        f"{len(document.case.nodes):>6} {load:>7.2f} {opened:>7.2f} {opened / load:>6.1f}x "
        f"{text:>8.1f} {move:>8.1f} {add:>7.1f} {delete:>9.1f} {findings:>11.0f}"
    )
    document.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
