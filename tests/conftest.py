"""Shared test set-up. Qt must run offscreen: set before any test imports PySide6."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
# shared/ sits beside the repository on developer machines and in CI, not inside it.
CORPUS = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(REPO / "benchmarks"))  # tests use the benchmark's case generator


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test keeps its settings (recent files, preferences, recovery copies) in its own
    temporary folder, never the user's: the one place this is arranged."""
    folder = tmp_path / "settings"
    monkeypatch.setenv("GSN_STUDIO_SETTINGS_DIR", str(folder))
    return folder


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    return CORPUS


@pytest.fixture
def window(qtbot: Any) -> Iterator[Any]:
    """The editor's main window, shown offscreen; closed without the "save changes?" question
    and with the clipboard emptied (offscreen Qt crashes at exit if it still owns data)."""
    from PySide6.QtWidgets import QApplication

    from gsn_studio.app.main_window import MainWindow

    main = MainWindow()
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.document.undo_stack.setClean()
    main.layout_runner.cancel()
    main.layout_runner.wait()
    main.close()
    main.deleteLater()
    QApplication.clipboard().clear()
