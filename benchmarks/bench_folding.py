"""Folding on a generated 10,000-node case: time to fold everything below level 3, to unfold
it all, and to fold or unfold one node, in the real editor window (offscreen). Folding must
not lay out again nor recompute findings (Fold to Level compacts what stays shown while
editing: timed too). Also writes docs/folded-10k.png, the case folded to level 7 and
compacted, fitted to the window.

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
from gsn_studio.model import Case
from gsn_studio.model.changes import MoveNodes
from gsn_studio.model.diagram_view import _reach, hanging

LEVEL = 3
"""Folded below this many SupportedBy steps from the top (the generated case is deep)."""
PICTURE_LEVEL = 7
"""The level docs/folded-10k.png folds to: the top of the argument, a screenful."""
DOCS = Path(__file__).resolve().parents[1] / "docs"


def timed(action: Callable[[], object]) -> str:
    """Milliseconds for the action itself, then for the repaint that follows it."""
    started = time.perf_counter()
    action()
    done = time.perf_counter()
    QApplication.processEvents()
    painted = time.perf_counter()
    return f"{(done - started) * 1000:.0f} ms (+ {(painted - done) * 1000:.0f} ms repaint)"


def mid_sized(case: Case, nodes: int) -> str:
    """A node with about `nodes` nodes below it: a typical subtree to fold."""
    table = hanging(case)
    below = {
        node.id: len(_reach(table.support.get(node.id, ()), table, None)) for node in case.nodes
    }
    return min(below, key=lambda node_id: abs(below[node_id] - nodes))


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
    print(f"{len(case.nodes)} nodes: shown in {opened}")
    folding = window.scene.folding
    some = mid_sized(case, 100)
    print(f"fold {some} (about 100 nodes below): {timed(lambda: folding.set_folded([some], True))}")
    print(f"unfold it: {timed(lambda: folding.set_folded([some], False))}")
    print(f"fold below level {LEVEL}: {timed(lambda: window.folds.fold_to_level(LEVEL))} "
          f"({len(folding.folded)} folded, {len(folding.hidden)} nodes hidden)")  # fmt: skip
    one = sorted(folding.folded)[0]
    print(f"unfold it: {timed(lambda: folding.set_folded([one], False))}")
    print(f"fold it again: {timed(lambda: folding.set_folded([one], True))}")
    if "--screenshot" in sys.argv:
        # Fold to Level compacts what stays shown (one undo step while editing): fit it.
        print(f"fold to level {PICTURE_LEVEL} and compact: "
              f"{timed(lambda: window.folds.fold_to_level(PICTURE_LEVEL))} "
              f"({len(folding.hidden)} nodes hidden)")  # fmt: skip
        window.selection.set([])
        window.view.fit_all()
        app.processEvents()
        window.docks["overview"].widget().rebuild()  # else drawn 250 ms after edits settle
        app.processEvents()
        window.grab().save(str(DOCS / "folded-10k.png"))
        print(f"wrote {DOCS / 'folded-10k.png'}")
    print(f"unfold all: {timed(window.folds.unfold_all.trigger)}")
    print(f"undo (fold again): {timed(window.document.undo_stack.undo)}")
    window.document.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
