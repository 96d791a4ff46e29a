"""Takes docs/first-screen.png: the editor as it first shows the loan sample, at 1400x900.

Run: QT_QPA_PLATFORM=offscreen python docs/first_screen.py [OUT.png]
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
    """Let the window finish what it started (delayed refreshes, painting)."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def loan_window() -> MainWindow:
    """The editor as a first run shows the loan sample, at 1400x900, laid out and idle."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["GSN_STUDIO_SETTINGS_DIR"] = tempfile.mkdtemp()  # a first run: no saved layout
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    window.open_paths([HERE.parent / "samples" / "loan-approval.gsnx"])
    while window.layout_runner.is_running():
        app.processEvents()
    settle(300)
    return window


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "first-screen.png"
    window = loan_window()
    window.grab().save(str(out))
    print(f"wrote {out} at zoom {window.view.zoom:.0%}")
    window.close()


if __name__ == "__main__":
    main()
