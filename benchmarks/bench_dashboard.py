"""How long the dashboard takes to refresh on generated cases, beside one `assess` of the same
case in the same run (the refresh shows what an assessment found; it should cost about as much).

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_dashboard.py [SIZES...]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GSN_STUDIO_SETTINGS_DIR", tempfile.mkdtemp(prefix="gsn-bench-settings-"))
sys.path.insert(0, str(Path(__file__).parent))

from generate import generate_case
from PySide6.QtWidgets import QApplication

from gsn_studio.analysis import assess
from gsn_studio.app.document import Document
from gsn_studio.app.panels import DashboardPanel


def main(sizes: list[int]) -> None:
    app = QApplication.instance() or QApplication([])
    print(f"{'nodes':>7}  {'assess (baseline)':>18}  {'dashboard refresh':>18}  ratio")
    for size in sizes:
        case = generate_case(size)
        document = Document()
        document.replace(case, None)
        panel = DashboardPanel(document)
        panel.resize(1100, 300)
        panel.show()
        app.processEvents()
        baseline, refresh = [], []
        for _ in range(3):
            started = time.perf_counter()
            assess(document.case, document.as_of)
            baseline.append(time.perf_counter() - started)
            panel.refresh()
            refresh.append(panel.last_refresh_ms / 1000)
        best_base, best_refresh = min(baseline), min(refresh)
        print(
            f"{len(case.nodes):>7}  {best_base * 1000:>15.0f} ms  {best_refresh * 1000:>15.0f} ms"
            f"  {best_refresh / best_base:.1f}x"
        )
        panel.close()


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [100, 1000, 10000])
