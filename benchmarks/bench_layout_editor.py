"""Auto-layout in the editor at scale: opens a generated case with no positions (so it is laid
out on opening), then presses Ctrl+L, and prints the wall time of each until the window is
idle with the new positions shown; then how long the idle batches take to bend every blocked
link of a case above routes.DETOUR_LIMIT (the window stays responsive meanwhile).

Run: QT_QPA_PLATFORM=offscreen python benchmarks/bench_layout_editor.py [NODES]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from generate import generate_case  # beside this script, which Python puts on sys.path
from PySide6.QtWidgets import QApplication

from gsn_studio.app.main_window import MainWindow
from gsn_studio.io import save_case


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["GSN_STUDIO_SETTINGS_DIR"] = tempfile.mkdtemp()  # never the user's settings
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    case = generate_case(size)
    for node in case.nodes:
        node.position = None
    path = Path(tempfile.mkdtemp()) / f"case-{size}.gsnx"
    save_case(case, path)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow()
    window.resize(1400, 900)
    window.show()

    def until_laid_out() -> None:
        while window.layout_runner.is_running():
            app.processEvents()
        app.processEvents()

    def until_routed() -> float:
        started = time.perf_counter()
        router = window.scene.batch_router
        while router.pending:
            app.processEvents()
        return time.perf_counter() - started

    print(f"{len(case.nodes):,} nodes, {len(case.links):,} links")
    started = time.perf_counter()
    window.files.open(path, ask=False)
    until_laid_out()
    print(f"open, laid out and shown: {time.perf_counter() - started:6.1f} s")
    print(f"  then idle batches bend blocked links: {until_routed():6.1f} s")
    started = time.perf_counter()
    window.act_layout.trigger()
    until_laid_out()
    print(f"Ctrl+L until applied:      {time.perf_counter() - started:6.1f} s")
    print(f"  then idle batches bend blocked links: {until_routed():6.1f} s")
    window.document.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
