"""Takes docs/editor.png, the README's picture: the loan sample with G2 selected (its "why" in
the properties panel) and the Dashboard in front, at 1400x900.

Run: QT_QPA_PLATFORM=offscreen python docs/editor_screenshot.py [OUT.png]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from gsn_studio.app.main_window import MainWindow

HERE = Path(__file__).resolve().parent


def settle(milliseconds: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["GSN_STUDIO_SETTINGS_DIR"] = tempfile.mkdtemp()  # a first run: no saved layout
    app = QApplication.instance() or QApplication(sys.argv[:1])
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "editor.png"
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    window.open_paths([HERE.parent / "samples" / "loan-approval.gsnx"])
    while window.layout_runner.is_running():
        app.processEvents()
    settle(300)
    window.selection.set(["G2"])
    window.docks["dashboard"].raise_()
    settle(300)
    window.grab().save(str(out))
    print(f"wrote {out}")
    window.close()


if __name__ == "__main__":
    main()
