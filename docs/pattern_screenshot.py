"""Takes docs/pattern-editor.png: the hazard-directed pattern in the editor, its `each` ball,
choice diamonds and uninstantiated triangles on the canvas, an ACP on S1 → G2 and the Legend
scrolled to its pattern keys, at 1400x900.

Run: QT_QPA_PLATFORM=offscreen python docs/pattern_screenshot.py [OUT.png]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QScrollArea

sys.path.insert(0, str(Path(__file__).resolve().parent))  # first_screen sits beside this script

from first_screen import HERE, settle

from gsn_studio.app.main_window import MainWindow
from gsn_studio.model.patterns import AssuranceClaimPoint


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "pattern-editor.png"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["GSN_STUDIO_SETTINGS_DIR"] = tempfile.mkdtemp()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    window.open_paths([HERE.parent / "samples" / "patterns" / "hazard-directed.gsnx"])
    while window.layout_runner.is_running():
        app.processEvents()
    # An ACP to show its square: the confidence that the hazard log is complete (J1's claim).
    case = window.document.case
    case.acps = [AssuranceClaimPoint(name="ACP1", node="S1", to="G2", confidence="G5")]
    window.scene.rebuild()
    window.selection.set(["G2"])
    window.docks["legend"].show()
    window.docks["legend"].raise_()
    settle(300)
    scroll = window.docks["legend"].findChild(QScrollArea)
    if scroll is not None:  # the pattern keys close the legend: show them
        scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    window.view.fit_all()
    settle(200)
    window.grab().save(str(out))
    print(f"wrote {out}")
    window.close()


if __name__ == "__main__":
    main()
