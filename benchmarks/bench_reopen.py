"""Memory across reopening one file (issue 11, defect 7): opens the same generated case ten
times in one editor window and prints the resident memory after each open, beside the first
open's, and the count of objects Python tracks (frozen ones included). Flat is right: each open
should free the case it replaces.

Run: QT_QPA_PLATFORM=offscreen python benchmarks/bench_reopen.py [NODES] [OPENS]
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
from pathlib import Path

from generate import generate_case  # beside this script, which Python puts on sys.path
from PySide6.QtWidgets import QApplication

from gsn_studio.app.main_window import MainWindow
from gsn_studio.io import save_case
from gsn_studio.layout import layout_case


def resident_mb() -> float:
    """Resident set size from /proc (Linux), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def tracked_objects() -> int:
    """Objects the collector knows of, including those moved out of its sight by gc.freeze."""
    return len(gc.get_objects()) + gc.get_freeze_count()


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["GSN_STUDIO_SETTINGS_DIR"] = tempfile.mkdtemp()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    opens = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    case = generate_case(size)
    for node_id, position in layout_case(case).items():
        case.node(node_id).position = position
    path = Path(tempfile.mkdtemp()) / f"reopen-{size}.gsnx"
    save_case(case, path)
    del case

    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    print(f"{size} nodes, {opens} opens of {path.name}")
    print(f"{'open':>4} {'ms':>7} {'RSS MB':>8} {'vs 1st':>8} {'objects':>9} {'vs 1st':>9}")
    first: tuple[float, int] | None = None
    for number in range(1, opens + 1):
        started = time.perf_counter()
        window.files.open(path, ask=False)
        app.processEvents()
        elapsed = (time.perf_counter() - started) * 1000
        rss, objects = resident_mb(), tracked_objects()
        first = first or (rss, objects)
        print(
            f"{number:>4} {elapsed:>7.0f} {rss:>8.1f} {rss - first[0]:>+8.1f} "
            f"{objects:>9} {objects - first[1]:>+9}"
        )
    window.document.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
