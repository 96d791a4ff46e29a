"""The editor and modules, until it has a Modules panel: opening one module of a modular case
shows that module, does not crash, and saving it keeps its header and citations."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES
from pytestqt.qtbot import QtBot

from gsn_studio.app.main_window import MainWindow
from gsn_studio.io import load_case

MODULAR = Path(__file__).resolve().parent / "fixtures" / "gsn2x_modular" / "modular"


@pytest.mark.parametrize(
    "path",
    [SAMPLES / "modular-loan" / "top.gsnx", MODULAR / "index.gsn.yaml"],
    ids=lambda p: p.name,
)
def test_one_module_opens_laid_out_and_saves_with_its_header(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, path: Path
) -> None:
    """A module opens on its own, its away elements and links into other modules included,
    is laid out, and saving it elsewhere keeps the module header and the citations."""
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    assert window.files.open(copy, ask=False)
    qtbot.waitUntil(lambda: all(n.position for n in window.document.case.nodes), timeout=20000)
    assert [n.id for n in window.document.case.nodes] == [n.id for n in load_case(path).nodes]
    window.document.refresh_findings()
    window.files.save()
    saved = load_case(copy)
    original = load_case(path)
    assert saved.module == original.module
    assert saved.extras == original.extras
    assert [n.cites for n in saved.nodes] == [n.cites for n in original.nodes]
