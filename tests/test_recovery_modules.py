"""Never lose work in a case of modules: the autosaved copy holds every module, so an edit made
in a module no longer shown is restored after a crash, with the module that was shown in front,
and Save puts each edited module back into its own file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLES
from pytestqt.qtbot import QtBot

from gsn_studio.app import recovery
from gsn_studio.app.main_window import MainWindow
from gsn_studio.app.recovery_dialog import offer_recovery
from gsn_studio.io import load_case
from gsn_studio.model import Node, NodeType
from gsn_studio.model.changes import AddNode


@pytest.fixture
def case_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "loan"
    shutil.copytree(SAMPLES / "modular-loan", folder)
    return folder


@pytest.fixture
def windows(qtbot: QtBot, isolated_settings: Path) -> Iterator[list[MainWindow]]:
    opened: list[MainWindow] = []
    yield opened
    for window in opened:  # closed without the "save changes?" question
        window.document.undo_stack.setClean()
        window.close()
        window.deleteLater()


def new_window(qtbot: QtBot, windows: list[MainWindow]) -> MainWindow:
    window = MainWindow()
    window.show()
    qtbot.waitExposed(window)
    windows.append(window)
    return window


def as_if_crashed(slot: recovery.Slot) -> None:
    """Hand the window's recovery files to a process that is gone, as a crash leaves them."""
    # A process: only a finished process gives an id that is surely not running.
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    stem = f"{child.pid}-1"
    info = json.loads(slot.info_file.read_text())
    info["pid"], info["process"] = child.pid, None
    for source, suffix in ((slot.case_file, ".gsnx"), (slot.modules_file, ".modules.json")):
        shutil.copy(source, slot.folder / f"{stem}{suffix}")
    (slot.folder / f"{stem}.json").write_text(json.dumps(info))


@pytest.mark.slow  # two editor windows and a modular case
def test_an_edit_in_a_module_not_shown_is_restored_after_a_crash(
    qtbot: QtBot, windows: list[MainWindow], case_folder: Path
) -> None:
    """Edit fairness, show accuracy, autosave, crash: the restored case holds the fairness
    edit, shows accuracy, and Save writes the edit into fairness.gsnx."""
    first = new_window(qtbot, windows)
    assert first.files.open(case_folder / "top.gsnx")
    document = first.document
    assert document.show_module("fairness")
    added = document.case.next_id(NodeType.CONTEXT)
    context = Node(id=added, type=NodeType.CONTEXT, statement="Added in fairness")
    assert document.push(AddNode(context), "Add context")
    assert document.show_module("accuracy")
    assert first.files.autosave.save_now()
    as_if_crashed(first.files.autosave.slot)

    second = new_window(qtbot, windows)
    dialog = offer_recovery(second, lambda: pytest.fail("no third window needed"))
    assert dialog is not None
    dialog.restore_button.click()

    restored = second.document
    assert restored.modules.active == "accuracy"
    fairness = restored.modules.modular.module("fairness")
    assert fairness is not None and fairness.case.node(added).statement == "Added in fairness"
    assert restored.is_modified()
    second.act_save.trigger()
    assert load_case(case_folder / "fairness.gsnx").node(added).statement == "Added in fairness"


def test_a_single_case_leaves_no_modules_copy(
    qtbot: QtBot, windows: list[MainWindow], tmp_path: Path
) -> None:
    """Only a case of modules needs the modules copy: a single case's slot has none."""
    window = new_window(qtbot, windows)
    assert window.files.open(SAMPLES / "tutorial.gsnx")
    document = window.document
    more = Node(id=document.case.next_id(NodeType.CONTEXT), type=NodeType.CONTEXT, statement="M")
    assert document.push(AddNode(more), "Add")
    assert window.files.autosave.save_now()
    slot = window.files.autosave.slot
    assert slot.case_file.exists() and not slot.modules_file.exists()
