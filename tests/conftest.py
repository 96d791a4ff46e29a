"""Shared test set-up. Qt must run offscreen: set before any test imports PySide6."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

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


class CliResult(NamedTuple):
    """One run of the command; the names are subprocess.CompletedProcess's, so an in-process
    test and an end-to-end one read alike."""

    returncode: int
    stdout: str
    stderr: str


RunCli = Callable[..., CliResult]


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """`gsn-studio ARGS...` run in this process through the installed command's own entry (the
    launcher), giving its exit status, standard output and standard error. Tests of what a
    command does use this; only what needs a real process (start-up imports, pipes, locks,
    kills, packaging) starts one, and says why."""
    from gsn_studio.launcher import editor_request, main

    def run(*args: str | os.PathLike[str], cwd: Path | None = None) -> CliResult:
        arguments = [os.fspath(arg) for arg in args]
        capsys.readouterr()  # this run's output only
        with monkeypatch.context() as local:
            if cwd is not None:
                local.chdir(cwd)
            if editor_request(arguments) is not None:
                raise ValueError(f"{arguments} would open the editor, not run a command")
            try:
                code = main(arguments)
            except SystemExit as done:  # argparse's --help and usage errors
                code = done.code if isinstance(done.code, int) else int(done.code is not None)
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run


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
