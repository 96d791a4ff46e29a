"""The Qt binding itself: guard against PySide6 releases that corrupt the interpreter."""

from __future__ import annotations

import subprocess
import sys


def test_void_calls_keep_none_alive() -> None:
    """Thousands of void Qt calls leave None's reference count alone (PySide6 6.12.0 did not)."""
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "app = QApplication([])\n"
        "label = QLabel()\n"
        "before = sys.getrefcount(None)\n"
        "for _ in range(20000):\n"
        "    label.setText('x')\n"
        "print(sys.getrefcount(None) - before)\n"
    )
    # A process: a binding that corrupts the interpreter must not take the test run down.
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert abs(int(result.stdout.strip())) < 100
