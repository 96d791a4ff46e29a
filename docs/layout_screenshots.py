"""Takes docs/layout-pump.png and docs/layout-loan.png: each sample in the editor after
Ctrl+L (Auto-layout), fitted to a 2600x1500 window with the panels hidden, and their exported
figures docs/layout-pump-figure.png and docs/layout-loan-figure.png.

Run: QT_QPA_PLATFORM=offscreen python docs/layout_screenshots.py [OUT_FOLDER]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # first_screen sits beside this script

from first_screen import HERE, settle
from PySide6.QtWidgets import QApplication

from gsn_studio.app.main_window import MainWindow
from gsn_studio.cli import main as cli_main
from gsn_studio.io import save_case

SAMPLES = {"pump": "infusion-pump.gsnx", "loan": "loan-approval.gsnx"}


def editor_after_layout(sample: Path, out: Path, laid_out: Path) -> None:
    """The editor's picture after Ctrl+L, and the case as laid out saved to `laid_out`."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow()
    window.resize(2600, 1500)
    window.show()
    for dock in window.docks.values():
        dock.hide()
    window.open_paths([sample])
    while window.layout_runner.is_running():
        app.processEvents()
    settle(300)
    window.act_layout.trigger()
    while window.layout_runner.is_running():
        app.processEvents()
    settle(500)
    window.grab().save(str(out))
    print(f"wrote {out} at zoom {window.view.zoom:.0%}")
    save_case(window.document.case, laid_out)
    window.document.undo_stack.setClean()  # a picture, not an edit to keep
    window.close()


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    os.environ["GSN_STUDIO_SETTINGS_DIR"] = tempfile.mkdtemp()  # never the user's settings
    scratch = Path(tempfile.mkdtemp())
    for name, file in SAMPLES.items():
        laid_out = scratch / file
        editor_after_layout(HERE.parent / "samples" / file, folder / f"layout-{name}.png", laid_out)
        figure = folder / f"layout-{name}-figure.png"
        if cli_main(["export", str(laid_out), "--scale", "1", "-o", str(figure)]) != 0:
            raise SystemExit(f"export of {laid_out} failed")
        print(f"wrote {figure}")


if __name__ == "__main__":
    main()
