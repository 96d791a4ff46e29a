"""Folding on a generated 10,000-node case: time to fold everything below level 3, to unfold
it all, and to fold or unfold one node, in the real editor window (offscreen). Folding must
not lay out again nor recompute findings. Also writes docs/folded-10k.png, the folded case
fitted to the window.

Run: QT_QPA_PLATFORM=offscreen python benchmarks/bench_folding.py [SIZE] [--screenshot]
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

from gsn_studio.app.main_window import MainWindow
from gsn_studio.layout import layout_case
from gsn_studio.model.changes import MoveNodes

LEVEL = 3
"""Folded below this many SupportedBy steps from the top (the generated case is deep)."""
DOCS = Path(__file__).resolve().parents[1] / "docs"


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
    numbers = [int(arg) for arg in sys.argv[1:] if arg.isdigit()]
    size = numbers[0] if numbers else 10000
    case = generate_case(size)
    MoveNodes(dict(layout_case(case))).apply(case)
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    opened = timed(lambda: window.document.replace(case, None))
    print(f"{len(case.nodes)} nodes: shown in {opened:.0f} ms")
    folding = window.scene.folding
    print(f"fold below level {LEVEL}: {timed(lambda: window.folds.fold_to_level(LEVEL)):.0f} ms "
          f"({len(folding.folded)} folded, {len(folding.hidden)} nodes hidden)")  # fmt: skip
    one = sorted(folding.folded)[0]
    print(f"unfold one node: {timed(lambda: folding.set_folded([one], False)):.0f} ms")
    print(f"fold it again: {timed(lambda: folding.set_folded([one], True)):.0f} ms")
    if "--screenshot" in sys.argv:
        # The nodes keep their places (folding lays nothing out): show the top of the case.
        window.view.set_zoom(0.55)
        window.view.center_on_node(window.document.case.nodes[0].id)
        window.view.centerOn(window.view.mapToScene(window.view.viewport().rect().center()))
        app.processEvents()
        window.grab().save(str(DOCS / "folded-10k.png"))
        print(f"wrote {DOCS / 'folded-10k.png'}")
    print(f"unfold all: {timed(window.folds.unfold_all.trigger):.0f} ms")
    print(f"undo (fold again): {timed(window.document.undo_stack.undo):.0f} ms")
    window.document.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
