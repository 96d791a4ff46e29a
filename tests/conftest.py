"""Shared test set-up. Qt must run offscreen: set before any test imports PySide6."""

from __future__ import annotations

import os
import sys
from pathlib import Path

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
